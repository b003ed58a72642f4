"""The terminal view of a person's result, drawn from the result document."""

from __future__ import annotations

import textwrap
from typing import TYPE_CHECKING

from eaism.charts.text_radar import text_radar
from eaism.cli.text_table import text_table
from eaism.scoring.person import STATUS_TEXT

if TYPE_CHECKING:  # typing_extensions would slow the CLI's start-up
    from eaism.scoring.document_types import GapEntry, NextStep, PersonDocument

WIDTH = 100
NOT_ASSESSED = "not assessed"  # a domain the role's question set does not ask


def person_text(document: PersonDocument, top: int) -> str:
    """The person document as terminal text; `top` is the edition's highest level."""
    operating = document["operating_level"]
    respondent = document["respondent"]
    heading = respondent["id"] + (f" ({respondent['role']})" if respondent.get("role") else "")
    lines = [
        f"{heading} · edition {document['edition']} · sources: {', '.join(document['sources'])}",
        "",
        f"Operating level {operating['demonstrated']}: {operating['name'] or 'not reached yet'}"
        f"   (claimed {operating['claimed']})",
    ]
    if operating["scope"]:
        lines.append(f"Scope of influence: {operating['scope']}")
    lines += ["", *_domain_table(document), "", *_radar(document, top), "", "Why"]
    lines += [_wrap(reason, "  • ", "    ") for reason in operating["why"]]
    lines += ["", *_next_steps(operating["next"])]
    if document["calibration"]:
        gaps = ", ".join(f"{key} {value:+d}" for key, value in document["calibration"].items())
        lines += ["", f"Self minus reviewer, per domain: {gaps}"]
    return "\n".join(lines) + "\n"


def _domain_table(document: PersonDocument) -> list[str]:
    rows = []
    for domain in document["domains"].values():
        next_level, mark = domain["next_level"], domain["mark"]
        if mark is None:  # not assessed
            rows.append([domain["name"], NOT_ASSESSED, NOT_ASSESSED, "", domain["source"]])
            continue
        rows.append(
            [
                domain["name"],
                mark,
                str(domain["claimed_level"]),
                f"L{next_level} {domain['progress']:.2f}" if next_level else "top",
                domain["source"],
            ]
        )
    return text_table(["Domain", "Level", "Claimed", "Next", "Source"], rows)


def _radar(document: PersonDocument, top: int) -> list[str]:
    # Domains not assessed (no level) stay off the radar: it would draw them at 0.
    charted = [
        (domain["name"], level)
        for domain in document["domains"].values()
        if (level := domain["level"]) is not None
    ]
    return text_radar([name for name, _ in charted], [level for _, level in charted], top)


def _next_steps(next_step: NextStep | None) -> list[str]:
    if next_step is None:
        return ["Every level is reached."]
    lines = [f"To reach level {next_step['level']} ({next_step['name']})"]
    for gap in next_step["gaps"]:
        lines += _gap_lines(gap)
    if next_step["more_domains_needed"]:
        lines.append(
            f"  and {next_step['more_domains_needed']} more domain(s) at {next_step['level']}, such as:"
        )
        for gap in next_step["candidates"]:
            lines += _gap_lines(gap)
    return lines


def _gap_lines(gap: GapEntry) -> list[str]:
    lines = [f"  {gap['domain']}: from {gap['current_level']} to {gap['target_level']}"]
    for item in gap["items"]:
        text = f"{item['id']} ({STATUS_TEXT[item['status']]}): {item['statement']}"
        lines.append(_wrap(text, "    - ", "      "))
    return lines


def _wrap(text: str, first: str, rest: str) -> str:
    return "\n".join(
        textwrap.wrap(" ".join(text.split()), WIDTH, initial_indent=first, subsequent_indent=rest)
    )
