"""The terminal view of an organisation analysis, drawn from its document (fits 100 columns)."""

from __future__ import annotations

import io
from collections.abc import Mapping
from pathlib import Path
from typing import TYPE_CHECKING

from rich.console import Console, Group, RenderableType
from rich.table import Table
from rich.text import Text

from eaism.cli.common import console, replaced

if TYPE_CHECKING:
    from eaism.analysis.document_types import (
        AnalysisDocument,
        ComparisonDocument,
        DiagnosticEntry,
        Hiring,
        Workforce,
    )

WIDTH = 100
LEVEL_STYLES = ("grey50", "blue", "cyan", "green", "yellow", "magenta")  # by level, repeating
SEVERITY_STYLES = {"critical": "bold red", "warning": "yellow", "info": "blue"}
BAR_WIDTH = 50


def print_analysis(document: AnalysisDocument, out: Path | None = None) -> None:
    if out is None:
        console(WIDTH).print(analysis_view(document))
        return
    with replaced(out) as file, io.TextIOWrapper(file, encoding="utf-8") as text:
        Console(file=text, width=WIDTH).print(analysis_view(document))


def print_comparison(document: ComparisonDocument) -> None:
    console(WIDTH).print(comparison_view(document))


def analysis_view(document: AnalysisDocument) -> Group:
    stage, hiring = document["stage"], document["hiring"]
    carry = (
        "the workforce carries it"
        if stage["can_carry"]
        else f"the workforce carries stage {stage['workforce_stage']}"
    )
    parts: list[RenderableType] = [
        Text(
            f"{document['name'] or 'Organisation'} · edition {document['edition']} · {document['workforce']['people']} people",
            style="bold",
        ),
        Text(f"Stage {stage['number']}: {stage['name']} ({carry})"),
        Text(
            f"Hiring: phase {hiring['current_phase'] or 'none'} complete, next phase {hiring['next_phase'] or 'none'}"
        ),
        Text(""),
        _pyramid(document["workforce"]),
        _heatmap(document),
        *_diagnostics(document["diagnostics"]),
        *_hiring(hiring),
        _teams(document["workforce"]),
    ]
    return Group(*parts)


def comparison_view(document: ComparisonDocument) -> Group:
    before, after = document["before"], document["after"]
    table = Table(title="What if", title_justify="left")
    for name in ("", "Before", "After"):
        table.add_column(name)
    table.add_row("Stage", str(before["stage"]["number"]), str(after["stage"]["number"]))
    table.add_row(
        "Workforce carries stage",
        str(before["stage"]["workforce_stage"]),
        str(after["stage"]["workforce_stage"]),
    )
    table.add_row(
        "Next hiring phase", str(before["hiring"]["next_phase"]), str(after["hiring"]["next_phase"])
    )
    for level in _levels(before["workforce"]["by_level"]):
        table.add_row(
            f"People at level {level}",
            str(before["workforce"]["by_level"][level]),
            str(after["workforce"]["by_level"][level]),
        )
    added = ", ".join(document["diagnostics"]["added"]) or "none"
    removed = ", ".join(document["diagnostics"]["removed"]) or "none"
    return Group(
        table,
        Text(f"Diagnostics resolved: {removed}"),
        Text(f"Diagnostics added: {added}"),
        Text(""),
        *_diagnostics(after["diagnostics"]),
    )


def _pyramid(workforce: Workforce) -> Table:
    counts = {int(level): count for level, count in workforce["by_level"].items()}
    widest = max(counts.values()) or 1
    table = Table(
        title="Workforce by operating level", title_justify="left", box=None, show_header=False
    )
    table.add_column(justify="right")
    table.add_column(justify="center", width=BAR_WIDTH)
    table.add_column(justify="right")
    for level in sorted(counts, reverse=True):
        width = round(BAR_WIDTH * counts[level] / widest)
        bar = Text("█" * width, style=LEVEL_STYLES[level % len(LEVEL_STYLES)])
        table.add_row(f"L{level}", bar, str(counts[level]))
    return table


def _heatmap(document: AnalysisDocument) -> Table:
    people = max(document["workforce"]["people"], 1)
    table = Table(title="People at or above each level, per domain", title_justify="left")
    levels = _levels(next(iter(document["heatmap"].values()), {}))  # every domain has them all
    table.add_column("Domain")
    for level in levels:
        table.add_column(f"L{level}", justify="right")
    for domain, counts in document["heatmap"].items():
        table.add_row(domain, *(_heat_cell(counts[level], people) for level in levels))
    return table


def _heat_cell(count: int | None, people: int) -> Text:
    if count is None:
        return Text("n/a", style="grey50")
    share = count / people
    style = (
        "bold green"
        if share >= 0.3
        else "green"
        if share >= 0.1
        else "yellow"
        if share >= 0.03
        else "red"
    )
    return Text(str(count), style=style)


def _diagnostics(diagnostics: list[DiagnosticEntry]) -> list[RenderableType]:
    if not diagnostics:
        return [
            Text(
                "No diagnostics: nothing in the data points to a known failure pattern.",
                style="green",
            )
        ]
    grid = Table.grid(padding=(0, 1))
    grid.add_column(width=8)
    grid.add_column()
    for diagnostic in diagnostics:
        label = Text(diagnostic["severity"].upper(), style=SEVERITY_STYLES[diagnostic["severity"]])
        body = Text.assemble(
            (diagnostic["code"], "bold"),
            f"  {diagnostic['summary']}\n→ {diagnostic['recommendation']}",
        )
        grid.add_row(label, body)
    return [Text("Diagnostics", style="bold"), grid]


def _hiring(hiring: Hiring) -> list[Text]:
    return [
        Text(f"Recommended: {item['count']} hire(s) at Level {item['level']}. {item['why']}")
        for item in hiring["recommended"]
    ]


def _teams(workforce: Workforce) -> Table:
    table = Table(
        title=f"Teams (shown from {workforce['min_group_size']} people)", title_justify="left"
    )
    table.add_column("Team")
    table.add_column("People", justify="right")
    levels = _levels(workforce["by_level"])
    for level in levels:
        table.add_column(f"L{level}", justify="right")
    for team in workforce["teams"]:
        table.add_row(
            team["team"], str(team["people"]), *(str(team["by_level"][level]) for level in levels)
        )
    if workforce["suppressed_teams"]:
        table.caption = f"{workforce['suppressed_teams']} small teams withheld for privacy"
    return table


def _levels(by_level: Mapping[str, int | None]) -> list[str]:
    """The level keys a document holds ("0", "1", ...), in the order of their numbers."""
    return sorted(by_level, key=int)
