"""The shape of `eaism model diff --format json`: what changed between two editions."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from eaism.model.diff import ChangeKind, ItemChangeKind


class ChangeEntry(TypedDict):
    """A level, domain or cell added, removed, or changed in the fields named."""

    kind: ChangeKind
    subject: str  # a level number, a domain id, or a cell as "domain.level"
    fields: list[str]  # empty unless changed


class LinkEntry(TypedDict):
    """An old item joined to a new one whose answers the migration file does not carry."""

    old: str
    new: str
    carried: bool
    note: str  # the migration file's reason, or empty


class ItemChangeEntry(TypedDict):
    """A group of items joined by the migration file (or by id), or one item added or removed."""

    kind: ItemChangeKind
    old: list[str]  # empty for an added item
    new: list[str]  # empty for a removed item
    fields: list[str]  # for one item to one: which of its fields differ
    not_carried: list[LinkEntry]


class DiffDocument(TypedDict):
    """Every change from the old edition to the new one; unchanged items are listed too."""

    format: Literal["eaism.diff/1"]
    old: str  # the edition ids
    new: str
    matched_by: Literal["migration", "id"]  # how items were joined
    levels: list[ChangeEntry]
    domains: list[ChangeEntry]
    cells: list[ChangeEntry]
    items: list[ItemChangeEntry]
    counts: dict[ItemChangeKind, int]  # item changes of each kind, every kind named
