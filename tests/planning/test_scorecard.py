"""Scorecards: combined levels, spread, disagreement flags and the target verdict."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.planning.scorecard import Rating, Scorecard, combine

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


levels = st.integers(0, 5)


@given(st.lists(levels, min_size=1, max_size=6))
def test_the_combined_level_lies_between_the_ratings(ratings: list[int]) -> None:
    cards = [card(f"i{index}", {"strategy": level}) for index, level in enumerate(ratings)]
    verdict = combine(EDITION, cards).domains["strategy"]
    assert min(ratings) <= verdict.level <= max(ratings)
    assert (verdict.disagreement is not None) == (max(ratings) - min(ratings) >= 2)
