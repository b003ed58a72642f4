"""Rules that look at readiness checks take them from the edition, not from code."""

from __future__ import annotations

from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.inventory import readiness
from eaism.analysis.organisation import Organisation
from eaism.analysis.report import analyse
from eaism.analysis.stage import derived_signal
from eaism.analysis.whatif import PromotePilot, apply_change
from eaism.model.loader import load_edition, read_edition
from eaism.model.schema import Edition
from tests.factories import HEALTHY_PRACTICES, people_at, pilot, production

EDITION = load_edition()
CHECKS = EDITION.analysis.check_ids


def replace_in(path: Path, old: str, new: str) -> None:
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new, 1))


def with_audit_check(edition_copy: Path) -> Edition:
    """The bundled edition with a seventh check, that the evaluation signal and the chatbot
    myth ask for instead of the evaluation check."""
    analysis = edition_copy / "analysis.yaml"
    replace_in(
        analysis,
        "      label: Versioning\n",
        "      label: Versioning\n    - id: audit_trail\n      label: Audit trail\n",
    )
    replace_in(
        analysis, "production_evaluation: [evaluation]", "production_evaluation: [audit_trail]"
    )
    replace_in(
        edition_copy / "diagnostics.yaml",
        "checks: [evaluation, monitoring]",
        "checks: [audit_trail, monitoring]",
    )
    return read_edition(edition_copy)


@given(st.lists(st.sets(st.sampled_from(CHECKS)), min_size=1, max_size=4))
def test_a_signal_holds_when_every_production_system_has_its_checks(
    in_place: list[set[str]],
) -> None:
    organisation = Organisation(
        people=people_at(EDITION, [1]),
        systems=tuple(
            production(f"s{index}", checks=frozenset(checks))
            for index, checks in enumerate(in_place)
        ),
    )
    for signal, needed in EDITION.analysis.production_signals.items():
        expected = all(set(needed) <= checks for checks in in_place)
        assert derived_signal(EDITION, signal, organisation) is expected


@given(st.sets(st.sampled_from(CHECKS)))
def test_a_system_misses_exactly_the_edition_s_checks_it_lacks(in_place: set[str]) -> None:
    organisation = Organisation(
        people=people_at(EDITION, [1]),
        systems=(production("s", checks=frozenset(in_place)),),
    )
    [result] = readiness(EDITION, organisation)
    assert result.missing == tuple(check for check in CHECKS if check not in in_place)


def test_an_edition_s_own_check_drives_the_signal_the_myth_and_readiness(
    edition_copy: Path,
) -> None:
    edition = with_audit_check(edition_copy)
    everything_but_audit = frozenset(CHECKS)
    levels = [1] * 20 + [2] * 20 + [3] * 15 + [4] * 3 + [5] * 1  # established Level 3
    organisation = Organisation(
        people=people_at(edition, levels),
        systems=(
            production("a", kind="chatbot", checks=everything_but_audit),
            production("b", kind="chatbot", checks=everything_but_audit),
        ),
        practices=dict(HEALTHY_PRACTICES),
    )
    # Every bundled check is in place, but not the edition's seventh, which the rules ask for.
    assert derived_signal(edition, "production_monitoring", organisation)
    assert not derived_signal(edition, "production_evaluation", organisation)
    assert [item.missing for item in readiness(edition, organisation)] == [("audit_trail",)] * 2
    analysis = analyse(edition, organisation)
    assert analysis.stage.indicator("evaluation_pipelines").met is False
    assert analysis.stage.number >= 3  # so the myth looks at the chatbots' checks
    assert "MYTH_CHATBOT_EQUALS_MATURITY" in analysis.codes
    # The same organisation under the bundled edition has every check its rules ask for.
    bundled = analyse(EDITION, organisation)
    assert bundled.stage.indicator("evaluation_pipelines").met is True
    assert "MYTH_CHATBOT_EQUALS_MATURITY" not in bundled.codes


def test_a_promoted_pilot_gets_every_check_of_the_edition(edition_copy: Path) -> None:
    edition = with_audit_check(edition_copy)
    organisation = Organisation(people=people_at(edition, [3] * 5), systems=(pilot("p", months=8),))
    promoted = apply_change(edition, organisation, PromotePilot("p"))
    [system] = promoted.systems
    assert system.checks == frozenset((*CHECKS, "audit_trail"))
    assert [item.missing for item in readiness(edition, promoted)] == [()]
