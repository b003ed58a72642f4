"""The command line on hostile files: an error naming the place and the limit, never a traceback,
and never an `--out` file left behind empty or half-written."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from eaism.cli.common import write_output
from eaism.errors import UsageError
from tests.conftest import ROOT
from tests.io import hostile

runner = CliRunner()
BUILDER = ROOT / "examples" / "responses" / "builder.json"
ORGANISATION = "name: Hostile\nteams: [core]\n"


def builder_with(value: str) -> str:
    document = json.loads(BUILDER.read_text())
    document["respondent"]["name"] = "NAME"
    return json.dumps(document).replace('"NAME"', value)


def written(folder: Path, name: str, text: str) -> Path:
    path = folder / name
    path.write_text(text, encoding="utf-8")
    return path


def assert_refused(result: object, expected: str, code: int = 1) -> None:
    assert result.exception is None or isinstance(result.exception, SystemExit), result.exception  # type: ignore[attr-defined]
    assert result.exit_code == code, result.stderr  # type: ignore[attr-defined]
    assert "Traceback" not in result.stderr  # type: ignore[attr-defined]
    assert result.stderr.startswith("error: "), result.stderr  # type: ignore[attr-defined]
    assert expected in result.stderr  # type: ignore[attr-defined]


@pytest.mark.parametrize(
    ("name", "text", "expected"),
    [
        ("surrogate.json", builder_with('"\\udc80"'), "respondent.name: holds a lone surrogate"),
        (
            "deep.json",
            hostile.deep_json(100_000),
            "is nested deeper than 64 lists and mappings (EAISM_MAX_DEPTH)",
        ),
        (
            "digits.json",
            builder_with(hostile.long_integer(5_000)),
            ":1: has an integer of more than 30 digits (EAISM_MAX_DIGITS)",
        ),
        (
            "bomb.yaml",
            hostile.alias_bomb_yaml(),
            "YAML aliases repeat values past the length of the file",
        ),
        ("control.yaml", "format: \x07\n", "not valid YAML: character 0x07 is not allowed"),
    ],
    ids=["surrogate", "deep", "digits", "aliases", "control"],
)
def test_score_refuses_a_hostile_response_and_leaves_no_out_file(
    tmp_path: Path, name: str, text: str, expected: str
) -> None:
    out = tmp_path / "profile.json"
    path = written(tmp_path, name, text)
    result = runner.invoke(app, ["score", str(path), "--format", "json", "--out", str(out)])
    assert_refused(result, expected)
    assert sorted(item.name for item in tmp_path.iterdir()) == [name]


@pytest.mark.parametrize(
    ("build", "expected"),
    [
        (
            lambda path: hostile.many_rows_xlsx(path, 2_000_000),
            "has more than 200,000 rows (EAISM_MAX_ROWS)",
        ),
        (lambda path: hostile.huge_string_xlsx(path, 200_000_000), "(EAISM_MAX_XLSX_BYTES)"),
        (
            lambda path: hostile.entity_xlsx(path, hostile.LAUGHS, "sheet"),
            "declares a document type",
        ),
        (
            lambda path: hostile.entity_xlsx(path, hostile.EXTERNAL, "strings"),
            "declares a document type",
        ),
    ],
    ids=["rows", "string", "laughs", "external"],
)
def test_org_analyze_refuses_a_hostile_people_sheet(
    tmp_path: Path, build: object, expected: str
) -> None:
    sheet = build(tmp_path / "people.xlsx")  # type: ignore[operator]
    organisation = written(tmp_path, "org.yaml", ORGANISATION)
    out = tmp_path / "analysis.json"
    arguments = ["org", "analyze", str(organisation), "--people", str(sheet), "--format", "json"]
    result = runner.invoke(app, [*arguments, "--out", str(out)])
    assert_refused(result, expected)
    assert not out.exists()


def test_an_unterminated_quote_in_a_people_csv_is_refused(tmp_path: Path) -> None:
    sheet = written(tmp_path, "people.csv", 'id,team\np1,core\n"p2,core\n')
    organisation = written(tmp_path, "org.yaml", ORGANISATION)
    result = runner.invoke(app, ["org", "analyze", str(organisation), "--people", str(sheet)])
    assert_refused(
        result, "people.csv:3: row 3: is not readable CSV: a quoted cell is never closed"
    )


def test_limits_come_from_the_environment(tmp_path: Path) -> None:
    sheet = written(tmp_path, "people.csv", "id,team\np1,core\np2,core\n")
    organisation = written(tmp_path, "org.yaml", ORGANISATION)
    arguments = ["org", "analyze", str(organisation), "--people", str(sheet)]
    result = runner.invoke(app, arguments, env={"EAISM_MAX_ROWS": "2"})
    assert_refused(result, "people.csv: has more than 2 rows (EAISM_MAX_ROWS)")
    bad = runner.invoke(app, arguments, env={"EAISM_MAX_ROWS": "many"})
    assert_refused(bad, "EAISM_MAX_ROWS='many': expected a whole number of 1 or more", code=2)
    assert runner.invoke(app, arguments).exit_code == 0


def test_output_replaces_the_file_whole(tmp_path: Path) -> None:
    out = tmp_path / "report.md"
    out.write_text("the previous report\n")
    with pytest.raises(UsageError, match=r"--out .*report\.md: the output holds '\\ud800'"):
        write_output("half a report, then \ud800", out)
    assert out.read_text() == "the previous report\n"
    write_output("the new report", out)
    assert out.read_text() == "the new report\n"
    assert [item.name for item in tmp_path.iterdir()] == ["report.md"]


def test_an_unwritable_out_names_itself_and_leaves_nothing(tmp_path: Path) -> None:
    out = tmp_path / "missing-folder" / "report.md"
    with pytest.raises(UsageError, match=r"--out .*report\.md: cannot be written"):
        write_output("a report", out)
    assert list(tmp_path.iterdir()) == []
