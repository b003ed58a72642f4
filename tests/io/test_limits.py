"""Every reader keeps its limits: the review's hostile files are refused, fast, naming the limit.

Each test here failed on the readers before the limits: a traceback, minutes of work, gigabytes
of memory, or a file accepted that should not be.
"""

from __future__ import annotations

import json
import time
from pathlib import Path

import openpyxl
import pytest

from eaism.errors import DataError, EaismError
from eaism.io.organisation import read_organisation
from eaism.io.people_table import read_people_table
from eaism.io.responses import read_response
from eaism.io.scorecards import read_scorecards
from eaism.io.sheets import count_rows, sheet_rows
from eaism.limits import DEFAULT, SETTINGS, LimitError, Limits, applied, limits_from
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.conftest import ROOT
from tests.io import hostile

BUILDER = ROOT / "examples" / "responses" / "builder.json"
QUICK_SECONDS = 5  # what a refusal may take here; the old readers took minutes, or never ended


def refused(path: Path, edition: Edition, limits: Limits = DEFAULT) -> DataError:
    start = time.perf_counter()
    with pytest.raises(DataError) as caught:
        read_people_table(path, edition, limits=limits)
    assert time.perf_counter() - start < QUICK_SECONDS
    return caught.value


def test_two_million_rows_in_a_small_xlsx_are_refused_before_openpyxl_reads_them(
    tmp_path: Path, edition: Edition
) -> None:
    path = hostile.many_rows_xlsx(tmp_path / "people.xlsx", 2_000_000)
    assert path.stat().st_size < 1_000_000
    error = refused(path, edition)
    assert isinstance(error, LimitError)
    assert str(error).endswith("has more than 200,000 rows (EAISM_MAX_ROWS)")
    assert "people.xlsx" in str(error)


def test_a_huge_shared_string_is_refused_by_the_unpacked_size(
    tmp_path: Path, edition: Edition
) -> None:
    path = hostile.huge_string_xlsx(tmp_path / "people.xlsx", 200_000_000)
    assert path.stat().st_size < 500_000
    assert "unpacks to more than 134,217,728 bytes (EAISM_MAX_XLSX_BYTES)" in str(
        refused(path, edition)
    )


def test_a_shared_string_longer_than_a_cell_is_refused(tmp_path: Path, edition: Edition) -> None:
    path = hostile.huge_string_xlsx(tmp_path / "people.xlsx", 1_000_000)
    message = str(refused(path, edition))
    assert "xl/sharedStrings.xml: has a text of more than 32,767 characters" in message
    assert message.endswith("(EAISM_MAX_CELL_CHARS)")


@pytest.mark.parametrize("attack", [hostile.LAUGHS, hostile.EXTERNAL], ids=["laughs", "external"])
@pytest.mark.parametrize("part", ["sheet", "strings"])
def test_xml_entities_are_refused_with_our_error(
    tmp_path: Path, edition: Edition, attack: str, part: str
) -> None:
    path = hostile.entity_xlsx(tmp_path / "people.xlsx", attack, part)
    assert "declares a document type (<!DOCTYPE> or <!ENTITY>)" in str(refused(path, edition))


def test_openpyxl_reads_through_defusedxml_behind_our_own_check(tmp_path: Path) -> None:
    """Defence in depth: were the check to miss a DTD, openpyxl itself would refuse it."""
    assert openpyxl.DEFUSEDXML
    path = hostile.entity_xlsx(tmp_path / "people.xlsx", hostile.LAUGHS, "strings")
    with pytest.raises(ValueError, match="could not read strings") as caught:
        openpyxl.load_workbook(path, read_only=True)
    assert type(caught.value.__cause__).__name__ == "EntitiesForbidden"


def test_a_claimed_dimension_does_not_pad_every_row_to_16384_cells(
    tmp_path: Path, edition: Edition
) -> None:
    path = hostile.claimed_size_xlsx(tmp_path / "people.xlsx")
    assert "row 1: has more than 1,000 cells (EAISM_MAX_COLUMNS)" in str(refused(path, edition))


def test_a_far_row_does_not_make_a_million_empty_rows(tmp_path: Path, edition: Edition) -> None:
    path = hostile.far_row_xlsx(tmp_path / "people.xlsx")
    assert str(refused(path, edition)).endswith("has more than 200,000 rows (EAISM_MAX_ROWS)")


def test_a_shared_string_of_many_runs_is_refused(tmp_path: Path, edition: Edition) -> None:
    path = hostile.rich_string_xlsx(tmp_path / "people.xlsx", 20_000)
    assert "shared string made of more than 10,000 XML elements" in str(refused(path, edition))


def test_a_part_in_utf16_is_refused(tmp_path: Path, edition: Edition) -> None:
    path = hostile.utf16_xlsx(tmp_path / "people.xlsx")
    assert "sheet1.xml: is not encoded in UTF-8" in str(refused(path, edition))


