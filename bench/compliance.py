"""The competence evidence pack for 10,000 people and 200 AI systems (budget: under 3 s).

Measures the pack, its JSON document with names, the JSON text and the PDF together, after one warm-up run (fonts loaded). Baselines in the same run: WeasyPrint rendering
a one-page document, and `json.dumps` of the document with names.
Run with `make bench` or `.venv/bin/python bench/compliance.py`.
"""

from __future__ import annotations

import json
import random
from datetime import date, timedelta

from eaism.analysis.competence import (
    INVOLVEMENTS,
    RISK_CLASSES,
    CompetenceInputs,
    Involvement,
    PersonEvidence,
    PlannedAction,
    competence_pack,
    compliance_document,
)
from eaism.analysis.organisation import System
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.reports.compliance_report import compliance_report_html
from eaism.reports.pdf import html_to_pdf
from timing import median_seconds

PEOPLE = 10_000
SYSTEMS = 200
BUDGET_SECONDS = 3.0
AS_OF = date(2026, 6, 30)


def inputs(edition: Edition) -> CompetenceInputs:
    """Every person in one or two systems: 15,000 records, about a third with an action."""
    generator = random.Random(15)
    levels = {domain.id: (0, *domain.applicable_levels[:4]) for domain in edition.domains}
    systems = tuple(
        System(
            f"s{n:03}",
            f"System {n}",
            status="production",
            risk_class=RISK_CLASSES[n % len(RISK_CLASSES)],
            changed_at=AS_OF - timedelta(days=generator.randrange(600)),
        )
        for n in range(SYSTEMS)
    )
    people = {
        f"p{n:05}": PersonEvidence(
            f"p{n:05}",
            f"Person {n}",
            "contractor" if n % 10 == 0 else "employee",
            {domain: generator.choice(options) for domain, options in levels.items()},
            {},
            {},
            AS_OF - timedelta(days=generator.randrange(500)),
        )
        for n in range(PEOPLE)
    }
    involvements = [
        Involvement(systems[(n * 7 + k) % SYSTEMS].id, person, INVOLVEMENTS[(n + k) % 3])
        for n, person in enumerate(people)
        for k in range(1 + n % 2)
    ]
    actions = tuple(
        PlannedAction(item.system_id, item.person_id, "training", AS_OF - timedelta(days=200))
        for item in involvements[::3]
    )
    return CompetenceInputs(systems, people, tuple(involvements), actions)


def pack_with_pdf(edition: Edition, given: CompetenceInputs) -> bytes:
    """What a download of the pack does: the records, the document with names, its JSON text
    (the API's answer) and the PDF."""
    pack = competence_pack(edition, given, AS_OF)
    document = compliance_document(edition, pack, True, 5)
    json.dumps(document)
    return html_to_pdf(compliance_report_html(edition, document, AS_OF))


def main() -> None:
    edition = load_edition()
    given = inputs(edition)
    pack_with_pdf(edition, given)  # warm-up: font configuration, templates
    document = compliance_document(edition, competence_pack(edition, given, AS_OF), True, 5)
    records = len(document["records"] or [])
    baseline = median_seconds(lambda: html_to_pdf("<h1>One page</h1><p>Baseline.</p>"), 3)
    dumps = median_seconds(lambda: json.dumps(document), 3)
    seconds = median_seconds(lambda: pack_with_pdf(edition, given), 3)
    print(f"one-page PDF (baseline):             {baseline:.2f} s")
    print(f"json.dumps of the document:          {dumps:.2f} s  ({records:,} records)")
    print(
        f"pack for {PEOPLE:,} people, {SYSTEMS} systems: {seconds:.2f} s  "
        f"({seconds / baseline:.1f}x the one-page PDF, {seconds / dumps:.1f}x json.dumps)"
    )
    print(f"budget 3 s: {'met' if seconds < BUDGET_SECONDS else 'MISSED'}")
    raise SystemExit(0 if seconds < BUDGET_SECONDS else 1)


if __name__ == "__main__":
    main()
