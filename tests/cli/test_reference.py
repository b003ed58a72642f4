"""Every command is documented: --help has an example, and docs/cli.md matches --help."""

from __future__ import annotations

from typer.testing import CliRunner

from eaism.cli.app import app
from eaism.cli.reference import cli_reference
from tests.conftest import ROOT

COMMANDS = [
    ["assess"],
    ["score"],
    ["model", "show"],
    ["model", "export"],
    ["model", "validate"],
    ["model", "schema"],
    ["jd", "check"],
    ["jd", "write"],
]


def test_docs_cli_md_is_generated_from_the_current_help() -> None:
    assert (ROOT / "docs" / "cli.md").read_text() == cli_reference(), "run `make generated`"


def test_every_command_shows_an_example_in_its_help() -> None:
    runner = CliRunner()
    for command in COMMANDS:
        result = runner.invoke(app, [*command, "--help"])
        assert result.exit_code == 0
        assert "Example: eaism " + " ".join(command) in " ".join(result.stdout.split()), command


def test_every_command_is_in_the_reference() -> None:
    reference = cli_reference()
    for command in COMMANDS:
        assert f"## `eaism {' '.join(command)}`" in reference
