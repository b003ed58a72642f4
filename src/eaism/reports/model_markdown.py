"""The whole edition as a Markdown document, for reading and review without the tool."""

from __future__ import annotations

from eaism.model.schema import Edition


def edition_markdown(edition: Edition) -> str:
    parts = [f"# {edition.title}, edition {edition.id}", ""]
    overlays = f" (overlays: {', '.join(edition.overlays)})" if edition.overlays else ""
    parts += [f"Published {edition.published}{overlays}.", ""]
    parts += _levels(edition) + _principles(edition) + _matrix(edition) + _items(edition)
    parts += (
        _stages(edition) + _roles(edition) + _hiring(edition) + _myths(edition) + _scoring(edition)
    )
    return "\n".join(parts).rstrip() + "\n"


def _cell_text(text: str) -> str:
    return " ".join(text.split()).replace("|", "\\|")


def _levels(edition: Edition) -> list[str]:
    lines = [
        "## Levels",
        "",
        "| Level | Name | Question | Scope | Impact |",
        "|---|---|---|---|---|",
    ]
    for level in edition.levels:
        cells = [level.name, level.question, level.scope, level.impact]
        lines.append(f"| {level.number} | " + " | ".join(_cell_text(cell) for cell in cells) + " |")
    return [*lines, ""]


def _principles(edition: Edition) -> list[str]:
    lines = ["## Principles", ""]
    for principle in edition.principles:
        lines.append(
            f"{principle.number}. **{principle.name}**: {_cell_text(principle.statement)} "
            f"*In eaism:* {_cell_text(principle.product_behaviour)}"
        )
    return [*lines, ""]


def _matrix(edition: Edition) -> list[str]:
    header = "| Domain | " + " | ".join(f"L{level.number}" for level in edition.levels) + " |"
    lines = ["## Skills matrix", "", header, "|---" * (len(edition.levels) + 1) + "|"]
    for domain in edition.domains:
        cells = [_cell_text(cell.descriptor) if cell.applicable else "n/a" for cell in domain.cells]
        lines.append(f"| {domain.name} | " + " | ".join(cells) + " |")
    return [*lines, ""]


def _items(edition: Edition) -> list[str]:
    lines = ["## Items", ""]
    for domain in edition.domains:
        lines += [f"### {domain.name} (`{domain.id}`)", "", _cell_text(domain.summary), ""]
        for item in domain.items:
            lines.append(
                f"- **L{item.level}** `{item.id}`: {_cell_text(item.statement)} "
                f"*Evidence:* {_cell_text(item.evidence_prompt)}"
            )
        lines.append("")
    return lines


def _stages(edition: Edition) -> list[str]:
    lines = ["## Organisational stages", ""]
    for stage in edition.stages:
        lines += [
            f"### Stage {stage.number}: {stage.name}",
            "",
            _cell_text(stage.summary),
            "",
            f"Dominant level: {stage.dominant_level}. Primary risk: {_cell_text(stage.primary_risk)}",
            "",
        ]
        lines += [
            f"- `{indicator.id}`: {_cell_text(indicator.statement)}"
            for indicator in stage.indicators
        ]
        lines.append("")
    return lines


def _roles(edition: Edition) -> list[str]:
    lines = ["## Roles", ""]
    for role in edition.roles:
        lines += [
            f"### {role.name} (`{role.id}`)",
            "",
            f"Target: level {role.target_level} ({role.target_kind}). {_cell_text(role.target_summary)}",
            "",
        ]
        lines += [f"- {_cell_text(advice)}" for advice in role.advice]
        lines.append("")
    return lines


def _hiring(edition: Edition) -> list[str]:
    lines = [
        "## Hiring sequence",
        "",
        "| Phase | Target level | Builds | Why here |",
        "|---|---|---|---|",
    ]
    for phase in edition.hiring_phases:
        name = f"{phase.number}. {phase.name}" + (" (critical)" if phase.critical else "")
        builds = "; ".join(_cell_text(text) for text in phase.builds)
        lines.append(
            f"| {name} | L{phase.target_level} | {builds} | {_cell_text(phase.rationale)} |"
        )
    return [*lines, ""]


def _myths(edition: Edition) -> list[str]:
    lines = ["## Myths", ""]
    for myth in edition.myths:
        lines += [
            f"### `{myth.code}`: {_cell_text(myth.claim)}",
            "",
            _cell_text(myth.reality),
            "",
            f"*Signal:* {_cell_text(myth.signal)}",
            "",
        ]
    return lines


def _scoring(edition: Edition) -> list[str]:
    parameters = edition.scoring
    lines = [
        "## Scoring parameters",
        "",
        f"- A cell is met at a mean answer of {parameters.cell_met_threshold:g} or more.",
        f"- From level {parameters.evidence_required_from_level} up, answers count as demonstrated only with evidence.",
        f"- Evidence older than {parameters.evidence_max_age_months} months counts toward the claimed level only.",
        f"- At least {parameters.min_share_of_applicable_domains:.0%} of the domains with a cell at a level must reach it.",
        f"- Source precedence: {', '.join(parameters.source_precedence)}.",
    ]
    for level, domains in parameters.defining_domains.items():
        lines.append(f"- Defining domains of level {level}: {', '.join(domains)}.")
    return [*lines, ""]
