"""The whole organisation analysis as one typed result."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.diagnostics import Diagnostic, diagnose
from eaism.analysis.facts import Facts
from eaism.analysis.hiring import HiringResult, assess_hiring
from eaism.analysis.inventory import PrototypeDebt, Readiness, prototype_debt, readiness
from eaism.analysis.organisation import Organisation
from eaism.analysis.privacy import check_group_size
from eaism.analysis.stage import StageResult, assess_stage
from eaism.analysis.training import TrainingNeed, training_needs
from eaism.analysis.workforce import Heatmap, Workforce, heatmap, workforce
from eaism.model.schema import Edition


@dataclass(frozen=True)
class OrganisationAnalysis:
    edition: str
    name: str
    workforce: Workforce
    heatmap: Heatmap
    stage: StageResult
    hiring: HiringResult
    training: tuple[TrainingNeed, ...]
    prototype_debt: PrototypeDebt
    readiness: tuple[Readiness, ...]
    diagnostics: tuple[Diagnostic, ...]

    @property
    def codes(self) -> tuple[str, ...]:
        return tuple(diagnostic.code for diagnostic in self.diagnostics)


def analyse(
    edition: Edition, organisation: Organisation, min_group_size: int | None = None
) -> OrganisationAnalysis:
    """Analyse an organisation; `min_group_size` overrides the edition's privacy threshold."""
    minimum = check_group_size(
        edition.analysis.min_group_size if min_group_size is None else min_group_size
    )
    people = workforce(organisation.people, minimum, max(level.number for level in edition.levels))
    coverage = heatmap(edition, organisation.people)
    stage = assess_stage(edition, organisation, people.at_least)
    debt = prototype_debt(edition, organisation)
    ready = readiness(edition, organisation)
    facts = Facts(edition, organisation, people, coverage, stage, debt, ready)
    return OrganisationAnalysis(
        edition=edition.id,
        name=organisation.name,
        workforce=people,
        heatmap=coverage,
        stage=stage,
        hiring=assess_hiring(edition, people.at_least, organisation.planned_hires),
        training=training_needs(edition, organisation.people),
        prototype_debt=debt,
        readiness=ready,
        diagnostics=diagnose(facts),
    )
