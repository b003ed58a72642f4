"""Roadmaps, rubrics, scorecards, job-description checks and training plans as Markdown."""

from __future__ import annotations

from typing import TYPE_CHECKING

from eaism.reports.see_also import see_also_markdown

if TYPE_CHECKING:
    from eaism.planning.document_types import (
        JobDescriptionDocument,
        RoadmapDocument,
        RubricDocument,
        ScorecardDocument,
        TrainingDocument,
    )


def roadmap_markdown(document: RoadmapDocument) -> str:
    target = f"level {document['target_level']}" + (
        " (beyond the role's target)" if document["beyond_target"] else ""
    )
    lines = [
        f"# Roadmap: {document['role_name']}",
        "",
        f"Now at level {document['current_level']}; aiming at {target}, as {document['target_kind']}. "
        f"{document['target_summary']}",
        "",
    ]
    for warning in document["warnings"]:
        lines += [f"> **Note:** {warning}", ""]
    lines += ["## Steps", ""]
    for number, step in enumerate(document["steps"], start=1):
        lines.append(
            f"{number}. **{step['domain']} level {step['level']}**: {step['descriptor']} ({step['reason']})"
        )
        for item in step["items"]:
            lines.append(
                f"   - `{item['id']}` ({item['status'].replace('_', ' ')}): {item['statement']} "
                f"*Evidence to collect:* {item['evidence_prompt']}"
            )
    if not document["steps"]:
        lines.append("Every level up to the target is reached.")
    lines += ["", "## Advice for the role", "", *(f"- {text}" for text in document["advice"])]
    return "\n".join(lines) + "\n"


def rubric_markdown(document: RubricDocument) -> str:
    lines = [
        f"# Hiring rubric: {document['role_name']} at level {document['level']} ({document['level_name']})",
        "",
    ]
    for section in document["sections"]:
        emphasis = " (emphasis for this role)" if section["emphasis"] else ""
        lines += [f"## {section['name']}{emphasis}", ""]
        if not section["applicable"]:
            lines += [f"Not applicable at this level. {section['meets']}", ""]
            continue
        lines += [
            f"Expected: level {section['expected_level']}.",
            "",
            f"- **Below:** {section['below']}",
            f"- **Meets:** {section['meets']}",
            f"- **Exceeds:** {section['exceeds']}",
            "",
            "Questions:",
            "",
            *(
                f"{number}. {question}"
                for number, question in enumerate(section["questions"], start=1)
            ),
            "",
            "Evidence to ask for:",
            "",
            *(f"- {evidence}" for evidence in section["evidence"]),
            "",
        ]
        see_also = see_also_markdown(section["see_also"])
        lines += [see_also, ""] if see_also else []
    return "\n".join(lines).rstrip() + "\n"


def scorecard_markdown(document: ScorecardDocument) -> str:
    verdict = "meets" if document["meets_target"] else "does not meet"
    lines = [
        f"# Scorecard: {document['candidate']}",
        "",
        f"Target: level {document['target_level']}, {document['role']}. Interviewers: {', '.join(document['interviewers'])}.",
        "",
        f"**Combined operating level {document['operating_level']}: {verdict} the target.**",
        "",
        *(f"- {reason}" for reason in document["why"]),
        "",
        "| Domain | Level | Spread | Ratings |",
        "|---|---|---|---|",
    ]
    for domain_id, domain in document["domains"].items():
        ratings = (
            "; ".join(
                f"{r['interviewer']}: {r['level']} ({r['notes'] or 'no notes'})"
                for r in domain["ratings"]
            )
            or "not rated"
        )
        flag = " ⚠" if domain["disagreement"] else ""
        lines.append(f"| {domain_id} | {domain['level']} | {domain['spread']}{flag} | {ratings} |")
    disagreements = [
        (key, value["disagreement"])
        for key, value in document["domains"].items()
        if value["disagreement"]
    ]
    if disagreements:
        lines += ["", "## Disagreements to discuss", ""]
        lines += [
            f"- **{key}**: {flag['low']['interviewer']} rated {flag['low']['level']}, "
            f"{flag['high']['interviewer']} rated {flag['high']['level']}."
            for key, flag in disagreements
        ]
    return "\n".join(lines) + "\n"


def job_description_markdown(document: JobDescriptionDocument) -> str:
    lines = [
        f"# Job description check: {document['title']}",
        "",
        f"{_ad_reading(document)}; the title claims {_title_reading(document)}.",
        "",
        *_domain_table(document),
        "",
        "## Flags",
        "",
        *(
            [
                f"- **{flag['heading']}** ({flag['code']}): {flag['message']}"
                for flag in document["flags"]
            ]
            or ["None."]
        ),
        "",
        "## Suggested edits",
        "",
        *_suggestions(document),
        "",
        "## Phrases that matched",
        "",
        *(
            [
                f"- {match['domain_name']}, level {match['level']}, {match['level_name']}: "
                f'"{match["phrase"]}" in "…{match["excerpt"]}…"'
                for match in document["matches"]
            ]
            or ["None."]
        ),
    ]
    return "\n".join(lines) + "\n"


def _ad_reading(document: JobDescriptionDocument) -> str:
    """What the ad asks for, with "no AI skill recognised" kept apart from a level."""
    if not document["recognised"]:
        passing = " (the phrases below are one passing mention)" if document["matches"] else ""
        return f"**No AI skill recognised** in the requirements{passing}"
    return f"The requirements add up to **level {document['level']}, {document['level_name']}**"


def _title_reading(document: JobDescriptionDocument) -> str:
    if document["title_level"] is None:
        return "no level"
    return (
        f"level {document['title_level']}, {document['title_level_name']} "
        f'(by the words "{document["title_words"]}")'
    )


def _domain_table(document: JobDescriptionDocument) -> list[str]:
    if not document["domain_levels"]:
        return ["Domains asked for: none."]
    return [
        "| Domain | Level asked for |",
        "|---|---|",
        *(
            f"| {row['name']} | {row['level']}, {row['level_name']} |"
            for row in document["domain_levels"]
        ),
    ]


def _suggestions(document: JobDescriptionDocument) -> list[str]:
    """The phrases to add or drop so that the ad asks for the level its title claims."""
    if document["title_level"] is None:
        return ["None: the title claims no level to match."]
    if not document["suggestions"]:
        return ["None: the ad asks for the level its title claims."]
    lines = [
        f'- {edit["action"].capitalize()} "{edit["phrase"]}" ({edit["domain_name"]}, '
        f"level {edit['level']}, {edit['level_name']})"
        for edit in document["suggestions"]
    ]
    if document["suggestions"][0]["action"] == "drop":
        lines.append(
            f"- Or keep them, and choose a title that claims level {document['level']}, "
            f"{document['level_name']}."
        )
    return lines


def training_markdown(document: TrainingDocument) -> str:
    lines = [
        "# Training plan",
        "",
        "Cohorts in priority order: the Level 3 layer first.",
        "",
        "| # | Domain | Level | Cell | People one step away | Already under way |",
        "|---|---|---|---|---|---|",
    ]
    for number, cohort in enumerate(document["cohorts"], start=1):
        lines.append(
            f"| {number} | {cohort['domain']} | {cohort['level']} | {cohort['descriptor']} | {cohort['people']} | {cohort['in_progress']} |"
        )
    named = [cohort for cohort in document["cohorts"] if cohort.get("members")]
    if named:
        lines += ["", "## Members", ""]
        lines += [f"- {c['domain']} level {c['level']}: {', '.join(c['members'])}" for c in named]
    return "\n".join(lines) + "\n"
