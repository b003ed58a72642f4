"""The readiness checks are edition data: ids with labels, and every rule names only real ones."""

from __future__ import annotations

from pathlib import Path

import pytest

from eaism.errors import DataError, UnknownIdError
from eaism.model.loader import load_edition, read_edition
from eaism.model.schema import Edition
from tests.conftest import EDITIONS


def problems_of(path: Path) -> list[str]:
    with pytest.raises(DataError) as caught:
        read_edition(path)
    return [str(problem) for problem in caught.value.problems]


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def line_of(path: Path, text: str) -> int:
    return next(
        number for number, line in enumerate(path.read_text().splitlines(), 1) if text in line
    )


@pytest.mark.parametrize("name", EDITIONS[:2])
def test_each_bundled_edition_labels_its_checks_and_its_rules_name_them(name: str) -> None:
    analysis = load_edition(name).analysis
    assert analysis.check_ids == (
        "evaluation",
        "monitoring",
        "fallback",
        "security_review",
        "cost_controls",
        "versioning",
    )
    assert analysis.check_label("security_review") == "Security review"
    assert analysis.production_signals == {
        "production_evaluation": ("evaluation",),
        "production_monitoring": ("monitoring",),
    }


def test_any_edition_s_rules_name_only_its_own_checks(any_edition: Edition) -> None:
    known = set(any_edition.analysis.check_ids)
    assert all(check.label.strip() for check in any_edition.analysis.readiness_checks)
    for named in any_edition.analysis.production_signals.values():
        assert set(named) <= known
    for diagnostic in any_edition.diagnostics:
        assert set(diagnostic.checks) <= known


def test_an_unknown_check_label_lookup_lists_the_checks() -> None:
    with pytest.raises(
        UnknownIdError, match="'audit' is not a readiness check; expected one of: evaluation"
    ):
        load_edition().analysis.check_label("audit")


def test_a_diagnostic_naming_an_unknown_check_names_file_and_line(edition_copy: Path) -> None:
    diagnostics = edition_copy / "diagnostics.yaml"
    replace_in(diagnostics, "checks: [evaluation, monitoring]", "checks: [evaluation, watching]")
    [problem] = problems_of(edition_copy)
    line = line_of(diagnostics, "checks: [evaluation, watching]")
    assert problem.startswith(f"diagnostics.yaml:{line}: diagnostics[11].checks[1]: 'watching'")
    assert problem.endswith(
        "is not a readiness check; expected one of: evaluation, monitoring, fallback, "
        "security_review, cost_controls, versioning"
    )


def test_a_signal_naming_an_unknown_check_names_file_and_line(edition_copy: Path) -> None:
    analysis = edition_copy / "analysis.yaml"
    replace_in(
        analysis, "production_monitoring: [monitoring]", "production_monitoring: [dashboards]"
    )
    [problem] = problems_of(edition_copy)
    line = line_of(analysis, "production_monitoring: [dashboards]")
    assert problem.startswith(
        f"analysis.yaml:{line}: analysis.production_signals.production_monitoring[0]: "
        "'dashboards' is not a readiness check"
    )


def test_an_indicator_derived_from_an_unknown_signal_lists_the_edition_s(
    edition_copy: Path,
) -> None:
    replace_in(
        edition_copy / "stages.yaml",
        "derived_from: production_monitoring",
        "derived_from: production_dashboards",
    )
    [problem] = problems_of(edition_copy)
    assert problem.endswith(
        "'production_dashboards' is not a rule; expected one of: ai_users, pilots, "
        "production_systems, production_evaluation, production_monitoring"
    )


def test_a_check_twice_or_without_a_label_is_refused(edition_copy: Path) -> None:
    analysis = edition_copy / "analysis.yaml"
    replace_in(
        analysis,
        "    - id: fallback\n      label: Fallback\n",
        "    - id: versioning\n      label: ' '\n",
    )
    problems = problems_of(edition_copy)
    assert any(
        p.endswith("analysis.readiness_checks[2].label: a readiness check needs a label")
        for p in problems
    )
    assert any(
        p.endswith("analysis.readiness_checks: id 'versioning' is used 2 times") for p in problems
    )


def test_a_check_is_a_mapping_with_an_id_and_a_label(edition_copy: Path) -> None:
    analysis = edition_copy / "analysis.yaml"
    replace_in(analysis, "    - id: fallback\n      label: Fallback\n", "    - fallback\n")
    problems = problems_of(edition_copy)
    line = line_of(analysis, "    - fallback")
    assert any(
        problem.startswith(f"analysis.yaml:{line}: analysis.readiness_checks[2]")
        for problem in problems
    )
