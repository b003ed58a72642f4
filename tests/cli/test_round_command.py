"""`eaism round validity`: exact output, the JSON schema, located errors and exit codes."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
SMALL = ROOT / "tests" / "fixtures" / "rounds" / "small.json"
EXAMPLE = ROOT / "examples" / "round-export.json"
EXPECTED = Path(__file__).parent / "expected"


def validity(*arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["round", "validity", *arguments])
    return result.exit_code, result.stdout, result.stderr


def written(tmp_path: Path, document: dict[str, object]) -> str:
    path = tmp_path / "export.json"
    path.write_text(json.dumps(document, indent=2), encoding="utf-8")
    return str(path)


def small() -> dict[str, object]:
    return json.loads(SMALL.read_text())


def test_table_output_is_exactly_as_expected() -> None:
    code, out, _ = validity(str(SMALL))
    assert code == 0
    assert out == (EXPECTED / "round-validity-small.txt").read_text()


def test_table_output_fits_a_hundred_columns() -> None:
    code, out, _ = validity(str(EXAMPLE))
    assert code == 0
    assert max(len(line) for line in out.splitlines()) <= 100
    assert "Self-ratings in Security run 0.7 levels above reviews" in out


def test_json_names_the_round_and_withholds_small_figures() -> None:
    code, out, _ = validity(str(SMALL), "--format", "json")
    assert code == 0
    document = json.loads(out)
    assert list(document)[:2] == ["format", "round"]
    assert document["format"] == "eaism.validity-report/1"
    assert document["round"] == {"name": "Pilot round", "closes_at": "2026-06-30T17:00:00Z"}
    assert document["respondents"] == 6
    alpha = document["domains"]["prompting"]["alpha"]
    assert alpha["status"] == "too_few"
    assert (alpha["basis"], alpha["required"], alpha["missing"]) == (2, 5, 3)
    assert document["domains"]["prompting"]["kappa"]["value"] == 1.0


def test_markdown_goes_to_the_out_file(tmp_path: Path) -> None:
    target = tmp_path / "validity.md"
    code, out, _ = validity(str(SMALL), "--format", "markdown", "--out", str(target))
    assert code == 0
    assert out == ""
    text = target.read_text()
    assert text.startswith("# Validity report: Pilot round (closed 2026-06-30)\n")
    assert "| Prompting | 5 | 1.00 | 1.00 to 1.00 | +0.00 |" in text


def test_a_value_off_the_scale_is_named_by_line_and_field(tmp_path: Path) -> None:
    document = small()
    document["responses"][2]["answers"]["prompting.l1.everyday_prompting"] = 0.3  # type: ignore[index]
    path = written(tmp_path, document)
    code, _, error = validity(path)
    assert code == 1
    line = next(
        number
        for number, text in enumerate(Path(path).read_text().splitlines(), 1)
        if "0.3" in text
    )
    assert error == (
        f'error: {path}:{line}: responses[2].answers["prompting.l1.everyday_prompting"]: '
        "0.3 is not on the answer scale (0, 0.25, 0.5, 1)\n"
    )


def test_every_problem_is_reported_together(tmp_path: Path) -> None:
    document = small()
    responses = document["responses"]
    responses[1]["person_id"] = responses[0]["person_id"]  # type: ignore[index]
    responses[3]["self_levels"]["security"] = 9  # type: ignore[index]
    responses[4]["reviewed_levels"] = {"vision": 1}  # type: ignore[index]
    document["min_group_size"] = 2
    code, _, error = validity(written(tmp_path, document))
    assert code == 1
    assert "min_group_size: 2 is not a reporting threshold; expected a whole number of 3" in error
    assert "responses[1].person_id: 'anon-1' appears twice" in error
    assert (
        "responses[3].self_levels.security: 9 is not a level; expected a whole number from 0 to 5"
        in error
    )
    assert "responses[4].reviewed_levels.vision: 'vision' is not a domain" in error
    assert error.endswith("4 problems found.\n")


@pytest.mark.parametrize(
    ("change", "expected"),
    [
        (
            {"format": "eaism.response/1"},
            "format: 'eaism.response/1' is not 'eaism.round-export/1'",
        ),
        ({"edition": "1999.1"}, "edition: '1999.1' is not an available edition"),
        ({"round": "spring"}, "round: expected a mapping with the round's name and closes_at"),
        ({"responses": {}}, "responses: expected a list"),
        ({"extra": 1}, "extra: unknown field; expected one of: format, edition"),
    ],
)
def test_a_bad_top_level_field_is_named(
    tmp_path: Path, change: dict[str, object], expected: str
) -> None:
    code, _, error = validity(written(tmp_path, {**small(), **change}))
    assert code == 1
    assert expected in error
    assert "Traceback" not in error


def test_too_many_responses_are_refused_by_the_row_limit(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("EAISM_MAX_ROWS", "5")
    code, _, error = validity(written(tmp_path, small()))
    assert code == 1
    assert error.endswith("responses: has more than 5 responses (EAISM_MAX_ROWS)\n")


def test_a_missing_file_is_a_usage_error(tmp_path: Path) -> None:
    code, _, error = validity(str(tmp_path / "absent.json"))
    assert code == 2
    assert error == f"error: {tmp_path / 'absent.json'}: no such file\n"


def test_the_organisation_report_takes_the_validity_report_as_an_appendix(tmp_path: Path) -> None:
    organisation = ROOT / "examples" / "organisations" / "level3-bottleneck.yaml"
    out = tmp_path / "report.html"
    base = ["report", "org", str(organisation), "--validity", str(EXAMPLE)]
    result = runner.invoke(app, [*base, "--out", str(out)])
    assert result.exit_code == 0, result.stderr
    assert '<section id="validity"' in out.read_text()
    markdown = runner.invoke(app, [*base, "--format", "markdown"])
    assert markdown.exit_code == 0
    assert "## Readings" in markdown.stdout
