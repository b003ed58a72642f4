"""What-if scenarios: the same analysis after hypothetical hires, upskilling and promotions."""

from __future__ import annotations

from dataclasses import dataclass, replace

import numpy as np

from eaism.analysis.organisation import Organisation, People
from eaism.analysis.report import OrganisationAnalysis, analyse
from eaism.errors import UsageError
from eaism.model.schema import Edition
from eaism.scoring.bulk import operating_levels

HIRED_TEAM = "new hires"


@dataclass(frozen=True)
class Hire:
    level: int
    count: int


@dataclass(frozen=True)
class Upskill:
    domain: str
    from_level: int
    to_level: int
    count: int


@dataclass(frozen=True)
class PromotePilot:
    system_id: str


Change = Hire | Upskill | PromotePilot


@dataclass(frozen=True)
class Comparison:
    before: OrganisationAnalysis
    after: OrganisationAnalysis
    changes: tuple[Change, ...]

    @property
    def added_codes(self) -> tuple[str, ...]:
        return tuple(code for code in self.after.codes if code not in self.before.codes)

    @property
    def removed_codes(self) -> tuple[str, ...]:
        return tuple(code for code in self.before.codes if code not in self.after.codes)


def what_if(
    edition: Edition,
    organisation: Organisation,
    changes: tuple[Change, ...],
    min_group_size: int | None = None,
) -> Comparison:
    changed = organisation
    for change in changes:
        changed = apply_change(edition, changed, change)
    return Comparison(
        analyse(edition, organisation, min_group_size),
        analyse(edition, changed, min_group_size),
        changes,
    )


def apply_change(edition: Edition, organisation: Organisation, change: Change) -> Organisation:
    if isinstance(change, Hire):
        return replace(organisation, people=organisation.people.join(_hires(edition, change)))
    if isinstance(change, Upskill):
        return replace(organisation, people=_upskill(edition, organisation.people, change))
    return _promote(edition, organisation, change.system_id)


def uniform_levels(edition: Edition, level: int) -> list[int]:
    """Domain levels of someone at `level` throughout: each domain's highest applicable level up to it."""
    return [
        max((cell for cell in domain.applicable_levels if cell <= level), default=0)
        for domain in edition.domains
    ]


def _hires(edition: Edition, hire: Hire) -> People:
    """New people at `hire.level` in every domain."""
    levels = np.tile(np.array(uniform_levels(edition, hire.level), dtype=np.int8), (hire.count, 1))
    ids = tuple(f"hire-{hire.level}-{index + 1}" for index in range(hire.count))
    return People.from_levels(
        edition, ids, (HIRED_TEAM,) * hire.count, ("",) * hire.count, ("",) * hire.count, levels
    )


def _upskill(edition: Edition, people: People, upskill: Upskill) -> People:
    if upskill.domain not in edition.domain_ids:
        raise UsageError(
            f"--upskill: {upskill.domain!r} is not a domain; expected one of: {', '.join(edition.domain_ids)}"
        )
    if upskill.to_level not in edition.domain(upskill.domain).applicable_levels:
        raise UsageError(f"--upskill: {upskill.domain} has no cell at level {upskill.to_level}")
    column = edition.domain_ids.index(upskill.domain)
    candidates = np.flatnonzero(people.levels[:, column] == upskill.from_level)
    if len(candidates) < upskill.count:
        raise UsageError(
            f"--upskill: only {len(candidates)} people are at level {upskill.from_level} in {upskill.domain}, "
            f"not {upskill.count}"
        )
    levels = people.levels.copy()
    levels[candidates[: upskill.count], column] = upskill.to_level
    return replace(people, levels=levels, operating=operating_levels(edition, levels))


def _promote(edition: Edition, organisation: Organisation, system_id: str) -> Organisation:
    pilots = {system.id: system for system in organisation.systems_in("pilot")}
    if system_id not in pilots:
        raise UsageError(
            f"--promote-pilot: {system_id!r} is not a pilot; pilots: {', '.join(sorted(pilots)) or 'none'}"
        )
    promoted = replace(
        pilots[system_id],
        status="production",
        months_in_status=0,
        checks=frozenset(edition.analysis.check_ids),
        success_rate=edition.analysis.success_rate_target,
    )
    systems = tuple(
        promoted if system.id == system_id else system for system in organisation.systems
    )
    return replace(organisation, systems=systems)
