"""How many questions are still to come: property tests of the adaptive questionnaire's count.

Answers may be any set, including answers to items no longer asked (a lower level lowered
since), so the bounds must hold for every state the questionnaire can be in, not only for the
states an adaptive run passes through.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.adaptive import (
    next_question,
    remaining_at_least,
    remaining_at_most,
    simulate,
)
from eaism.scoring.answers import Answer

EDITION = load_edition()
ITEM_IDS = sorted(EDITION.item_index)

answers_strategy = st.dictionaries(
    st.sampled_from(ITEM_IDS), st.builds(Answer, st.sampled_from(ANSWER_VALUES))
)


def still_to_come(answers: dict[str, Answer], full: dict[str, Answer]) -> int:
    """The questions an adaptive run still asks, from `answers`, of someone answering `full`."""
    collected = dict(answers)
    asked = 0
    while (item := next_question(EDITION, collected)) is not None:
        collected[item.id] = full.get(item.id, Answer(0.0))
        asked += 1
    return asked


@given(answers_strategy, answers_strategy)
def test_the_questions_still_to_come_lie_within_the_bounds(
    answers: dict[str, Answer], full: dict[str, Answer]
) -> None:
    at_least = remaining_at_least(EDITION, answers)
    at_most = remaining_at_most(EDITION, answers)
    assert 0 <= at_least <= still_to_come(answers, full) <= at_most


@given(answers_strategy)
def test_the_upper_bound_is_zero_only_when_no_question_is_open(answers: dict[str, Answer]) -> None:
    open_question = next_question(EDITION, answers) is not None
    assert (remaining_at_least(EDITION, answers) > 0) == open_question
    assert (remaining_at_most(EDITION, answers) > 0) == open_question


@given(answers_strategy)
def test_the_upper_bound_is_reached_by_answering_everything_fully(
    answers: dict[str, Answer],
) -> None:
    everything = {item_id: Answer(1.0) for item_id in ITEM_IDS}
    assert still_to_come(answers, everything) == remaining_at_most(EDITION, answers)


@given(answers_strategy)
def test_the_lower_bound_is_reached_by_answering_not_yet(answers: dict[str, Answer]) -> None:
    """In this edition a cell has at most two items, so one "not yet" leaves it unmet."""
    nothing = {item_id: Answer(0.0) for item_id in ITEM_IDS}
    assert still_to_come(answers, nothing) == remaining_at_least(EDITION, answers)


def test_answers_to_items_no_longer_asked_rule_nothing_out() -> None:
    """Every item answered fully, then one level 1 lowered: its domain asks level 1 only, and
    one item left open elsewhere is still counted (the old count went below zero here)."""
    answers = {item_id: Answer(1.0) for item_id in ITEM_IDS}
    answers["prompting.l1.everyday_prompting"] = Answer(0.0)
    del answers["security.l1.data_hygiene"]
    assert remaining_at_least(EDITION, answers) == 1
    assert remaining_at_most(EDITION, answers) == 1


def test_a_fresh_questionnaire_counts_every_item_at_most() -> None:
    assert remaining_at_most(EDITION, {}) == len(ITEM_IDS)
    assert remaining_at_least(EDITION, {}) == len(EDITION.domains)  # one first cell per domain
    assert len(simulate(EDITION, {})) == remaining_at_least(EDITION, {})
