"""How answers to one edition carry over to the next: the migration file, typed, and its rules.

A new edition's folder may hold `migration.yaml` (docs/model.md, "Moving to a new edition").
Each entry names one item of the new edition and the old items it continues, so merges,
splits, removals and additions are all written down and migrating never guesses. This module
only reads plain data and returns `(path, message)` findings; the loader reads the file and
locates each finding at its line.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterator
from dataclasses import dataclass
from typing import Any

from eaism.model.schema import Edition

MIGRATION_FILE = "migration.yaml"
Finding = tuple[tuple[str | int, ...], str]
ENTRY_FIELDS = ("from", "to", "carried", "note")
MIGRATION_FIELDS = ("from", "map", "removed", "added")
ROOT: tuple[str | int, ...] = ("migration",)


@dataclass(frozen=True, slots=True)
class MigrationEntry:
    """One item of the new edition and the old items whose answers it continues."""

    sources: tuple[str, ...]  # written `from`: one old item, or several for a merge
    target: str  # written `to`
    carried: bool = True  # False: related, listed by the diff, but its answers are never carried
    note: str = ""


@dataclass(frozen=True, slots=True)
class Route:
    """Where one item of the edition migrated to takes its answer from, in one direction.

    An answer is carried only when every one of `sources` is answered with the same value;
    `related` items are listed for the reader but never carried.
    """

    target: str
    sources: tuple[str, ...] = ()
    related: tuple[str, ...] = ()
    notes: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Migration:
    """How answers to `source_edition` carry over to `target_edition`, the edition of the file."""

    source_edition: str
    target_edition: str
    entries: tuple[MigrationEntry, ...]
    removed: tuple[str, ...] = ()  # old items with no successor
    added: tuple[str, ...] = ()  # new items with no predecessor

    def connects(self, first: str, second: str) -> bool:
        return {first, second} == {self.source_edition, self.target_edition}

    def routes(self, forward: bool) -> tuple[Route, ...]:
        """One route per item of the edition migrated to; backwards, a split reads as a merge."""
        return self._forward_routes() if forward else self._backward_routes()

    def unmatched_sources(self, forward: bool) -> tuple[str, ...]:
        """Items of the edition migrated from that nothing continues: their answers are dropped."""
        return self.removed if forward else self.added

    def unmatched_targets(self, forward: bool) -> tuple[str, ...]:
        """Items of the edition migrated to that continue nothing: they are left unanswered."""
        return self.added if forward else self.removed

    def _forward_routes(self) -> tuple[Route, ...]:
        routes = [
            Route(entry.target, entry.sources)
            if entry.carried
            else Route(entry.target, related=entry.sources, notes=_notes(entry))
            for entry in self.entries
        ]
        return (*routes, *(Route(item_id) for item_id in self.added))

    def _backward_routes(self) -> tuple[Route, ...]:
        old_ids = dict.fromkeys(
            item_id for entry in self.entries for item_id in entry.sources
        ).keys()
        routes = []
        for item_id in old_ids:
            entries = [entry for entry in self.entries if item_id in entry.sources]
            carried = tuple(entry.target for entry in entries if entry.carried)
            others = [entry for entry in entries if not entry.carried]
            related = tuple(entry.target for entry in others)
            notes = tuple(note for entry in others for note in _notes(entry))
            routes.append(Route(item_id, carried, related, notes))
        return (*routes, *(Route(item_id) for item_id in self.removed))


def _notes(entry: MigrationEntry) -> tuple[str, ...]:
    return (entry.note,) if entry.note else ()


def migration_from_data(data: Any, target_edition: str) -> tuple[Migration | None, list[Finding]]:
    """The migration a parsed `migration.yaml` describes, or None and what is wrong with it."""
    if not isinstance(data, dict) or "migration" not in data:
        return None, [((), "expected a mapping with the key 'migration'")]
    findings: list[Finding] = [
        ((str(key),), "unknown field; expected: migration") for key in data if key != "migration"
    ]
    body = data["migration"]
    if not isinstance(body, dict):
        return None, [*findings, (ROOT, "expected a mapping of from, map, removed and added")]
    findings += _unknown_fields(body, ROOT, MIGRATION_FIELDS)
    source = body.get("from")
    if not isinstance(source, str) or not source.strip():
        findings.append(
            ((*ROOT, "from"), "expected the id of the previous edition, such as '2026.1'")
        )
    elif source == target_edition:
        findings.append(((*ROOT, "from"), f"{source!r} is this edition; name the previous one"))
    raw_map = body.get("map", [])
    if not isinstance(raw_map, list):
        findings.append(((*ROOT, "map"), "expected a list of entries {from: [...], to: ...}"))
        raw_map = []
    entries = [_entry(raw, (*ROOT, "map", index), findings) for index, raw in enumerate(raw_map)]
    removed = _ids(body.get("removed", []), (*ROOT, "removed"), findings)
    added = _ids(body.get("added", []), (*ROOT, "added"), findings)
    if findings:
        return None, findings
    kept = tuple(entry for entry in entries if entry is not None)
    return Migration(str(source), target_edition, kept, removed, added), []


def _entry(raw: Any, path: tuple[str | int, ...], findings: list[Finding]) -> MigrationEntry | None:
    if not isinstance(raw, dict):
        findings.append((path, "expected a mapping {from: [old item ids], to: new item id}"))
        return None
    before = len(findings)
    findings += _unknown_fields(raw, path, ENTRY_FIELDS)
    sources = _ids(raw.get("from"), (*path, "from"), findings)
    if "from" in raw and not sources and len(findings) == before:
        findings.append(((*path, "from"), "expected at least one item id of the previous edition"))
    target = raw.get("to")
    if not isinstance(target, str) or not target:
        findings.append(((*path, "to"), "expected the id of an item of this edition"))
    carried = raw.get("carried", True)
    if not isinstance(carried, bool):
        findings.append(((*path, "carried"), f"{carried!r} is not true or false"))
    note = raw.get("note", "")
    if not isinstance(note, str):
        findings.append(((*path, "note"), "expected text: one line on why"))
    if len(findings) > before:
        return None
    return MigrationEntry(sources, str(target), carried, note)


def _ids(raw: Any, path: tuple[str | int, ...], findings: list[Finding]) -> tuple[str, ...]:
    if raw is None:
        findings.append((path, "required field is missing"))
        return ()
    if not isinstance(raw, list):
        findings.append(
            (path, "expected a list of item ids, such as [prompting.l1.everyday_prompting]")
        )
        return ()
    for index, value in enumerate(raw):
        if not isinstance(value, str):
            findings.append(((*path, index), f"{value!r} is not an item id"))
    return tuple(value for value in raw if isinstance(value, str))


def _unknown_fields(
    raw: dict[Any, Any], path: tuple[str | int, ...], allowed: tuple[str, ...]
) -> list[Finding]:
    expected = ", ".join(allowed)
    return [
        ((*path, str(key)), f"unknown field; expected one of: {expected}")
        for key in raw
        if key not in allowed
    ]


def check_migration(migration: Migration, old: Edition, new: Edition) -> list[Finding]:
    """Every id exists in its edition, and every item of each edition is accounted for once."""
    return [
        *_check_editions(migration, old, new),
        *_check_old_items(migration, old),
        *_check_new_items(migration, new),
    ]


def _check_editions(migration: Migration, old: Edition, new: Edition) -> Iterator[Finding]:
    if migration.source_edition != old.id:
        yield (*ROOT, "from"), f"{migration.source_edition!r} does not match edition {old.id!r}"
    if migration.target_edition != new.id:
        yield ROOT, f"the file belongs to edition {migration.target_edition!r}, not {new.id!r}"


def _check_old_items(migration: Migration, old: Edition) -> Iterator[Finding]:
    """Each old item is in some entry's `from` or in `removed`, and only there."""
    mapped: set[str] = set()
    for index, entry in enumerate(migration.entries):
        path = (*ROOT, "map", index, "from")
        for position, item_id in enumerate(entry.sources):
            if item_id not in old.item_index:
                yield (*path, position), _not_an_item(item_id, old)
            elif item_id in entry.sources[:position]:
                yield (*path, position), f"{item_id!r} is listed twice in this entry"
            mapped.add(item_id)
    seen: set[str] = set()
    for index, item_id in enumerate(migration.removed):
        path = (*ROOT, "removed", index)
        if item_id not in old.item_index:
            yield path, _not_an_item(item_id, old)
        elif item_id in mapped:
            yield (
                path,
                f"{item_id!r} is also in a map entry's from; an old item is either mapped or removed",
            )
        elif item_id in seen:
            yield path, f"{item_id!r} is listed twice"
        seen.add(item_id)
    for item_id in old.item_index:
        if item_id not in mapped and item_id not in seen:
            yield (*ROOT, "removed"), _unaccounted(item_id, old.id, "a map entry's from", "removed")


