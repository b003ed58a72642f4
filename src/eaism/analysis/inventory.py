"""The AI-system inventory: prototype debt and the reliability of production systems."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.organisation import Organisation, System
from eaism.model.schema import Edition


@dataclass(frozen=True)
class PrototypeDebt:
    stalled: tuple[System, ...]  # pilots past the stalled threshold, longest first

    @property
    def months(self) -> float:
        return sum(system.months_in_status for system in self.stalled)

    @property
    def monthly_cost(self) -> float:
        return sum(system.monthly_cost for system in self.stalled)


@dataclass(frozen=True)
class Readiness:
    system: System
    missing: tuple[str, ...]
    meets_target: bool | None  # None when no success rate is known

    @property
    def ready(self) -> bool:
        return not self.missing and self.meets_target is not False


def prototype_debt(edition: Edition, organisation: Organisation) -> PrototypeDebt:
    months = edition.analysis.stalled_pilot_months
    stalled = [
        system for system in organisation.systems_in("pilot") if system.months_in_status >= months
    ]
    return PrototypeDebt(
        tuple(sorted(stalled, key=lambda system: (-system.months_in_status, system.id)))
    )


def readiness(edition: Edition, organisation: Organisation) -> tuple[Readiness, ...]:
    """The readiness of every production system against the edition's checks and target."""
    checks = edition.analysis.check_ids
    target = edition.analysis.success_rate_target
    return tuple(
        Readiness(
            system,
            tuple(check for check in checks if check not in system.checks),
            None if system.success_rate is None else system.success_rate >= target,
        )
        for system in organisation.systems_in("production")
    )
