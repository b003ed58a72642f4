"""Diagnostics: each rule reads the facts and, when its data supports it, returns the numbers
that triggered it. Wording and thresholds come from the edition (diagnostics.yaml)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass
from typing import Any

from eaism.analysis.facts import Facts
from eaism.analysis.myths import MYTH_RULES
from eaism.model.schema import DiagnosticDefinition

Evidence = dict[str, Any]
Rule = Callable[[Facts, Mapping[str, Any]], Evidence | None]
SEVERITY_ORDER = {"critical": 0, "warning": 1, "info": 2}


@dataclass(frozen=True)
class Diagnostic:
    code: str
    severity: str
    title: str
    summary: str
    evidence: Evidence
    recommendation: str


def diagnose(facts: Facts) -> tuple[Diagnostic, ...]:
    found = []
    for definition in facts.edition.diagnostics:
        rule = RULES.get(definition.code)
        evidence = rule(facts, definition.thresholds) if rule else None
        if evidence is not None:
            found.append(_diagnostic(definition, evidence))
    return tuple(sorted(found, key=lambda item: SEVERITY_ORDER[item.severity]))


def _diagnostic(definition: DiagnosticDefinition, evidence: Evidence) -> Diagnostic:
    summary = " ".join(definition.summary.format(**evidence).split())
    recommendation = " ".join(definition.recommendation.split())
    return Diagnostic(
        definition.code, definition.severity, definition.title, summary, evidence, recommendation
    )


def level3_bottleneck(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    builders = facts.workforce.by_level[2]
    engineers = facts.at_least[3]
    pilots = facts.active_pilots
    if builders < limits["min_builders"] and pilots == 0:
        return None
    too_few = (
        engineers == 0
        or builders > limits["max_builders_per_systems_engineer"] * engineers
        or pilots > limits["max_pilots_per_systems_engineer"] * engineers
    )
    return (
        {"builders": builders, "pilots": pilots, "systems_engineers": engineers}
        if too_few
        else None
    )


def level3_gap(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    at = facts.workforce.by_level
    if at[2] < limits["min_at_level_2"] or at[4] < limits["min_at_level_4"]:
        return None
    if at[3] >= limits["max_share_of_neighbours"] * min(at[2], at[4]):
        return None
    thin = [
        domain
        for domain, exactly in zip(facts.heatmap.domains, facts.heatmap.exactly, strict=True)
        if (exactly[2] or 0)
        < limits["max_share_of_neighbours"] * min(exactly[1] or 0, exactly[3] or 0)
    ]
    return {
        "at_level_2": at[2],
        "at_level_3": at[3],
        "at_level_4": at[4],
        "thin_domains": ", ".join(thin),
    }


def prototype_debt(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    stalled = facts.debt.stalled
    if len(stalled) < max(1, limits["min_stalled_pilots"]):
        return None
    return {
        "stalled_pilots": len(stalled),
        "stalled_months": facts.edition.analysis.stalled_pilot_months,
        "months": facts.debt.months,
        "monthly_cost": facts.debt.monthly_cost,
        "systems": ", ".join(system.id for system in stalled),
    }


def reliability_gap(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    short = [item for item in facts.readiness if not item.ready]
    if not short:
        return None
    return {
        "systems": len(short),
        "production_systems": len(facts.readiness),
        "missing_checks": sum(len(item.missing) for item in short),
        "below_target": sum(1 for item in short if item.meets_target is False),
        "target": facts.edition.analysis.success_rate_target,
        "system_ids": ", ".join(item.system.id for item in short),
    }


def single_point_of_failure(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    if not (facts.active_pilots or facts.organisation.systems_in("production")):
        return None
    lone = [
        domain
        for domain, counts in zip(facts.heatmap.domains, facts.heatmap.counts, strict=True)
        if counts[2] == 1
    ]
    return {"count": len(lone), "domains": ", ".join(lone)} if lone else None


def stage_mismatch(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    stage = facts.stage
    if stage.can_carry:
        return None
    dominant = facts.edition.stages[stage.number - 1].dominant_level
    return {
        "practice_stage": stage.number,
        "workforce_stage": stage.workforce_stage,
        "dominant_level": dominant,
        "people_at_dominant_level": facts.at_least[dominant],
    }


def shadow_ai(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    users = facts.at_least[1]
    in_use = users > 0 or facts.practice("individual_ai_use")
    if not in_use or facts.practice("ai_usage_policy"):
        return None
    return {"users": users}


def hire_leaders_before_engineers(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    leader_level = int(limits["leader_level"])
    leaders = sum(
        hire.count for hire in facts.organisation.planned_hires if hire.level >= leader_level
    )
    if not leaders or facts.established(3):
        return None
    return {
        "planned_leaders": leaders,
        "systems_engineers": facts.at_least[3],
        "needed_systems_engineers": facts.needed(3),
    }


def hire_engineers_without_builders(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    engineers = facts.planned_at(3)
    if not engineers or facts.established(2) or facts.active_pilots:
        return None
    return {"planned_systems_engineers": engineers, "builders": facts.at_least[2]}


RULES: dict[str, Rule] = {
    "LEVEL3_BOTTLENECK": level3_bottleneck,
    "LEVEL3_GAP": level3_gap,
    "PROTOTYPE_DEBT": prototype_debt,
    "RELIABILITY_GAP": reliability_gap,
    "SINGLE_POINT_OF_FAILURE": single_point_of_failure,
    "STAGE_MISMATCH": stage_mismatch,
    "SHADOW_AI": shadow_ai,
    "HIRE_L5_BEFORE_L3": hire_leaders_before_engineers,
    "HIRE_L3_WITHOUT_L2": hire_engineers_without_builders,
    **MYTH_RULES,
}
