"""How many questions are still to come: property tests of the adaptive questionnaire's count.

Answers may be any set, including answers to items no longer asked (a lower level lowered
since), so the bounds must hold for every state the questionnaire can be in, not only for the
states an adaptive run passes through.
"""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.adaptive import (
    next_question,
    remaining_at_least,
    remaining_at_most,
    simulate,
)
from eaism.scoring.answers import Answer
from tests.strategies import item_ids

EDITION = load_edition()
ITEM_IDS = sorted(EDITION.item_index)


def answer_sets(edition: Edition) -> st.SearchStrategy[dict[str, Answer]]:
    return st.dictionaries(
        st.sampled_from(item_ids(edition)), st.builds(Answer, st.sampled_from(ANSWER_VALUES))
    )


def still_to_come(edition: Edition, answers: dict[str, Answer], full: dict[str, Answer]) -> int:
    """The questions an adaptive run still asks, from `answers`, of someone answering `full`."""
    collected = dict(answers)
    asked = 0
    while (item := next_question(edition, collected)) is not None:
        collected[item.id] = full.get(item.id, Answer(0.0))
        asked += 1
    return asked


@given(st.data())
def test_the_questions_still_to_come_lie_within_the_bounds(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers, full = data.draw(answer_sets(any_edition)), data.draw(answer_sets(any_edition))
    at_least = remaining_at_least(any_edition, answers)
    at_most = remaining_at_most(any_edition, answers)
    assert 0 <= at_least <= still_to_come(any_edition, answers, full) <= at_most


@given(st.data())
def test_the_upper_bound_is_zero_only_when_no_question_is_open(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    open_question = next_question(any_edition, answers) is not None
    assert (remaining_at_least(any_edition, answers) > 0) == open_question
    assert (remaining_at_most(any_edition, answers) > 0) == open_question


@given(st.data())
def test_the_upper_bound_is_reached_by_answering_everything_fully(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    everything = {item_id: Answer(1.0) for item_id in any_edition.item_index}
    assert still_to_come(any_edition, answers, everything) == remaining_at_most(
        any_edition, answers
    )


@given(st.data())
def test_the_lower_bound_is_reached_by_answering_not_yet(
    any_edition: Edition, data: st.DataObject
) -> None:
    """In these editions a cell has at most two items, so one "not yet" leaves it unmet."""
    answers = data.draw(answer_sets(any_edition))
    nothing = {item_id: Answer(0.0) for item_id in any_edition.item_index}
    assert still_to_come(any_edition, answers, nothing) == remaining_at_least(any_edition, answers)


def test_answers_to_items_no_longer_asked_rule_nothing_out() -> None:
    """Every item answered fully, then one level 1 lowered: its domain asks level 1 only, and
    one item left open elsewhere is still counted (the old count went below zero here)."""
    answers = {item_id: Answer(1.0) for item_id in ITEM_IDS}
    answers["prompting.l1.everyday_prompting"] = Answer(0.0)
    del answers["security.l1.data_hygiene"]
    assert remaining_at_least(EDITION, answers) == 1
    assert remaining_at_most(EDITION, answers) == 1


def test_a_fresh_questionnaire_counts_every_item_at_most(any_edition: Edition) -> None:
    assert remaining_at_most(any_edition, {}) == len(any_edition.item_index)
    # one first cell per domain
    assert remaining_at_least(any_edition, {}) == len(any_edition.domains)
    assert len(simulate(any_edition, {})) == remaining_at_least(any_edition, {})
