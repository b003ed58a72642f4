"""The competence evidence pack as HTML, PDF and XLSX, from its JSON document alone.

Every figure comes from the document (`eaism report compliance --format json`), so the PDF says
what the JSON says. Long lists are cut into tables of a bounded size, which the print stylesheet
keeps whole on a page; the PDF lists at most `RECORD_ROWS` records, the most severe first, and
says how many more the XLSX and JSON hold.
"""

from __future__ import annotations

from collections.abc import Sequence
from datetime import date
from typing import TYPE_CHECKING, TypeVar

from markupsafe import Markup

from eaism.model.schema import Edition
from eaism.reports.rendering import render, stylesheet
from eaism.reports.spreadsheet import Cell, Sheets
from eaism.reports.styles import REPORT_CSS

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import (
        ComplianceDocument,
        ComplianceRecord,
        ComplianceStatusCounts,
        ComplianceSummary,
        ComplianceSystem,
    )

T = TypeVar("T")
# Rows per table, so that a table with its longest rows still fits on one A4 page.
TABLE_ROWS = 20
SYSTEM_ROWS = 12
RECORD_TABLE_ROWS = 8  # a record lists the cells it falls short of, several lines each
# What the PDF lists at most of each long list, the most severe first; the XLSX and JSON hold
# all. A PDF of every system and record of a large organisation would take long to lay out and
# longer to read.
RECORD_ROWS = 24
ACTION_ROWS = 8
SYSTEM_LIST = 12
SHORTFALL_LIST = 12
WITHHELD = "withheld"
NONE = "\N{EN DASH}"  # an empty cell
EXTRA_CSS = "figcaption { color: #5b6470; padding-bottom: 1mm; } .notice { color: #5b6470; }"
LABELS = {
    "ok": "ok",
    "gap": "gap",
    "due": "due",
    "never_measured": "never measured",
    "before_system_change": "measured before the system changed",
    "older_than_max_age": "older than the age limit",
    "no_overseer": "no overseer",
    "overseer_short": "an overseer falls short",
    "not_assessed": "not assessed",
    "closed": "closed",
    "open": "open",
    "not_measured_yet": "not measured yet",
}


def compliance_report_html(
    edition: Edition,
    document: ComplianceDocument,
    as_of: date,
    validity: str | None = None,
    name: str = "",
) -> str:
    """The evidence pack; `validity` (an HTML section: a round's validity report) is appended
    to the method."""
    records = [r for r in document["records"] or [] if r["status"] != "ok"]
    shown = records[:RECORD_ROWS]
    systems = sorted(document["systems"], key=_system_severity)
    return render(
        "compliance.html.j2",
        css=stylesheet(REPORT_CSS + EXTRA_CSS),
        title=f"{name}: competence records for AI systems"
        if name
        else "Competence records for AI systems",
        document=document,
        edition=edition,
        generated=as_of.isoformat(),
        overview=overview(document),
        status_rows=_status_rows(document["summary"]),
        system_tables=chunks([_system_row(s) for s in systems[:SYSTEM_LIST]], SYSTEM_ROWS),
        systems_left=max(0, len(systems) - SYSTEM_LIST),
        shortfall_tables=chunks(
            [
                [
                    s["name"],
                    s["system"],
                    label(s["risk_class"]),
                    label(s["reason"]),
                    str(s["overseers"]),
                    count(s["overseers_short"]),
                ]
                for s in document["shortfalls"][:SHORTFALL_LIST]
            ],
            TABLE_ROWS,
        ),
        record_tables=chunks([_record_row(document, r) for r in shown], RECORD_TABLE_ROWS),
        records_left=len(records) - len(shown),
        shortfalls_left=max(0, len(document["shortfalls"]) - SHORTFALL_LIST),
        gap_tables=chunks(
            [
                [domain_name(document, g["domain"]), str(g["level"]), count(g["people"])]
                for g in document["gaps"]
            ],
            TABLE_ROWS,
        ),
        action_tables=chunks(_action_rows(document["records"] or []), RECORD_TABLE_ROWS),
        requirement_rows=[
            [
                r["involvement"],
                label(r["risk_class"]),
                ", ".join(
                    f"{domain_name(document, domain)} {level}"
                    + (" (raised)" if domain in r["raised"] else "")
                    for domain, level in r["cells"].items()
                )
                or "none",
            ]
            for r in document["requirements"]
        ],
        label=label,
        appendix=Markup(validity) if validity else None,
    )


