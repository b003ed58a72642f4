"""`eaism roadmap`, `rubric`, `scorecard`, `jd check` and `org training`: every format, exactly."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from eaism.cli.app import app
from tests.conftest import ROOT

runner = CliRunner()
EXPECTED = Path(__file__).parent / "expected"
BUILDER = str(ROOT / "examples" / "responses" / "builder.json")
STORY = str(ROOT / "examples" / "organisations" / "level3-bottleneck.yaml")
CARDS = [str(ROOT / "examples" / "scorecards" / name) for name in ("dana.yaml", "lee.yaml")]
ADS = ROOT / "examples" / "job-descriptions"

SNAPSHOTS = {
    "roadmap-builder.md": ["roadmap", BUILDER, "--role", "software_engineer"],
    "rubric-level-3.md": ["rubric", "--level", "3", "--role", "software_engineer"],
    "rubric-level-1.html": [
        "rubric",
        "--level",
        "1",
        "--role",
        "business_role",
        "--format",
        "html",
    ],
    "scorecard.md": ["scorecard", *CARDS],
    "jd-mismatch.md": ["jd", "check", str(ADS / "senior-systems-engineer-mismatch.txt")],
    "training-story.md": ["org", "training", STORY, "--min-cohort", "5"],
}


@pytest.mark.parametrize("name", sorted(SNAPSHOTS))
def test_output_is_exactly_as_expected(name: str) -> None:
    result = runner.invoke(app, SNAPSHOTS[name])
    assert result.exit_code == 0, result.stderr
    assert result.stdout == (EXPECTED / name).read_text()


def json_of(*arguments: str) -> dict[str, object]:
    result = runner.invoke(app, [*arguments, "--format", "json"])
    assert result.exit_code == 0, result.stderr
    document: dict[str, object] = json.loads(result.stdout)
    return document


def test_roadmap_json() -> None:
    document = json_of("roadmap", BUILDER)
    assert document["target_level"] == 3
    steps = document["steps"]
    assert isinstance(steps, list)
    assert {(step["domain"], step["level"]) for step in steps} >= {
        ("evaluation", 3),
        ("observability", 3),
    }


def test_roadmap_of_a_person_in_an_organisation_file() -> None:
    document = json_of("roadmap", STORY, "--person", "p0002")
    assert document["role"] in {
        "software_engineer",
        "business_role",
        "product_manager",
        "data_professional",
    }


def test_rubric_json() -> None:
    document = json_of("rubric", "--level", "1", "--role", "business_role")
    sections = document["sections"]
    assert isinstance(sections, list)
    assert [section["applicable"] for section in sections] == [
        True,
        True,
        False,
        False,
        False,
        True,
        False,
        True,
    ]


def test_scorecard_json_names_both_interviewers_of_a_disagreement() -> None:
    document = json_of("scorecard", *CARDS)
    domains = document["domains"]
    assert isinstance(domains, dict)
    flag = domains["observability"]["disagreement"]
    assert (flag["low"]["interviewer"], flag["high"]["interviewer"]) == ("dana", "lee")
    assert domains["evaluation"]["disagreement"] is None
    assert document["meets_target"] is False


def test_jd_json() -> None:
    document = json_of("jd", "check", str(ADS / "prompt-engineer.txt"))
    assert document["level"] == 1
    assert document["domains"] == {"prompting": 1}
    assert [flag["code"] for flag in document["flags"]] == ["MYTH_PROMPT_ENGINEER_ROLE"]  # type: ignore[union-attr]


def test_training_json_hides_members_unless_asked() -> None:
    cohorts = json_of("org", "training", STORY)["cohorts"]
    assert isinstance(cohorts, list)
    assert "members" not in cohorts[0]
    assert cohorts[0]["level"] == 3
    named = json_of("org", "training", STORY, "--list-people")["cohorts"]
    assert isinstance(named, list)
    assert len(named[0]["members"]) == named[0]["people"]


def test_scorecards_about_different_candidates_are_refused(tmp_path: Path) -> None:
    other = tmp_path / "other.yaml"
    other.write_text(
        (ROOT / "examples" / "scorecards" / "lee.yaml").read_text().replace("c-0417", "c-9999")
    )
    result = runner.invoke(app, ["scorecard", CARDS[0], str(other)])
    assert result.exit_code == 1
    assert "is about 'c-9999' for level 3 software_engineer" in result.stderr


def test_a_scorecard_level_the_domain_lacks_is_located(tmp_path: Path) -> None:
    card = tmp_path / "card.yaml"
    card.write_text(
        "candidate: c1\ninterviewer: a\ntarget: {level: 3, role: software_engineer}\nratings:\n  governance: 2\n"
    )
    result = runner.invoke(app, ["scorecard", str(card)])
    assert result.exit_code == 1
    assert (
        result.stderr
        == f"error: {card}:5: ratings.governance.level: 2 is not a level of governance (0, 3, 4, 5)\n"
    )


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["rubric", "--level", "3", "--role", "wizard"], "'wizard' is not a role"),
        (["roadmap", BUILDER, "--person", "p1"], "only for organisation files"),
        (["roadmap", STORY], "name the person"),
        (["jd", "check", "missing.txt"], "missing.txt: no such file"),
    ],
)
def test_usage_errors_exit_2(arguments: list[str], message: str) -> None:
    result = runner.invoke(app, arguments)
    assert result.exit_code == 2
    assert message in result.stderr


def test_the_same_interviewer_twice_is_refused() -> None:
    result = runner.invoke(app, ["scorecard", CARDS[0], CARDS[0]])
    assert result.exit_code == 1
    assert "interviewer 'dana' already rated this candidate" in result.stderr


def test_out_into_a_missing_folder_is_a_usage_error(tmp_path: Path) -> None:
    result = runner.invoke(
        app,
        [
            "rubric",
            "--level",
            "2",
            "--role",
            "product_manager",
            "--out",
            str(tmp_path / "no" / "r.md"),
        ],
    )
    assert result.exit_code == 2
    assert "cannot be written" in result.stderr
    assert "Traceback" not in result.output
