"""A person's result as Markdown, drawn from the result document."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eaism.reports.see_also import references_markdown
from eaism.scoring.person import STATUS_TEXT

if TYPE_CHECKING:  # typing_extensions would slow the CLI's start-up
    from eaism.scoring.document_types import PersonDocument


def person_markdown(document: PersonDocument) -> str:
    operating = document["operating_level"]
    respondent = document["respondent"]
    name = operating["name"] or "not reached yet"
    lines = [
        f"# EAISM profile: {respondent['id']}",
        "",
        f"Edition {document['edition']}; sources: {', '.join(document['sources'])}.",
        "",
        f"**Operating level {operating['demonstrated']}, {name}** (claimed {operating['claimed']}).",
    ]
    if operating["scope"]:
        lines += ["", f"Scope of influence: {operating['scope']}"]
    lines += ["", "## Domains", "", "| Domain | Level | Claimed | Why |", "|---|---|---|---|"]
    for domain in document["domains"].values():
        lines.append(
            f"| {domain['name']} | {domain['mark'] or 'not assessed'} | "
            f"{'not assessed' if domain['claimed_level'] is None else domain['claimed_level']} | "
            f"{domain['why']} |"
        )
    lines += _see_also(document)
    lines += ["", "## Why this level", ""] + [f"- {reason}" for reason in operating["why"]]
    next_step = operating["next"]
    if next_step:
        lines += ["", f"## To reach level {next_step['level']} ({next_step['name']})", ""]
        for gap in [*next_step["gaps"], *next_step["candidates"]]:
            lines.append(
                f"- **{gap['domain']}**, from {gap['current_level']} to {gap['target_level']}:"
            )
            lines += [
                f"  - `{item['id']}` ({STATUS_TEXT[item['status']]}): {item['statement']}"
                for item in gap["items"]
            ]
        if next_step["more_domains_needed"]:
            lines.append(
                f"- and {next_step['more_domains_needed']} more domain(s) at level {next_step['level']}."
            )
    if document["calibration"]:
        lines += ["", "## Calibration (self minus reviewer)", ""]
        lines += [f"- {key}: {value:+d}" for key, value in document["calibration"].items()]
    return "\n".join(lines) + "\n"


def _see_also(document: PersonDocument) -> list[str]:
    """Per domain, other frameworks' identifiers for the cell reached; nothing when none has any."""
    lines = [
        f"- **{domain['name']}** (level {domain['level']}): {references_markdown(domain['see_also'])}"
        for domain in document["domains"].values()
        if domain.get("see_also")  # absent from documents kept from before crosswalks existed
    ]
    return ["", "## See also", "", *lines] if lines else []
