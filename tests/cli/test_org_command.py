"""`eaism org`: analyze, whatif and template, in every format."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
STORY = str(ROOT / "examples" / "organisations" / "level3-bottleneck.yaml")
HEALTHY = str(ROOT / "examples" / "organisations" / "healthy.yaml")
EXPECTED = Path(__file__).parent / "expected"


def test_json_holds_the_documented_fields() -> None:
    result = runner.invoke(app, ["org", "analyze", STORY, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "eaism.organisation-analysis/1"
    assert document["stage"]["number"] == 2
    assert document["hiring"]["current_phase"] == 2
    assert document["hiring"]["next_phase"] == 3
    assert document["workforce"]["by_level"] == {"0": 0, "1": 51, "2": 52, "3": 3, "4": 0, "5": 0}
    codes = [diagnostic["code"] for diagnostic in document["diagnostics"]]
    assert {"LEVEL3_BOTTLENECK", "PROTOTYPE_DEBT", "HIRE_L5_BEFORE_L3"} <= set(codes)


def test_table_output_fits_100_columns_and_is_exactly_as_expected() -> None:
    result = runner.invoke(app, ["org", "analyze", STORY], env={"COLUMNS": "100"})
    assert result.exit_code == 0
    assert max(len(line) for line in result.stdout.splitlines()) <= 100
    assert result.stdout == (EXPECTED / "org-analyze-story.txt").read_text()


def test_markdown_output_is_exactly_as_expected() -> None:
    result = runner.invoke(app, ["org", "analyze", HEALTHY, "--format", "markdown"])
    assert result.exit_code == 0
    assert result.stdout == (EXPECTED / "org-analyze-healthy.md").read_text()


def test_whatif_shows_what_changes() -> None:
    result = runner.invoke(app, ["org", "whatif", STORY, "--hire", "3=40", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert "LEVEL3_BOTTLENECK" in document["diagnostics"]["removed"]
    assert "HIRE_L5_BEFORE_L3" in document["diagnostics"]["removed"]
    assert document["hiring"] == {"before": 3, "after": 4}


def test_whatif_refuses_a_malformed_change() -> None:
    result = runner.invoke(app, ["org", "whatif", STORY, "--upskill", "evaluation:3->2=1"])
    assert result.exit_code == 2
    assert "expected DOMAIN:FROM->TO=COUNT rising" in result.stderr
    assert runner.invoke(app, ["org", "whatif", STORY]).exit_code == 2


def test_template_writes_the_columns(tmp_path: Path) -> None:
    target = tmp_path / "people.csv"
    result = runner.invoke(app, ["org", "template", str(target)])
    assert result.exit_code == 0
    assert (
        target.read_text()
        .splitlines()[0]
        .startswith("id,team,role,title,prompting,apis_integration")
    )


def test_bad_entries_are_reported_on_stderr_and_skipped(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text(
        "people:\n  - id: a\n    team: t\n    levels: {evaluation: 7}\n  - id: b\n    team: t\n    levels: {}\n"
    )
    result = runner.invoke(app, ["org", "analyze", str(path), "--format", "json"])
    assert result.exit_code == 0
    assert result.stderr.splitlines() == [
        f"error: {path}:4: people[0].levels.evaluation: 7 is not a level (0-5)",
        "Entries left out because of a problem: 1. With --strict the input is refused instead.",
    ]
    assert json.loads(result.stdout)["workforce"]["people"] == 1
    strict = runner.invoke(app, ["org", "analyze", str(path), "--strict"])
    assert strict.exit_code == 1
    assert strict.stdout == ""


def test_a_threshold_below_three_is_a_usage_error() -> None:
    result = runner.invoke(app, ["org", "analyze", STORY, "--min-group-size", "2"])
    assert result.exit_code == 2
    assert "may not be below 3" in result.stderr


def test_a_large_people_sheet_is_read_with_a_progress_bar(tmp_path: Path) -> None:
    organisation, sheet = tmp_path / "org.yaml", tmp_path / "people.csv"
    organisation.write_text("name: Large\n")
    rows = ["id,team,prompting,apis_integration,security,strategy"]
    rows += [f"p{index},team-{index % 7},1,1,1,1" for index in range(6_000)]
    sheet.write_text("\n".join(rows) + "\n")
    result = runner.invoke(
        app, ["org", "analyze", str(organisation), "--people", str(sheet), "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    assert json.loads(result.stdout)["workforce"]["by_level"]["1"] == 6_000