def test_too_many_parts_are_refused(tmp_path: Path, edition: Edition) -> None:
    path = hostile.many_parts_xlsx(tmp_path / "people.xlsx", 1_001)
    assert "holds more than 1,000 files" in str(refused(path, edition))


def test_xlsx_cells_are_counted_before_reading(tmp_path: Path, edition: Edition) -> None:
    path = hostile.many_rows_xlsx(tmp_path / "people.xlsx", 1_000)
    error = refused(path, edition, Limits(xlsx_cells=500))
    assert str(error).endswith("has more than 500 cells (EAISM_MAX_XLSX_CELLS)")


def test_a_valid_xlsx_is_read_and_its_rows_counted_without_reading_it(
    tmp_path: Path, edition: Edition
) -> None:
    path = hostile.people_xlsx(tmp_path / "people.xlsx", [("p1", "core"), ("p2", "core")])
    table = read_people_table(path, edition, strict=True)
    assert table.people.ids == ("p1", "p2")
    assert count_rows(path) == 2


def test_an_unterminated_quote_names_the_row_and_line_it_opens_on(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text('id,team\np1,core\n"p2,core\np3,core\n', encoding="utf-8")
    with pytest.raises(DataError) as caught:
        list(sheet_rows(path))
    message = str(caught.value)
    assert message.startswith(
        f"{path}:3: row 3: is not readable CSV: a quoted cell is never closed"
    )


def test_csv_bytes_that_are_not_utf8_name_their_line(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes(
        b"id,team\np1,core\np2,\xed\xa0\x80\n"
    )  # a lone surrogate, as CESU-8 writes it
    with pytest.raises(
        DataError, match=r"people\.csv: is not UTF-8 text \(line 3 holds byte 0xed\)"
    ):
        list(sheet_rows(path))


@pytest.mark.parametrize(
    ("limits", "content", "expected"),
    [
        (
            Limits(rows=3),
            "id,team\n" + "p,t\n" * 3,
            "people.csv: has more than 3 rows (EAISM_MAX_ROWS)",
        ),
        (
            Limits(columns=3),
            "id,team\np,t,,,\n",
            "people.csv: row 2: has more than 3 cells (EAISM_MAX_COLUMNS)",
        ),
        (
            Limits(cell_chars=5),
            "id,team\np,t\nq,toolong\n",
            "people.csv: row 3, column 2: holds more than 5 characters (EAISM_MAX_CELL_CHARS)",
        ),
        (
            Limits(file_bytes=10),
            "id,team\np1,core\n",
            "people.csv: is larger than 10 bytes (EAISM_MAX_FILE_BYTES)",
        ),
    ],
    ids=["rows", "columns", "cell", "size"],
)
def test_csv_limits_name_the_row_and_setting(
    tmp_path: Path, limits: Limits, content: str, expected: str
) -> None:
    path = tmp_path / "people.csv"
    path.write_text(content, encoding="utf-8")
    with pytest.raises(LimitError) as caught:
        list(sheet_rows(path, limits))
    assert str(caught.value).endswith(expected)


def test_limits_applied_by_the_entry_point_reach_the_readers(tmp_path: Path) -> None:
    path = tmp_path / "people.csv"
    path.write_text("id,team\np1,core\np2,core\n", encoding="utf-8")
    with applied(Limits(rows=2)), pytest.raises(LimitError, match="more than 2 rows"):
        list(sheet_rows(path))
    assert len(list(sheet_rows(path))) == 3


def response_file(tmp_path: Path, name: str, text: str) -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def builder_with(value: str) -> str:
    """The example response with one answer's value replaced by raw JSON text."""
    document = json.loads(BUILDER.read_text())
    first = next(iter(document["answers"]))
    document["answers"][first] = {"value": "VALUE"}
    return json.dumps(document).replace('"VALUE"', value)


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        (
            "deep.json",
            hostile.deep_json(100_000),
            "deep.json: is nested deeper than 64 lists and mappings (EAISM_MAX_DEPTH)",
        ),
        ("deep.json", hostile.deep_json(70), "deep.json:1: is nested deeper than 64"),
        ("deep.yaml", "a: " + hostile.deep_json(500), "deep.yaml"),
        (
            "long.json",
            builder_with(hostile.long_integer(5_000)),
            "long.json:1: has an integer of more than 30 digits (EAISM_MAX_DIGITS)",
        ),
        (
            "long.json",
            builder_with(hostile.long_integer(40)),
            "is an integer of more than 30 digits (EAISM_MAX_DIGITS)",
        ),
        (
            "long.yaml",
            f"a: {hostile.long_integer(5_000)}\n",
            "long.yaml:1: has an integer of more than 30 digits",
        ),
        (
            "binary.yaml",
            "a: 0b" + "1" * 50_000 + "\n",
            "binary.yaml:1: a: is an integer of more than 30 digits",
        ),
        ("alone.json", builder_with('"\\ud800"'), "holds a lone surrogate"),
        (
            "bomb.yaml",
            hostile.alias_bomb_yaml(),
            "bomb.yaml: YAML aliases repeat values past the length of the file",
        ),
        ("loop.yaml", "a: &a [*a]\n", "loop.yaml"),
        (
            "control.yaml",
            "a: \x01\n",
            "control.yaml:1: not valid YAML: character 0x01 is not allowed",
        ),
    ],
    ids=[
        "deep-json",
        "deep-json-64",
        "deep-yaml",
        "digits-json",
        "digits-40",
        "digits-yaml",
        "binary-yaml",
        "surrogate",
        "aliases",
        "recursive-alias",
        "control",
    ],
)
def test_documents_over_a_limit_are_located_errors(
    tmp_path: Path, edition: Edition, name: str, text: str, expected: str
) -> None:
    path = response_file(tmp_path, name, text)
    start = time.perf_counter()
    for read in (
        lambda: read_response(path, edition),
        lambda: read_organisation(path, load_edition),
        lambda: read_scorecards([path], edition),
    ):
        with pytest.raises(EaismError) as caught:
            read()
        assert expected in str(caught.value)
    assert time.perf_counter() - start < QUICK_SECONDS


