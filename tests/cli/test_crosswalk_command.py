"""`eaism model crosswalk`: every reference to one framework, as a table, Markdown or JSON."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eaism.cli.app import app

runner = CliRunner()

ONET = {
    "apis_integration.2": "15-1252.00",
    "apis_integration.3": "15-1299.08",
    "rag_retrieval.3": "15-2051.00",
    "evaluation.3": "15-1253.00",
    "observability.5": "15-2051.01",
    "security.3": "15-1212.00",
    "strategy.4": "11-3021.00",
    "strategy.5": "11-1011.00",
}


def crosswalk(*arguments: str) -> str:
    result = runner.invoke(app, ["model", "crosswalk", *arguments], env={"EAISM_WIDTH": "400"})
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_json_lists_each_reference_with_names_and_where_it_was_read() -> None:
    document = json.loads(crosswalk("--to", "onet", "--format", "json"))
    assert document["format"] == "eaism.crosswalk/1"
    assert document["framework"] == "onet"
    rows = document["references"]
    assert {row["cell"]: row["id"] for row in rows} == ONET
    security = next(row for row in rows if row["cell"] == "security.3")
    assert security["domain"] == "Security"
    assert security["level"] == 3
    assert security["label"] == "Information Security Analysts"
    assert security["source"].startswith("O*NET-SOC 2019")
    assert any("InformationSecurityAnalysts.md" in place for place in security["read_from"])


def test_markdown_is_one_table_row_per_reference() -> None:
    text = crosswalk("--to", "nist_ai_rmf", "--format", "markdown")
    lines = text.splitlines()
    assert lines[0] == "# NIST AI RMF references of edition 2026.1"
    assert lines[2] == "| Cell | Domain | Level | Identifier | Label | Source |"
    assert (
        "| security.3 | Security | 3 AI Systems Engineer | MEASURE 2.7 |"
        " Security and resilience evaluated | AI RMF 1.0 (January 2023) |"
    ) in lines
    assert len(lines) == 4 + 30  # title, blank, header, rule, then one row per reference


def test_the_table_shows_identifiers() -> None:
    text = crosswalk("--to", "esco")
    assert "ESCO references of edition 2026.1" in text
    assert "http://data.europa.eu/esco/skill/e5beeff8-7c98-490a-ae2c-16fbb6a87305" in text


def test_a_framework_without_references_lists_none() -> None:
    document = json.loads(crosswalk("--to", "sfia", "--format", "json"))
    assert document["references"] == []


def test_an_edition_without_a_crosswalk_lists_none(edition_copy: Path) -> None:
    (edition_copy / "crosswalks.yaml").unlink()
    document = json.loads(
        crosswalk("--to", "esco", "--format", "json", "--edition", str(edition_copy))
    )
    assert document["references"] == []


def test_an_unknown_framework_is_a_usage_error() -> None:
    result = runner.invoke(app, ["model", "crosswalk", "--to", "isco"])
    assert result.exit_code == 2
    assert "'isco' is not one of" in result.stderr
