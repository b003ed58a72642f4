"""The validity report's documents have exactly the shape validity_types declares, key for key,
for the example rounds and for any round on any edition; the API's schema reads them unchanged."""

from __future__ import annotations

import json
from dataclasses import fields
from datetime import UTC, datetime
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from pydantic import TypeAdapter

from eaism.analysis.validity import (
    ValidityReport,
    round_validity_document,
    validity_document,
    validity_report,
)
from eaism.analysis.validity_types import RoundValidityDocument, Thresholds, ValidityDocument
from eaism.io.round_export import read_round_export
from eaism.model.loader import load_edition
from eaism.model.schema import Edition, ValidityParameters
from tests.analysis.test_validity import person, responses_of
from tests.conftest import ROOT
from tests.document_shapes import assert_shape

EXPORTS = (
    ROOT / "examples" / "round-export.json",  # every domain figure shown, intervals, flags
    ROOT / "tests" / "fixtures" / "rounds" / "small.json",  # most figures withheld
)


def exported(path: Path) -> tuple[Edition, ValidityReport, str, datetime | None]:
    loaded = read_round_export(path, lambda name, overlays: load_edition(name, overlays))
    report = validity_report(loaded.edition, loaded.responses, loaded.min_group_size)
    return loaded.edition, report, loaded.name, loaded.closes_at


def statuses(document: ValidityDocument) -> set[str]:
    figures = [
        figure for item in document["items"] for figure in (item["difficulty"], item["item_rest"])
    ]
    for domain in document["domains"].values():
        figures += [domain["kappa"], domain["inflation"], domain["reproducibility"]]
        figures += [domain["scalability"], domain["alpha"]]
    return {figure["status"] for figure in figures}


@pytest.mark.parametrize("path", EXPORTS, ids=lambda path: path.name)
def test_the_example_rounds_documents_have_their_declared_shape(path: Path) -> None:
    edition, report, name, closes_at = exported(path)
    document = validity_document(edition, report)
    assert_shape(document, ValidityDocument)
    assert_shape(round_validity_document(edition, report, name, closes_at), RoundValidityDocument)
    assert json.loads(json.dumps(document)) == document  # JSON-ready: no tuples, no NaN


def test_the_examples_show_withheld_and_shown_figures_and_both_kinds_of_reading() -> None:
    documents = [validity_document(*exported(path)[:2]) for path in EXPORTS]
    assert set.union(*map(statuses, documents)) >= {"shown", "too_few"}
    domains = {
        reading["domain"] is None for document in documents for reading in document["readings"]
    }
    assert domains == {True, False}


def test_a_figure_on_answers_that_do_not_vary_is_undefined_with_null_values() -> None:
    edition = load_edition()
    bank = dict.fromkeys((item.id for item in edition.domains[0].items), 1.0)
    people = [person(index, bank, calibration=True) for index in range(6)]
    document = validity_document(edition, validity_report(edition, people, 5))
    assert_shape(document, ValidityDocument)
    alpha = document["domains"][edition.domains[0].id]["alpha"]
    assert (alpha["status"], alpha["value"], alpha["low"]) == ("undefined", None, None)


@settings(max_examples=25, deadline=None)
@given(st.data(), st.integers(3, 8), st.none() | st.datetimes(timezones=st.just(UTC)))
def test_any_round_on_any_edition_has_the_declared_shape(
    any_edition: Edition, data: st.DataObject, minimum: int, closes_at: datetime | None
) -> None:
    report = validity_report(any_edition, data.draw(responses_of(any_edition)), minimum)
    assert_shape(validity_document(any_edition, report), ValidityDocument)
    document = round_validity_document(any_edition, report, "Autumn", closes_at)
    assert_shape(document, RoundValidityDocument)
    assert list(document)[:3] == ["format", "round", "edition"]


def test_the_thresholds_name_every_validity_parameter_of_the_edition() -> None:
    assert list(Thresholds.__annotations__) == [field.name for field in fields(ValidityParameters)]


def test_the_api_schema_reads_the_document_back_unchanged() -> None:
    edition, report, _, _ = exported(EXPORTS[0])
    document = validity_document(edition, report)
    schema = TypeAdapter(ValidityDocument)
    read = schema.dump_python(schema.validate_python(document))
    assert read == document
    assert json.dumps(read) == json.dumps(document)  # the same keys in the same order
