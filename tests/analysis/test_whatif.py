"""What-if scenarios change only what they name, and show what the change does."""

from __future__ import annotations

import pytest

from eaism.analysis.organisation import Organisation
from eaism.analysis.whatif import Hire, PromotePilot, Upskill, what_if
from eaism.errors import UsageError
from eaism.model.loader import load_edition
from tests.factories import HEALTHY_PRACTICES, people_at, pilot

EDITION = load_edition()


def bottlenecked() -> Organisation:
    return Organisation(
        people=people_at(EDITION, [1] * 20 + [2] * 20 + [3] * 1),
        systems=(pilot("triage", months=8), pilot("search", months=7)),
        practices=dict(HEALTHY_PRACTICES),
    )


def test_hiring_systems_engineers_resolves_the_bottleneck() -> None:
    comparison = what_if(EDITION, bottlenecked(), (Hire(3, 4),))
    assert "LEVEL3_BOTTLENECK" in comparison.removed_codes
    assert comparison.after.workforce.by_level[3] == comparison.before.workforce.by_level[3] + 4
    assert comparison.before.hiring.next_phase == 3
    assert comparison.after.hiring.next_phase == 4


def test_promoting_the_pilots_clears_the_debt() -> None:
    comparison = what_if(EDITION, bottlenecked(), (PromotePilot("triage"), PromotePilot("search")))
    assert "PROTOTYPE_DEBT" in comparison.removed_codes
    assert [item.ready for item in comparison.after.readiness] == [True, True]


def test_upskilling_lifts_exactly_the_named_number_of_people() -> None:
    comparison = what_if(EDITION, bottlenecked(), (Upskill("evaluation", 2, 3, 5),))
    column = EDITION.domain_ids.index("evaluation")
    before, after = (
        comparison.before.heatmap.counts[column][2],
        comparison.after.heatmap.counts[column][2],
    )
    assert after == before + 5


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (Upskill("vision", 2, 3, 1), "'vision' is not a domain"),
        (Upskill("evaluation", 2, 3, 500), "only 20 people are at level 2 in evaluation, not 500"),
        (PromotePilot("nothing"), "'nothing' is not a pilot; pilots: search, triage"),
    ],
)
def test_impossible_changes_are_refused(
    change: Hire | Upskill | PromotePilot, message: str
) -> None:
    with pytest.raises(UsageError, match=message):
        what_if(EDITION, bottlenecked(), (change,))
