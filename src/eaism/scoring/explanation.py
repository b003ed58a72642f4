"""Why a result is what it is, and what would change it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from eaism.model.schema import Edition
from eaism.scoring.person import DomainResult, ItemResult, applicable_domains, level_rule_holds


@dataclass(frozen=True, slots=True)
class DomainGap:
    """What a domain needs to reach `target_level`: the items not yet counted in unmet cells."""

    domain_id: str
    current_level: int
    target_level: int
    items: tuple[ItemResult, ...]


@dataclass(frozen=True, slots=True)
class OperatingLevel:
    """The headline level with its reasons and the way to the next one."""

    demonstrated: int
    claimed: int
    why: tuple[str, ...]
    next_level: int | None
    gaps: tuple[DomainGap, ...]
    more_domains_needed: int
    candidates: tuple[DomainGap, ...]


def domain_why(domain: DomainResult, threshold: float) -> str:
    """One sentence: which cells are met and which one stops the climb."""
    met = [str(cell.level) for cell in domain.cells if cell.applicable and cell.met]
    met_text = (
        f"met at level{'s' if len(met) > 1 else ''} {', '.join(met)}" if met else "no level met yet"
    )
    if domain.next_level is None:
        return f"{met_text.capitalize()}; every level is reached."
    cell = domain.cell(domain.next_level)
    blocked = f"level {cell.level} scores {cell.score:.2f} of the {threshold:.2f} needed"
    if cell.claimed_met and not cell.met:
        blocked += " (met as claimed, but answers lack current evidence)"
    return f"{met_text.capitalize()}; {blocked}."


def domain_gap(domain: DomainResult, target_level: int) -> DomainGap:
    """The uncounted items of every unmet applicable cell up to `target_level`."""
    items = tuple(
        item
        for cell in domain.cells
        if cell.applicable and domain.level < cell.level <= target_level and not cell.met
        for item in cell.items
        if item.counted < 1
    )
    return DomainGap(domain.domain_id, domain.level, target_level, items)


def explain_operating_level(
    edition: Edition, domains: Mapping[str, DomainResult], demonstrated: int, claimed: int
) -> OperatingLevel:
    levels = {domain_id: result.level for domain_id, result in domains.items()}
    why = tuple(level_reason(edition, number, levels) for number in range(1, demonstrated + 1))
    target = demonstrated + 1 if demonstrated < len(edition.levels) else None
    if target is None:
        return OperatingLevel(demonstrated, claimed, why, None, (), 0, ())
    defining = edition.scoring.defining_domains[target]
    gaps = tuple(domain_gap(domains[d], target) for d in defining if levels[d] < target)
    missing = _more_domains_needed(edition, target, levels, lifted=len(gaps))
    others = [
        domain_gap(domains[d], target)
        for d in applicable_domains(edition, target)
        if d not in defining and levels[d] < target
    ]
    others.sort(key=lambda gap: (len(gap.items), gap.domain_id))
    reasons = (*why, level_reason(edition, target, levels))
    return OperatingLevel(
        demonstrated, claimed, reasons, target, gaps, missing, tuple(others[:missing])
    )


def _more_domains_needed(
    edition: Edition, number: int, levels: Mapping[str, int], lifted: int
) -> int:
    """How many domains beyond the `lifted` defining ones must reach `number` for its share rule."""
    applicable = applicable_domains(edition, number)
    required = edition.scoring.min_share_of_applicable_domains * len(applicable)
    reached = sum(1 for domain_id in applicable if levels[domain_id] >= number)
    return max(0, math.ceil(required - reached - lifted))


def level_reason(edition: Edition, number: int, levels: Mapping[str, int]) -> str:
    """Whether a level's rule holds, with its defining domains and share in plain words."""
    defining = edition.scoring.defining_domains[number]
    applicable = applicable_domains(edition, number)
    reached = sum(1 for domain_id in applicable if levels[domain_id] >= number)
    below = [domain_id for domain_id in defining if levels[domain_id] < number]
    verdict = "holds" if level_rule_holds(edition, number, levels) else "does not hold"
    defining_text = (
        f"all defining domains ({', '.join(defining)}) are at {number} or above"
        if not below
        else f"defining domains below {number}: {', '.join(below)}"
    )
    return (
        f"Level {number} ({edition.level(number).name}) {verdict}: {defining_text}; "
        f"{reached} of {len(applicable)} domains with a level-{number} cell are at {number} or above."
    )
