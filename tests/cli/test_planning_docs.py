"""The example outputs pasted in docs/planning.md are what the commands print today."""

from __future__ import annotations

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

EXAMPLES = [
    "jd check examples/job-descriptions/senior-systems-engineer-mismatch.txt",
    "jd write --level 2 --role software_engineer",
]


@pytest.mark.parametrize("command", EXAMPLES)
def test_the_pasted_output_is_the_current_output(
    command: str, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(ROOT)  # the examples are named from the repository's root
    docs = (ROOT / "docs" / "planning.md").read_text(encoding="utf-8")
    prompt = f"$ eaism {command}\n"
    start = docs.index(prompt) + len(prompt)
    result = CliRunner().invoke(app, command.split())
    assert result.exit_code == 0
    assert docs[start : docs.index("```", start)] == result.stdout
