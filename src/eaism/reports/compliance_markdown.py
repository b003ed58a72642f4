"""The competence evidence pack as Markdown: the same figures as the PDF, every record listed."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eaism.reports.compliance_report import count, domain_name, label, overview, short_of

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import ComplianceDocument


def compliance_markdown(document: ComplianceDocument, name: str = "") -> str:
    title = (
        f"{name}: competence records for AI systems"
        if name
        else "Competence records for AI systems"
    )
    lines = [f"# {title}", "", f"Edition {document['edition']} · as of {document['as_of']}", ""]
    lines += ["## Overview", "", *(f"- {sentence}" for sentence in overview(document)), ""]
    lines += [f"_{document['notice']}_", "", "## Systems and their people", ""]
    lines += _table(
        ["System", "Risk class", "Status", "Build", "Operate", "Oversee", "Oversight"],
        [
            [
                f"{s['name']} ({s['id']})",
                label(s["risk_class"]),
                s["status"],
                str(s["people"]["build"]),
                str(s["people"]["operate"]),
                str(s["people"]["oversee"]),
                label(s["oversight"]) or "ok",
            ]
            for s in document["systems"]
        ],
    )
    lines += ["## Oversight shortfalls", ""]
    lines += _table(
        ["System", "Risk class", "Why", "Overseers", "Short"],
        [
            [
                s["name"],
                label(s["risk_class"]),
                label(s["reason"]),
                str(s["overseers"]),
                count(s["overseers_short"]),
            ]
            for s in document["shortfalls"]
        ],
    )
    lines += ["## Cells people fall short of", ""]
    lines += _table(
        ["Domain", "Level", "People"],
        [
            [domain_name(document, g["domain"]), str(g["level"]), count(g["people"])]
            for g in document["gaps"]
        ],
    )
    if document["records"] is not None:
        lines += ["## Records", ""]
        lines += _table(
            [
                "Person",
                "System",
                "Involvement",
                "Status",
                "Short of, or why due",
                "Measured",
                "Actions",
            ],
            [
                [
                    f"{r['name'] or r['person']} ({r['person']})",
                    r["system_name"],
                    label(r["involvement"]),
                    label(r["status"]),
                    label(r["due_reason"]) or short_of(document, r),
                    r["assessed_at"] or "never",
                    "; ".join(
                        f"{a['kind']} {a['planned_at']}: {label(a['outcome'])}"
                        for a in r["actions"]
                    ),
                ]
                for r in document["records"]
            ],
        )
    lines += [
        "## Method",
        "",
        *(f"- **{m['name']}**: {m['value']}" for m in document["method"]),
        "",
    ]
    lines += ["## Regulation references", ""]
    lines += _table(
        ["Framework", "Article or clause", "Name", "Date"],
        [
            [r["framework"], r["id"], r["name"], f"{r['date_meaning']} {r['date']}"]
            for r in document["references"]
        ],
    )
    return "\n".join(lines)


def _table(header: list[str], rows: list[list[str]]) -> list[str]:
    if not rows:
        return ["None.", ""]
    escape = [[cell.replace("|", "\\|") for cell in row] for row in rows]
    return [
        "| " + " | ".join(header) + " |",
        "|" + "|".join("---" for _ in header) + "|",
        *("| " + " | ".join(row) + " |" for row in escape),
        "",
    ]
