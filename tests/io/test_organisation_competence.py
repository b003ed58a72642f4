"""The competence part of an organisation file: a system's people, risk class, model and last
change, people's kind and dates, actions and raised requirements; every problem located."""

from __future__ import annotations

from datetime import date
from pathlib import Path
from typing import Any

import pytest
import yaml

from eaism.errors import DataError
from eaism.io.organisation import LoadedOrganisation, read_organisation
from eaism.model.loader import load_edition


def write(tmp_path: Path, **changes: Any) -> Path:
    data: dict[str, Any] = {
        "edition": "2026.1",
        "people": [
            {
                "id": "p1",
                "team": "core",
                "name": "Ana",
                "assessed_at": "2026-03-01",
                "levels": {"evaluation": 3},
            },
            {
                "id": "c1",
                "team": "core",
                "kind": "contractor",
                "answers": {
                    "prompting.l1.everyday_prompting": {
                        "value": 1,
                        "answered_at": "2026-02-03T09:00:00Z",
                    },
                    "prompting.l2.reusable_templates": {
                        "value": 1,
                        "evidence": "Template library",
                        "answered_at": "2026-02-04T09:00:00Z",
                    },
                },
            },
        ],
        "systems": [
            {
                "id": "bot",
                "risk_class": "high",
                "model": "family A v3",
                "changed_at": "2026-01-15",
                "people": {"build": ["p1"], "oversee": ["p1"], "operate": ["c1"]},
            }
        ],
    }
    for key, value in changes.items():
        data[key] = value
    path = tmp_path / "org.yaml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def load(path: Path) -> LoadedOrganisation:
    return read_organisation(path, lambda name, overlays: load_edition(name, overlays), strict=True)


def problem_of(path: Path) -> str:
    with pytest.raises(DataError) as caught:
        load(path)
    [problem] = caught.value.problems
    return str(problem)


def line_of(path: Path, text: str) -> int:
    return next(n for n, line in enumerate(path.read_text().splitlines(), 1) if text in line)


def test_a_system_reads_its_people_risk_class_model_and_change(tmp_path: Path) -> None:
    competence = load(write(tmp_path)).competence
    [system] = competence.systems
    assert (system.risk_class, system.model, system.changed_at) == (
        "high",
        "family A v3",
        date(2026, 1, 15),
    )
    assert {(i.person_id, i.kind) for i in competence.involvements} == {
        ("p1", "build"),
        ("p1", "oversee"),
        ("c1", "operate"),
    }
    contractor = competence.people["c1"]
    assert contractor.kind == "contractor"
    # Measured at the latest answer; prompting's evidence dated by the answer with evidence.
    assert contractor.assessed_at == date(2026, 2, 4)
    assert contractor.evidence_at == {"prompting": date(2026, 2, 4)}
    assert competence.people["p1"].name == "Ana"


def test_an_unknown_person_in_a_system_names_the_line(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_text(path.read_text().replace("- c1\n", "- c9\n"))
    message = problem_of(path)
    assert message.startswith(f"{path}:{line_of(path, '- c9')}: systems[0].people.operate[0]")
    assert "'c9' is not a person in this file" in message


@pytest.mark.parametrize(
    ("changes", "where", "expected"),
    [
        ({"risk_class": "severe"}, "systems[0].risk_class", "'severe' is not a risk_class"),
        ({"changed_at": "last week"}, "systems[0].changed_at", "is not a date such as"),
        ({"people": {"watch": ["p1"]}}, "systems[0].people.watch", "is not a kind of involvement"),
    ],
)
def test_a_bad_system_field_is_located(
    tmp_path: Path, changes: dict[str, Any], where: str, expected: str
) -> None:
    path = write(tmp_path)
    data = yaml.safe_load(path.read_text())
    data["systems"][0].update(changes)
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    message = problem_of(path)
    assert f": {where}: " in message
    assert expected in message


def test_an_action_for_someone_not_involved_is_located(tmp_path: Path) -> None:
    actions = [{"system": "bot", "person": "p2", "kind": "mentor", "planned_at": "2026-04-01"}]
    message = problem_of(write(tmp_path, actions=actions))
    assert "actions[0].person: 'p2' builds, operates or oversees no system 'bot'" in message
    actions = [{"system": "bot", "person": "p1", "kind": "course", "planned_at": "2026-04-01"}]
    assert "actions[0].kind: 'course' is not an action" in problem_of(
        write(tmp_path, actions=actions)
    )


def test_a_raised_requirement_is_checked_against_the_edition(tmp_path: Path) -> None:
    raised = {
        "requirements": [
            {"involvement": "oversee", "risk_class": "high", "cells": {"governance": 2}}
        ]
    }
    message = problem_of(write(tmp_path, competence=raised))
    assert (
        "competence.requirements[0].cells.governance: governance has no cell at level 2" in message
    )
    raised = {
        "requirements": [{"involvement": "oversee", "risk_class": "high", "cells": {"ethics": 3}}]
    }
    assert "'ethics' is not a domain" in problem_of(write(tmp_path, competence=raised))
    good = {
        "max_age_months": 6,
        "requirements": [
            {"involvement": "oversee", "risk_class": "high", "cells": {"governance": 4}}
        ],
    }
    competence = load(write(tmp_path, competence=good)).competence
    assert competence.max_age_months == 6
    assert competence.raised[0].cells == {"governance": 4}


def test_a_person_kind_outside_the_list_is_located(tmp_path: Path) -> None:
    path = write(tmp_path)
    path.write_text(path.read_text().replace("kind: contractor", "kind: intern"))
    with pytest.raises(DataError) as caught:
        load(path)
    # The person is left out, so the system's entry for them is unknown too.
    first, second = (str(problem) for problem in caught.value.problems)
    where = f"{path}:{line_of(path, 'kind: intern')}: people[1].kind"
    assert first.startswith(f"{where}: 'intern' is not a kind of person")
    assert "systems[0].people.operate[0]: 'c1' is not a person" in second
