"""The terminal view of a round's validity report (fits 100 columns)."""

from __future__ import annotations

import textwrap
from datetime import datetime

from eaism.analysis.validity import ValidityReport
from eaism.cli.text_table import text_table
from eaism.model.schema import Edition
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

WIDTH = 100


def validity_text(
    edition: Edition, report: ValidityReport, name: str = "", closes_at: datetime | None = None
) -> str:
    lines = [heading(report, name, closes_at), *_wrap(summary(report), "", ""), "", "Readings"]
    for reading in report.readings:
        lines += _wrap(reading.text, "  • ", "    ")
    lines += ["", "Self-ratings against reviews"]
    lines += text_table(AGREEMENT_HEADERS, [agreement_row(domain) for domain in report.domains])
    lines += ["", "The ladder, on the calibration share"]
    lines += text_table(LADDER_HEADERS, [ladder_row(domain) for domain in report.domains])
    lines += ["", "Items"]
    lines += text_table(ITEM_HEADERS, [item_row(item) for item in report.items])
    lines += ["", *_wrap(flag_legend(edition), "", "")]
    return "\n".join(lines) + "\n"


def _wrap(text: str, first: str, rest: str) -> list[str]:
    return textwrap.wrap(text, WIDTH, initial_indent=first, subsequent_indent=rest)
