"""Career roadmaps: from a person's profile and role to ordered, evidence-backed next steps.

Steps climb one level at a time toward the role's target: at each level the defining domains
come first, the weakest first (lowest level, then least progress), then the other domains the
level's share rule needs, the role's emphasis domains ahead of the rest.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eaism.analysis.organisation import People
from eaism.model.schema import Edition, Role, TargetKind
from eaism.scoring.person import UNANSWERED, ItemStatus, level_rule_holds
from eaism.scoring.profile import PersonResult


@dataclass(frozen=True)
class ItemStep:
    id: str
    statement: str
    evidence_prompt: str
    status: ItemStatus  # how the item counts today


@dataclass(frozen=True)
class RoadmapStep:
    domain: str
    level: int
    descriptor: str
    reason: str
    items: tuple[ItemStep, ...]


@dataclass(frozen=True)
class Roadmap:
    role: str
    target_level: int
    target_kind: TargetKind
    target_summary: str
    current_level: int
    beyond_target: bool  # the target is reached; the steps stretch one level further
    steps: tuple[RoadmapStep, ...]
    advice: tuple[str, ...]
    warnings: tuple[str, ...]


@dataclass(frozen=True)
class Profile:
    """What a roadmap needs to know about a person: levels, progress and item statuses."""

    levels: Mapping[str, int]
    progress: Mapping[str, float]
    operating_level: int
    item_status: Mapping[str, ItemStatus]
    title: str = ""


def profile_of(result: PersonResult) -> Profile:
    statuses = {
        item.item_id: item.status
        for domain in result.domains.values()
        for cell in domain.cells
        for item in cell.items
    }
    return Profile(
        levels={key: domain.level for key, domain in result.domains.items()},
        progress={key: domain.progress for key, domain in result.domains.items()},
        operating_level=result.operating.demonstrated,
        item_status=statuses,
        title=result.respondent.title or "",
    )


def profile_in(edition: Edition, people: People, row: int) -> Profile:
    """The profile of one person of an organisation, from their levels (no item statuses)."""
    return Profile(
        levels=dict(zip(edition.domain_ids, people.levels[row].tolist(), strict=True)),
        progress=dict(zip(edition.domain_ids, people.progress[row].tolist(), strict=True)),
        operating_level=int(people.operating[row]),
        item_status={},
        title=people.titles[row],
    )


def roadmap(edition: Edition, profile: Profile, role_id: str) -> Roadmap:
    role = edition.role(role_id)
    current = profile.operating_level
    beyond = current >= role.target_level
    target = min(current + 1, len(edition.levels)) if beyond else role.target_level
    levels = dict(profile.levels)
    steps: list[RoadmapStep] = []
    for number in range(current + 1, target + 1):
        for domain_id in _domains_to_lift(edition, role, number, levels, profile.progress):
            steps += _cells_to_reach(edition, profile, domain_id, number, levels[domain_id])
            levels[domain_id] = number
    return Roadmap(
        role=role.id,
        target_level=target,
        target_kind=role.target_kind,
        target_summary=" ".join(role.target_summary.split()),
        current_level=current,
        beyond_target=beyond and target > current,
        steps=tuple(steps),
        advice=tuple(" ".join(text.split()) for text in role.advice),
        warnings=_warnings(edition, profile),
    )


def _domains_to_lift(
    edition: Edition, role: Role, number: int, levels: dict[str, int], progress: Mapping[str, float]
) -> list[str]:
    """Defining domains below `number`, weakest first, then enough others for the share rule."""

    def weakness(domain_id: str) -> tuple[int, float]:
        return levels[domain_id], progress.get(domain_id, 0.0)

    defining = edition.scoring.defining_domains[number]
    chosen = sorted((d for d in defining if levels[d] < number), key=weakness)
    planned = {**levels, **dict.fromkeys(chosen, number)}
    others = [
        domain.id
        for domain in edition.domains
        if domain.id not in defining
        and domain.cell(number).applicable
        and levels[domain.id] < number
    ]
    others.sort(key=lambda d: (d not in role.emphasis_domains, *weakness(d)))
    for domain_id in others:
        if level_rule_holds(edition, number, planned):
            break
        chosen.append(domain_id)
        planned[domain_id] = number
    return chosen


def _cells_to_reach(
    edition: Edition, profile: Profile, domain_id: str, number: int, current: int
) -> list[RoadmapStep]:
    domain = edition.domain(domain_id)
    defining = domain_id in edition.scoring.defining_domains[number]
    reason = (
        f"{domain.name} defines level {number}"
        if defining
        else f"level {number} needs more of its domains; {domain.name} is among the closest"
    )
    return [
        RoadmapStep(
            domain=domain_id,
            level=level,
            descriptor=" ".join(domain.cell(level).descriptor.split()),
            reason=reason,
            items=tuple(
                ItemStep(
                    item.id,
                    " ".join(item.statement.split()),
                    " ".join(item.evidence_prompt.split()),
                    profile.item_status.get(item.id, UNANSWERED),
                )
                for item in domain.items_at(level)
            ),
        )
        for level in domain.applicable_levels
        if current < level <= number
    ]


def _warnings(edition: Edition, profile: Profile) -> tuple[str, ...]:
    """The prompt-engineering myth, for a profile that leans on prompting alone."""
    import re

    myth = next(myth for myth in edition.myths if myth.code == "MYTH_PROMPT_ENGINEER_ROLE")
    leaned_on = profile.levels.get(myth.domain, 0)  # the domain the myth overrates: prompting
    others = max((level for key, level in profile.levels.items() if key != myth.domain), default=0)
    titled = re.search(
        edition.job_descriptions.prompt_engineer_pattern, profile.title, re.IGNORECASE
    )
    if not (titled or leaned_on > others):
        return ()
    return (" ".join(f"Myth: {myth.claim} In fact: {myth.reality}".split()),)
