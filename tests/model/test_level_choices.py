"""The wording of the allowed levels in validation messages matches pydantic's for any Literal."""

from __future__ import annotations

from typing import Literal

import pytest
from hypothesis import given
from hypothesis import strategies as st
from pydantic import TypeAdapter, ValidationError

from eaism.model.validation import _listed


@given(st.lists(st.integers(0, 99), min_size=1, max_size=8, unique=True))
def test_level_choices_are_worded_as_pydantic_words_them(values: list[int]) -> None:
    with pytest.raises(ValidationError) as raised:
        TypeAdapter(Literal[tuple(values)]).validate_python(-1)  # type: ignore[valid-type]
    assert raised.value.errors()[0]["ctx"]["expected"] == _listed(tuple(values))
