"""The organisation analysis as plain, JSON-ready data: the stable schema of
`eaism org analyze --format json`, documented in docs/organisation.md."""

from __future__ import annotations

from typing import TYPE_CHECKING, Final

from eaism.analysis.report import OrganisationAnalysis
from eaism.analysis.whatif import Comparison, Hire, PromotePilot, Upskill
from eaism.model.schema import Edition

if TYPE_CHECKING:
    from eaism.analysis.document_types import (
        AnalysisDocument,
        ComparisonDocument,
        HireChange,
        Hiring,
        PromotionChange,
        Stage,
        UpskillChange,
        Workforce,
    )

FORMAT: Final = "eaism.organisation-analysis/1"


def analysis_document(edition: Edition, analysis: OrganisationAnalysis) -> AnalysisDocument:
    return {
        "format": FORMAT,
        "edition": analysis.edition,
        "name": analysis.name,
        "workforce": _workforce(analysis),
        "heatmap": {
            domain: {str(level): count for level, count in enumerate(counts, start=1)}
            for domain, counts in zip(
                analysis.heatmap.domains, analysis.heatmap.counts, strict=True
            )
        },
        "stage": _stage(edition, analysis),
        "hiring": _hiring(analysis),
        "training": [
            {
                "domain": need.domain,
                "level": need.level,
                "one_step_away": need.one_step_away,
                "in_progress": need.in_progress,
            }
            for need in analysis.training
        ],
        "prototype_debt": {
            "count": len(analysis.prototype_debt.stalled),
            "months": analysis.prototype_debt.months,
            "monthly_cost": analysis.prototype_debt.monthly_cost,
            "stalled": [
                {
                    "id": s.id,
                    "name": s.name,
                    "months": s.months_in_status,
                    "monthly_cost": s.monthly_cost,
                }
                for s in analysis.prototype_debt.stalled
            ],
        },
        "readiness": [
            {
                "id": item.system.id,
                "name": item.system.name,
                "kind": item.system.kind,
                "missing": list(item.missing),
                "missing_labels": [edition.analysis.check_label(check) for check in item.missing],
                "success_rate": item.system.success_rate,
                "meets_target": item.meets_target,
                "ready": item.ready,
            }
            for item in analysis.readiness
        ],
        "diagnostics": [
            {
                "code": d.code,
                "severity": d.severity,
                "title": d.title,
                "summary": d.summary,
                "evidence": d.evidence,
                "recommendation": d.recommendation,
            }
            for d in analysis.diagnostics
        ],
    }


def comparison_document(edition: Edition, comparison: Comparison) -> ComparisonDocument:
    before = analysis_document(edition, comparison.before)
    after = analysis_document(edition, comparison.after)
    return {
        "format": "eaism.what-if/1",
        "changes": [_change(change) for change in comparison.changes],
        "before": before,
        "after": after,
        "stage": {"before": before["stage"]["number"], "after": after["stage"]["number"]},
        "hiring": {
            "before": before["hiring"]["next_phase"],
            "after": after["hiring"]["next_phase"],
        },
        "diagnostics": {
            "added": list(comparison.added_codes),
            "removed": list(comparison.removed_codes),
        },
    }


def _workforce(analysis: OrganisationAnalysis) -> Workforce:
    workforce = analysis.workforce
    return {
        "people": workforce.people,
        "by_level": _by_level(workforce.by_level),
        "min_group_size": workforce.min_group_size,
        "teams": [
            {
                "team": team.team,
                "people": team.people,
                "by_level": _by_level(team.by_level),
            }
            for team in workforce.teams
        ],
        "suppressed_teams": workforce.suppressed_teams,
    }


def _by_level(counts: tuple[int, ...]) -> dict[str, int]:
    return {str(level): count for level, count in enumerate(counts)}


def _stage(edition: Edition, analysis: OrganisationAnalysis) -> Stage:
    stage = analysis.stage
    model = edition.stages[stage.number - 1]
    return {
        "number": stage.number,
        "name": model.name,
        "summary": " ".join(model.summary.split()),
        "primary_risk": " ".join(model.primary_risk.split()),
        "workforce_stage": stage.workforce_stage,
        "can_carry": stage.can_carry,
        "why": list(stage.why),
        "indicators": [
            {
                "stage": s.stage,
                "id": s.id,
                "statement": " ".join(s.statement.split()),
                "met": s.met,
                "source": s.source,
            }
            for s in stage.indicators
        ],
    }


def _hiring(analysis: OrganisationAnalysis) -> Hiring:
    hiring = analysis.hiring
    return {
        "current_phase": hiring.current_phase,
        "next_phase": hiring.next_phase,
        "phases": [
            {
                "number": p.number,
                "name": p.name,
                "target_level": p.target_level,
                "people_at_or_above": p.people_at_or_above,
                "needed": p.needed,
                "established": p.established,
            }
            for p in hiring.phases
        ],
        "recommended": [
            {"level": r.level, "count": r.count, "why": r.why} for r in hiring.recommended
        ],
        "planned": [{"level": h.level, "count": h.count, "title": h.title} for h in hiring.planned],
    }


def _change(change: Hire | Upskill | PromotePilot) -> HireChange | UpskillChange | PromotionChange:
    if isinstance(change, Hire):
        return {"hire": {"level": change.level, "count": change.count}}
    if isinstance(change, Upskill):
        return {
            "upskill": {
                "domain": change.domain,
                "from": change.from_level,
                "to": change.to_level,
                "count": change.count,
            }
        }
    return {"promote_pilot": change.system_id}
