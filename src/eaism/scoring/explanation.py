"""Why a result is what it is, and what would change it."""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import dataclass

from eaism.model.schema import Edition
from eaism.scoring.person import (
    DomainResult,
    ItemResult,
    applicable_domains,
    is_assessed_at,
    level_rule_holds,
)


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
    if not domain.assessed:
        return "Not assessed: this domain is not in the question set."
    if domain.given:
        return f"Level {domain.level} given by the {domain.source} for the whole domain."
    met = [str(cell.level) for cell in domain.cells if cell.applicable and cell.met]
    met_text = (
        f"met at level{'s' if len(met) > 1 else ''} {', '.join(met)}" if met else "no level met yet"
    )
    if domain.next_level is None:
        if domain.assessed_up_to < max(cell.level for cell in domain.cells):
            return f"{met_text.capitalize()}; every level asked is reached."
        return f"{met_text.capitalize()}; every level is reached."
    cell = domain.cell(domain.next_level)
    blocked = f"level {cell.level} scores {cell.score:.2f} of the {threshold:.2f} needed"
    if cell.claimed_met and not cell.met:
        blocked += " (met as claimed, but answers lack current evidence)"
    return f"{met_text.capitalize()}; {blocked}."


def domain_gap(domain: DomainResult, target_level: int) -> DomainGap:
    """The uncounted items of every unmet applicable cell asked, up to `target_level`."""
    top = min(target_level, domain.assessed_up_to)
    items = tuple(
        item
        for cell in domain.cells
        if cell.applicable and domain.level < cell.level <= top and not cell.met
        for item in cell.items
        if item.counted < 1
    )
    return DomainGap(domain.domain_id, domain.level, target_level, items)


def explain_operating_level(
    edition: Edition, domains: Mapping[str, DomainResult], demonstrated: int, claimed: int
) -> OperatingLevel:
    levels = {domain_id: result.level for domain_id, result in domains.items()}
    assessed = {domain_id: result.assessed_up_to for domain_id, result in domains.items()}
    why = tuple(
        level_reason(edition, number, levels, assessed) for number in range(1, demonstrated + 1)
    )
    target = demonstrated + 1 if demonstrated < len(edition.levels) else None
    if target is None:
        return OperatingLevel(demonstrated, claimed, why, None, (), 0, ())
    defining = edition.scoring.defining_domains[target]
    gaps = tuple(domain_gap(domains[d], target) for d in defining if levels[d] < target)
    missing = _more_domains_needed(edition, target, levels, assessed, lifted=len(gaps))
    others = [
        domain_gap(domains[d], target)
        for d in applicable_domains(edition, target, assessed)
        if d not in defining and levels[d] < target
    ]
    others.sort(key=lambda gap: (len(gap.items), gap.domain_id))
    reasons = (*why, level_reason(edition, target, levels, assessed))
    return OperatingLevel(
        demonstrated, claimed, reasons, target, gaps, missing, tuple(others[:missing])
    )


def _more_domains_needed(
    edition: Edition,
    number: int,
    levels: Mapping[str, int],
    assessed: Mapping[str, int] | None,
    lifted: int,
) -> int:
    """How many domains beyond the `lifted` defining ones must reach `number` for its share rule."""
    applicable = applicable_domains(edition, number, assessed)
    required = edition.scoring.min_share_of_applicable_domains * len(applicable)
    reached = sum(1 for domain_id in applicable if levels[domain_id] >= number)
    return max(0, math.ceil(required - reached - lifted))


def level_reason(
    edition: Edition,
    number: int,
    levels: Mapping[str, int],
    assessed: Mapping[str, int] | None = None,
) -> str:
    """Whether a level's rule holds, with its defining domains and share in plain words."""
    defining = edition.scoring.defining_domains[number]
    applicable = applicable_domains(edition, number, assessed)
    reached = sum(1 for domain_id in applicable if levels[domain_id] >= number)
    unasked = [d for d in defining if not is_assessed_at(assessed, d, number)]
    below = [d for d in defining if levels[d] < number and d not in unasked]
    verdict = "holds" if level_rule_holds(edition, number, levels, assessed) else "does not hold"
    defining_text = (
        f"all defining domains ({', '.join(defining)}) are at {number} or above"
        if not below and not unasked
        else "; ".join(
            text
            for text in (
                f"defining domains below {number}: {', '.join(below)}" if below else "",
                f"defining domains not assessed at {number}: {', '.join(unasked)}"
                if unasked
                else "",
            )
            if text
        )
    )
    kind = (
        "domains"
        if all(is_assessed_at(assessed, d, number) for d in levels)
        else "assessed domains"
    )
    return (
        f"Level {number} ({edition.level(number).name}) {verdict}: {defining_text}; "
        f"{reached} of {len(applicable)} {kind} with a level-{number} cell are at {number} or above."
    )
