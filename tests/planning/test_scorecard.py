"""Scorecards: combined levels, spread, disagreement flags and the target verdict."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.scorecard import Rating, Scorecard, combine
from eaism.scoring.person import operating_level
from tests.strategies import domain_levels, levels

EDITION = load_edition()


def card(interviewer: str, levels: dict[str, int]) -> Scorecard:
    ratings = {
        key: Rating(interviewer, level, f"{interviewer} on {key}") for key, level in levels.items()
    }
    return Scorecard("c1", interviewer, 3, "software_engineer", ratings)


def test_two_levels_apart_is_a_disagreement_naming_both() -> None:
    result = combine(EDITION, [card("dana", {"evaluation": 1 + 1}), card("lee", {"evaluation": 4})])
    verdict = result.domains["evaluation"]
    assert verdict.disagreement is not None
    assert (verdict.disagreement.low.interviewer, verdict.disagreement.high.interviewer) == (
        "dana",
        "lee",
    )
    assert verdict.level == 2
    assert [rating.notes for rating in verdict.ratings] == [
        "dana on evaluation",
        "lee on evaluation",
    ]


def test_the_target_is_met_by_the_operating_level_rule() -> None:
    three = dict.fromkeys(EDITION.domain_ids, 3)
    assert combine(EDITION, [card("a", three), card("b", three)]).meets_target
    short = three | {"observability": 2}
    result = combine(EDITION, [card("a", short)])
    assert not result.meets_target
    assert result.why[-1].startswith(
        "Level 3 (AI Systems Engineer) does not hold: defining domains below 3: observability;"
    )


@given(st.data(), st.integers(1, 6))
def test_the_combined_level_lies_between_the_ratings(
    any_edition: Edition, data: st.DataObject, interviewers: int
) -> None:
    domain_id = data.draw(st.sampled_from(any_edition.domain_ids))
    ratings = data.draw(st.lists(levels(any_edition), min_size=interviewers, max_size=interviewers))
    cards = [card(f"i{index}", {domain_id: level}) for index, level in enumerate(ratings)]
    verdict = combine(any_edition, cards).domains[domain_id]
    assert min(ratings) <= verdict.level <= max(ratings)
    assert (verdict.disagreement is not None) == (max(ratings) - min(ratings) >= 2)


@given(st.data())
def test_the_target_is_met_exactly_when_the_operating_level_reaches_it(
    any_edition: Edition, data: st.DataObject
) -> None:
    rated = data.draw(domain_levels(any_edition))
    target = data.draw(st.sampled_from(any_edition.level_numbers))
    scorecard = Scorecard(
        "c1",
        "a",
        target,
        any_edition.roles[0].id,
        {k: Rating("a", v, "") for k, v in rated.items()},
    )
    result = combine(any_edition, [scorecard])
    assert set(result.domains) == set(any_edition.domain_ids)
    assert result.meets_target == (operating_level(any_edition, rated) >= target)
