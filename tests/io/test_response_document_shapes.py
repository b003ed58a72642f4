"""The response document has exactly the shape response_types declares, key for key and in the
documented order, for the example files and for any response on any edition."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from eaism.io.response_types import ResponseDocument, RoundExportDocument
from eaism.io.responses import (
    ANSWER_FIELDS,
    RESPONDENT_FIELDS,
    TOP_FIELDS,
    load_responses,
    response_document,
)
from eaism.io.round_export import read_round_export, round_export_document
from eaism.model.loader import load_edition
from eaism.model.schema import SOURCES, Edition
from eaism.scoring.answers import Answer, Respondent, Response
from tests.conftest import ROOT
from tests.document_shapes import assert_shape
from tests.strategies import answer_sets, domain_levels

EXAMPLES = sorted((ROOT / "examples" / "responses").iterdir())
moments = st.none() | st.datetimes(timezones=st.just(UTC))
words = st.text("abc -", min_size=1, max_size=8)


def in_documented_order(keys: list[str], order: tuple[str, ...]) -> bool:
    return keys == [key for key in order if key in keys]


def checked(document: ResponseDocument) -> None:
    assert_shape(document, ResponseDocument)
    assert json.loads(json.dumps(document)) == document  # JSON-ready
    assert in_documented_order(list(document), TOP_FIELDS)
    assert in_documented_order(list(document["respondent"]), RESPONDENT_FIELDS)
    for answer in document["answers"].values():
        assert in_documented_order(list(answer), ANSWER_FIELDS)


@pytest.mark.parametrize("path", EXAMPLES, ids=lambda path: path.name)
def test_the_example_responses_have_the_declared_shape(path: Path) -> None:
    _, [response] = load_responses([path], lambda name, overlays: load_edition(name, overlays))
    checked(response_document(response))


def responses(edition: Edition, *other_roles: str) -> st.SearchStrategy[Response]:
    """Any response on `edition`, each optional part present or absent; its role one of the
    edition's or of `other_roles`."""
    answer = st.builds(
        Answer, st.sampled_from((0.0, 0.25, 0.5, 1.0)), st.sampled_from(("", "a link")), moments
    )
    return st.builds(
        Response,
        edition=st.just(edition.id),
        respondent=st.builds(
            Respondent,
            id=words,
            role=st.none() | st.sampled_from([*(role.id for role in edition.roles), *other_roles]),
            name=st.none() | words,
            team=st.none() | words,
            title=st.none() | words,
        ),
        source=st.sampled_from(SOURCES),
        answers=answer_sets(edition)
        | st.dictionaries(st.sampled_from(sorted(edition.item_index)), answer),
        levels=st.just({}) | domain_levels(edition),
        overlays=st.tuples() | st.tuples(st.just("agentic")),
        rater=st.none() | st.just("") | words,
        started_at=moments,
        updated_at=moments,
    )


@settings(max_examples=60, deadline=None)
@given(st.data())
def test_any_response_on_any_edition_has_the_declared_shape(
    any_edition: Edition, data: st.DataObject
) -> None:
    checked(response_document(data.draw(responses(any_edition))))


def test_every_optional_key_is_written_when_the_response_has_it(edition: Edition) -> None:
    moment = datetime(2026, 11, 2, 10, tzinfo=UTC)
    item = next(iter(edition.item_index))
    response = Response(
        edition=edition.id,
        respondent=Respondent("p1", "software_engineer", "Sam", "tools", "Engineer"),
        source="reviewer",
        answers={item: Answer(1.0, "a link", moment)},
        levels={edition.domain_ids[0]: 1},
        overlays=("agentic",),
        rater="r1",
        started_at=moment,
        updated_at=moment,
    )
    document = response_document(response)
    checked(document)
    assert list(document) == list(TOP_FIELDS)
    assert list(document["respondent"]) == list(RESPONDENT_FIELDS)
    assert list(document["answers"][item]) == list(ANSWER_FIELDS)


@pytest.mark.parametrize("overlays", [(), ("agentic",)])
def test_a_round_export_has_the_declared_shape_and_reads_back_as_written(
    overlays: tuple[str, ...],
) -> None:
    example = read_round_export(ROOT / "examples" / "round-export.json", load_edition)
    edition = load_edition(example.edition.id, overlays)
    document = round_export_document(
        edition, example.name, example.closes_at, example.min_group_size, example.responses
    )
    assert_shape(document, RoundExportDocument)
    assert ("overlays" in document) == bool(overlays)
    if not overlays:
        assert document == json.loads((ROOT / "examples" / "round-export.json").read_text())
