"""Property-based tests of the scoring rules over arbitrary answer sets."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.adaptive import next_question, questions, simulate
from eaism.scoring.answers import Answer
from eaism.scoring.profile import PersonResult, score_person
from tests.factories import response

EDITION = load_edition()
ITEM_IDS = sorted(EDITION.item_index)

answer_values = st.sampled_from(ANSWER_VALUES)
answers_strategy = st.dictionaries(
    st.sampled_from(ITEM_IDS),
    st.builds(Answer, answer_values, st.sampled_from(["", "shipped to 2,000 users"])),
)


def score(answers: dict[str, Answer]) -> PersonResult:
    return score_person(EDITION, [response(answers)])


def levels(result: PersonResult) -> tuple[tuple[int, ...], tuple[int, ...], int, int]:
    domains = result.domains.values()
    return (
        tuple(domain.level for domain in domains),
        tuple(domain.claimed_level for domain in domains),
        result.operating.demonstrated,
        result.operating.claimed,
    )


@given(answers_strategy)
def test_levels_stay_in_range_and_demonstrated_never_exceeds_claimed(
    answers: dict[str, Answer],
) -> None:
    result = score(answers)
    for domain in result.domains.values():
        assert 0 <= domain.level <= domain.claimed_level <= 5
    assert 0 <= result.operating.demonstrated <= result.operating.claimed <= 5


@given(answers_strategy, st.sampled_from(ITEM_IDS), answer_values, st.booleans())
def test_raising_an_answer_never_lowers_a_level(
    answers: dict[str, Answer], item_id: str, value: float, add_evidence: bool
) -> None:
    before = answers.get(item_id, Answer(0.0))
    raised_value = max(before.value, value)
    evidence = "now with evidence" if add_evidence else before.evidence
    raised = {**answers, item_id: Answer(raised_value, evidence)}
    old, new = levels(score(answers)), levels(score(raised))
    assert all(a <= b for a, b in zip(old[0], new[0], strict=True))
    assert all(a <= b for a, b in zip(old[1], new[1], strict=True))
    assert old[2] <= new[2]
    assert old[3] <= new[3]


@settings(max_examples=150)
@given(answers_strategy)
def test_the_adaptive_questionnaire_matches_the_full_item_bank(answers: dict[str, Answer]) -> None:
    adaptive = score(simulate(EDITION, answers))
    full = score(answers)
    assert levels(adaptive) == levels(full)
    assert [d.mark for d in adaptive.domains.values()] == [d.mark for d in full.domains.values()]


@given(answers_strategy)
def test_the_adaptive_questionnaire_only_asks_what_it_must(answers: dict[str, Answer]) -> None:
    collected = simulate(EDITION, answers)
    assert next_question(EDITION, collected) is None
    assert set(collected) == {item.id for item in questions(EDITION, collected)}
