"""`eaism org analyze` on a 100,000-person CSV with item answers: the whole process.

Budget: under 3 s wall-clock on this 2-core machine, with peak memory under 1 GiB.
Baseline: a Python process that only reads the same CSV with the csv module.
Run with `make bench` or `.venv/bin/python bench/org_analyze.py`.
"""

from __future__ import annotations

import csv
import os
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from eaism.model.loader import load_edition

PEOPLE = 100_000
EAISM = Path(sys.executable).parent / "eaism"
BUDGET_SECONDS = 3.0
BUDGET_BYTES = 1024**3
VALUES = ("0", "0.25", "0.5", "1", "")


def write_people(path: Path) -> None:
    edition = load_edition()
    items = list(edition.item_index)
    header = ["id", "team", "role", "title"]
    for item in items:
        header += [item, f"evidence:{item}"]
    generator = random.Random(5)
    with path.open("w", newline="", encoding="utf-8") as file:
        writer = csv.writer(file)
        writer.writerow(header)
        for person in range(PEOPLE):
            row = [f"p{person:06d}", f"team-{person % 40}", "software_engineer", "Engineer"]
            for _ in items:
                value = generator.choice(VALUES)
                shipped = value not in {"", "0"} and generator.random() < 0.35
                row += [value, "Shipped to production; see the runbook" if shipped else ""]
            writer.writerow(row)


def run(command: list[str]) -> tuple[float, int]:
    """Wall seconds and peak resident bytes of one child process."""
    before = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    start = time.perf_counter()
    subprocess.run(command, check=True, capture_output=True)
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss
    return seconds, max(peak, before) * 1024


def main() -> None:
    with tempfile.TemporaryDirectory() as folder:
        sheet, organisation = Path(folder) / "people.csv", Path(folder) / "org.yaml"
        write_people(sheet)
        organisation.write_text("name: Benchmark\nsystems: []\n")
        environment_cache = {"EAISM_CACHE_DIR": str(Path(folder) / "cache")}
        os.environ.update(environment_cache)
        baseline_command = [
            sys.executable,
            "-c",
            f"import csv; sum(1 for _ in csv.reader(open({str(sheet)!r})))",
        ]
        command = [
            str(EAISM),
            "org",
            "analyze",
            str(organisation),
            "--people",
            str(sheet),
            "--format",
            "json",
        ]
        run(command)  # warm the edition cache and the file system cache
        baseline = statistics.median(run(baseline_command)[0] for _ in range(3))
        timings = [run(command) for _ in range(3)]
        seconds = statistics.median(seconds for seconds, _ in timings)
        peak = max(peak for _, peak in timings)
    print(f"csv.reader only (baseline): {baseline:.2f} s")
    print(f"eaism org analyze:          {seconds:.2f} s  ({seconds / baseline:.1f}x baseline)")
    print(f"peak memory (largest child process so far): {peak / 1024**2:.0f} MiB")
    met = seconds < BUDGET_SECONDS and peak < BUDGET_BYTES
    print(f"budget 3 s and 1 GiB: {'met' if met else 'MISSED'}")
    raise SystemExit(0 if met else 1)


if __name__ == "__main__":
    main()
