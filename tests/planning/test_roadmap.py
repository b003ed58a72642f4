"""Career roadmaps: the role's target, and steps ordered defining-first, weakest-first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.planning.roadmap import Profile, profile_of, roadmap
from eaism.scoring.answers import Answer
from eaism.scoring.person import operating_level
from eaism.scoring.profile import score_person
from tests.factories import answers_up_to, response

EDITION = load_edition()


def test_an_engineer_at_level_2_starts_with_the_weakest_level_3_domains() -> None:
    answers = answers_up_to(EDITION, 2)
    for domain_id in ("apis_integration", "rag_retrieval", "security"):
        for item in EDITION.domain(domain_id).items_at(3):
            answers[item.id] = Answer(0.5, "pilot")
    result = score_person(EDITION, [response(answers)])
    assert result.operating.demonstrated == 2
    plan = roadmap(EDITION, profile_of(result), "software_engineer")
    assert plan.target_level == 3
    assert [(step.domain, step.level) for step in plan.steps[:2]] == [
        ("evaluation", 3),
        ("observability", 3),
    ]
    assert {step.domain for step in plan.steps} == set(EDITION.scoring.defining_domains[3])
    assert all(item.evidence_prompt for step in plan.steps for item in step.items)


def test_a_product_manager_aims_at_level_3_literacy() -> None:
    result = score_person(EDITION, [response(answers_up_to(EDITION, 1))])
    plan = roadmap(EDITION, profile_of(result), "product_manager")
    assert (plan.target_level, plan.target_kind) == (3, "literacy")
    for domain_id in EDITION.domain_ids:
        levels = [step.level for step in plan.steps if step.domain == domain_id]
        assert levels == sorted(levels), "a domain climbs its ladder in order"


def test_a_reached_target_stretches_one_level_further() -> None:
    result = score_person(EDITION, [response(answers_up_to(EDITION, 1))])
    plan = roadmap(EDITION, profile_of(result), "business_role")
    assert plan.beyond_target
    assert plan.target_level == 2


def test_leaning_on_prompting_alone_is_called_a_level_1_skill() -> None:
    levels = dict.fromkeys(EDITION.domain_ids, 0) | {"prompting": 2}
    profile = Profile(levels, {}, 0, {})
    plan = roadmap(EDITION, profile, "software_engineer")
    assert plan.warnings
    assert "Level 1" in plan.warnings[0]


valid_levels = st.fixed_dictionaries(
    {domain.id: st.sampled_from((0, *domain.applicable_levels)) for domain in EDITION.domains}
)


@given(valid_levels, st.sampled_from([role.id for role in EDITION.roles]))
def test_following_the_steps_reaches_the_target(levels: dict[str, int], role_id: str) -> None:
    current = operating_level(EDITION, levels)
    plan = roadmap(EDITION, Profile(levels, {}, current, {}), role_id)
    reached = dict(levels)
    for step in plan.steps:
        assert step.level > levels[step.domain], "a step never repeats a cell already met"
        reached[step.domain] = max(reached[step.domain], step.level)
    assert operating_level(EDITION, reached) >= plan.target_level
