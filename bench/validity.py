"""The validity report for a 10,000-person round: 500 on the whole item bank, 30 % reviewed.

Budget: under 2 s for `validity_report` on this 2-core machine.
Baseline: the item means alone, with NumPy, over the same answers already in a matrix.
Run with `make bench` or `.venv/bin/python bench/validity.py`.
"""

from __future__ import annotations

import sys
from pathlib import Path

import numpy as np

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "scripts"))

from make_round_export import simulated_round

from eaism.analysis.validity import validity_document, validity_report
from eaism.model.loader import load_edition
from timing import median_seconds

PEOPLE = 10_000
CALIBRATION = 500
REVIEWED_SHARE = 0.3
BUDGET_SECONDS = 2.0


def main() -> None:
    edition = load_edition()
    responses = simulated_round(edition, PEOPLE, CALIBRATION, REVIEWED_SHARE, seed=11)
    items = list(edition.item_index)
    column = {item: index for index, item in enumerate(items)}
    matrix = np.full((PEOPLE, len(items)), np.nan)
    for row, response in enumerate(responses):
        for item, value in response.answers.items():
            matrix[row, column[item]] = value
    baseline = median_seconds(lambda: np.nanmean(matrix, axis=0), 5)
    seconds = median_seconds(lambda: validity_report(edition, responses, 5), 5)
    report = validity_report(edition, responses, 5)
    document_seconds = median_seconds(lambda: validity_document(edition, report), 5)
    print(f"{PEOPLE:,} people, {CALIBRATION} calibration, {REVIEWED_SHARE:.0%} reviewed")
    print(f"item means with NumPy (baseline): {baseline * 1000:.1f} ms")
    print(
        f"validity_report:                  {seconds * 1000:.0f} ms  ({seconds / baseline:.0f}x baseline)"
    )
    print(f"validity_document:                {document_seconds * 1000:.1f} ms")
    met = seconds < BUDGET_SECONDS
    print(f"budget 2 s: {'met' if met else 'MISSED'}")
    raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()
