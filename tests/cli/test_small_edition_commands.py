"""Every command that takes --edition PATH runs end to end on the test-only edition with four
levels and six domains, read from its folder (issue 13)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from eaism.cli.app import app
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.small_edition import DROPPED_DOMAINS


@pytest.fixture(scope="module")
def small(small_edition_path: Path) -> tuple[str, Edition]:
    return str(small_edition_path), load_edition(str(small_edition_path))


def run(*args: str) -> str:
    result = CliRunner().invoke(app, list(args))
    assert result.exit_code == 0, result.stderr
    return result.stdout


def test_a_rubric_covers_the_six_domains_at_each_of_four_levels(
    small: tuple[str, Edition],
) -> None:
    path, edition = small
    for level in edition.level_numbers:
        text = run(
            "rubric", "--level", str(level), "--role", "software_engineer", "--edition", path
        )
        assert all(domain.name in text for domain in edition.domains)
        assert "Governance" not in text  # a domain the edition dropped
    refused = CliRunner().invoke(
        app, ["rubric", "--level", "5", "--role", "software_engineer", "--edition", path]
    )
    assert refused.exit_code == 2
    assert "--level: 5 is not a level; expected one of: 1, 2, 3, 4" in refused.stderr


def test_jd_write_then_jd_check_reads_the_level_back(
    small: tuple[str, Edition], tmp_path: Path
) -> None:
    path, edition = small
    for level in edition.level_numbers:
        ad = tmp_path / f"ad-{level}.md"
        ad.write_text(
            run(
                "jd",
                "write",
                "--level",
                str(level),
                "--role",
                "software_engineer",
                "--edition",
                path,
            )
        )
        check = json.loads(run("jd", "check", str(ad), "--format", "json", "--edition", path))
        assert check["level"] == level
        assert set(check["domains"]) <= set(edition.domain_ids)


def test_a_scorecard_combines_over_the_six_domains(
    small: tuple[str, Edition], tmp_path: Path
) -> None:
    path, edition = small
    cards = []
    for interviewer, level in (("dana", 3), ("lee", 4)):
        card = tmp_path / f"{interviewer}.yaml"
        ratings = {domain_id: {"level": level, "notes": "seen"} for domain_id in edition.domain_ids}
        card.write_text(
            yaml.safe_dump(
                {
                    "edition": edition.id,
                    "candidate": "c-1",
                    "interviewer": interviewer,
                    "target": {"level": 4, "role": "software_engineer"},
                    "ratings": ratings,
                }
            )
        )
        cards.append(str(card))
    result = json.loads(run("scorecard", *cards, "--format", "json", "--edition", path))
    assert set(result["domains"]) == set(edition.domain_ids)
    assert result["operating_level"] == 3
    assert result["meets_target"] is False


def test_model_show_export_and_validate_read_the_folder(
    small: tuple[str, Edition], tmp_path: Path
) -> None:
    path, edition = small
    shown = run("model", "show", "--edition", path)
    assert "L4" in shown
    assert "L5" not in shown
    level_four = run("model", "show", "--level", "4", "--edition", path)
    assert all(domain.name in level_four for domain in edition.domains)
    refused = CliRunner().invoke(app, ["model", "show", "--level", "5", "--edition", path])
    assert refused.exit_code == 2
    assert "expected one of: 1, 2, 3, 4" in refused.stderr
    out = tmp_path / "edition.json"
    run("model", "export", "--format", "json", "--out", str(out), "--edition", path)
    exported = json.loads(out.read_text())
    assert exported["id"] == edition.id
    assert [level["number"] for level in exported["levels"]] == [1, 2, 3, 4]
    assert [domain["id"] for domain in exported["domains"]] == list(edition.domain_ids)
    items = sum(len(domain.items) for domain in edition.domains)
    assert run("model", "validate", path).strip() == (
        f"{path}: valid edition test-4x6 (6 domains, {items} items)"
    )


def test_org_template_has_a_column_per_domain_of_the_edition(
    small: tuple[str, Edition], tmp_path: Path
) -> None:
    path, edition = small
    sheet = tmp_path / "people.csv"
    run("org", "template", str(sheet), "--edition", path)
    with sheet.open(newline="") as file:
        header = next(csv.reader(file))
    assert [name for name in header if name in edition.domain_ids] == list(edition.domain_ids)
    assert not set(DROPPED_DOMAINS) & set(header)
    answers = tmp_path / "answers.csv"
    run("org", "template", str(answers), "--kind", "answers", "--edition", path)
    with answers.open(newline="") as file:
        columns = next(csv.reader(file))
    assert set(edition.item_index) <= set(columns)
    assert not any(column.startswith(DROPPED_DOMAINS) for column in columns)
