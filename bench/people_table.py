"""Reading a people sheet: 100,000 people with every item answered, as CSV.

Budget: under 1.5 s to read and score the sheet (median of 3, CPU time of this process, as in
bench/bulk.py, so that other work on the machine does not count). Baseline: `csv.reader`
reading the same file with no conversion at all, timed in the same run, so the ratio shows what
checking, converting and scoring cost on top of parsing.
Run with `make bench` or `.venv/bin/python bench/people_table.py`.
"""

from __future__ import annotations

import os

os.environ["OPENBLAS_NUM_THREADS"] = "1"  # one core, as in the other benchmarks
os.environ["OMP_NUM_THREADS"] = "1"

import csv
import resource
import statistics
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path

import numpy as np

from eaism.io.people_table import EVIDENCE_PREFIX, read_people_table
from eaism.model.loader import load_edition
from eaism.model.schema import Edition

PEOPLE = 100_000
ROUNDS = 3
BUDGET_SECONDS = 1.5
ANSWERS = np.array(["", "0", "0.25", "0.5", "1"])
ROLES = ("software_engineer", "product_manager", "data_professional", "")


def write_sheet(path: Path, edition: Edition) -> None:
    """Random answers; about a third of the positive ones carry evidence."""
    item_ids = list(edition.item_index)
    generator = np.random.default_rng(5)
    answers = ANSWERS[generator.integers(0, len(ANSWERS), (PEOPLE, len(item_ids)))]
    positive = ~np.isin(answers, ["", "0"])
    evidence = positive & (generator.random(answers.shape) < 1 / 3)
    header = ["id", "team", "role", "title"]
    header += [name for item_id in item_ids for name in (item_id, EVIDENCE_PREFIX + item_id)]
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for person in range(PEOPLE):
            cells = [f"p{person}", f"team{person % 50}", ROLES[person % 4], "Engineer"]
            for column, answer in enumerate(answers[person].tolist()):
                cells += [
                    answer,
                    "shipped: https://example.org/pr/1" if evidence[person, column] else "",
                ]
            writer.writerow(cells)


def median_seconds(action: Callable[[], object]) -> float:
    times = []
    for _ in range(ROUNDS):
        start = time.process_time()
        action()
        times.append(time.process_time() - start)
    return statistics.median(times)


def parse_only(path: Path) -> None:
    with path.open(newline="", encoding="utf-8") as file:
        for _ in csv.reader(file):
            pass


def main() -> None:
    edition = load_edition()
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "people.csv"
        write_sheet(path, edition)
        size = path.stat().st_size / 1e6
        baseline = median_seconds(lambda: parse_only(path))
        reading = median_seconds(lambda: read_people_table(path, edition))
        table = read_people_table(path, edition)
    assert len(table.people) == PEOPLE, table.problems[:3]
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024  # KiB on Linux
    print(f"sheet: {PEOPLE:,} people, {size:.0f} MB")
    print(f"csv.reader only (baseline):    {baseline:.3f} s")
    print(
        f"read_people_table:             {reading:.3f} s  ({reading / baseline:.1f}x the baseline)"
    )
    print(f"peak memory (whole process):   {peak:.0f} MiB")
    met = reading < BUDGET_SECONDS
    print(f"budget {BUDGET_SECONDS} s: {'met' if met else 'MISSED'}")
    sys.exit(0 if met else 1)


if __name__ == "__main__":
    main()
