"""`eaism model crosswalk` as a table, Markdown or JSON, from the typed crosswalk rows."""

from __future__ import annotations

import dataclasses
from typing import Any

from eaism.model.crosswalk import FRAMEWORK_NAMES, CrosswalkRow

COLUMNS = ("Cell", "Domain", "Level", "Identifier", "Label", "Source")


def crosswalk_table(rows: tuple[CrosswalkRow, ...], framework: str, edition_id: str) -> Any:
    from rich.table import Table

    title = f"{FRAMEWORK_NAMES[framework]} references of edition {edition_id}"
    table = Table(title=title, show_lines=False)
    for name in COLUMNS:
        table.add_column(name, overflow="fold")
    for row in rows:
        table.add_row(*_cells(row))
    return table


def crosswalk_markdown(rows: tuple[CrosswalkRow, ...], framework: str, edition_id: str) -> str:
    lines = [
        f"# {FRAMEWORK_NAMES[framework]} references of edition {edition_id}",
        "",
        "| " + " | ".join(COLUMNS) + " |",
        "|" + "---|" * len(COLUMNS),
    ]
    lines += ["| " + " | ".join(_escaped(cell) for cell in _cells(row)) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def crosswalk_document(rows: tuple[CrosswalkRow, ...], framework: str, edition_id: str) -> Any:
    return {
        "format": "eaism.crosswalk/1",
        "edition": edition_id,
        "framework": framework,
        "references": [dataclasses.asdict(row) for row in rows],
    }


def _cells(row: CrosswalkRow) -> tuple[str, ...]:
    level = f"{row.level} {row.level_name}"
    return (row.cell, row.domain, level, row.id, row.label, row.source)


def _escaped(text: str) -> str:
    return text.replace("|", "\\|")
