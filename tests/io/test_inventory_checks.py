"""An organisation file's systems have one true-or-false entry per readiness check of the
edition it names: a check the edition adds reads, one it lacks is a located error."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from eaism.errors import DataError
from eaism.io.organisation import LoadedOrganisation, read_organisation
from eaism.model.loader import load_edition, read_edition
from eaism.model.schema import Edition


def organisation_file(tmp_path: Path, system: dict[str, object]) -> Path:
    path = tmp_path / "org.json"
    base = {"id": "bot", "name": "Help bot", "status": "production"}
    data: dict[str, object] = {
        "teams": ["core"],
        "people": [{"id": "p1", "team": "core", "levels": {}}],
    }
    data["systems"] = [base | system]
    path.write_text(json.dumps(data, indent=2))
    return path


def load(path: Path, edition: Edition) -> LoadedOrganisation:
    return read_organisation(path, lambda name, overlays: edition, strict=True)


def line_of(path: Path, text: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line
    )


def edition_with_audit_check(edition_copy: Path) -> Edition:
    analysis = edition_copy / "analysis.yaml"
    text = analysis.read_text()
    old = "      label: Versioning\n"
    assert old in text
    analysis.write_text(
        text.replace(old, old + "    - id: audit_trail\n      label: Audit trail\n")
    )
    return read_edition(edition_copy)


def test_every_check_of_the_edition_reads_by_its_id(tmp_path: Path) -> None:
    edition = load_edition()
    flags = {check: index % 2 == 0 for index, check in enumerate(edition.analysis.check_ids)}
    [system] = load(organisation_file(tmp_path, flags), edition).organisation.systems
    assert system.checks == {check for check, flag in flags.items() if flag}


def test_a_check_the_edition_adds_reads(tmp_path: Path, edition_copy: Path) -> None:
    edition = edition_with_audit_check(edition_copy)
    path = organisation_file(tmp_path, {"audit_trail": True, "monitoring": True})
    [system] = load(path, edition).organisation.systems
    assert system.checks == {"audit_trail", "monitoring"}


def test_a_check_the_edition_lacks_is_an_unknown_field_listing_the_checks(tmp_path: Path) -> None:
    path = organisation_file(tmp_path, {"audit_trail": True})
    with pytest.raises(DataError) as caught:
        load(path, load_edition())
    [problem] = caught.value.problems
    line = line_of(path, '"audit_trail"')
    assert str(problem).startswith(f"{path}:{line}: systems[0].audit_trail: unknown field")
    assert str(problem).endswith(
        "monthly_cost, success_rate, evaluation, monitoring, fallback, "
        "security_review, cost_controls, versioning"
    )


def test_a_check_that_is_not_true_or_false_names_its_field(tmp_path: Path) -> None:
    path = organisation_file(tmp_path, {"fallback": "yes"})
    with pytest.raises(DataError) as caught:
        load(path, load_edition())
    [problem] = caught.value.problems
    assert str(problem).endswith("systems[0].fallback: 'yes' is not true or false")
