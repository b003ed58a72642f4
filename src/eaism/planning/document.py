"""Planning results as plain, JSON-ready data: the stable schemas documented in docs/planning.md."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from eaism.model.schema import Edition
from eaism.planning.job_description import JobDescriptionCheck
from eaism.planning.roadmap import Roadmap
from eaism.planning.rubric import Rubric
from eaism.planning.scorecard import Rating, ScorecardResult
from eaism.planning.training import Cohort


def roadmap_document(edition: Edition, roadmap: Roadmap) -> dict[str, Any]:
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
        "steps": [asdict(step) for step in roadmap.steps],
        "advice": list(roadmap.advice),
        "warnings": list(roadmap.warnings),
    }


def rubric_document(rubric: Rubric) -> dict[str, Any]:
    return {"format": "eaism.rubric/1", **asdict(rubric)}


def scorecard_document(result: ScorecardResult) -> dict[str, Any]:
    return {
        "format": "eaism.scorecard/1",
        "candidate": result.candidate,
        "role": result.role,
        "target_level": result.target_level,
        "interviewers": list(result.interviewers),
        "operating_level": result.operating_level,
        "meets_target": result.meets_target,
        "why": list(result.why),
        "domains": {
            domain_id: {
                "level": verdict.level,
                "ratings": [_rating(rating) for rating in verdict.ratings],
                "spread": verdict.spread,
                "disagreement": (
                    {
                        "low": _rating(verdict.disagreement.low),
                        "high": _rating(verdict.disagreement.high),
                    }
                    if verdict.disagreement
                    else None
                ),
            }
            for domain_id, verdict in result.domains.items()
        },
    }


def job_description_document(edition: Edition, check: JobDescriptionCheck) -> dict[str, Any]:
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
                "level_name": _level_name(edition, level),
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
                "level_name": _level_name(edition, match.level),
            }
            for match in check.matches
        ],
        "flags": [
            {**asdict(flag), "heading": _heading(edition, flag.code)} for flag in check.flags
        ],
        "suggestions": [
            {
                **asdict(suggestion),
                "domain_name": edition.domain(suggestion.domain).name,
                "level_name": _level_name(edition, suggestion.level),
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


def training_document(cohorts: tuple[Cohort, ...], with_members: bool) -> dict[str, Any]:
    return {
        "format": "eaism.training-plan/1",
        "cohorts": [
            {
                key: value
                for key, value in asdict(cohort).items()
                if with_members or key != "members"
            }
            for cohort in cohorts
        ],
    }


def _rating(rating: Rating) -> dict[str, Any]:
    return {"interviewer": rating.interviewer, "level": rating.level, "notes": rating.notes}
