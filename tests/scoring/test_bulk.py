"""Bulk scoring with NumPy gives exactly the per-person results."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st
from hypothesis.extra.numpy import arrays

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.answers import Answer
from eaism.scoring.bulk import AnswerMatrix, BulkScores, operating_levels, score_matrix
from eaism.scoring.profile import score_person
from tests.factories import response
from tests.strategies import item_ids

EDITION = load_edition()
ITEM_IDS = tuple(sorted(EDITION.item_index))


def generated_matrix(people: int, seed: int, edition: Edition = EDITION) -> AnswerMatrix:
    ids = item_ids(edition)
    generator = np.random.default_rng(seed)
    scale = np.array(ANSWER_VALUES, dtype=np.float32)
    values = generator.choice(scale, size=(people, len(ids)), p=[0.25, 0.1, 0.2, 0.45])
    evidence = generator.random((people, len(ids))) < 0.8
    return AnswerMatrix(ids, values, evidence)


def assert_matches_one_by_one(edition: Edition, matrix: AnswerMatrix, scores: BulkScores) -> None:
    for person in range(matrix.people):
        answers = {
            item_id: Answer(
                float(matrix.values[person, column]),
                "shipped" if matrix.evidence[person, column] else "",
            )
            for column, item_id in enumerate(matrix.item_ids)
        }
        result = score_person(edition, [response(answers, edition_id=edition.id)])
        domains = list(result.domains.values())
        assert list(scores.levels[person]) == [domain.level for domain in domains]
        assert list(scores.claimed_levels[person]) == [domain.claimed_level for domain in domains]
        assert np.allclose(scores.progress[person], [domain.progress for domain in domains])
        assert scores.operating[person] == result.operating.demonstrated
        assert scores.claimed_operating[person] == result.operating.claimed


def test_bulk_and_one_by_one_agree_on_ten_thousand_people() -> None:
    matrix = generated_matrix(10_000, seed=3)
    scores = score_matrix(EDITION, matrix)
    assert len(set(scores.operating.tolist())) >= 3, "the sample should span several levels"
    assert_matches_one_by_one(EDITION, matrix, scores)


@settings(max_examples=40)
@given(st.data())
def test_bulk_matches_one_by_one_on_any_answers(any_edition: Edition, data: st.DataObject) -> None:
    ids = item_ids(any_edition)
    values = data.draw(arrays(np.float32, (4, len(ids)), elements=st.sampled_from(ANSWER_VALUES)))
    evidence = data.draw(arrays(np.bool_, (4, len(ids))))
    matrix = AnswerMatrix(ids, values, evidence)
    assert_matches_one_by_one(any_edition, matrix, score_matrix(any_edition, matrix))


def test_columns_may_come_in_any_order_and_some_may_be_missing(any_edition: Edition) -> None:
    ids = item_ids(any_edition)
    full = generated_matrix(200, seed=5, edition=any_edition)
    keep = [column for column in range(len(ids)) if column % 3]
    order = keep[::-1]
    partial = AnswerMatrix(
        tuple(ids[c] for c in order), full.values[:, order], full.evidence[:, order]
    )
    assert_matches_one_by_one(any_edition, partial, score_matrix(any_edition, partial))


def test_operating_levels_of_given_domain_levels() -> None:
    levels = np.array([[3] * 8, [2, 2, 2, 2, 2, 2, 0, 2], [5] * 8, [0] * 8], dtype=np.int8)
    assert operating_levels(EDITION, levels).tolist() == [3, 2, 5, 0]


def test_an_empty_organisation_scores_to_empty_arrays(any_edition: Edition) -> None:
    ids = item_ids(any_edition)
    matrix = AnswerMatrix(ids, np.zeros((0, len(ids)), np.float32), np.zeros((0, len(ids)), bool))
    scores = score_matrix(any_edition, matrix)
    assert scores.levels.shape == (0, len(any_edition.domains))
    assert scores.operating.shape == (0,)