def overview(document: ComplianceDocument) -> list[str]:
    """The pack in a few plain sentences, each figure as the document gives it; a withheld
    figure is named, not left as a gap in the sentence."""
    summary = document["summary"]
    people = summary["people"]
    coverage = summary["coverage"]
    if people["involved"] == 0:
        share = "none: nobody is listed as building, operating or overseeing a system"
    elif coverage is None:
        share = f"withheld (the share of the {people['involved']} people involved)"
    else:
        share = f"{coverage:.0%} ({count(people['covered'])} of {people['involved']} people)"
    by_status, actions = summary["by_status"], summary["actions"]
    return [
        f"{summary['systems']} AI systems; {summary['records']} records for "
        f"{people['involved']} people involved in building, operating or overseeing them; "
        + _figure("contractors among them", people["contractors"])
        + ".",
        f"Coverage, people with a current record and no gap: {share}.",
        "Records: "
        + "; ".join(
            [
                _figure("ok", by_status["ok"]),
                _figure("with a gap", by_status["gap"]),
                _figure("due for refresh", by_status["due"]),
            ]
        )
        + ".",
        f"Oversight falls short at {summary['oversight_shortfalls']} systems.",
        f"Actions planned: {actions['planned']}; "
        + "; ".join(
            [
                _figure("closed the gap", actions["closed"]),
                _figure("still open", actions["open"]),
                _figure("not measured yet", actions["not_measured_yet"]),
            ]
        )
        + ".",
    ]


def _figure(name: str, value: int | None) -> str:
    """ "3 with a gap", or "with a gap: withheld"."""
    return f"{name}: {WITHHELD}" if value is None else f"{value} {name}"


def _system_severity(system: ComplianceSystem) -> tuple[bool, int, str]:
    """Systems whose oversight falls short first, then by risk class, then by id."""
    risk = {"high": 0, "not_assessed": 1, "limited": 2, "minimal": 3}
    return (system["oversight"] is None, risk.get(system["risk_class"], 9), system["id"])


def count(value: int | None) -> str:
    return WITHHELD if value is None else str(value)


def label(value: str | None) -> str:
    return "" if value is None else LABELS.get(value, value)


def chunks(rows: Sequence[T], size: int) -> list[list[T]]:
    return [list(rows[start : start + size]) for start in range(0, len(rows), size)]


def compliance_sheets(document: ComplianceDocument) -> Sheets:
    """The pack as named tables for `workbook_bytes`: every record, not only the first ones."""
    summary = document["summary"]
    sheets: Sheets = {
        "Summary": (
            ["Figure", "Value"],
            [[name, value] for name, value in _summary_cells(summary)],
        ),
        "Systems": (
            [
                "System",
                "Name",
                "Status",
                "Risk class",
                "Model",
                "Changed",
                "Build",
                "Operate",
                "Oversee",
                "OK",
                "Gap",
                "Due",
                "Oversight",
            ],
            [
                [
                    s["id"],
                    s["name"],
                    s["status"],
                    s["risk_class"],
                    s["model"],
                    s["changed_at"],
                    s["people"]["build"],
                    s["people"]["operate"],
                    s["people"]["oversee"],
                    *(_status_cells(s["by_status"])),
                    s["oversight"],
                ]
                for s in document["systems"]
            ],
        ),
        "Oversight": (
            ["System", "Name", "Risk class", "Reason", "Overseers", "Overseers short"],
            [
                [
                    s["system"],
                    s["name"],
                    s["risk_class"],
                    s["reason"],
                    s["overseers"],
                    s["overseers_short"],
                ]
                for s in document["shortfalls"]
            ],
        ),
        "Gaps": (
            ["Domain", "Level", "People"],
            [[g["domain"], g["level"], g["people"]] for g in document["gaps"]],
        ),
        "Requirements": (
            ["Involvement", "Risk class", "Cells", "Raised", "Why"],
            [
                [
                    r["involvement"],
                    r["risk_class"],
                    ", ".join(f"{d} {level}" for d, level in r["cells"].items()),
                    ", ".join(r["raised"]),
                    r["why"],
                ]
                for r in document["requirements"]
            ],
        ),
        "References": (
            ["Framework", "Article or clause", "Name", "Date", "Date is"],
            [
                [r["framework"], r["id"], r["name"], r["date"], r["date_meaning"]]
                for r in document["references"]
            ],
        ),
    }
    if document["records"] is not None:
        sheets["Records"] = (
            [
                "System",
                "Person",
                "Name",
                "Kind",
                "Involvement",
                "Status",
                "Due because",
                "Measured",
                "Gap",
                "Domain",
                "Required",
                "Demonstrated",
                "Reviewed",
                "Level",
                "Evidence dated",
            ],
            [row for record in document["records"] for row in _record_cells(record)],
        )
        sheets["Actions"] = (
            ["System", "Person", "Name", "Involvement", "Action", "Planned", "Note", "Outcome"],
            [
                [
                    r["system"],
                    r["person"],
                    r["name"],
                    r["involvement"],
                    a["kind"],
                    a["planned_at"],
                    a["note"],
                    a["outcome"],
                ]
                for r in document["records"]
                for a in r["actions"]
            ],
        )
    return sheets


