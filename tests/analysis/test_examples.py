"""The bundled example organisations tell the stories they are meant to tell."""

from __future__ import annotations

from eaism.analysis.report import OrganisationAnalysis, analyse
from eaism.io.organisation import read_organisation
from eaism.model.loader import load_edition
from tests.conftest import ROOT

EXAMPLES = ROOT / "examples" / "organisations"


def analysis_of(name: str) -> OrganisationAnalysis:
    loaded = read_organisation(
        EXAMPLES / name, lambda edition, overlays: load_edition(edition, overlays)
    )
    assert loaded.problems == ()
    return analyse(loaded.edition, loaded.organisation)


def test_the_seed_story_shows_the_level_3_bottleneck() -> None:
    analysis = analysis_of("level3-bottleneck.yaml")
    assert {"LEVEL3_BOTTLENECK", "PROTOTYPE_DEBT", "HIRE_L5_BEFORE_L3"} <= set(analysis.codes)
    assert analysis.hiring.next_phase == 3
    assert analysis.hiring.recommended[0].level == 3
    assert analysis.stage.number == 2
    assert len(analysis.prototype_debt.stalled) == 12


def test_the_healthy_example_gets_no_warning() -> None:
    analysis = analysis_of("healthy.yaml")
    assert [d.code for d in analysis.diagnostics if d.severity != "info"] == []
    assert analysis.stage.number == 4
    assert analysis.stage.can_carry
