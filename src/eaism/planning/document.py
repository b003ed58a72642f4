"""Planning results as plain, JSON-ready data: the stable schemas documented in docs/planning.md.

Their shapes are declared in `document_types.py`, imported only for type checking so that the
CLI starts without `typing_extensions`.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from eaism.model.schema import Edition, Reference
from eaism.planning.job_description import JobDescriptionCheck
from eaism.planning.roadmap import Roadmap, RoadmapStep
from eaism.planning.rubric import Rubric, RubricSection
from eaism.planning.scorecard import DomainVerdict, Rating, ScorecardResult
from eaism.planning.training import Cohort

if TYPE_CHECKING:
    from eaism.planning.document_types import (
        CohortEntry,
        JobDescriptionDocument,
        RatingEntry,
        RoadmapDocument,
        RubricDocument,
        RubricSectionEntry,
        ScorecardDocument,
        SeeAlsoEntry,
        StepEntry,
        TrainingDocument,
        VerdictEntry,
    )


def roadmap_document(edition: Edition, roadmap: Roadmap) -> RoadmapDocument:
    role = edition.role(roadmap.role)
    return {
        "format": "eaism.roadmap/1",
        "role": roadmap.role,
        "role_name": role.name,
        "current_level": roadmap.current_level,
        "target_level": roadmap.target_level,
        "target_kind": roadmap.target_kind,
        "target_summary": roadmap.target_summary,
        "beyond_target": roadmap.beyond_target,
        "steps": [_step(step) for step in roadmap.steps],
        "advice": list(roadmap.advice),
        "warnings": list(roadmap.warnings),
    }


def _step(step: RoadmapStep) -> StepEntry:
    return {
        "domain": step.domain,
        "level": step.level,
        "descriptor": step.descriptor,
        "reason": step.reason,
        "items": [
            {
                "id": item.id,
                "statement": item.statement,
                "evidence_prompt": item.evidence_prompt,
                "status": item.status,
            }
            for item in step.items
        ],
    }


def rubric_document(rubric: Rubric) -> RubricDocument:
    return {
        "format": "eaism.rubric/1",
        "level": rubric.level,
        "level_name": rubric.level_name,
        "role": rubric.role,
        "role_name": rubric.role_name,
        "sections": [_rubric_section(section) for section in rubric.sections],
    }


def _rubric_section(section: RubricSection) -> RubricSectionEntry:
    return {
        "domain": section.domain,
        "name": section.name,
        "applicable": section.applicable,
        "expected_level": section.expected_level,
        "emphasis": section.emphasis,
        "below": section.below,
        "meets": section.meets,
        "exceeds": section.exceeds,
        "questions": list(section.questions),
        "evidence": list(section.evidence),
        "see_also": [_reference(reference) for reference in section.see_also],
    }


def _reference(reference: Reference) -> SeeAlsoEntry:
    return {
        "framework": reference.framework,
        "id": reference.id,
        "label": reference.label,
        "source": reference.source,
    }


def scorecard_document(result: ScorecardResult) -> ScorecardDocument:
    return {
        "format": "eaism.scorecard/1",
        "candidate": result.candidate,
        "role": result.role,
        "target_level": result.target_level,
        "interviewers": list(result.interviewers),
        "operating_level": result.operating_level,
        "meets_target": result.meets_target,
        "why": list(result.why),
        "domains": {domain_id: _verdict(verdict) for domain_id, verdict in result.domains.items()},
    }


def _verdict(verdict: DomainVerdict) -> VerdictEntry:
    disagreement = verdict.disagreement
    return {
        "level": verdict.level,
        "ratings": [_rating(rating) for rating in verdict.ratings],
        "spread": verdict.spread,
        "disagreement": (
            {"low": _rating(disagreement.low), "high": _rating(disagreement.high)}
            if disagreement
            else None
        ),
    }


def _rating(rating: Rating) -> RatingEntry:
    return {"interviewer": rating.interviewer, "level": rating.level, "notes": rating.notes}


def job_description_document(
    edition: Edition, check: JobDescriptionCheck
) -> JobDescriptionDocument:
    """The check as plain data; levels and domains carry their names, for people to read."""
    return {
        "format": "eaism.job-description-check/1",
        "title": check.title,
        "level": check.level,
        "level_name": _level_name(edition, check.level),
        "recognised": check.level > 0,  # phrases in one sentence are a passing mention
        "title_level": check.title_level,
        "title_level_name": _level_name(edition, check.title_level),
        "title_words": check.title_words,
        "domains": check.domains,
        "domain_names": {domain_id: edition.domain(domain_id).name for domain_id in check.domains},
        "domain_levels": [
            {
                "domain": domain_id,
                "name": edition.domain(domain_id).name,
                "level": level,
                "level_name": edition.level(level).name,  # a cell's level: 1 or above
            }
            for domain_id, level in sorted(check.domains.items(), key=lambda item: -item[1])
        ],
        "matches": [
            {
                "domain": match.domain,
                "level": match.level,
                "phrase": match.phrase,
                "excerpt": match.excerpt,
                "domain_name": edition.domain(match.domain).name,
                "level_name": edition.level(match.level).name,
            }
            for match in check.matches
        ],
        "flags": [
            {"code": flag.code, "message": flag.message, "heading": _heading(edition, flag.code)}
            for flag in check.flags
        ],
        "suggestions": [
            {
                "action": suggestion.action,
                "phrase": suggestion.phrase,
                "domain": suggestion.domain,
                "level": suggestion.level,
                "domain_name": edition.domain(suggestion.domain).name,
                "level_name": edition.level(suggestion.level).name,
            }
            for suggestion in check.suggestions
        ],
    }


FLAG_HEADINGS = {
    "TITLE_CONTENT_MISMATCH": "The title claims more than the ad asks for",
    "TEXT_NOT_IN_ENGLISH": "Not written in English",
}


def _heading(edition: Edition, code: str) -> str:
    """A flag's heading for people: a myth's claim, or the heading of one of the checks."""
    myth = next((myth for myth in edition.myths if myth.code == code), None)
    return f"Myth: {myth.claim}" if myth else FLAG_HEADINGS.get(code, code)


def _level_name(edition: Edition, level: int | None) -> str | None:
    return edition.level(level).name if level else None


def training_document(cohorts: tuple[Cohort, ...], with_members: bool) -> TrainingDocument:
    return {
        "format": "eaism.training-plan/1",
        "cohorts": [_cohort(cohort, with_members) for cohort in cohorts],
    }


def _cohort(cohort: Cohort, with_members: bool) -> CohortEntry:
    entry: CohortEntry = {
        "domain": cohort.domain,
        "level": cohort.level,
        "descriptor": cohort.descriptor,
        "people": cohort.people,
        "in_progress": cohort.in_progress,
    }
    if with_members:  # personal data: only for those allowed to see individuals
        entry["members"] = list(cohort.members)
    return entry