def _summary_cells(summary: ComplianceSummary) -> list[tuple[str, Cell]]:
    people, status, due, actions = (
        summary["people"],
        summary["by_status"],
        summary["due"],
        summary["actions"],
    )
    return [
        ("Systems", summary["systems"]),
        ("Records", summary["records"]),
        ("People involved", people["involved"]),
        ("People covered", people["covered"]),
        ("People not covered", people["not_covered"]),
        ("Employees", people["employees"]),
        ("Contractors", people["contractors"]),
        ("Coverage", summary["coverage"]),
        ("Records ok", status["ok"]),
        ("Records with a gap", status["gap"]),
        ("Records due", status["due"]),
        ("Due: never measured", due["never_measured"]),
        ("Due: measured before the system changed", due["before_system_change"]),
        ("Due: older than the age limit", due["older_than_max_age"]),
        ("Actions planned", actions["planned"]),
        ("Actions closed", actions["closed"]),
        ("Actions open", actions["open"]),
        ("Actions not measured yet", actions["not_measured_yet"]),
        ("Systems whose oversight falls short", summary["oversight_shortfalls"]),
    ]


def _status_rows(summary: ComplianceSummary) -> list[list[str]]:
    return [
        [name, count(value) if not isinstance(value, float) else f"{value:.0%}"]
        for name, value in _summary_cells(summary)
        if not isinstance(value, str)
    ]


def _status_cells(by_status: ComplianceStatusCounts | None) -> list[Cell]:
    if by_status is None:
        return [None, None, None]
    return [by_status["ok"], by_status["gap"], by_status["due"]]


def _system_row(s: ComplianceSystem) -> list[str]:
    people = s["people"]
    by_status = s["by_status"]
    statuses = (
        NONE
        if by_status is None
        else f"{by_status['ok']} / {by_status['gap']} / {by_status['due']}"
    )
    return [
        f"{s['name']} ({s['id']})",
        label(s["risk_class"]),
        s["status"],
        s["model"] or NONE,
        s["changed_at"] or NONE,
        f"{people['build']} / {people['operate']} / {people['oversee']}",
        statuses,
        label(s["oversight"]) or "ok",
    ]


def domain_name(document: ComplianceDocument, domain_id: str) -> str:
    return document["domain_names"].get(domain_id, domain_id)


def short_of(document: ComplianceDocument, record: ComplianceRecord) -> str:
    """The cells a record falls short of, such as "Evaluation 2 of 3"."""
    return ", ".join(
        f"{domain_name(document, cell['domain'])} {cell['level']} of {cell['required']}"
        for cell in record["cells"]
        if cell["gap"]
    )


def _record_row(document: ComplianceDocument, record: ComplianceRecord) -> list[str]:
    short = short_of(document, record)
    why = label(record["due_reason"]) if record["status"] == "due" else short
    kind = " (contractor)" if record["person_kind"] == "contractor" else ""
    return [
        f"{record['name'] or record['person']} ({record['person']}){kind}",
        record["system_name"],
        record["involvement"],
        label(record["status"]),
        why or NONE,
        record["assessed_at"] or "never",
    ]


def _action_rows(records: Sequence[ComplianceRecord]) -> list[list[str]]:
    return [
        [
            f"{r['name'] or r['person']} ({r['person']})",
            r["system_name"],
            a["kind"],
            a["planned_at"],
            a["note"],
            label(a["outcome"]),
        ]
        for r in records
        for a in r["actions"]
    ][:ACTION_ROWS]


def _record_cells(record: ComplianceRecord) -> list[list[Cell]]:
    head: list[Cell] = [
        record["system"],
        record["person"],
        record["name"],
        record["person_kind"],
        record["involvement"],
        record["status"],
        record["due_reason"],
        record["assessed_at"],
        record["gap"],
    ]
    if not record["cells"]:
        return [[*head, None, None, None, None, None, None]]
    return [
        [
            *head,
            c["domain"],
            c["required"],
            c["demonstrated"],
            c["reviewed"],
            c["level"],
            c["evidence_at"],
        ]
        for c in record["cells"]
    ]
