"""Every command that takes no edition from its input file takes --edition; the roadmap, whose
result depends on the age of evidence, takes --as-of."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

AD = str(ROOT / "examples" / "job-descriptions" / "systems-engineer.txt")
SCORECARDS = [str(ROOT / "examples" / "scorecards" / name) for name in ("dana.yaml", "lee.yaml")]
BUILDER = str(ROOT / "examples" / "responses" / "builder.json")


def commands(tmp_path: Path) -> list[list[str]]:
    return [
        ["rubric", "--level", "3", "--role", "software_engineer"],
        ["scorecard", *SCORECARDS],
        ["jd", "check", AD],
        ["jd", "write", "--level", "3", "--role", "software_engineer"],
        ["org", "template", str(tmp_path / "people.csv")],
    ]


def test_each_command_reads_the_edition_it_is_given(tmp_path: Path) -> None:
    runner = CliRunner()
    for command in commands(tmp_path):
        named = runner.invoke(app, [*command, "--edition", "2026.1"])
        default = runner.invoke(app, command)
        assert (named.exit_code, named.stdout) == (0, default.stdout), command


def test_an_unknown_edition_is_a_usage_error_naming_the_bundled_ones(tmp_path: Path) -> None:
    runner = CliRunner()
    for command in commands(tmp_path):
        result = runner.invoke(app, [*command, "--edition", "9999.9"])
        assert result.exit_code == 2, command
        assert "9999.9: not a bundled edition (2026.1, 2026.2)" in result.stderr, command


def test_a_roadmap_judges_evidence_at_the_time_it_is_given() -> None:
    runner = CliRunner()

    def current_level(*extra: str) -> int:
        result = runner.invoke(app, ["roadmap", BUILDER, "--format", "json", *extra])
        assert result.exit_code == 0, result.stderr
        return int(json.loads(result.stdout)["current_level"])

    assert current_level("--as-of", "2026-06-01") == 2
    assert current_level("--as-of", "2031-01-01") == 1  # the builder's evidence has grown old


@pytest.mark.parametrize("value", ["yesterday", "2026-13-01"])
def test_a_time_that_is_not_one_is_a_usage_error(value: str) -> None:
    result = CliRunner().invoke(app, ["roadmap", BUILDER, "--as-of", value])
    assert result.exit_code == 2


@pytest.mark.parametrize("command", ["rubric", "jd write"])
def test_a_level_the_edition_lacks_is_refused_naming_its_levels(command: str) -> None:
    args = [*command.split(), "--level", "6", "--role", "software_engineer"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == 2
    assert "--level: 6 is not a level; expected one of: 1, 2, 3, 4, 5" in result.stderr
