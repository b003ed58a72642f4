"""Organisation files: the documented shape, and bad entries located by file, line and field."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eaism.errors import DataError
from eaism.io.organisation import LoadedOrganisation, read_organisation
from eaism.model.loader import load_edition

GOOD = {
    "teams": ["core", "ops"],
    "people": [
        {
            "id": "p1",
            "team": "core",
            "role": "software_engineer",
            "title": "Backend Engineer",
            "levels": {
                "prompting": 2,
                "apis_integration": 2,
                "security": 2,
                "strategy": 2,
                "evaluation": 2,
            },
        },
        {
            "id": "p2",
            "team": "ops",
            "answers": {
                "prompting.l1.everyday_prompting": {"value": 1},
                "apis_integration.l1.ai_enabled_apps": 1,
            },
        },
    ],
    "systems": [
        {
            "id": "bot",
            "name": "Help bot",
            "kind": "chatbot",
            "status": "pilot",
            "months_in_status": 7,
            "monthly_cost": 900,
            "evaluation": True,
        }
    ],
    "practices": {"ai_usage_policy": True},
    "planned_hires": [{"level": 5, "count": 1, "title": "Chief AI Officer"}],
}


def load(path: Path, strict: bool = False) -> LoadedOrganisation:
    return read_organisation(
        path, lambda edition, overlays: load_edition(edition, overlays), strict=strict
    )


def write(tmp_path: Path, data: object) -> Path:
    path = tmp_path / "org.json"
    path.write_text(json.dumps(data, indent=2))
    return path


def line_of(path: Path, text: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line
    )


def test_the_documented_shape_reads(tmp_path: Path) -> None:
    loaded = load(write(tmp_path, GOOD))
    organisation = loaded.organisation
    assert loaded.problems == ()
    assert organisation.people.ids == ("p1", "p2")
    assert organisation.people.operating.tolist() == [2, 1]
    assert organisation.systems[0].checks == frozenset({"evaluation"})
    assert organisation.practices == {"ai_usage_policy": True}
    assert organisation.planned_hires[0].title == "Chief AI Officer"


def test_bad_entries_are_reported_and_skipped(tmp_path: Path) -> None:
    data = json.loads(json.dumps(GOOD))
    data["people"] += [
        {"id": "p3", "team": "core", "levels": {"vision": 2}},
        {"id": "p4", "team": "core", "levels": {"evaluation": 7}},
        {"id": "p1", "team": "core", "levels": {}},
        {"id": "p5", "team": "sales", "levels": {}},
    ]
    path = write(tmp_path, data)
    loaded = load(path)
    assert loaded.organisation.people.ids == ("p1", "p2")
    assert loaded.skipped == 4
    messages = [str(problem) for problem in loaded.problems]
    assert (
        messages[0]
        == f"{path}:{line_of(path, 'vision')}: people[2].levels.vision: 'vision' is not a domain; expected one of: prompting, apis_integration, rag_retrieval, evaluation, observability, security, governance, strategy"
    )
    assert (
        messages[1]
        == f"{path}:{line_of(path, ': 7')}: people[3].levels.evaluation: 7 is not a level (0-5)"
    )
    assert messages[2].endswith("people[4].id: 'p1' is a duplicate id (first at people[0])")
    assert messages[3].endswith(
        "people[5].team: 'sales' is not a known team; expected one of: core, ops"
    )


def test_strict_refuses_the_whole_file(tmp_path: Path) -> None:
    data = {**GOOD, "systems": [{"id": "x", "status": "live"}]}
    with pytest.raises(DataError, match=r"systems\[0\].status: 'live' is not a status"):
        load(write(tmp_path, data), strict=True)


def test_practices_left_out_are_derived_from_the_inventory(tmp_path: Path) -> None:
    from eaism.analysis.report import analyse

    loaded = load(write(tmp_path, GOOD))
    stage = analyse(loaded.edition, loaded.organisation).stage
    assert stage.indicator("pilots_under_way").met
    assert stage.indicator("pilots_under_way").source == "derived"
    assert stage.indicator("ai_usage_policy").source == "practices"


def test_a_level_the_domain_does_not_have_is_refused(tmp_path: Path) -> None:
    data = {"people": [{"id": "p1", "team": "core", "levels": {"governance": 2}}]}
    loaded = load(write(tmp_path, data))
    assert loaded.skipped == 1
    assert str(loaded.problems[0]).endswith(
        "people[0].levels.governance: governance has no level 2; its levels are 0, 3, 4, 5"
    )


def test_an_unquoted_edition_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "org.yaml"
    path.write_text("edition: 2026.1\npeople: []\n")
    with pytest.raises(DataError, match="write it in quotes"):
        load(path)
