"""Spreadsheet exports: the organisation analysis as XLSX (one sheet per part), tables as CSV.

Text that a spreadsheet would run as a formula (starting with =, +, - or @) is neutralised with
a leading apostrophe, so a name like `=HYPERLINK(...)` stays inert text.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Sequence
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eaism.reports.organisation_report import ReportDocument, ReportTraining

FORMULA_STARTS = ("=", "+", "-", "@", "\t", "\r")
Cell = str | int | float | bool | None
Sheets = dict[str, tuple[list[str], list[list[Cell]]]]  # sheet name -> (header, rows)


def inert(value: Cell) -> Cell:
    """Numbers stay numbers; text that could start a formula gets a leading apostrophe."""
    if isinstance(value, str) and value.startswith(FORMULA_STARTS):
        return "'" + value
    return value


def csv_text(header: Sequence[str], rows: Iterable[Sequence[Cell]]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    writer.writerows([inert(cell) for cell in row] for row in rows)
    return buffer.getvalue()


def analysis_sheets(document: ReportDocument, training: ReportTraining) -> Sheets:
    """The analysis as named tables: sheet name -> (header, rows)."""
    workforce = document["workforce"]
    # The levels are the keys the document holds (0 = below level 1): no edition assumed here.
    levels = sorted(workforce["by_level"], key=int)
    heat_levels = sorted(
        {level for counts in document["heatmap"].values() for level in counts}, key=int
    )
    return {
        "Summary": (
            ["Field", "Value"],
            [
                ["Organisation", document["name"]],
                ["Edition", document["edition"]],
                ["People", workforce["people"]],
                ["Stage", document["stage"]["number"]],
                ["Workforce carries stage", document["stage"]["workforce_stage"]],
                ["Current hiring phase", document["hiring"]["current_phase"]],
                ["Next hiring phase", document["hiring"]["next_phase"]],
                ["Reporting threshold", workforce["min_group_size"]],
                ["Teams withheld", workforce["suppressed_teams"]],
            ],
        ),
        "Workforce": (
            ["Operating level", "People"],
            [[int(level), count] for level, count in workforce["by_level"].items()],
        ),
        "Teams": (
            ["Team", "People", *(f"L{level}" for level in levels)],
            [
                [t["team"], t["people"], *(t["by_level"][level] for level in levels)]
                for t in workforce["teams"]
            ],
        ),
        "Heatmap": (
            ["Domain", *(f"L{level}" for level in heat_levels)],
            [
                [domain, *(counts[level] for level in heat_levels)]
                for domain, counts in document["heatmap"].items()
            ],
        ),
        "Stage": (
            ["Stage", "Indicator", "Statement", "Met", "Source"],
            [
                [s["stage"], s["id"], s["statement"], s["met"], s["source"]]
                for s in document["stage"]["indicators"]
            ],
        ),
        "Diagnostics": (
            ["Code", "Severity", "Title", "Summary", "Recommendation"],
            [
                [d["code"], d["severity"], d["title"], d["summary"], d["recommendation"]]
                for d in document["diagnostics"]
            ],
        ),
        "Hiring": (
            ["Phase", "Name", "Target level", "People at or above", "Needed", "In place"],
            [
                [
                    p["number"],
                    p["name"],
                    p["target_level"],
                    p["people_at_or_above"],
                    p["needed"],
                    p["established"],
                ]
                for p in document["hiring"]["phases"]
            ],
        ),
        "Training": (
            ["Domain", "Level", "Cell", "People one step away", "Under way"],
            [
                [c["domain"], c["level"], c["descriptor"], c["people"], c["in_progress"]]
                for c in training["cohorts"]
            ],
        ),
        "Prototype debt": (
            ["Pilot", "Name", "Months", "Monthly cost"],
            [
                [s["id"], s["name"], s["months"], s["monthly_cost"]]
                for s in document["prototype_debt"]["stalled"]
            ],
        ),
        "Readiness": (
            ["System", "Name", "Kind", "Success rate", "Missing checks", "Ready"],
            [
                [
                    s["id"],
                    s["name"],
                    s["kind"],
                    s["success_rate"],
                    ", ".join(s.get("missing_labels", s["missing"])),
                    s["ready"],
                ]
                for s in document["readiness"]
            ],
        ),
    }


def workbook_bytes(sheets: Sheets) -> bytes:
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    for name, (header, rows) in sheets.items():
        sheet = workbook.create_sheet(name[:31])
        sheet.append(header)
        for row in rows:
            sheet.append([inert(cell) for cell in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
