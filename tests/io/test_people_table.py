"""People sheets: levels or answers per person, read from real CSV and XLSX files."""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Any, Literal

import numpy as np
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl import Workbook, load_workbook  # type: ignore[import-untyped]

from eaism.analysis.whatif import uniform_levels
from eaism.errors import DataError, UsageError
from eaism.io.people_table import (
    PeopleTable,
    count_rows,
    read_people_table,
    write_people_template,
)
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from eaism.scoring.answers import Answer
from eaism.scoring.person import operating_level
from eaism.scoring.profile import score_person
from tests.factories import answers_up_to, response

Rows = list[list[Any]]
EDITION = load_edition()  # for hypothesis, which cannot take a fixture per example


def write_csv(path: Path, rows: Rows) -> Path:
    with path.open("w", newline="", encoding="utf-8") as file:
        csv.writer(file).writerows(rows)
    return path


def write_xlsx(path: Path, rows: Rows) -> Path:
    workbook = Workbook()
    sheet = workbook.active
    assert sheet is not None
    for row in rows:
        sheet.append(row)
    workbook.save(path)
    return path


def messages(table: PeopleTable) -> list[str]:
    return [str(problem) for problem in table.problems]


def levels_sheet(edition: Edition) -> Rows:
    domains = edition.domain_ids
    return [
        ["id", "team", "role", "title", *domains],
        ["p1", "platform", "software_engineer", "Engineer", *[3] * len(domains)],
        ["p2", "data", "", "", *uniform_levels(edition, 1)],
        ["p3", "data", "business_role", "Analyst", 2, 5],  # short row: the rest count as 0
    ]


def answers_row(person_id: str, item_ids: list[str], answers: dict[str, Answer]) -> list[object]:
    row: list[object] = [person_id, "platform", "software_engineer", ""]
    for item_id in item_ids:
        answer = answers.get(item_id)
        row += ["", ""] if answer is None else [f"{answer.value:g}", answer.evidence]
    return row


def answers_sheet(edition: Edition, people: dict[str, dict[str, Answer]]) -> Rows:
    item_ids = list(edition.item_index)
    header = ["id", "team", "role", "title"]
    header += [name for item_id in item_ids for name in (item_id, f"evidence:{item_id}")]
    return [header, *(answers_row(key, item_ids, answers) for key, answers in people.items())]


def mixed_answers(edition: Edition) -> dict[str, Answer]:
    """Every value of the scale, with and without evidence, spread over the items."""
    values = (1.0, 0.5, 1.0, 0.25, 1.0, 0.0, 1.0)
    return {
        item_id: Answer(values[index % len(values)], "" if index % 5 == 3 else "a pull request")
        for index, item_id in enumerate(edition.item_index)
    }


def test_a_levels_sheet_gives_levels_and_operating_levels(tmp_path: Path, edition: Edition) -> None:
    table = read_people_table(write_csv(tmp_path / "people.csv", levels_sheet(edition)), edition)
    people = table.people
    assert (table.problems, table.skipped_rows) == ((), 0)
    assert people.ids == ("p1", "p2", "p3")
    assert people.teams == ("platform", "data", "data")
    assert people.roles == ("software_engineer", "", "business_role")
    assert people.titles == ("Engineer", "", "Analyst")
    assert people.levels.tolist()[2] == [2, 5] + [0] * (len(edition.domains) - 2)
    for person in range(len(people)):
        given = dict(zip(edition.domain_ids, people.levels[person].tolist(), strict=True))
        assert people.operating[person] == operating_level(edition, given)
    assert people.operating.tolist()[:2] == [3, 1]
    assert not people.progress.any()


def test_an_answers_sheet_scores_like_one_person_at_a_time(
    tmp_path: Path, edition: Edition
) -> None:
    people = {
        "full": answers_up_to(edition, 5),
        "builder": answers_up_to(edition, 3),
        "unproven": answers_up_to(edition, 4, evidence=""),
        "mixed": mixed_answers(edition),
        "nobody": {},
    }
    path = write_csv(tmp_path / "people.csv", answers_sheet(edition, people))
    table = read_people_table(path, edition)
    assert table.problems == ()
    assert table.people.ids == tuple(people)
    for person, answers in enumerate(people.values()):
        expected = score_person(edition, [response(answers)])
        domains = list(expected.domains.values())
        assert table.people.levels[person].tolist() == [domain.level for domain in domains]
        assert table.people.progress[person].tolist() == pytest.approx(
            [domain.progress for domain in domains]
        )
        assert table.people.operating[person] == expected.operating.demonstrated


