"""The organisation analysis and what-if comparisons as Markdown, drawn from their documents."""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from eaism.analysis.document_types import (
        AnalysisDocument,
        ComparisonDocument,
        DiagnosticEntry,
    )


def analysis_markdown(document: AnalysisDocument) -> str:
    stage, hiring, workforce = document["stage"], document["hiring"], document["workforce"]
    levels = _levels(document["heatmap"].values())
    lines = [
        f"# {document['name'] or 'Organisation'}: EAISM analysis",
        "",
        f"Edition {document['edition']}; {workforce['people']} people.",
        "",
        f"**Stage {stage['number']}: {stage['name']}.** " + " ".join(stage["why"]),
        "",
        f"**Hiring:** phase {hiring['current_phase'] or 'none'} complete; next phase {hiring['next_phase'] or 'none'}.",
        "",
        "## Workforce by operating level",
        "",
        "| Level | People |",
        "|---|---|",
        *(f"| {level} | {count} |" for level, count in workforce["by_level"].items()),
        "",
        "## Coverage: people at or above each level",
        "",
        "| Domain | " + " | ".join(f"L{level}" for level in levels) + " |",
        "|---|" + "---|" * len(levels),
        *(
            f"| {domain} | "
            + " | ".join("n/a" if counts[level] is None else str(counts[level]) for level in levels)
            + " |"
            for domain, counts in document["heatmap"].items()
        ),
        "",
        "## Diagnostics",
        "",
    ]
    lines += _diagnostics(document["diagnostics"])
    lines += ["", "## Hiring", ""] + [
        f"- {item['count']} at Level {item['level']}: {item['why']}"
        for item in hiring["recommended"]
    ]
    if not hiring["recommended"]:
        lines.append("- No hires are needed to complete the next phase.")
    return "\n".join(lines) + "\n"


def comparison_markdown(document: ComparisonDocument) -> str:
    before, after = document["before"], document["after"]
    lines = [
        "# What if",
        "",
        "| | Before | After |",
        "|---|---|---|",
        f"| Stage | {before['stage']['number']} | {after['stage']['number']} |",
        f"| Next hiring phase | {before['hiring']['next_phase']} | {after['hiring']['next_phase']} |",
        *(
            f"| People at level {level} | {before['workforce']['by_level'][level]} | {after['workforce']['by_level'][level]} |"
            for level in _levels([before["workforce"]["by_level"]])
        ),
        "",
        f"Resolved: {', '.join(document['diagnostics']['removed']) or 'none'}. "
        f"Added: {', '.join(document['diagnostics']['added']) or 'none'}.",
        "",
        "## Diagnostics after the changes",
        "",
        *_diagnostics(after["diagnostics"]),
    ]
    return "\n".join(lines) + "\n"


def _levels(counts: Iterable[Mapping[str, int | None]]) -> list[str]:
    """The level keys the counts hold, in numeric order: the document says which levels exist."""
    return sorted({level for by_level in counts for level in by_level}, key=int)


def _diagnostics(diagnostics: list[DiagnosticEntry]) -> list[str]:
    if not diagnostics:
        return ["None: nothing in the data points to a known failure pattern."]
    return [
        f"- **{item['code']}** ({item['severity']}): {item['summary']} *Recommendation:* {item['recommendation']}"
        for item in diagnostics
    ]
