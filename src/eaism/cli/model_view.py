"""Rich tables of the framework for `eaism model show`."""

from __future__ import annotations

from rich.table import Table

from eaism.errors import UsageError
from eaism.model.schema import Domain, Edition

NOT_APPLICABLE = "n/a"


def matrix_table(edition: Edition, domain_id: str | None, level: int | None) -> Table:
    if domain_id is not None and domain_id not in edition.domain_ids:
        raise UsageError(
            f"--domain: {domain_id!r} is not a domain; expected one of: {', '.join(edition.domain_ids)}"
        )
    if domain_id is not None:
        return _domain_table(edition.domain(domain_id), level)
    if level is not None:
        return _level_table(edition, level)
    table = Table(title=f"EAISM skills matrix, edition {edition.id}", show_lines=True)
    table.add_column("Domain", style="bold")
    for model_level in edition.levels:
        table.add_column(f"L{model_level.number} {model_level.name}")
    for domain in edition.domains:
        cells = [cell.descriptor if cell.applicable else NOT_APPLICABLE for cell in domain.cells]
        table.add_row(domain.name, *cells)
    return table


def _domain_table(domain: Domain, level: int | None) -> Table:
    table = Table(title=f"{domain.name}: {domain.summary}", show_lines=True)
    for name in ("Level", "Cell", "Item", "Statement", "Evidence to give"):
        table.add_column(name)
    for cell in domain.cells:
        if level is not None and cell.level != level:
            continue
        if not cell.applicable:
            table.add_row(str(cell.level), NOT_APPLICABLE, "", cell.note, "")
            continue
        for index, item in enumerate(domain.items_at(cell.level)):
            descriptor = cell.descriptor if index == 0 else ""
            table.add_row(
                str(cell.level), descriptor, item.id, item.statement, item.evidence_prompt
            )
    return table


def _level_table(edition: Edition, level: int) -> Table:
    model_level = edition.level(level)
    table = Table(
        title=f"Level {level}, {model_level.name}: {model_level.question}", show_lines=True
    )
    for name in ("Domain", "Cell", "Items"):
        table.add_column(name)
    for domain in edition.domains:
        cell = domain.cell(level)
        if not cell.applicable:
            table.add_row(domain.name, NOT_APPLICABLE, cell.note)
            continue
        items = "\n".join(f"{item.id}: {item.statement}" for item in domain.items_at(level))
        table.add_row(domain.name, cell.descriptor, items)
    return table
