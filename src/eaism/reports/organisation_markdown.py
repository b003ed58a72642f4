"""The organisation analysis and what-if comparisons as Markdown, drawn from their documents."""

from __future__ import annotations

from typing import Any


def analysis_markdown(document: dict[str, Any]) -> str:
    stage, hiring, workforce = document["stage"], document["hiring"], document["workforce"]
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
        "| Domain | L1 | L2 | L3 | L4 | L5 |",
        "|---|---|---|---|---|---|",
        *(
            f"| {domain} | "
            + " | ".join(
                "n/a" if counts[str(level)] is None else str(counts[str(level)])
                for level in range(1, 6)
            )
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


def comparison_markdown(document: dict[str, Any]) -> str:
    before, after = document["before"], document["after"]
    lines = [
        "# What if",
        "",
        "| | Before | After |",
        "|---|---|---|",
        f"| Stage | {before['stage']['number']} | {after['stage']['number']} |",
        f"| Next hiring phase | {before['hiring']['next_phase']} | {after['hiring']['next_phase']} |",
        *(
            f"| People at level {level} | {before['workforce']['by_level'][str(level)]} | {after['workforce']['by_level'][str(level)]} |"
            for level in range(6)
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


def _diagnostics(diagnostics: list[dict[str, Any]]) -> list[str]:
    if not diagnostics:
        return ["None: nothing in the data points to a known failure pattern."]
    return [
        f"- **{item['code']}** ({item['severity']}): {item['summary']} *Recommendation:* {item['recommendation']}"
        for item in diagnostics
    ]
