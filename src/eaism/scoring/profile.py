"""A person's result: every source's profile side by side, and the one that counts."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import datetime

from eaism.errors import DataError, Location, Problem
from eaism.model.schema import Edition
from eaism.scoring.answers import Respondent, Response
from eaism.scoring.explanation import OperatingLevel, explain_operating_level
from eaism.scoring.person import (
    DomainResult,
    QuestionSet,
    SourceProfile,
    assessed_of,
    effective_domains,
    operating_level,
    score_response,
)


@dataclass(frozen=True, slots=True)
class PersonResult:
    """Everything eaism says about one person against one edition."""

    edition: str
    overlays: tuple[str, ...]
    respondent: Respondent
    profiles: tuple[SourceProfile, ...]
    domains: dict[str, DomainResult]
    operating: OperatingLevel
    calibration: dict[str, int]

    @property
    def sources(self) -> tuple[str, ...]:
        return tuple(profile.source for profile in self.profiles)

    def rated_levels(self, source: str) -> dict[str, int]:
        """The levels of the domains that `source` rated (empty when it did not take part)."""
        profile = next((profile for profile in self.profiles if profile.source == source), None)
        if profile is None:
            return {}
        return {key: domain.level for key, domain in profile.domains.items() if domain.rated}


def score_person(
    edition: Edition,
    responses: Sequence[Response],
    as_of: datetime | None = None,
    question_set: QuestionSet | None = None,
) -> PersonResult:
    """Score every source about one person and combine them by the edition's precedence.

    With a question set, only the levels it asks are assessed (see docs/scoring.md).
    """
    _check_responses(edition, responses)
    own = next((response.answers for response in responses if response.source == "self"), None)
    profiles = tuple(
        score_response(
            edition, response, as_of, question_set, None if response.source == "self" else own
        )
        for response in responses
    )
    domains = effective_domains(edition, profiles)
    assessed = assessed_of(domains)
    demonstrated = operating_level(edition, {key: d.level for key, d in domains.items()}, assessed)
    claimed = operating_level(
        edition, {key: d.claimed_level for key, d in domains.items()}, assessed
    )
    return PersonResult(
        edition=edition.id,
        overlays=edition.overlays,
        respondent=responses[0].respondent,
        profiles=profiles,
        domains=domains,
        operating=explain_operating_level(edition, domains, demonstrated, claimed),
        calibration=calibration(profiles),
    )


def calibration(profiles: Sequence[SourceProfile]) -> dict[str, int]:
    """Per domain rated by both: the self-rated level minus the reviewed level."""
    by_source = {profile.source: profile for profile in profiles}
    own, reviewed = by_source.get("self"), by_source.get("reviewer")
    if own is None or reviewed is None:
        return {}
    return {
        domain_id: own.domains[domain_id].level - result.level
        for domain_id, result in reviewed.domains.items()
        if result.rated and own.domains[domain_id].rated
    }


def _check_responses(edition: Edition, responses: Sequence[Response]) -> None:
    problems: list[Problem] = []
    if not responses:
        problems.append(Problem(Location("responses"), "at least one response is needed"))
    first = responses[0] if responses else None
    seen: set[str] = set()
    for index, response in enumerate(responses):
        where = Location(f"response {index + 1}")
        if response.edition != edition.id:
            problems.append(
                Problem(where, f"edition {response.edition!r} differs from {edition.id!r}")
            )
        if first and response.respondent.id != first.respondent.id:
            message = f"respondent {response.respondent.id!r} differs from {first.respondent.id!r}"
            problems.append(Problem(where, message))
        if response.source in seen:
            problems.append(Problem(where, f"a second {response.source!r} response"))
        seen.add(response.source)
    if problems:
        raise DataError(problems)
