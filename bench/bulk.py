"""Bulk scoring: people per second on one core from answers in memory.

Budget: at least 1,000,000 people per second, and at least 30x the per-person loop (the
baseline, `score_person` called once per person on the same answers).
Run with `make bench` or `.venv/bin/python bench/bulk.py`.
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one core, as the budget says; set before NumPy loads
os.environ["OMP_NUM_THREADS"] = "1"

import statistics
import time

import numpy as np

from eaism.model.loader import load_edition
from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.bulk import AnswerMatrix, score_matrix
from eaism.scoring.profile import score_person

PEOPLE = 1_000_000
LOOP_SAMPLE = 3_000
BUDGET_PER_SECOND = 1_000_000
BUDGET_RATIO = 30


def main() -> None:
    edition = load_edition()
    item_ids = tuple(sorted(edition.item_index))
    generator = np.random.default_rng(11)
    scale = np.array(ANSWER_VALUES, dtype=np.float32)
    values = generator.choice(scale, size=(PEOPLE, len(item_ids)))
    evidence = generator.random((PEOPLE, len(item_ids))) < 0.7
    matrix = AnswerMatrix(item_ids, values, evidence)

    rounds = []
    for _ in range(5):
        start = time.process_time()
        score_matrix(edition, matrix)
        rounds.append(time.process_time() - start)
    bulk_rate = PEOPLE / statistics.median(rounds)

    responses = [
        Response(
            edition.id,
            Respondent(f"p{row}"),
            answers={
                item_id: Answer(
                    float(values[row, column]), "shipped" if evidence[row, column] else ""
                )
                for column, item_id in enumerate(item_ids)
            },
        )
        for row in range(LOOP_SAMPLE)
    ]
    start = time.process_time()
    for one in responses:
        score_person(edition, [one])
    loop_rate = LOOP_SAMPLE / (time.process_time() - start)

    ratio = bulk_rate / loop_rate
    print(f"per-person loop (baseline): {loop_rate:>12,.0f} people/s")
    print(f"bulk scoring (NumPy):       {bulk_rate:>12,.0f} people/s  ({ratio:.0f}x the loop)")
    met = bulk_rate >= BUDGET_PER_SECOND and ratio >= BUDGET_RATIO
    print(f"budget 1,000,000 people/s and 30x: {'met' if met else 'MISSED'}")
    raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()
