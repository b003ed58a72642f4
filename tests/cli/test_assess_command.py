"""`eaism assess`: adaptive questions, saved after every answer, resumable."""

from __future__ import annotations

import json
from pathlib import Path

from typer.testing import CliRunner

from eaism.cli.app import app

runner = CliRunner()


def assess(path: Path, answers: list[str], *options: str) -> str:
    result = runner.invoke(
        app,
        ["assess", "--out", str(path), "--respondent", "p9", *options],
        input="".join(f"{answer}\n" for answer in answers),
    )
    assert result.exit_code == 0, result.output
    return result.stdout


def saved_answers(path: Path) -> dict[str, dict[str, object]]:
    return json.loads(path.read_text())["answers"]


def test_an_interrupted_run_resumes_where_it_stopped(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    first = assess(path, ["4", "q"], "--role", "software_engineer")
    assert "Saved to" in first
    [(item_id, answer)] = saved_answers(path).items()
    assert (item_id, answer["value"]) == ("prompting.l1.everyday_prompting", 1.0)
    # Prompting level 1 is met, so its level 2 comes next; every other domain stops at "not yet".
    second = assess(path, ["1"] * 8)
    assert "Resuming" in second
    assert "All done" in second
    answers = saved_answers(path)
    assert len(answers) == 9
    assert "prompting.l2.reusable_templates" in answers
    assert not any(item_id.startswith("prompting.l3") for item_id in answers)
    assert json.loads(path.read_text())["respondent"] == {"id": "p9", "role": "software_engineer"}


def test_evidence_is_asked_from_level_two_and_saved(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    out = assess(
        path,
        ["4", "4", "Ticket triage assistant, shipped to support", "q"],
        "--role",
        "software_engineer",
    )
    assert "Evidence" in out
    assert (
        saved_answers(path)["prompting.l2.reusable_templates"]["evidence"]
        == "Ticket triage assistant, shipped to support"
    )


def test_the_role_is_asked_when_missing_and_checked(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    out = assess(path, ["wizard", "product_manager", "q"])
    assert "Please answer one of" in out
    assert json.loads(path.read_text())["respondent"]["role"] == "product_manager"


def test_an_unknown_role_option_exits_2(tmp_path: Path) -> None:
    result = runner.invoke(app, ["assess", "--out", str(tmp_path / "x.json"), "--role", "wizard"])
    assert result.exit_code == 2
    assert "'wizard' is not a role" in result.stderr


def test_only_bundled_editions_can_be_answered(tmp_path: Path) -> None:
    result = runner.invoke(
        app, ["assess", "--out", str(tmp_path / "x.json"), "--edition", str(tmp_path)]
    )
    assert result.exit_code == 2
    assert "is not a bundled edition: 2026.1" in result.stderr


def test_each_answer_is_stamped_when_given(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    assess(path, ["4", "1", "q"], "--role", "software_engineer")
    document = json.loads(path.read_text())
    stamps = [answer["answered_at"] for answer in document["answers"].values()]
    assert stamps == sorted(stamps)
    assert document["updated_at"] == stamps[-1]


def test_a_role_with_a_question_set_is_asked_only_its_set_and_scored_as_not_assessed(
    tmp_path: Path,
) -> None:
    from eaism.model.loader import load_edition

    edition = load_edition()
    path = tmp_path / "business.json"
    out = assess(path, ["1"] * 40, "--role", "business_role")
    assert "All done" in out
    assert "== Domain 1 of 4: " in out
    answered = set(saved_answers(path))
    # "Not yet" everywhere: each domain of the set asks its first level only; no other domain.
    assert answered == {
        item.id
        for domain_id in ("prompting", "apis_integration", "security", "strategy")
        for item in edition.domain(domain_id).items_at(1)
    }
    text = runner.invoke(app, ["score", str(path)])
    assert text.exit_code == 0, text.output
    evaluation = next(line for line in text.stdout.splitlines() if "Evaluation" in line)
    assert "not assessed" in evaluation
    document = json.loads(runner.invoke(app, ["score", str(path), "--format", "json"]).stdout)
    assert document["domains"]["evaluation"]["level"] is None
    assert document["domains"]["prompting"]["level"] == 0


APIS_LEVEL_3 = ("apis_integration.l3.async_pipeline", "apis_integration.l3.retries_fallbacks")


def test_evidence_is_asked_once_per_level_and_kept_on_every_answer_of_it(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    answers = ["4", "4", "A prompt library", "1"]  # prompting: level 2 evidenced, level 3 not yet
    answers += ["4", "4", "https://example.com/pull/42"]  # APIs levels 1 and 2
    answers += ["3", "4", "https://example.com/runbook", "q"]  # level 3: 0.5 and 1, so met
    out = assess(path, answers, "--role", "software_engineer")
    assert out.count("Evidence (Enter to skip, q to stop)") == 3
    assert "Evidence for these 2 statements: one piece" in out
    saved = saved_answers(path)
    assert [saved[item_id]["evidence"] for item_id in APIS_LEVEL_3] == [
        "https://example.com/runbook"
    ] * 2
    assert (
        saved["apis_integration.l2.function_calling"]["evidence"] == "https://example.com/pull/42"
    )
    assert saved["prompting.l3.eval_driven_optimisation"].get("evidence", "") == ""


def test_evidence_is_optional_where_the_answers_cannot_meet_the_level(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    answers = ["4", "4", "", "1", "4", "4", "", "3", "3", "", "q"]  # APIs level 3 at pilot only
    out = assess(path, answers, "--role", "software_engineer")
    assert out.count("Evidence is optional here: these answers do not meet this level") == 1
    assert out.count("Evidence (Enter to skip, q to stop)") == 3
    assert all(saved_answers(path)[item_id].get("evidence", "") == "" for item_id in APIS_LEVEL_3)


def test_q_at_the_evidence_prompt_stops_and_keeps_the_answer(tmp_path: Path) -> None:
    path = tmp_path / "me.json"
    out = assess(path, ["4", "4", "q"], "--role", "software_engineer")
    assert "Saved to" in out
    level_2 = saved_answers(path)["prompting.l2.reusable_templates"]
    assert (level_2["value"], level_2.get("evidence", "")) == (1.0, "")
