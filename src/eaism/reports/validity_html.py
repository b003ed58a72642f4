"""A round's validity report as an HTML section: the organisation report's appendix and the
round's page share it. Every text is escaped by the template."""

from __future__ import annotations

from datetime import datetime

from markupsafe import Markup

from eaism.analysis.validity import ValidityReport
from eaism.model.schema import Edition
from eaism.reports.rendering import render
from eaism.reports.validity_markdown import (
    AGREEMENT_HEADERS,
    ITEM_HEADERS,
    LADDER_HEADERS,
    agreement_row,
    flag_legend,
    heading,
    item_row,
    ladder_row,
    summary,
)


def validity_html(
    edition: Edition, report: ValidityReport, name: str = "", closes_at: datetime | None = None
) -> Markup:
    """A `<section id="validity">` to place inside a page or a report."""
    return Markup(
        render(
            "validity.html.j2",
            title=heading(report, name, closes_at),
            summary=summary(report),
            report=report,
            agreement_headers=AGREEMENT_HEADERS,
            agreement_rows=[agreement_row(domain) for domain in report.domains],
            ladder_headers=LADDER_HEADERS,
            ladder_rows=[ladder_row(domain) for domain in report.domains],
            item_headers=ITEM_HEADERS,
            item_rows=[item_row(item) for item in report.items],
            legend=flag_legend(edition),
        )
    )
