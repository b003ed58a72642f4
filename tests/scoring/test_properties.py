"""Property-based tests of the scoring rules over arbitrary answer sets, in every edition."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.adaptive import next_question, questions, simulate
from eaism.scoring.answers import Answer
from eaism.scoring.profile import PersonResult, score_person
from tests.factories import response
from tests.strategies import answer_sets, item_ids

answer_values = st.sampled_from(ANSWER_VALUES)


def score(edition: Edition, answers: dict[str, Answer]) -> PersonResult:
    return score_person(edition, [response(answers, edition_id=edition.id)])


def levels(result: PersonResult) -> tuple[tuple[int, ...], tuple[int, ...], int, int]:
    domains = result.domains.values()
    return (
        tuple(domain.level for domain in domains),
        tuple(domain.claimed_level for domain in domains),
        result.operating.demonstrated,
        result.operating.claimed,
    )


@given(st.data())
def test_levels_stay_in_range_and_demonstrated_never_exceeds_claimed(
    any_edition: Edition, data: st.DataObject
) -> None:
    result = score(any_edition, data.draw(answer_sets(any_edition)))
    top = max(any_edition.level_numbers)
    assert list(result.domains) == list(any_edition.domain_ids)
    for domain in result.domains.values():
        assert 0 <= domain.level <= domain.claimed_level <= top
    assert 0 <= result.operating.demonstrated <= result.operating.claimed <= top


@given(st.data(), answer_values, st.booleans())
def test_raising_an_answer_never_lowers_a_level(
    any_edition: Edition, data: st.DataObject, value: float, add_evidence: bool
) -> None:
    answers = data.draw(answer_sets(any_edition))
    item_id = data.draw(st.sampled_from(item_ids(any_edition)))
    before = answers.get(item_id, Answer(0.0))
    raised_value = max(before.value, value)
    evidence = "now with evidence" if add_evidence else before.evidence
    raised = {**answers, item_id: Answer(raised_value, evidence)}
    old, new = levels(score(any_edition, answers)), levels(score(any_edition, raised))
    assert all(a <= b for a, b in zip(old[0], new[0], strict=True))
    assert all(a <= b for a, b in zip(old[1], new[1], strict=True))
    assert old[2] <= new[2]
    assert old[3] <= new[3]


@settings(max_examples=100)
@given(st.data())
def test_the_adaptive_questionnaire_matches_the_full_item_bank(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    adaptive = score(any_edition, simulate(any_edition, answers))
    full = score(any_edition, answers)
    assert levels(adaptive) == levels(full)
    assert [d.mark for d in adaptive.domains.values()] == [d.mark for d in full.domains.values()]


@given(st.data())
def test_the_adaptive_questionnaire_only_asks_what_it_must(
    any_edition: Edition, data: st.DataObject
) -> None:
    collected = simulate(any_edition, data.draw(answer_sets(any_edition)))
    assert next_question(any_edition, collected) is None
    assert set(collected) == {item.id for item in questions(any_edition, collected)}
