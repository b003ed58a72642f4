"""The migration report document has exactly the shape migration_types declares, key for key,
for the example responses and for any response carried either way along a migration file."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from typing import get_args

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.cli.migration import joining
from eaism.cli.migration_types import MigrationReportDocument
from eaism.cli.migration_view import report_document
from eaism.io.responses import load_responses, response_document
from eaism.model.loader import load_edition
from eaism.model.migration import Migration
from eaism.model.schema import Edition
from eaism.scoring.answers import Answer, Respondent, Response
from eaism.scoring.migrate import DroppedReason, UnansweredReason, migrate_response
from tests import next_edition as next_
from tests.conftest import ROOT
from tests.document_shapes import assert_shape
from tests.io.test_response_document_shapes import responses
from tests.next_edition import write_next_edition

EXAMPLES = sorted((ROOT / "examples" / "responses").iterdir())
Pair = tuple[Edition, Edition, Migration]
EARLY = datetime(2026, 3, 1, tzinfo=UTC)


def pair_of(old: str, new: str) -> Pair:
    before, after = load_edition(old), load_edition(new)
    migration = joining(old, before, new, after)
    assert migration is not None
    return before, after, migration


@pytest.fixture(scope="module")
def pairs(tmp_path_factory: pytest.TempPathFactory) -> list[Pair]:
    """2026.1 to 2026.2, and to the test-only successor that meets every kind of change."""
    successor = str(write_next_edition(tmp_path_factory.mktemp("next")))
    return [pair_of("2026.1", "2026.2"), pair_of("2026.1", successor)]


def report_of(response: Response, migration: Migration, target: Edition) -> MigrationReportDocument:
    migrated = migrate_response(response, migration, target)
    document = report_document(migrated.report, response_document(migrated.response), None)
    assert_shape(document, MigrationReportDocument)
    assert json.loads(json.dumps(document)) == document  # JSON-ready: lists, not tuples
    return document


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_the_example_responses_carried_there_and_back_have_the_declared_shape(
    path: Path,
) -> None:
    old, new, migration = pair_of("2026.1", "2026.2")
    _, [response] = load_responses([path], lambda name, overlays: load_edition(name, overlays))
    there = migrate_response(response, migration, new)
    document = report_document(there.report, response_document(there.response), "there.json")
    assert_shape(document, MigrationReportDocument)
    report_of(there.response, migration, old)


@settings(max_examples=40, deadline=None)
@given(st.data(), st.booleans())
def test_any_response_carried_either_way_has_the_declared_shape(
    pairs: list[Pair], data: st.DataObject, backwards: bool
) -> None:
    old, new, migration = data.draw(st.sampled_from(pairs))
    source, target = (new, old) if backwards else (old, new)
    report_of(data.draw(responses(source, "astronaut")), migration, target)


def test_every_reason_a_dropped_role_and_dropped_levels_are_met(pairs: list[Pair]) -> None:
    _, successor, migration = pairs[1]
    first, second = next_.MERGED[0]
    answers = {
        next_.RENAMED[0]: Answer(1.0, "shipped", EARLY),
        first: Answer(0.5),  # the second merged item unanswered: partly answered
        next_.SPLIT[0]: Answer(0.25),
        next_.PARTLY[0]: Answer(1.0),
        next_.REPLACED[0]: Answer(1.0),
        next_.REMOVED: Answer(0.5),
        "apis_integration.l3.agentic_orchestration": Answer(1.0),  # the overlay's, not mapped
    }
    differ = {first: Answer(0.5), second: Answer(1.0)}
    documents = [
        report_of(
            Response(
                "2026.1",
                Respondent("p-1", role="astronaut"),
                "reviewer",
                answers,
                {"security": 2},
                ("agentic",),
            ),
            migration,
            successor,
        ),
        report_of(Response("2026.1", Respondent("p-2"), answers=differ), migration, successor),
    ]
    unanswered = {entry["reason"] for document in documents for entry in document["unanswered"]}
    dropped = {entry["reason"] for document in documents for entry in document["dropped"]}
    assert unanswered == set(get_args(UnansweredReason))
    assert dropped == set(get_args(DroppedReason))
    assert documents[0]["dropped_role"] == "astronaut"
    assert documents[0]["dropped_levels"] == ["security"]
    assert any(None in entry["values"] for entry in documents[0]["unanswered"])  # partly
