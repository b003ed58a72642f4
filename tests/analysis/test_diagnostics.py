"""Each diagnostic fires on the data that supports it, and only then."""

from __future__ import annotations

from dataclasses import replace

from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.organisation import Organisation, PlannedHire
from eaism.analysis.report import analyse
from eaism.analysis.whatif import Hire, apply_change
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.factories import HEALTHY_PRACTICES, healthy_organisation, people_at, pilot, production

EDITION = load_edition()


def codes(organisation: Organisation, edition: Edition = EDITION) -> set[str]:
    return set(analyse(edition, organisation).codes)


def test_a_healthy_organisation_gets_no_diagnostic() -> None:
    assert codes(healthy_organisation(EDITION)) == set()


def test_diagnostics_fire_on_an_organisation_built_to_show_them() -> None:
    levels = [1] * 10 + [2] * 30 + [4] * 1
    titles = ["Prompt Engineer"] + [""] * (len(levels) - 1)
    organisation = Organisation(
        people=people_at(EDITION, levels, titles=titles),
        systems=(
            pilot("old", months=9),
            production("bot", kind="chatbot", rate=0.9, checks=frozenset()),
        ),
        practices={**HEALTHY_PRACTICES, "ai_usage_policy": False},
        planned_hires=(PlannedHire(5, 1, "Chief AI Officer"),),
    )
    assert codes(organisation) == {
        "LEVEL3_BOTTLENECK",
        "PROTOTYPE_DEBT",
        "RELIABILITY_GAP",
        "SINGLE_POINT_OF_FAILURE",
        "SHADOW_AI",
        "HIRE_L5_BEFORE_L3",
        "MYTH_PROMPT_ENGINEER_ROLE",
        "MYTH_PLATFORM_EQUALS_PRODUCTION",
    }


def test_the_missing_middle_reads_the_distribution_of_levels() -> None:
    gap = Organisation(
        people=people_at(EDITION, [2] * 30 + [3] * 1 + [4] * 4), practices=dict(HEALTHY_PRACTICES)
    )
    assert "LEVEL3_GAP" in codes(gap)
    filled = Organisation(
        people=people_at(EDITION, [2] * 30 + [3] * 3 + [4] * 4), practices=dict(HEALTHY_PRACTICES)
    )
    assert "LEVEL3_GAP" not in codes(filled)


def test_stage_mismatch_and_the_chatbot_myth() -> None:
    organisation = Organisation(
        people=people_at(EDITION, [1] * 20 + [2] * 10),
        systems=(
            production("a", kind="chatbot", checks=frozenset({"monitoring"})),
            production("b", kind="chatbot"),
        ),
        practices={
            **HEALTHY_PRACTICES,
            "evaluation_pipelines": True,
            "monitoring_dashboards": True,
        },
    )
    found = codes(organisation)
    assert {"STAGE_MISMATCH", "MYTH_CHATBOT_EQUALS_MATURITY"} <= found


def test_level_3_hires_without_builders() -> None:
    organisation = Organisation(
        people=people_at(EDITION, [1] * 10),
        practices={"ai_usage_policy": True},
        planned_hires=(PlannedHire(3, 2, "AI Systems Engineer"),),
    )
    assert "HIRE_L3_WITHOUT_L2" in codes(organisation)


def test_every_summary_cites_its_numbers() -> None:
    levels = [1] * 10 + [2] * 30 + [3] * 1 + [4] * 4
    organisation = Organisation(
        people=people_at(EDITION, levels),
        systems=(pilot("old", months=9, cost=2500),),
        planned_hires=(PlannedHire(5, 1, "Chief AI Officer"),),
    )
    analysis = analyse(EDITION, organisation)
    debt = next(d for d in analysis.diagnostics if d.code == "PROTOTYPE_DEBT")
    assert debt.evidence["stalled_pilots"] == 1
    assert "2,500 a month" in debt.summary
    bottleneck = next(d for d in analysis.diagnostics if d.code == "LEVEL3_BOTTLENECK")
    assert bottleneck.evidence == {"builders": 30, "pilots": 1, "systems_engineers": 5}


pilot_lists = st.lists(st.floats(0, 30), max_size=15)


def level_lists(edition: Edition) -> st.SearchStrategy[list[int]]:
    return st.lists(st.sampled_from((0, *edition.level_numbers)), min_size=0, max_size=60)


@given(st.data(), pilot_lists, st.integers(1, 5))
def test_adding_a_level_3_person_never_creates_a_bottleneck(
    any_edition: Edition, data: st.DataObject, pilots: list[float], hires: int
) -> None:
    levels = data.draw(level_lists(any_edition))
    organisation = Organisation(
        people=people_at(any_edition, levels),
        systems=tuple(pilot(f"p{index}", months) for index, months in enumerate(pilots)),
    )
    grown = apply_change(any_edition, organisation, Hire(3, hires))
    if "LEVEL3_BOTTLENECK" not in codes(organisation, any_edition):
        assert "LEVEL3_BOTTLENECK" not in codes(grown, any_edition)


@given(st.data(), pilot_lists)
def test_removing_every_pilot_removes_prototype_debt(
    any_edition: Edition, data: st.DataObject, pilots: list[float]
) -> None:
    levels = data.draw(level_lists(any_edition))
    organisation = Organisation(
        people=people_at(any_edition, levels),
        systems=(
            *(pilot(f"p{index}", months) for index, months in enumerate(pilots)),
            production("live"),
        ),
    )
    without = replace(
        organisation, systems=tuple(s for s in organisation.systems if s.status != "pilot")
    )
    assert "PROTOTYPE_DEBT" not in codes(without, any_edition)
    if any(months >= any_edition.analysis.stalled_pilot_months for months in pilots):
        assert "PROTOTYPE_DEBT" in codes(organisation, any_edition)


@given(st.data())
def test_levels_and_counts_stay_consistent(any_edition: Edition, data: st.DataObject) -> None:
    levels = data.draw(level_lists(any_edition))
    analysis = analyse(any_edition, Organisation(people=people_at(any_edition, levels)))
    assert sum(analysis.workforce.by_level) == len(levels)
    every_level = (0, *any_edition.level_numbers)
    assert analysis.workforce.by_level == tuple(levels.count(level) for level in every_level)
    assert len(analysis.heatmap.counts) == len(any_edition.domains)
    for counts in analysis.heatmap.counts:
        assert len(counts) == len(any_edition.level_numbers)
        present = [count for count in counts if count is not None]
        assert present == sorted(present, reverse=True)
