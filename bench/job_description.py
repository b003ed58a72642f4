"""The job-description check on a 2,000-word ad (budget: under 50 ms after the edition loads).

Baseline: a naive scan that only tests each keyword with `in` on the lower-cased text.
Run with `make bench` or `.venv/bin/python bench/job_description.py`.
"""

from __future__ import annotations

import random

from eaism.model.loader import load_edition
from eaism.planning.job_description import check_job_description
from timing import median_seconds

WORDS = 2_000
BUDGET_SECONDS = 0.05
FILLER = [
    "you",
    "will",
    "join",
    "a",
    "friendly",
    "team",
    "and",
    "work",
    "with",
    "product",
    "managers",
    "designers",
    "and",
    "engineers",
    "on",
    "customer",
    "facing",
    "features",
    "in",
    "a",
    "fast",
    "moving",
    "environment",
    "with",
    "flexible",
    "hours",
    "and",
    "good",
    "benefits",
]


def advertisement(keywords: list[str]) -> str:
    generator = random.Random(3)
    words: list[str] = ["Senior", "AI", "Systems", "Engineer", "\n"]
    while len(words) < WORDS:
        words += generator.sample(FILLER, 12)
        words += generator.choice(keywords).split()
    return " ".join(words[:WORDS])


def main() -> None:
    edition = load_edition()
    keywords = [
        keyword for domain in edition.domains for cell in domain.cells for keyword in cell.keywords
    ]
    text = advertisement(keywords)
    check_job_description(edition, text)  # compile the matcher once, as a running service would

    def baseline() -> object:
        lowered = text.lower()
        return [keyword for keyword in keywords if keyword in lowered]

    base = median_seconds(baseline)
    checked = median_seconds(lambda: check_job_description(edition, text))
    print(f"naive keyword scan (baseline): {base * 1000:6.2f} ms")
    print(
        f"check_job_description:         {checked * 1000:6.2f} ms  ({checked / base:.1f}x baseline)"
    )
    print(f"budget 50 ms: {'met' if checked < BUDGET_SECONDS else 'MISSED'}")
    raise SystemExit(0 if checked < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