def test_evidence_columns_decide_what_counts(tmp_path: Path, edition: Edition) -> None:
    evidence_level = edition.scoring.evidence_required_from_level
    people = {
        "with": answers_up_to(edition, evidence_level),
        "without": answers_up_to(edition, evidence_level, evidence=""),
        "blank": answers_up_to(edition, evidence_level, evidence="   "),
    }
    path = write_csv(tmp_path / "people.csv", answers_sheet(edition, people))
    operating = read_people_table(path, edition).people.operating.tolist()
    assert operating == [evidence_level, evidence_level - 1, evidence_level - 1]


def test_a_sheet_without_evidence_columns_counts_no_evidence(
    tmp_path: Path, edition: Edition
) -> None:
    items = [item.id for domain in edition.domains for item in domain.items if item.level <= 2]
    rows: Rows = [["id", "team", *items], ["p1", "platform", *["1"] * len(items)]]
    table = read_people_table(write_csv(tmp_path / "people.csv", rows), edition)
    assert table.people.operating.tolist() == [1]


def bad_rows(edition: Edition) -> Rows:
    domains = edition.domain_ids
    return [
        ["id", "team", "role", "title", "shoe size", *domains],
        ["p1", "platform", "software_engineer", "", "42", *uniform_levels(edition, 1)],
        ["p2", "platform", "", "", "", 7],
        ["p3", "ops", "", "", "", 1],
        ["p4", "platform", "wizard", "", "", 1],
        ["p1", "platform", "", "", "", 1],
        ["p6", "data", "", "", "", "two"],
        ["", "data", "", "", "", 1],
        ["p8", "", "", "", "", 1],
    ]


