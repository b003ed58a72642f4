"""The questionnaire's progress line, for every state the answers can be in."""

from __future__ import annotations

import re

from hypothesis import given
from hypothesis import strategies as st

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.adaptive import next_question, remaining_at_least, remaining_at_most
from eaism.scoring.answers import Answer
from eaism.web.assessments.questionnaire import progress_text

EDITION = load_edition()
ITEM_IDS = sorted(EDITION.item_index)

answers_strategy = st.dictionaries(
    st.sampled_from(ITEM_IDS), st.builds(Answer, st.sampled_from(ANSWER_VALUES))
)


@given(answers_strategy)
def test_the_line_never_says_nothing_is_left_while_a_question_is_open(
    answers: dict[str, Answer],
) -> None:
    at_least = remaining_at_least(EDITION, answers)
    at_most = remaining_at_most(EDITION, answers)
    text = progress_text(len(answers), at_least, at_most)
    numbers = [int(number) for number in re.findall(r"(\d+)(?: to go| and)", text)]
    if next_question(EDITION, answers) is None:
        assert text.endswith("none left to answer")
    else:
        assert "to go" in text, text
        assert numbers, text
        assert min(numbers) >= 1, text
        assert not re.search(r"\b0 to go", text)


def test_the_line_in_each_state() -> None:
    assert progress_text(0, 8, 41) == "0 answered, between 8 and 41 to go"
    assert progress_text(12, 1, 1) == "12 answered, 1 to go"
    assert progress_text(20, 0, 0) == "20 answered, none left to answer"
