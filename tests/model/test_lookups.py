"""Looking up an id the edition does not have names the id and the ones it has."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.errors import EaismError, UnknownIdError
from eaism.model.loader import load_edition

EDITION = load_edition()


@given(st.text(max_size=20).filter(lambda text: text not in EDITION.domain_ids))
def test_an_unknown_domain_names_itself_and_every_domain(domain_id: str) -> None:
    with pytest.raises(UnknownIdError) as caught:
        EDITION.domain(domain_id)
    assert repr(domain_id) in str(caught.value)
    assert all(known in str(caught.value) for known in EDITION.domain_ids)


@pytest.mark.parametrize(
    ("lookup", "value", "message"),
    [
        (EDITION.level, 9, "9 is not a level; expected one of: 1, 2, 3, 4, 5"),
        (
            EDITION.role,
            "wizard",
            "'wizard' is not a role; expected one of: software_engineer, product_manager, "
            "data_professional, business_role",
        ),
        (
            EDITION.domain("prompting").cell,
            0,
            "0 is not a level of the prompting domain; expected one of: 1, 2, 3, 4, 5",
        ),
        (EDITION.analysis.capacity_at, 6, "6 is not a level; expected one of: 1, 2, 3, 4, 5"),
    ],
)
def test_an_unknown_level_role_or_cell_says_what_there_is(
    lookup: object, value: object, message: str
) -> None:
    with pytest.raises(UnknownIdError) as caught:
        lookup(value)  # type: ignore[operator]
    assert str(caught.value) == message


def test_the_error_is_one_eaism_reports_and_a_lookup_error() -> None:
    with pytest.raises(UnknownIdError) as caught:
        EDITION.diagnostic("NO_SUCH_CODE")
    assert isinstance(caught.value, EaismError)
    assert isinstance(caught.value, LookupError)
