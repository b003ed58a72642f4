"""Career roadmaps: the role's target, and steps ordered defining-first, weakest-first."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.document import roadmap_document
from eaism.planning.roadmap import Profile, profile_of, roadmap
from eaism.scoring.answers import Answer
from eaism.scoring.person import operating_level
from eaism.scoring.profile import score_person
from tests.factories import answers_up_to, response
from tests.strategies import domain_levels

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


@given(st.data())
def test_following_the_steps_reaches_the_target(any_edition: Edition, data: st.DataObject) -> None:
    levels = data.draw(domain_levels(any_edition))
    role_id = data.draw(st.sampled_from([role.id for role in any_edition.roles]))
    current = operating_level(any_edition, levels)
    plan = roadmap(any_edition, Profile(levels, {}, current, {}), role_id)
    assert plan.target_level in any_edition.level_numbers
    reached = dict(levels)
    for step in plan.steps:
        assert step.level in any_edition.domain(step.domain).applicable_levels
        assert step.level > levels[step.domain], "a step never repeats a cell already met"
        reached[step.domain] = max(reached[step.domain], step.level)
    assert operating_level(any_edition, reached) >= plan.target_level


@given(st.data())
def test_a_domain_climbs_its_ladder_in_order(any_edition: Edition, data: st.DataObject) -> None:
    levels = data.draw(domain_levels(any_edition))
    role_id = data.draw(st.sampled_from([role.id for role in any_edition.roles]))
    plan = roadmap(
        any_edition, Profile(levels, {}, operating_level(any_edition, levels), {}), role_id
    )
    for domain_id in any_edition.domain_ids:
        steps = [step.level for step in plan.steps if step.domain == domain_id]
        assert steps == sorted(set(steps)), "each cell once, lowest first"


def test_every_role_and_level_has_a_roadmap(any_edition: Edition) -> None:
    for level in (0, *any_edition.level_numbers):
        levels = {
            domain.id: max((n for n in domain.applicable_levels if n <= level), default=0)
            for domain in any_edition.domains
        }
        profile = Profile(levels, {}, operating_level(any_edition, levels), {})
        for role in any_edition.roles:
            plan = roadmap(any_edition, profile, role.id)
            assert plan.target_level in any_edition.level_numbers
            assert {step.domain for step in plan.steps} <= set(any_edition.domain_ids)
            document = roadmap_document(any_edition, plan)
            assert document["format"].startswith("eaism.roadmap")
