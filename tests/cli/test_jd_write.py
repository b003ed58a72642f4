"""`eaism jd write`: an outline from the rubric in Markdown, HTML or JSON, and its usage errors."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app

runner = CliRunner()


def test_the_markdown_outline_checks_back_to_its_level(tmp_path: Path) -> None:
    ad = tmp_path / "ad.md"
    written = runner.invoke(
        app, ["jd", "write", "--level", "3", "--role", "software_engineer", "--out", str(ad)]
    )
    assert written.exit_code == 0, written.stderr
    assert written.stdout == ""
    text = ad.read_text()
    assert text.startswith("# AI Systems Engineer (Backend engineer)\n")
    assert "## Responsibilities" in text
    assert "## Requirements" in text
    checked = runner.invoke(app, ["jd", "check", str(ad), "--format", "json"])
    assert checked.exit_code == 0, checked.stderr
    document = json.loads(checked.stdout)
    assert (document["level"], document["title_level"], document["flags"]) == (3, 3, [])


def test_the_html_outline_is_one_page() -> None:
    result = runner.invoke(
        app, ["jd", "write", "--level", "4", "--role", "product_manager", "--format", "html"]
    )
    assert result.exit_code == 0, result.stderr
    assert result.stdout.startswith("<!DOCTYPE html>\n")
    assert "<h1>AI Architect (Product manager)</h1>" in result.stdout
    assert "<script" not in result.stdout
    assert "<link" not in result.stdout


def test_the_json_outline() -> None:
    result = runner.invoke(
        app, ["jd", "write", "--level", "1", "--role", "business_role", "--format", "json"]
    )
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    assert document["format"] == "eaism.job-ad-outline/1"
    assert (document["level"], document["role"], document["title_level"]) == (
        1,
        "business_role",
        None,
    )
    assert [section["domain"] for section in document["sections"]][:3] == [
        "prompting",
        "strategy",
        "security",
    ]


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (
            ["--level", "7", "--role", "software_engineer"],
            "--level: 7 is not a level; expected one of: 1, 2, 3, 4, 5",
        ),
        (["--level", "0", "--role", "software_engineer"], "--level: 0 is not a level"),
        (
            ["--level", "3", "--role", "wizard"],
            "--role: 'wizard' is not a role; expected one of: software_engineer, product_manager, "
            "data_professional, business_role",
        ),
        (
            ["--level", "three", "--role", "software_engineer"],
            "'--level': 'three' is not a valid int",
        ),
        (["--level", "3", "--role", "software_engineer", "--format", "pdf"], "'pdf' is not one of"),
    ],
)
def test_a_bad_level_role_or_format_is_a_usage_error(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, ["jd", "write", *arguments])
    assert result.exit_code == 2
    assert message in " ".join(result.stderr.split())
    assert "Traceback" not in result.output
    assert result.stdout == ""
