"""The diff document has exactly the shape diff_types declares, key for key, for every kind of
change: along a migration file either way, by id between any two editions, and regrouped."""

from __future__ import annotations

import json
from pathlib import Path
from typing import get_args

import pytest

from eaism.model.diff import ItemChangeKind, diff_document, diff_editions
from eaism.model.diff_types import DiffDocument
from eaism.model.loader import bundled_editions, load_edition, read_migration
from eaism.model.schema import Edition
from tests import next_edition as next_
from tests.conftest import EDITIONS
from tests.document_shapes import assert_shape


@pytest.fixture(scope="module")
def successors(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    """The test-only successor of 2026.1 (renamed, merged, split, replaced, removed and added
    items), and the same with one merged item also continued by the added one: regrouped."""
    data = next_.migration_data()
    data["map"].append({"from": [next_.MERGED[0][1]], "to": next_.ADDED})
    data["added"] = []
    return [
        next_.write_next_edition(tmp_path_factory.mktemp("next")),
        next_.write_next_edition(tmp_path_factory.mktemp("regrouped"), {"migration": data}),
    ]


def name_of(edition: Edition, folder: Path) -> str:
    """What `eaism model diff` is given for it: a bundled id, or the folder of a test edition."""
    return edition.id if edition.id in bundled_editions() else str(folder)


def document_between(old: Edition, old_name: str, new: Edition, new_name: str) -> DiffDocument:
    """The diff along the migration file of either edition that joins the two, else by id."""
    migration = None
    for name, edition, other in ((new_name, new, old), (old_name, old, new)):
        found = read_migration(name, edition, other)
        if found is not None and found.connects(old.id, new.id):
            migration = found
            break
    return diff_document(diff_editions(old, new, migration))


def checked(document: DiffDocument) -> DiffDocument:
    assert_shape(document, DiffDocument)
    assert json.loads(json.dumps(document)) == document  # JSON-ready: lists, not tuples
    return document


@pytest.mark.parametrize("other", EDITIONS)
def test_a_diff_between_any_two_editions_has_the_declared_shape(
    any_edition: Edition, other: str, small_edition_path: Path
) -> None:
    new_name = str(small_edition_path) if other == "test-4x6" else other
    old_name = name_of(any_edition, small_edition_path)
    checked(document_between(any_edition, old_name, load_edition(new_name), new_name))


def test_the_successors_meet_every_kind_of_change_either_way(successors: list[Path]) -> None:
    first = (load_edition("2026.1"), "2026.1")
    documents = [
        checked(document_between(*old, *new))
        for successor in ((load_edition(str(path)), str(path)) for path in successors)
        for old, new in ((first, successor), (successor, first))
    ]
    kinds = {change["kind"] for document in documents for change in document["items"]}
    assert kinds == set(get_args(ItemChangeKind))
    assert {document["matched_by"] for document in documents} == {"migration"}
    changes = [change for document in documents for change in document["items"]]
    assert any(change["not_carried"] for change in changes)
    assert any(change["fields"] for change in changes)
    assert any(not change["old"] for change in changes)
    assert any(not change["new"] for change in changes)


def test_a_diff_by_id_and_its_counts_name_every_kind(small_edition_path: Path) -> None:
    small = str(small_edition_path)
    document = checked(
        document_between(load_edition("2026.1"), "2026.1", load_edition(small), small)
    )
    assert document["matched_by"] == "id"
    assert list(document["counts"]) == list(get_args(ItemChangeKind))
    assert all(document[part] for part in ("levels", "domains", "cells"))
