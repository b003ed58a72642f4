"""From stored answers to scored results, and the scores kept for dashboards."""

from __future__ import annotations

from collections.abc import Mapping
from datetime import UTC, datetime

from django.db import transaction

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.answers import Respondent
from eaism.scoring.answers import Response as CoreResponse
from eaism.scoring.person import operating_level
from eaism.scoring.profile import PersonResult, score_person
from eaism.web.assessments.models import Response, ReviewedDomain, Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed


def core_response(response: Response) -> CoreResponse:
    answers = {
        answer.item_id: CoreAnswer(answer.value, answer.evidence, answer.answered_at)
        for answer in response.answers.all()
    }
    person = response.person
    respondent = Respondent(
        id=person.external_id,
        role=person.role or None,
        name=person.name or None,
        team=person.team.name if person.team else None,
        title=person.title or None,
    )
    return CoreResponse(
        edition=response.round.edition,
        respondent=respondent,
        source=response.source,
        answers=answers,
    )


def person_result(round_: Round, person: Person) -> PersonResult | None:
    """The person's result in the round from their own answers, or None before any answer."""
    responses = list(
        Response.objects.filter(round=round_, person=person).select_related("round", "person__team")
    )
    if not responses:
        return None
    edition = current_edition()
    ordered = sorted(responses, key=lambda response: response.source != "self")
    return score_person(
        edition,
        [core_response(response) for response in ordered],
        datetime.now(UTC),
        edition.question_set(person.role or None),
    )


def reviewed_levels(round_: Round, person: Person) -> dict[str, ReviewedDomain]:
    return {
        review.domain: review
        for review in ReviewedDomain.objects.filter(round=round_, person=person)
    }


def store_score(round_: Round, person: Person) -> Score | None:
    """Score the person's answers, apply reviewed domains, and keep the result for dashboards."""
    result = person_result(round_, person)
    if result is None:
        return None
    edition = current_edition()
    levels: dict[str, int | None] = {
        domain_id: domain.level if domain.assessed else None
        for domain_id, domain in result.domains.items()
    }
    levels |= {
        domain_id: review.level for domain_id, review in reviewed_levels(round_, person).items()
    }
    assessed = assessed_with_reviews(edition, result, levels)
    with transaction.atomic():
        score, _ = Score.objects.update_or_create(
            round=round_,
            person=person,
            defaults={
                # null for a domain not assessed; the dashboards read it as -1
                "levels": [levels[domain_id] for domain_id in edition.domain_ids],
                "progress": [
                    round(result.domains[domain_id].progress, 4) for domain_id in edition.domain_ids
                ],
                "operating_level": operating_level(
                    edition, {d: -1 if v is None else v for d, v in levels.items()}, assessed
                ),
                "claimed_level": result.operating.claimed,
            },
        )
    organisation_changed(round_.organisation_id)
    return score


def assessed_with_reviews(
    edition: Edition, result: PersonResult, levels: Mapping[str, int | None]
) -> dict[str, int]:
    """The levels asked per domain; a domain a reviewer rated counts as assessed even if not asked."""
    top = max(level.number for level in edition.levels)
    return {
        domain_id: domain.assessed_up_to or (top if levels[domain_id] is not None else 0)
        for domain_id, domain in result.domains.items()
    }