def _check_new_items(migration: Migration, new: Edition) -> Iterator[Finding]:
    """Each new item is exactly one entry's `to`, or in `added`."""
    targets: dict[str, int] = {}
    for index, entry in enumerate(migration.entries):
        path = (*ROOT, "map", index, "to")
        if entry.target not in new.item_index:
            yield path, _not_an_item(entry.target, new)
        elif entry.target in targets:
            yield (
                path,
                f"{entry.target!r} is already the to of map[{targets[entry.target]}]; give each new item one entry",
            )
        targets.setdefault(entry.target, index)
    counts = Counter(migration.added)
    for index, item_id in enumerate(migration.added):
        path = (*ROOT, "added", index)
        if item_id not in new.item_index:
            yield path, _not_an_item(item_id, new)
        elif item_id in targets:
            yield (
                path,
                f"{item_id!r} is also the to of map[{targets[item_id]}]; a new item is either mapped or added",
            )
        elif counts[item_id] > 1 and item_id in migration.added[:index]:
            yield path, f"{item_id!r} is listed twice"
    for item_id in new.item_index:
        if item_id not in targets and item_id not in counts:
            yield (*ROOT, "added"), _unaccounted(item_id, new.id, "a map entry's to", "added")


def _not_an_item(item_id: str, edition: Edition) -> str:
    return f"{item_id!r} is not an item of edition {edition.id}"


def _unaccounted(item_id: str, edition_id: str, mapped: str, listed: str) -> str:
    return f"{item_id!r} of edition {edition_id} is not accounted for; name it in {mapped} or list it under {listed}"
