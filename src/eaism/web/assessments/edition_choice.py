"""The editions an admin may open a round with: each bundled one, the current one first.

A newer edition says what it is (the title line of its CHANGES.md) and, from its migration
file, how many answers of the current edition carry to it, so the admin knows what moving
costs before choosing.
"""

from __future__ import annotations

from dataclasses import dataclass

from eaism.model.loader import EDITIONS_ROOT, bundled_editions
from eaism.model.migration import Migration
from eaism.model.schema import Edition
from eaism.web.edition import current_edition, edition_with_id, migration_between

CHANGES_FILE = "CHANGES.md"


@dataclass(frozen=True)
class EditionChoice:
    id: str
    title: str
    published: str
    current: bool
    headline: str = ""  # a newer edition's CHANGES.md title line, such as "the agentic shift"
    carried: str = ""  # what its migration carries from the current edition

    @property
    def label(self) -> str:
        parts = [f"{self.id}: {self.title}, published {self.published}"]
        if self.current:
            parts.append("the current edition")
        parts += [part for part in (self.headline, self.carried) if part]
        return " · ".join(parts)


def edition_choices() -> list[EditionChoice]:
    """The current edition, then every other bundled one, oldest first."""
    current = current_edition()
    others = [edition_id for edition_id in bundled_editions() if edition_id != current.id]
    return [
        EditionChoice(current.id, current.title, current.published, current=True),
        *(_choice(current, edition_with_id(edition_id)) for edition_id in others),
    ]


def _choice(current: Edition, edition: Edition) -> EditionChoice:
    newer = edition.published > current.published
    migration = migration_between(current.id, edition.id) if newer else None
    return EditionChoice(
        edition.id,
        edition.title,
        edition.published,
        current=False,
        headline=headline(edition.id) if newer else "",
        carried=carried_line(migration, current) if migration else "",
    )


def headline(edition_id: str) -> str:
    """The first heading of the edition's CHANGES.md, without "Edition <id>: "; "" without one."""
    path = EDITIONS_ROOT / edition_id / CHANGES_FILE
    if not path.is_file():
        return ""
    for line in path.read_text(encoding="utf-8").splitlines():
        if line.startswith("# "):
            title = line[2:].strip()
            prefix = f"Edition {edition_id}:"
            return title[len(prefix) :].strip() if title.startswith(prefix) else title
    return ""


def carried_line(migration: Migration, current: Edition) -> str:
    """What the migration carries, such as: 37 of the 41 items of 2026.1 carry their answers."""
    if migration.source_edition != current.id:
        return ""
    routes = migration.routes(forward=True)
    carried_from = {item_id for route in routes for item_id in route.sources}
    unanswered = sum(1 for route in routes if not route.sources)
    return (
        f"{len(carried_from)} of the {len(current.item_index)} items of {current.id} carry "
        f"their answers; {unanswered} question{'' if unanswered == 1 else 's'} start unanswered"
    )
