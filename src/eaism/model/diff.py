"""What changed between two editions: levels, domains, cells and items.

Items are matched by the migration file where one joins the two editions (read backwards when
the editions are given newest first), else by id. Items joined by the file form groups: one
old and one new item is a change in place, a renaming, or a replacement when the file says
its answers are not carried; one old and several new a split, several old and one new a merge.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Final, Literal, get_args

from eaism.model.migration import Migration
from eaism.model.schema import Edition

if TYPE_CHECKING:
    from eaism.model.diff_types import ChangeEntry, DiffDocument, ItemChangeEntry, LinkEntry

ChangeKind = Literal["added", "removed", "changed"]
ItemChangeKind = Literal[
    "added",
    "removed",
    "changed",
    "renamed",
    "replaced",
    "split",
    "merged",
    "regrouped",
    "unchanged",
]
FORMAT: Final = "eaism.diff/1"
LEVEL_FIELDS = ("id", "name", "question", "scope", "impact", "summary")
DOMAIN_FIELDS = ("name", "summary")
CELL_FIELDS = ("applicable", "descriptor", "note", "questions", "keywords")
ITEM_FIELDS = ("level", "statement", "evidence_prompt", "answers")


@dataclass(frozen=True, slots=True)
class Change:
    """A level, domain or cell that was added, removed, or changed in the fields named."""

    kind: ChangeKind
    subject: str  # a level number, a domain id, or a cell as "domain.level"
    fields: tuple[str, ...] = ()


@dataclass(frozen=True, slots=True)
class Link:
    """Answers to `old` go to `new`, unless the migration says the two are not the same."""

    old: str
    new: str
    carried: bool = True
    note: str = ""


@dataclass(frozen=True, slots=True)
class ItemChange:
    """A group of items joined by the migration (or by id), or one item added or removed."""

    kind: ItemChangeKind
    old: tuple[str, ...]
    new: tuple[str, ...]
    fields: tuple[str, ...] = ()  # for one item to one: which of ITEM_FIELDS differ
    not_carried: tuple[Link, ...] = ()  # links whose answers the migration does not carry


@dataclass(frozen=True, slots=True)
class EditionDiff:
    old: str
    new: str
    matched_by: Literal["migration", "id"]
    levels: tuple[Change, ...]
    domains: tuple[Change, ...]
    cells: tuple[Change, ...]
    items: tuple[ItemChange, ...]  # every item of both editions, unchanged ones included

    def counts(self) -> dict[ItemChangeKind, int]:
        """How many item changes of each kind, in the order of ItemChangeKind."""
        kinds = get_args(ItemChangeKind)
        return {kind: sum(1 for change in self.items if change.kind == kind) for kind in kinds}


def diff_editions(old: Edition, new: Edition, migration: Migration | None) -> EditionDiff:
    """Every change from `old` to `new`; `migration` joins them in either direction, or is None."""
    links = _links(old, new, migration)
    return EditionDiff(
        old=old.id,
        new=new.id,
        matched_by="id" if migration is None else "migration",
        levels=_level_changes(old, new),
        domains=_domain_changes(old, new),
        cells=_cell_changes(old, new),
        items=_item_changes(old, new, links),
    )


def diff_document(diff: EditionDiff) -> DiffDocument:
    """The diff as plain, JSON-ready data: the schema of `eaism model diff --format json`."""
    return {
        "format": FORMAT,
        "old": diff.old,
        "new": diff.new,
        "matched_by": diff.matched_by,
        "levels": [_change_entry(change) for change in diff.levels],
        "domains": [_change_entry(change) for change in diff.domains],
        "cells": [_change_entry(change) for change in diff.cells],
        "items": [_item_change_entry(change) for change in diff.items],
        "counts": diff.counts(),
    }


def _change_entry(change: Change) -> ChangeEntry:
    return {"kind": change.kind, "subject": change.subject, "fields": list(change.fields)}


def _item_change_entry(change: ItemChange) -> ItemChangeEntry:
    return {
        "kind": change.kind,
        "old": list(change.old),
        "new": list(change.new),
        "fields": list(change.fields),
        "not_carried": [_link_entry(link) for link in change.not_carried],
    }


def _link_entry(link: Link) -> LinkEntry:
    return {"old": link.old, "new": link.new, "carried": link.carried, "note": link.note}


def _links(old: Edition, new: Edition, migration: Migration | None) -> tuple[Link, ...]:
    if migration is None:
        return tuple(
            Link(item_id, item_id) for item_id in old.item_index if item_id in new.item_index
        )
    forward = migration.source_edition == old.id
    links = [
        Link(source, entry.target, entry.carried, entry.note)
        for entry in migration.entries
        for source in entry.sources
    ]
    if forward:
        return tuple(links)
    return tuple(Link(link.new, link.old, link.carried, link.note) for link in links)


def _level_changes(old: Edition, new: Edition) -> tuple[Change, ...]:
    before = {str(level.number): level for level in old.levels}
    after = {str(level.number): level for level in new.levels}
    return _changes(before, after, LEVEL_FIELDS)


def _domain_changes(old: Edition, new: Edition) -> tuple[Change, ...]:
    before = {domain.id: domain for domain in old.domains}
    after = {domain.id: domain for domain in new.domains}
    return _changes(before, after, DOMAIN_FIELDS)


def _cell_changes(old: Edition, new: Edition) -> tuple[Change, ...]:
    """Cells of the domains both editions have; a domain added or removed says the rest."""
    shared = set(old.domain_ids) & set(new.domain_ids)
    return _changes(_cells(old, shared), _cells(new, shared), CELL_FIELDS)


def _cells(edition: Edition, domain_ids: set[str]) -> dict[str, object]:
    return {
        f"{domain.id}.{cell.level}": cell
        for domain in edition.domains
        if domain.id in domain_ids
        for cell in domain.cells
    }


def _changes(
    before: Mapping[str, object], after: Mapping[str, object], fields: tuple[str, ...]
) -> tuple[Change, ...]:
    """Subjects removed, then those kept or added in the new edition's order."""
    changes = [Change("removed", key) for key in before if key not in after]
    for key, value in after.items():
        if key not in before:
            changes.append(Change("added", key))
        elif differing := _differing(before[key], value, fields):
            changes.append(Change("changed", key, differing))
    return tuple(changes)


