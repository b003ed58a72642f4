"""`eaism model`: show, export, validate, schema."""

from __future__ import annotations

import json
from pathlib import Path

import yaml
from typer.testing import CliRunner

from eaism.cli.app import app
from eaism.model.loader import PACKAGE_ROOT

runner = CliRunner()


def test_export_json_lists_the_whole_matrix() -> None:
    result = runner.invoke(app, ["model", "export", "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document = json.loads(result.stdout)
    cells = [cell for domain in document["domains"] for cell in domain["cells"]]
    assert len(document["levels"]) == 5
    assert len(document["domains"]) == 8
    assert len(cells) == 40
    assert sum(1 for cell in cells if not cell["applicable"]) == 5
    for domain in document["domains"]:
        for cell in domain["cells"]:
            items = [item for item in domain["items"] if item["level"] == cell["level"]]
            assert bool(items) == cell["applicable"], (domain["id"], cell["level"])
    for key in ("stages", "roles", "hiring_phases", "myths", "scoring", "principles"):
        assert document[key]


def test_export_yaml_validates_again(tmp_path: Path) -> None:
    out = tmp_path / "mine.yaml"
    assert (
        runner.invoke(app, ["model", "export", "--format", "yaml", "--out", str(out)]).exit_code
        == 0
    )
    assert yaml.safe_load(out.read_text())["id"] == "2026.1"
    result = runner.invoke(app, ["model", "validate", str(out)])
    assert result.exit_code == 0
    assert result.stdout == f"{out}: valid edition 2026.1 (8 domains, 41 items)\n"


def test_export_markdown_has_every_section() -> None:
    text = runner.invoke(app, ["model", "export", "--format", "markdown"]).stdout
    for heading in (
        "## Levels",
        "## Principles",
        "## Skills matrix",
        "## Items",
        "## Organisational stages",
        "## Roles",
        "## Hiring sequence",
        "## Myths",
        "## Scoring parameters",
    ):
        assert heading in text


def test_validate_lists_every_problem_and_exits_1(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    document = yaml.safe_load(runner.invoke(app, ["model", "export", "--format", "yaml"]).stdout)
    document["domains"][3]["items"][2]["level"] = "six"
    document["levels"][0]["name"] = 5
    broken.write_text(yaml.safe_dump(document, sort_keys=False))
    result = runner.invoke(app, ["model", "validate", str(broken)])
    assert result.exit_code == 1
    lines = result.stderr.splitlines()
    assert len(lines) == 3
    assert lines[-1] == "2 problems found."
    assert any(
        "domains[3].items[2].level: Input should be a valid integer" in line for line in lines
    )
    assert "Traceback" not in result.output


def test_validate_names_a_level_the_edition_does_not_have(tmp_path: Path) -> None:
    broken = tmp_path / "broken.yaml"
    document = yaml.safe_load(runner.invoke(app, ["model", "export", "--format", "yaml"]).stdout)
    document["domains"][3]["items"][2]["level"] = 6
    broken.write_text(yaml.safe_dump(document, sort_keys=False))
    result = runner.invoke(app, ["model", "validate", str(broken)])
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].endswith(
        "domains[3].items[2].level: 6 is not a level (1-5)"
    )


def test_validate_accepts_the_bundled_overlay() -> None:
    result = runner.invoke(
        app, ["model", "validate", str(PACKAGE_ROOT / "overlays" / "agentic.yaml")]
    )
    assert result.exit_code == 0
    assert "valid overlay agentic for edition 2026.1 (5 items)" in result.stdout


def test_validate_a_missing_path_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["model", "validate", str(tmp_path / "none")])
    assert result.exit_code == 2
    assert result.stderr == f"error: {tmp_path / 'none'}: no such file or folder\n"


def test_schema_prints_the_shipped_json_schema() -> None:
    result = runner.invoke(app, ["model", "schema"])
    assert json.loads(result.stdout)["title"] == "Edition"
    overlay = runner.invoke(app, ["model", "schema", "--overlay"])
    assert json.loads(overlay.stdout)["title"] == "Overlay"


def test_show_prints_the_matrix_and_one_domain() -> None:
    matrix = runner.invoke(app, ["model", "show"], env={"COLUMNS": "200"})
    assert matrix.exit_code == 0
    assert "Governance" in matrix.stdout
    assert "n/a" in matrix.stdout
    domain = runner.invoke(
        app, ["model", "show", "--domain", "evaluation", "--level", "3"], env={"COLUMNS": "200"}
    )
    assert "evaluation.l3.automated_suite" in domain.stdout
    assert "evaluation.l2" not in domain.stdout


def test_show_an_unknown_domain_exits_2() -> None:
    result = runner.invoke(app, ["model", "show", "--domain", "vision"])
    assert result.exit_code == 2
    assert "'vision' is not a domain; expected one of: prompting" in result.stderr