def test_every_bad_row_is_named_by_row_and_column(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.csv", bad_rows(edition))
    table = read_people_table(path, edition, known_teams=frozenset({"platform", "data"}))
    roles = ", ".join(role.id for role in edition.roles)
    first = edition.domain_ids[0]
    assert messages(table) == [
        f"{path}: row 1, column 'shoe size': 'shoe size' is not a column: expected id, team, role, title, domain ids or item ids",
        f"{path}: row 3, column {first!r}: 7 is not a level (0-5)",
        f"{path}: row 4, column 'team': 'ops' is not a known team; expected one of: data, platform",
        f"{path}: row 5, column 'role': 'wizard' is not a role; expected one of: {roles}",
        f"{path}: row 6, column 'id': 'p1' is a duplicate id (first on row 2)",
        f"{path}: row 7, column {first!r}: 'two' is not a level (0-5)",
        f"{path}: row 8, column 'id': every person needs an id",
        f"{path}: row 9, column 'team': every person needs a team",
    ]
    assert table.people.ids == ("p1",)
    assert table.skipped_rows == 7


def test_strict_refuses_the_sheet_with_every_problem(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.csv", bad_rows(edition))
    with pytest.raises(DataError) as caught:
        read_people_table(path, edition, strict=True, known_teams=frozenset({"platform", "data"}))
    assert len(caught.value.problems) == 8


def test_strict_refuses_even_an_unknown_column(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.csv", [["id", "team", "age"], ["p1", "data", "40"]])
    assert len(read_people_table(path, edition).people) == 1
    with pytest.raises(DataError, match="'age' is not a column"):
        read_people_table(path, edition, strict=True)


def test_an_answer_off_the_scale_is_named(tmp_path: Path, edition: Edition) -> None:
    item_id = next(iter(edition.item_index))
    rows: Rows = [
        ["id", "team", item_id, f"evidence:{item_id}"],
        ["p1", "data", "0.3", "shipped"],
        ["p2", "data", "2", ""],
        ["p3", "data", " 0.50 ", ""],
        ["p4", "data", "1.00", ""],
    ]
    path = write_csv(tmp_path / "people.csv", rows)
    table = read_people_table(path, edition)
    assert messages(table) == [
        f"{path}: row 2, column {item_id!r}: '0.3' is not an answer (0, 0.25, 0.5, 1)",
        f"{path}: row 3, column {item_id!r}: 2 is not an answer (0, 0.25, 0.5, 1)",
    ]
    assert table.people.ids == ("p3", "p4")


def test_cells_are_stripped_and_spelled_freely(tmp_path: Path, edition: Edition) -> None:
    domains = edition.domain_ids
    rows: Rows = [
        [" id ", "team", "title", domains[0], domains[1], domains[2]],
        ["  p1 ", " data\t", " Lead ", " 2 ", "3.0", ""],
        ["p2", "data", "Café ", "\u00a05", "0", "2"],
    ]
    table = read_people_table(write_csv(tmp_path / "people.csv", rows), edition)
    assert table.problems == ()
    assert table.people.ids == ("p1", "p2")
    assert table.people.teams == ("data", "data")
    assert table.people.titles == ("Lead", "Café")
    assert table.people.levels[:, :3].tolist() == [[2, 3, 0], [5, 0, 2]]


def test_blank_rows_are_not_people(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team"], ["p1", "data"], [], ["", ""], ["p2", "data"]]
    table = read_people_table(write_csv(tmp_path / "people.csv", rows), edition)
    assert (table.people.ids, table.problems, table.skipped_rows) == (("p1", "p2"), (), 0)


def test_cells_outside_the_named_columns_are_reported(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team", ""], ["p1", "data", "note"], ["p2", "data", "", "", "late"]]
    path = write_csv(tmp_path / "people.csv", rows)
    table = read_people_table(path, edition)
    assert messages(table) == [
        f"{path}: row 2, column 3: 'note' is in a column without a header",
        f"{path}: row 3, column 5: 'late' is in a column without a header",
    ]
    assert table.people.ids == ("p1", "p2")


def test_a_repeated_column_is_reported_and_ignored(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team", "team"], ["p1", "data", "ops"]]
    path = write_csv(tmp_path / "people.csv", rows)
    table = read_people_table(path, edition)
    assert messages(table) == [
        f"{path}: row 1, column 'team': 'team' is a duplicate column (first in column 2)"
    ]
    assert table.people.teams == ("data",)


def test_a_cell_holding_the_internal_separator_is_read(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team", edition.domain_ids[0]], ["p\x1f1", "data", "2"], ["p2", "da", "4"]]
    table = read_people_table(write_csv(tmp_path / "people.csv", rows), edition)
    assert table.people.ids == ("p\x1f1", "p2")
    assert table.people.levels[:, 0].tolist() == [2, 4]


def test_duplicates_are_found_across_chunks(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team"], *([f"p{index}", "data"] for index in range(10_001))]
    rows.append(["p3", "data"])
    path = write_csv(tmp_path / "people.csv", rows)
    seen: list[int] = []
    table = read_people_table(path, edition, progress=seen.append)
    assert messages(table) == [
        f"{path}: row 10003, column 'id': 'p3' is a duplicate id (first on row 5)"
    ]
    assert len(table.people) == 10_001
    assert seen == [10_000, 10_002]
    assert count_rows(path) == 10_002


def test_both_kinds_of_score_column_are_refused(tmp_path: Path, edition: Edition) -> None:
    item_id = next(iter(edition.item_index))
    rows: Rows = [["id", "team", edition.domain_ids[0], item_id], ["p1", "data", "1", "1"]]
    with pytest.raises(DataError, match="give either domain levels or item answers"):
        read_people_table(write_csv(tmp_path / "people.csv", rows), edition)


def test_a_missing_id_column_is_refused(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.csv", [["name", "team"], ["p1", "data"]])
    with pytest.raises(DataError) as caught:
        read_people_table(path, edition)
    assert [str(problem) for problem in caught.value.problems] == [
        f"{path}: row 1, column 'name': 'name' is not a column: expected id, team, role, title, domain ids or item ids",
        f"{path}: row 1: expected a column named 'id'",
    ]


def test_an_empty_file_has_no_header(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "people.csv"
    path.write_text("")
    with pytest.raises(DataError, match="expected a column named 'id'"):
        read_people_table(path, edition)


def test_xlsx_reads_like_csv(tmp_path: Path, edition: Edition) -> None:
    people = {"builder": answers_up_to(edition, 3), "mixed": mixed_answers(edition)}
    for rows in (levels_sheet(edition), answers_sheet(edition, people)):
        numeric = [rows[0], *([_number(cell) for cell in row] for row in rows[1:])]
        from_csv = read_people_table(write_csv(tmp_path / "people.csv", rows), edition).people
        xlsx = write_xlsx(tmp_path / "people.xlsx", numeric)
        from_xlsx = read_people_table(xlsx, edition).people
        assert from_xlsx.ids == from_csv.ids
        assert from_xlsx.titles == from_csv.titles
        assert np.array_equal(from_xlsx.levels, from_csv.levels)
        assert np.array_equal(from_xlsx.progress, from_csv.progress)
        assert count_rows(xlsx) == len(rows) - 1


def _number(cell: object) -> object:
    """Scores as numbers, the way a spreadsheet holds them."""
    if isinstance(cell, str) and cell.replace(".", "", 1).isdigit():
        return float(cell) if "." in cell else int(cell)
    return cell


def test_xlsx_problems_are_located_too(tmp_path: Path, edition: Edition) -> None:
    rows: Rows = [["id", "team", edition.domain_ids[0]], ["p1", "data", 2.5], [None, "data", 1]]
    path = write_xlsx(tmp_path / "people.xlsx", rows)
    table = read_people_table(path, edition)
    assert messages(table) == [
        f"{path}: row 2, column {edition.domain_ids[0]!r}: '2.5' is not a level (0-5)",
        f"{path}: row 3, column 'id': every person needs an id",
    ]


@pytest.mark.parametrize("suffix", [".csv", ".xlsx"])
@pytest.mark.parametrize("kind", ["levels", "answers"])
def test_a_template_reads_back_empty(
    tmp_path: Path, edition: Edition, suffix: str, kind: Literal["levels", "answers"]
) -> None:
    path = tmp_path / f"template{suffix}"
    write_people_template(path, edition, kind)
    table = read_people_table(path, edition, strict=True)
    assert (len(table.people), table.problems) == (0, ())
    assert header_of(path)[:4] == ["id", "team", "role", "title"]
    if kind == "levels":
        assert header_of(path)[4:] == list(edition.domain_ids)
    else:
        pairs = [[item_id, f"evidence:{item_id}"] for item_id in edition.item_index]
        assert header_of(path)[4:] == [name for pair in pairs for name in pair]


def header_of(path: Path) -> list[Any]:
    if path.suffix == ".csv":
        with path.open(newline="", encoding="utf-8") as file:
            return next(csv.reader(file))
    workbook = load_workbook(path, read_only=True)
    header = list(next(workbook.worksheets[0].iter_rows(values_only=True)))
    workbook.close()
    return header


def test_a_missing_file_is_a_usage_error(tmp_path: Path, edition: Edition) -> None:
    for name in ("absent.csv", "absent.xlsx"):
        with pytest.raises(UsageError, match="no such file"):
            read_people_table(tmp_path / name, edition)
    with pytest.raises(UsageError, match="no such file"):
        count_rows(tmp_path / "absent.csv")


def test_other_suffixes_are_a_usage_error(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.txt", [["id", "team"]])
    with pytest.raises(UsageError, match=r"expected a \.csv or \.xlsx file"):
        read_people_table(path, edition)
    with pytest.raises(UsageError, match=r"expected a \.csv or \.xlsx file"):
        write_people_template(tmp_path / "template.ods", edition, "levels")


def test_text_in_another_encoding_names_the_file(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("id,team\np1,Équipe\n".encode("latin-1"))
    with pytest.raises(DataError, match=r"people\.csv: is not UTF-8 text"):
        read_people_table(path, edition)


def test_a_byte_order_mark_is_not_part_of_the_header(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "people.csv"
    path.write_bytes("id,team\np1,data\n".encode("utf-8-sig"))
    assert read_people_table(path, edition).people.ids == ("p1",)


def test_a_broken_workbook_names_the_file(tmp_path: Path, edition: Edition) -> None:
    path = tmp_path / "people.xlsx"
    path.write_text("id,team\n")
    with pytest.raises(DataError, match=r"people\.xlsx: is not an XLSX workbook"):
        read_people_table(path, edition)


LEVEL_TEXT = st.sampled_from(["0", "1", "2", "3", "4", "5", "", " 3", "4.0"])


def _valid(domain_id: str, text: str) -> str:
    """The text, or an empty cell where the domain has no such level."""
    level = int(float(text or 0))
    return text if level == 0 or level in EDITION.domain(domain_id).applicable_levels else ""


@settings(
    max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    columns=st.lists(st.sampled_from(EDITION.domain_ids), unique=True, max_size=8),
    cells=st.lists(st.lists(LEVEL_TEXT, min_size=8, max_size=8), max_size=12),
)
def test_levels_written_are_levels_read(
    tmp_path: Path, columns: list[str], cells: list[list[str]]
) -> None:
    cells = [
        [_valid(domain_id, text) for domain_id, text in zip(columns, row, strict=False)]
        for row in cells
    ]
    rows: Rows = [["id", "team", *columns]]
    rows += [[f"p{index}", "data", *row] for index, row in enumerate(cells)]
    table = read_people_table(write_csv(tmp_path / "levels.csv", rows), EDITION, strict=True)
    expected = np.zeros((len(cells), len(EDITION.domains)), np.int8)
    for row, values in enumerate(cells):
        for domain_id, text in zip(columns, values, strict=False):
            expected[row, EDITION.domain_ids.index(domain_id)] = int(float(text or 0))
    assert table.people.ids == tuple(f"p{index}" for index in range(len(cells)))
    assert np.array_equal(table.people.levels, expected)


def test_a_level_the_domain_does_not_have_is_named(tmp_path: Path, edition: Edition) -> None:
    path = write_csv(tmp_path / "people.csv", [["id", "team", "governance"], ["p1", "data", "2"]])
    table = read_people_table(path, edition)
    assert messages(table) == [
        f"{path}: row 2, column 'governance': governance has no level 2; its levels are 0, 3, 4, 5"
    ]
    assert table.skipped_rows == 1
