"""Question sets: a role is asked only some domains and levels; the rest is not assessed."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from eaism.analysis.organisation import People
from eaism.analysis.training import training_needs
from eaism.analysis.workforce import count_by_level, heatmap
from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.adaptive import questions, remaining_at_least, remaining_at_most, simulate
from eaism.scoring.answers import Answer
from eaism.scoring.bulk import AnswerMatrix, assessed_matrix, operating_levels, score_matrix
from eaism.scoring.document import person_document
from eaism.scoring.person import assessed_levels
from eaism.scoring.profile import PersonResult, score_person
from tests.factories import response
from tests.strategies import answer_sets, item_ids

EDITION = load_edition()
ITEM_IDS = tuple(sorted(EDITION.item_index))
WHOLE_BANK = dict.fromkeys(EDITION.domain_ids, 5)
BUSINESS = EDITION.question_set("business_role")

answers_strategy = st.dictionaries(
    st.sampled_from(ITEM_IDS),
    st.builds(
        Answer, st.sampled_from(ANSWER_VALUES), st.sampled_from(["", "shipped to 2,000 users"])
    ),
)
# Any levels per domain, including ones without a cell and 0 (listed but not asked).
question_sets = st.dictionaries(st.sampled_from(EDITION.domain_ids), st.integers(0, 5))


def question_sets_of(edition: Edition) -> st.SearchStrategy[dict[str, int]]:
    """Any levels per domain, including ones without a cell and 0 (listed but not asked)."""
    top = max(edition.level_numbers)
    return st.dictionaries(st.sampled_from(edition.domain_ids), st.integers(0, top))


def score(
    answers: dict[str, Answer], question_set: dict[str, int] | None, edition: Edition = EDITION
) -> PersonResult:
    return score_person(
        edition, [response(answers, edition_id=edition.id)], question_set=question_set
    )


@given(st.data())
def test_the_whole_bank_as_a_question_set_scores_as_no_question_set(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    whole_bank = dict.fromkeys(any_edition.domain_ids, max(any_edition.level_numbers))
    with_set = score(answers, whole_bank, any_edition)
    without = score(answers, None, any_edition)
    assert with_set == without
    assert person_document(any_edition, with_set) == person_document(any_edition, without)


@given(st.data())
def test_a_domain_is_scored_only_over_the_levels_asked(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    question_set = data.draw(question_sets_of(any_edition))
    result = score(answers, question_set, any_edition)
    full = score(answers, None, any_edition)
    for domain_id, domain in result.domains.items():
        asked = question_set.get(domain_id, 0)
        assert domain.assessed_up_to == asked
        # the highest applicable level within both: a level with no cell is never reached
        within = min(full.domains[domain_id].level, asked)
        applicable = any_edition.domain(domain_id).applicable_levels
        assert domain.level == max((n for n in applicable if n <= within), default=0)
        assert domain.next_level is None or domain.next_level <= asked
    assert result.operating.demonstrated <= result.operating.claimed


def test_a_domain_not_asked_is_not_assessed_and_has_no_level_in_the_document() -> None:
    everything = {item_id: Answer(1.0, "shipped") for item_id in ITEM_IDS}
    result = score(everything, BUSINESS)
    document = person_document(EDITION, result)
    assert document["domains"]["evaluation"]["assessed"] is False
    assert document["domains"]["evaluation"]["level"] is None
    assert document["domains"]["evaluation"]["mark"] is None
    assert document["profiles"]["self"]["domains"]["evaluation"]["level"] is None
    assert document["domains"]["prompting"]["level"] == 2
    assert document["domains"]["security"]["level"] == 1
    # Level 3 needs APIs & integration at 3, which this set does not ask.
    assert result.operating.demonstrated == 2
    assert "not assessed at 3: apis_integration" in " ".join(result.operating.why)


@settings(max_examples=60)
@given(st.data())
def test_the_adaptive_questionnaire_asks_only_the_question_set_and_matches_it(
    any_edition: Edition, data: st.DataObject
) -> None:
    answers = data.draw(answer_sets(any_edition))
    question_set = data.draw(question_sets_of(any_edition))
    collected = simulate(any_edition, answers, question_set)
    for item_id in collected:
        item = any_edition.item_index[item_id]
        assert item.level <= question_set.get(item_id.split(".")[0], 0)
    full = {item_id: answers.get(item_id, Answer(0.0)) for item_id in any_edition.item_index}
    adaptive = score(collected, question_set, any_edition)
    bank = score(full, question_set, any_edition)
    assert [d.level for d in adaptive.domains.values()] == [d.level for d in bank.domains.values()]
    assert adaptive.operating.demonstrated == bank.operating.demonstrated
    assert remaining_at_least(any_edition, collected, question_set) == 0
    assert remaining_at_most(any_edition, collected, question_set) == 0


def test_the_business_role_is_asked_far_fewer_questions() -> None:
    everything = {item_id: Answer(1.0) for item_id in ITEM_IDS}
    asked = {item.id.split(".")[0] for item in questions(EDITION, everything, BUSINESS)}
    assert asked == {"prompting", "apis_integration", "security", "strategy"}
    assert remaining_at_most(EDITION, {}, BUSINESS) < remaining_at_most(EDITION, {}) / 2


def assert_bulk_matches(
    matrix: AnswerMatrix, sets: list[dict[str, int] | None], edition: Edition = EDITION
) -> None:
    assessed = assessed_matrix(edition, sets)
    scores = score_matrix(edition, matrix, assessed)
    for person, question_set in enumerate(sets):
        answers = {
            item_id: Answer(
                float(matrix.values[person, column]),
                "shipped" if matrix.evidence[person, column] else "",
            )
            for column, item_id in enumerate(matrix.item_ids)
        }
        result = score(answers, question_set, edition)
        domains = list(result.domains.values())
        expected = [d.level if d.assessed else -1 for d in domains]
        claimed = [d.claimed_level if d.assessed else -1 for d in domains]
        assert scores.levels[person].tolist() == expected
        assert scores.claimed_levels[person].tolist() == claimed
        assert np.allclose(scores.progress[person], [d.progress for d in domains])
        assert scores.operating[person] == result.operating.demonstrated
        assert scores.claimed_operating[person] == result.operating.claimed
    assert scores.operating.tolist() == operating_levels(edition, scores.levels, assessed).tolist()


@settings(max_examples=40)
@given(st.data())
def test_bulk_matches_one_by_one_with_any_question_sets(
    any_edition: Edition, data: st.DataObject
) -> None:
    ids = item_ids(any_edition)
    values = data.draw(arrays(np.float32, (4, len(ids)), elements=st.sampled_from(ANSWER_VALUES)))
    evidence = data.draw(arrays(np.bool_, (4, len(ids))))
    sets = data.draw(
        st.lists(st.one_of(st.none(), question_sets_of(any_edition)), min_size=4, max_size=4)
    )
    assert_bulk_matches(AnswerMatrix(ids, values, evidence), sets, any_edition)


def test_bulk_treats_minus_one_as_not_assessed_without_an_assessed_matrix() -> None:
    # Whole-bank domains, and -1 where the business role is not asked: the rule leaves them out.
    assessed = assessed_levels(EDITION, dict.fromkeys(BUSINESS or {}, 5))
    row = [2 if assessed[d] else -1 for d in EDITION.domain_ids]
    levels = np.array([row, [2] * 8], dtype=np.int8)
    assert operating_levels(EDITION, levels).tolist() == [2, 2]
    only_one = np.array([[1 if d == "prompting" else -1 for d in EDITION.domain_ids]], np.int8)
    assert operating_levels(EDITION, only_one).tolist() == [1]


def test_analysis_counts_a_domain_not_assessed_at_no_level() -> None:
    business = ["prompting", "apis_integration", "security", "strategy"]
    levels = np.array(
        [
            [2 if d in business else -1 for d in EDITION.domain_ids],
            [0 if d == "evaluation" else 1 for d in EDITION.domain_ids],
            [3] * 8,
        ],
        np.int8,
    )
    people = People.from_levels(EDITION, ("a", "b", "c"), ("t",) * 3, ("",) * 3, ("",) * 3, levels)
    assert people.operating.tolist() == [2, 1, 3]
    assert count_by_level(people.operating, highest=5) == (0, 1, 1, 1, 0, 0)
    evaluation = EDITION.domain_ids.index("evaluation")
    counts = heatmap(EDITION, people).counts[evaluation]
    assert counts == (None, 1, 1, 0, 0)  # only the person at 3; the one not assessed is nowhere
    needs = {(n.domain, n.level): n.one_step_away for n in training_needs(EDITION, people)}
    assert needs[("evaluation", 2)] == 1  # the person at 0, not the one not assessed


@settings(max_examples=100)
@given(answers_strategy)
def test_for_the_business_role_the_stored_levels_alone_give_the_operating_level(
    answers: dict[str, Answer],
) -> None:
    # Dashboards read stored levels, -1 where not assessed, without the question set.
    result = score(answers, BUSINESS)
    row = [d.level if d.assessed else -1 for d in result.domains.values()]
    levels = np.array([row], dtype=np.int8)
    assert operating_levels(EDITION, levels).tolist() == [result.operating.demonstrated]
