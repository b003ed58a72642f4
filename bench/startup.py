"""Start-up time of `eaism --help` and `eaism score FILE` (budget: under 0.3 s each).

Baseline: starting the same Python interpreter with nothing to do. Wall-clock medians over
repeated runs, with the edition cache warm as it is after the first run on a machine.
Run with `make bench` or `.venv/bin/python bench/startup.py`.
"""

from __future__ import annotations

import os
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
EAISM = Path(sys.executable).parent / "eaism"
EXAMPLE = ROOT / "examples" / "responses" / "builder.json"
BUDGET_SECONDS = 0.3
RUNS = 15


def median_seconds(command: list[str], environment: dict[str, str]) -> float:
    subprocess.run(command, env=environment, capture_output=True, check=True)  # warm caches
    times = []
    for _ in range(RUNS):
        start = time.perf_counter()
        subprocess.run(command, env=environment, capture_output=True, check=True)
        times.append(time.perf_counter() - start)
    return statistics.median(times)


def main() -> None:
    with tempfile.TemporaryDirectory() as cache:
        environment = {**os.environ, "EAISM_CACHE_DIR": cache}
        baseline = median_seconds([sys.executable, "-c", "pass"], environment)
        print(f"python -c pass (baseline):   {baseline:.3f} s")
        failed = False
        for label, command in (
            ("eaism --help", [str(EAISM), "--help"]),
            ("eaism score FILE", [str(EAISM), "score", str(EXAMPLE)]),
            (
                "eaism score FILE --format json",
                [str(EAISM), "score", str(EXAMPLE), "--format", "json"],
            ),
        ):
            seconds = median_seconds(command, environment)
            failed |= seconds >= BUDGET_SECONDS
            verdict = "within" if seconds < BUDGET_SECONDS else "OVER"
            print(
                f"{label:<30} {seconds:.3f} s  ({seconds / baseline:.1f}x baseline, {verdict} the 0.3 s budget)"
            )
    raise SystemExit(1 if failed else 0)


if __name__ == "__main__":
    main()
