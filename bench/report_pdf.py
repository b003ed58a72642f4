"""The organisation PDF report for a 10,000-person organisation (budget: under 3 s).

Measures analysis, training plan, HTML and PDF together, after one warm-up run (fonts loaded).
Baseline: WeasyPrint rendering a one-page HTML document in the same run.
Run with `make bench` or `.venv/bin/python bench/report_pdf.py`.
"""

from __future__ import annotations

from datetime import date

import numpy as np

from eaism.analysis.document import analysis_document
from eaism.analysis.organisation import Organisation, People, PlannedHire, System
from eaism.analysis.report import analyse
from eaism.analysis.whatif import uniform_levels
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.planning.document import training_document
from eaism.planning.training import training_plan
from eaism.reports.organisation_report import organisation_report_html
from eaism.reports.pdf import html_to_pdf
from timing import median_seconds

PEOPLE = 10_000
BUDGET_SECONDS = 3.0


def organisation(edition: Edition) -> Organisation:
    generator = np.random.default_rng(4)
    levels = generator.choice([1, 2, 3, 4, 5], size=PEOPLE, p=[0.45, 0.4, 0.1, 0.04, 0.01])
    rows = np.array([uniform_levels(edition, int(level)) for level in levels], dtype=np.int8)
    ids = tuple(f"p{index}" for index in range(PEOPLE))
    teams = tuple(f"team-{index % 60}" for index in range(PEOPLE))
    people = People.from_levels(edition, ids, teams, ("",) * PEOPLE, ("",) * PEOPLE, rows)
    pilots = tuple(
        System(
            f"pilot-{n}",
            f"Pilot {n}",
            status="pilot",
            months_in_status=4 + n,
            monthly_cost=900.0 * n,
        )
        for n in range(15)
    )
    return Organisation(
        people,
        pilots,
        {"ai_usage_policy": True},
        (PlannedHire(5, 1, "Chief AI Officer"),),
        "Benchmark Org",
    )


def report(edition: Edition, subject: Organisation) -> bytes:
    document = analysis_document(edition, analyse(edition, subject))
    training = training_document(training_plan(edition, subject.people, 5), False)
    return html_to_pdf(organisation_report_html(edition, document, training, date(2026, 11, 28)))


def main() -> None:
    edition = load_edition()
    subject = organisation(edition)
    report(edition, subject)  # warm-up: font configuration, templates
    baseline = median_seconds(lambda: html_to_pdf("<h1>One page</h1><p>Baseline.</p>"), 3)
    seconds = median_seconds(lambda: report(edition, subject), 3)
    print(f"one-page PDF (baseline):        {baseline:.2f} s")
    print(f"10,000-person organisation PDF: {seconds:.2f} s  ({seconds / baseline:.1f}x baseline)")
    print(f"budget 3 s: {'met' if seconds < BUDGET_SECONDS else 'MISSED'}")
    raise SystemExit(0 if seconds < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
