"""Crosswalks: references from cells to ESCO, O*NET, NIST AI RMF and SFIA, as validated data."""

from __future__ import annotations

import uuid
from collections import Counter
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.errors import DataError
from eaism.model.checks import IDENTIFIER_FORMS
from eaism.model.loader import load_edition, read_edition
from eaism.model.schema import FRAMEWORKS, Edition

CROSSWALK_FILE = "crosswalks.yaml"
# What was confirmed in the frameworks' published data for 2026.1 (see the file's sources).
CONFIRMED_CELLS = {"esco": 30, "nist_ai_rmf": 22, "onet": 8}


@pytest.fixture(scope="module")
def edition() -> Edition:
    return load_edition("2026.1")


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_edition(path)
    return [str(problem) for problem in caught.value.problems]


def line_of(path: Path, text: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line
    )


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def test_every_framework_has_an_identifier_form() -> None:
    assert set(IDENTIFIER_FORMS) == set(FRAMEWORKS)


def test_every_reference_has_its_frameworks_form_and_a_known_source(edition: Edition) -> None:
    references = [ref for entry in edition.crosswalk.cells for ref in entry.references]
    assert references
    for reference in references:
        form, _ = IDENTIFIER_FORMS[reference.framework]
        assert form.fullmatch(reference.id), reference
        source = edition.crosswalk.sources[reference.source]
        assert source.framework == reference.framework, reference
        assert source.read_from, reference


def test_the_confirmed_cells_carry_references(edition: Edition) -> None:
    cells_per_framework: Counter[str] = Counter()
    for entry in edition.crosswalk.cells:
        cells_per_framework.update({reference.framework for reference in entry.references})
    assert dict(cells_per_framework) == CONFIRMED_CELLS
    other = {
        entry.cell
        for entry in edition.crosswalk.cells
        if any(r.framework != "esco" for r in entry.references)
    }
    assert cells_per_framework["esco"] >= 20
    assert len(other) >= 20


def test_every_referenced_cell_is_an_applicable_cell(edition: Edition) -> None:
    for entry in edition.crosswalk.cells:
        domain_id, _, level = entry.cell.partition(".")
        assert int(level) in edition.domain(domain_id).applicable_levels, entry.cell


def test_a_cell_s_references_are_found_by_domain_and_level(edition: Edition) -> None:
    ids = [reference.id for reference in edition.crosswalk.references("security", 3)]
    assert "MEASURE 2.7" in ids
    assert "15-1212.00" in ids
    assert edition.crosswalk.references("governance", 1) == ()


def test_an_edition_without_the_file_has_no_references(edition_copy: Path) -> None:
    (edition_copy / CROSSWALK_FILE).unlink()
    crosswalk = read_edition(edition_copy).crosswalk
    assert crosswalk.cells == ()
    assert crosswalk.sources == {}


def test_a_malformed_identifier_names_file_line_entry_and_the_expected_form(
    edition_copy: Path,
) -> None:
    path = edition_copy / CROSSWALK_FILE
    replace_in(path, "id: MEASURE 2.7,", "id: MEASURE 2-7,")
    line = line_of(path, "MEASURE 2-7")
    assert problems_of(edition_copy) == [
        f"{CROSSWALK_FILE}:{line}: crosswalk.cells[21].references[2].id: 'MEASURE 2-7' is not a"
        " NIST AI RMF subcategory such as GOVERN 2.2"
    ]


def test_an_unknown_cell_is_a_located_error(edition_copy: Path) -> None:
    path = edition_copy / CROSSWALK_FILE
    replace_in(path, "- cell: governance.5", "- cell: governance.2")
    line = line_of(path, "- cell: governance.2")
    assert problems_of(edition_copy) == [
        f"{CROSSWALK_FILE}:{line}: crosswalk.cells[26].cell: governance has no cell at level 2"
    ]


def test_an_unknown_source_lists_the_known_ones(edition_copy: Path) -> None:
    path = edition_copy / CROSSWALK_FILE
    replace_in(
        path,
        "label: Software Developers, source: onet}",
        "label: Software Developers, source: bls}",
    )
    (problem,) = problems_of(edition_copy)
    assert problem.endswith(
        "crosswalk.cells[5].references[2].source: 'bls' is not a source; expected one of: esco, nist_ai_rmf, onet"
    )


def test_a_cell_listed_twice_is_an_error(edition_copy: Path) -> None:
    path = edition_copy / CROSSWALK_FILE
    replace_in(path, "- cell: prompting.4", "- cell: prompting.3")
    (problem,) = problems_of(edition_copy)
    assert "crosswalk.cells[2].cell: prompting.3 is listed twice" in problem


@given(st.uuids())
def test_esco_uris_are_skills_or_occupations_with_a_lower_case_uuid(value: uuid.UUID) -> None:
    form, _ = IDENTIFIER_FORMS["esco"]
    for kind in ("skill", "occupation"):
        assert form.fullmatch(f"http://data.europa.eu/esco/{kind}/{value}")
    assert not form.fullmatch(f"http://data.europa.eu/esco/isco/{value}")
    assert not form.fullmatch(f"https://data.europa.eu/esco/skill/{value}")
    if any(character.isalpha() for character in str(value)):
        assert not form.fullmatch(f"http://data.europa.eu/esco/skill/{str(value).upper()}")


def onet_shape(text: str) -> bool:
    """The O*NET-SOC shape written out by hand: NN-NNNN.NN with ASCII digits."""
    digits = [character for index, character in enumerate(text) if index not in (2, 7)]
    return (
        len(text) == 10
        and text[2] == "-"
        and text[7] == "."
        and all(character in "0123456789" for character in digits)
    )


@given(st.text(alphabet="0123456789-. a\n\u0663", max_size=12))
def test_onet_codes_are_accepted_exactly_when_they_have_the_o_net_soc_shape(text: str) -> None:
    form, _ = IDENTIFIER_FORMS["onet"]
    assert bool(form.fullmatch(text)) == onet_shape(text)


@given(
    st.sampled_from(["GOVERN", "MAP", "MEASURE", "MANAGE"]), st.integers(1, 99), st.integers(1, 99)
)
def test_nist_subcategories_are_a_function_and_two_numbers(
    function: str, category: int, sub: int
) -> None:
    form, _ = IDENTIFIER_FORMS["nist_ai_rmf"]
    assert form.fullmatch(f"{function} {category}.{sub}")
    assert not form.fullmatch(f"{function.lower()} {category}.{sub}")
    assert not form.fullmatch(f"{function} {category}")
