"""The organisation documents have exactly the shapes analysis/document_types.py declares: the
analysis, the what-if comparison, the published (protected) and shown analysis, the response
rates; from the example files and from drawn organisations, on every edition."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.analysis.document import analysis_document, comparison_document
from eaism.analysis.document_types import (
    AnalysisDocument,
    ComparisonDocument,
    ProtectedAnalysisDocument,
    ResponseRatesDocument,
    ShownFigures,
)
from eaism.analysis.organisation import Organisation, PlannedHire
from eaism.analysis.protection import protect, shown
from eaism.analysis.report import analyse
from eaism.analysis.response_rates import Counts, rates_document, response_rates
from eaism.analysis.whatif import Hire, PromotePilot, Upskill, what_if
from eaism.io.organisation import read_organisation
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.conftest import ROOT
from tests.document_shapes import assert_shape
from tests.factories import HEALTHY_PRACTICES, healthy_organisation, people_at, pilot, production
from tests.strategies import levels

EXAMPLES = sorted((ROOT / "examples" / "organisations").glob("*.yaml"))


def _example(path: Path) -> tuple[Edition, Organisation]:
    loaded = read_organisation(path, lambda edition, overlays: load_edition(edition, overlays))
    return loaded.edition, loaded.organisation


def _checked(edition: Edition, organisation: Organisation, threshold: int) -> AnalysisDocument:
    """The analysis, its protected and its shown form, each checked against its declaration."""
    document = analysis_document(edition, analyse(edition, organisation, threshold))
    assert_shape(document, AnalysisDocument)
    protected = protect(edition, document, threshold)
    assert_shape(protected, ProtectedAnalysisDocument)
    assert_shape(shown(protected), ShownFigures)
    return document


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.stem)
def test_the_example_organisations_have_the_declared_shapes(path: Path) -> None:
    edition, organisation = _example(path)
    document = _checked(edition, organisation, 5)
    assert document["readiness"]


def test_a_healthy_organisation_has_no_next_phase_and_empty_lists(any_edition: Edition) -> None:
    """Nothing stalled, nothing to recommend, nothing withheld, no diagnostic."""
    healthy = healthy_organisation(any_edition)
    many = [level for level in (0, *any_edition.level_numbers) for _ in range(30)]
    organisation = Organisation(
        people=people_at(any_edition, many),
        systems=tuple(s for s in healthy.systems if s.status == "production"),
        practices=dict(HEALTHY_PRACTICES),
    )
    document = _checked(any_edition, organisation, 3)
    assert document["hiring"]["next_phase"] is None
    assert document["hiring"]["recommended"] == []
    assert document["prototype_debt"]["stalled"] == []
    protected = protect(any_edition, document, 3)
    assert "team_sizes" not in protected["withheld"]


def test_an_organisation_without_systems_or_people_above_level_0(any_edition: Edition) -> None:
    """No phase in place, no production system, no readiness entry."""
    organisation = Organisation(people=people_at(any_edition, [0] * 10))
    document = _checked(any_edition, organisation, 3)
    assert document["hiring"]["current_phase"] is None
    assert document["readiness"] == []


def test_withheld_cells_are_null_and_listed(any_edition: Edition) -> None:
    """Small levels, teams' sizes, a recommendation and diagnostic evidence withheld."""
    top = any_edition.level_numbers[-1]
    found = [0] * 19 + [2, 2, 2, 2, 0, 2, 0, 0, 2, 2]  # seven builders in the third team
    teams = ["first"] * 11 + ["second"] * 8 + ["third"] * 10
    organisation = Organisation(
        people=people_at(any_edition, found, teams),
        systems=(pilot("stalled", months=9), production("bot", rate=None, checks=frozenset())),
        planned_hires=(PlannedHire(top, 1, "Chief AI Officer"),),
    )
    document = _checked(any_edition, organisation, 5)
    protected = protect(any_edition, document, 5)
    withheld = protected["withheld"]
    assert withheld["by_level"]
    assert withheld["team_sizes"]
    assert withheld["diagnostics"]
    assert None in protected["workforce"]["by_level"].values()
    assert [item["count"] for item in protected["hiring"]["recommended"]] == [None]
    assert document["readiness"][0]["success_rate"] is None
    assert document["readiness"][0]["meets_target"] is None


@settings(max_examples=30, deadline=None)
@given(st.data(), st.integers(3, 8))
def test_any_organisation_has_the_declared_shapes(
    any_edition: Edition, data: st.DataObject, threshold: int
) -> None:
    people = data.draw(
        st.lists(st.tuples(levels(any_edition), st.sampled_from("abc")), min_size=1, max_size=60)
    )
    months = data.draw(st.sampled_from((0.5, 7, 12.5)))
    rate = data.draw(st.sampled_from((None, 0.9, 0.999)))  # None: no success rate known
    organisation = Organisation(
        people=people_at(any_edition, [level for level, _ in people], [t for _, t in people]),
        systems=(pilot("pilot", months=months), production("bot", rate=rate)),
        practices=data.draw(st.sampled_from(({}, dict(HEALTHY_PRACTICES)))),
    )
    _checked(any_edition, organisation, threshold)


def test_a_comparison_has_the_declared_shape_for_every_kind_of_change(
    any_edition: Edition,
) -> None:
    organisation = Organisation(
        people=people_at(any_edition, [1] * 20 + [2] * 20 + [3]),
        systems=(pilot("triage", months=8),),
        practices=dict(HEALTHY_PRACTICES),
    )
    domain = any_edition.domains[-1]
    low, high = domain.applicable_levels[0], domain.applicable_levels[1]
    changes = (Hire(3, 4), Upskill(domain.id, low, high, 2), PromotePilot("triage"))
    comparison = what_if(any_edition, organisation, changes)
    document = comparison_document(any_edition, comparison)
    assert_shape(document, ComparisonDocument)
    assert [next(iter(change)) for change in document["changes"]] == [
        "hire",
        "upskill",
        "promote_pilot",
    ]


@st.composite
def counts(draw: st.DrawFn) -> Counts:
    invited = draw(st.integers(0, 40))
    started = draw(st.integers(0, invited))
    return Counts(invited, started, draw(st.integers(0, started)))


@given(st.dictionaries(st.text("abcdef", min_size=1, max_size=4), counts(), max_size=8))
def test_response_rates_have_the_declared_shape(teams: dict[str, Counts]) -> None:
    """With the total shown or withheld, teams shown, pooled or none."""
    assert_shape(rates_document(response_rates(teams, 5)), ResponseRatesDocument)


def test_a_round_too_small_to_show_has_no_overall_rate() -> None:
    document = rates_document(response_rates({"ops": Counts(2, 1, 1)}, 5))
    assert document["overall"] is None
    assert_shape(document, ResponseRatesDocument)
