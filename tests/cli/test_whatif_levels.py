"""What-if levels come from the edition: a level it does not have names the ones it has."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
STORY = str(ROOT / "examples" / "organisations" / "level3-bottleneck.yaml")


@pytest.mark.parametrize(
    ("option", "change", "expected"),
    [
        (
            "--hire",
            "6=4",
            "'6=4': 6 is not a level of edition 2026.1; expected one of: 1, 2, 3, 4, 5",
        ),
        (
            "--hire",
            "0=4",
            "'0=4': 0 is not a level of edition 2026.1; expected one of: 1, 2, 3, 4, 5",
        ),
        (
            "--upskill",
            "evaluation:6->7=1",
            "6 is not a level of edition 2026.1; expected one of: 0, 1, 2, 3, 4, 5",
        ),
        (
            "--upskill",
            "evaluation:4->6=1",
            "6 is not a level of edition 2026.1; expected one of: 1, 2, 3, 4, 5",
        ),
    ],
)
def test_whatif_names_the_levels_of_the_edition(option: str, change: str, expected: str) -> None:
    result = runner.invoke(app, ["org", "whatif", STORY, option, change])
    assert result.exit_code == 2
    assert result.stderr.startswith(f"error: {option} ")
    assert expected in result.stderr


def test_whatif_takes_every_level_of_the_edition() -> None:
    result = runner.invoke(app, ["org", "whatif", STORY, "--hire", "5=1", "--hire", "1=1"])
    assert result.exit_code == 0, result.stderr