def test_a_few_yaml_aliases_are_still_read(tmp_path: Path) -> None:
    text = "name: &name Shared\nteams: [core]\npeople:\n  - {id: p1, team: core, levels: &l {prompting: 1}}\n  - {id: p2, team: core, levels: *l}\n"
    loaded = read_organisation(response_file(tmp_path, "org.yaml", text), load_edition, strict=True)
    assert loaded.organisation.people.ids == ("p1", "p2")


def test_a_response_file_over_the_size_limit_is_refused_unread(
    tmp_path: Path, edition: Edition
) -> None:
    with applied(Limits(file_bytes=100)), pytest.raises(LimitError) as caught:
        read_response(BUILDER, edition)
    assert str(caught.value).endswith("is larger than 100 bytes (EAISM_MAX_FILE_BYTES)")


def test_every_limit_is_a_documented_setting() -> None:
    documented = (ROOT / "docs" / "organisation.md").read_text()
    for field, name in SETTINGS.items():
        assert name in documented, name
        assert limits_from({name: "7"}) == Limits(**{field: 7})


@pytest.mark.parametrize("text", ["0", "-1", "lots", "1.5"])
def test_a_bad_setting_names_itself(text: str) -> None:
    with pytest.raises(EaismError, match=f"EAISM_MAX_ROWS={text!r}: expected a whole number"):
        limits_from({"EAISM_MAX_ROWS": text})


def test_a_file_with_too_many_problems_is_refused_with_the_first_of_them(
    tmp_path: Path, edition: Edition
) -> None:
    people = ",".join(['{"id": "p", "team": "x"}'] * 2_000)
    path = response_file(tmp_path, "org.json", f'{{"teams": ["core"], "people": [{people}]}}')
    with pytest.raises(LimitError) as caught:
        read_organisation(path, load_edition)
    assert len(caught.value.problems) == 1_001
    assert str(caught.value).endswith(
        "has more than 1,000 problems; fix these and read it again (EAISM_MAX_PROBLEMS)"
    )
    sheet = tmp_path / "people.csv"
    sheet.write_text("id,team,prompting\n" + "p,,9\n" * 600)
    with pytest.raises(LimitError, match="more than 1,000 problems"):
        read_people_table(sheet, edition)


def test_a_long_yaml_file_is_refused_before_it_is_parsed(tmp_path: Path) -> None:
    path = response_file(tmp_path, "org.yaml", "name: x\n" + "# a comment\n" * 100)
    with applied(Limits(yaml_chars=1_000)), pytest.raises(LimitError) as caught:
        read_organisation(path, load_edition)
    assert str(caught.value).endswith(
        "write it as JSON, which reads far faster (EAISM_MAX_YAML_CHARS)"
    )


def test_a_level_of_null_is_a_located_problem(tmp_path: Path) -> None:
    """Found by the fuzzer: `prompting: null` raised TypeError from int(None)."""
    text = "teams: [core]\npeople:\n  - {id: p1, team: core, levels: {prompting: null}}\n"
    loaded = read_organisation(response_file(tmp_path, "org.yaml", text), load_edition)
    assert [str(problem) for problem in loaded.problems] == [
        f"{tmp_path / 'org.yaml'}:3: people[0].levels.prompting: None is not a level (0-5)"
    ]