def _differing(before: object, after: object, fields: tuple[str, ...]) -> tuple[str, ...]:
    return tuple(name for name in fields if getattr(before, name) != getattr(after, name))


def _item_changes(old: Edition, new: Edition, links: tuple[Link, ...]) -> tuple[ItemChange, ...]:
    """One change per group of linked items, in the new edition's order; removals first."""
    groups = _groups(links)
    changes = [
        ItemChange("removed", (item_id,), ())
        for item_id in old.item_index
        if not any(item_id in group_old for group_old, _ in groups)
    ]
    reported: set[int] = set()
    for item_id in new.item_index:
        index = next((i for i, (_, group_new) in enumerate(groups) if item_id in group_new), None)
        if index is None:
            changes.append(ItemChange("added", (), (item_id,)))
        elif index not in reported:
            reported.add(index)
            changes.append(_group_change(old, new, *groups[index], links))
    return tuple(changes)


def _groups(links: tuple[Link, ...]) -> list[tuple[tuple[str, ...], tuple[str, ...]]]:
    """The connected groups of old and new items, each side in order of first appearance."""
    groups: list[tuple[dict[str, None], dict[str, None]]] = []
    for link in links:
        joined = [group for group in groups if link.old in group[0] or link.new in group[1]]
        merged: tuple[dict[str, None], dict[str, None]] = ({}, {})
        for group in joined:
            merged[0].update(group[0])
            merged[1].update(group[1])
            groups.remove(group)
        merged[0][link.old] = None
        merged[1][link.new] = None
        groups.append(merged)
    return [(tuple(old), tuple(new)) for old, new in groups]


def _group_change(
    old: Edition,
    new: Edition,
    old_ids: tuple[str, ...],
    new_ids: tuple[str, ...],
    links: tuple[Link, ...],
) -> ItemChange:
    not_carried = tuple(link for link in links if link.new in new_ids and not link.carried)
    if len(old_ids) == 1 and len(new_ids) == 1:
        fields = _differing(old.item_index[old_ids[0]], new.item_index[new_ids[0]], ITEM_FIELDS)
        kind: ItemChangeKind = (
            "replaced"
            if not_carried
            else "renamed"
            if old_ids != new_ids
            else "changed"
            if fields
            else "unchanged"
        )
        return ItemChange(kind, old_ids, new_ids, fields, not_carried)
    if len(old_ids) == 1:
        kind = "split"
    elif len(new_ids) == 1:
        kind = "merged"
    else:
        kind = "regrouped"
    return ItemChange(kind, old_ids, new_ids, (), not_carried)
