"""`eaism score`: formats, the stable JSON schema and clear errors."""

from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
EXAMPLES = ROOT / "examples" / "responses"
BUILDER = str(EXAMPLES / "builder.json")
AS_OF = ["--as-of", "2026-11-28"]
EXPECTED = Path(__file__).parent / "expected"


def score(*arguments: str) -> tuple[int, str, str]:
    result = runner.invoke(app, ["score", *arguments])
    return result.exit_code, result.stdout, result.stderr


def test_json_holds_the_documented_fields() -> None:
    code, out, _ = score(BUILDER, "--format", "json", *AS_OF)
    assert code == 0
    document = json.loads(out)
    assert document["format"] == "eaism.person-result/1"
    assert document["operating_level"]["demonstrated"] == 2
    assert document["operating_level"]["claimed"] == 2
    assert document["domains"]["apis_integration"]["level"] == 2
    assert document["domains"]["apis_integration"]["claimed_level"] == 3
    assert document["domains"]["prompting"]["mark"] == "2+"
    assert set(document["domains"]) == {
        "prompting",
        "apis_integration",
        "rag_retrieval",
        "evaluation",
        "observability",
        "security",
        "governance",
        "strategy",
    }


def test_table_output_is_exactly_as_expected() -> None:
    code, out, _ = score(BUILDER, *AS_OF)
    assert code == 0
    assert out == (EXPECTED / "score-builder.txt").read_text()


def test_markdown_output_is_exactly_as_expected() -> None:
    code, out, _ = score(
        BUILDER, str(EXAMPLES / "builder-reviewed.json"), "--format", "markdown", *AS_OF
    )
    assert code == 0
    assert out == (EXPECTED / "score-builder-reviewed.md").read_text()


def test_yaml_responses_score_too() -> None:
    code, out, _ = score(str(EXAMPLES / "systems-engineer.yaml"), "--format", "json", *AS_OF)
    assert code == 0
    assert json.loads(out)["operating_level"]["demonstrated"] == 3


def test_out_writes_a_file(tmp_path: Path) -> None:
    target = tmp_path / "result.json"
    code, out, _ = score(BUILDER, "--format", "json", "--out", str(target), *AS_OF)
    assert code == 0
    assert out == ""
    assert json.loads(target.read_text())["respondent"]["id"] == "p-0042"


@pytest.mark.parametrize(
    ("content", "code", "message"),
    [
        ("edition: '2026.1'\nanswers: [\n", 1, "me.yaml:3: not valid YAML"),
        (
            "edition: '2026.1'\nrespondent: {id: p1}\nanswers:\n  nope.l1.x: 1\n",
            1,
            "me.yaml:4: answers[\"nope.l1.x\"]: 'nope.l1.x' is not an item of edition 2026.1",
        ),
        (
            "edition: '2026.1'\nrespondent: {id: p1}\nanswers:\n  security.l1.data_hygiene: 0.7\n",
            1,
            'me.yaml:4: answers["security.l1.data_hygiene"].value: 0.7 is not on the answer scale',
        ),
        (
            "edition: '1999.1'\nrespondent: {id: p1}\nanswers: {}\n",
            1,
            "me.yaml:1: edition: '1999.1' is not an available edition; expected one of: 2026.1",
        ),
    ],
)
def test_broken_inputs_give_one_located_message(
    tmp_path: Path, content: str, code: int, message: str
) -> None:
    path = tmp_path / "me.yaml"
    path.write_text(content)
    exit_code, out, err = score(str(path))
    assert exit_code == code
    assert out == ""
    assert err.startswith(f"error: {path.parent}/{message}")
    assert len(err.splitlines()) == 1


def test_responses_from_different_editions_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.json"
    other.write_text(
        json.dumps({"edition": "2025.1", "respondent": {"id": "p-0042"}, "answers": {}})
    )
    code, _, err = score(BUILDER, str(other))
    assert code == 1
    assert (
        err
        == f"error: {other}:1: edition: differs from {BUILDER}, which uses edition '2026.1' []\n"
    )


def test_a_missing_file_exits_2() -> None:
    code, _, err = score("does-not-exist.json")
    assert code == 2
    assert err == "error: does-not-exist.json: no such file\n"


def test_the_installed_command_reports_errors_without_a_traceback(tmp_path: Path) -> None:
    command = shutil.which("eaism", path=str(Path(sys.executable).parent))
    assert command is not None
    environment = {**os.environ, "EAISM_CACHE_DIR": str(tmp_path / "cache")}
    missing = subprocess.run(
        [command, "score", "missing.json"], capture_output=True, text=True, env=environment
    )
    assert missing.returncode == 2
    assert missing.stderr == "error: missing.json: no such file\n"
    for _ in range(2):  # the second run reads the cached edition
        scored = subprocess.run(
            [command, "score", BUILDER, "--format", "json"],
            capture_output=True,
            text=True,
            env=environment,
        )
        assert scored.returncode == 0, scored.stderr
    assert list((tmp_path / "cache").glob("edition-*.pickle"))
