"""From stored answers and reviews to one scored result, and the scores kept for dashboards.

Every surface (the results page, its JSON, the API, the personal PDF, the stored score and so
the dashboard) is built from `person_result`. A round is scored with its own edition, and a
closed round as of its closing time, so its results never change afterwards.
"""

from __future__ import annotations

from datetime import UTC, datetime

from django.db import transaction

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.answers import Respondent
from eaism.scoring.answers import Response as CoreResponse
from eaism.scoring.profile import PersonResult, score_person
from eaism.scoring.reviews import (
    CombinedReview,
    Rating,
    ReviewRatings,
    combine_reviews,
    reviewer_response,
)
from eaism.web.assessments.models import ItemReview, Response, Review, Round, Score
from eaism.web.edition import edition_with_id
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed


def round_edition(round_: Round) -> Edition:
    return edition_with_id(round_.edition)


def scored_as_of(round_: Round) -> datetime:
    """The moment a round's evidence ages are measured from: its closing, or now while open."""
    if round_.status == Round.Status.CLOSED and round_.closed_at is not None:
        return round_.closed_at
    return datetime.now(UTC)


def respondent(person: Person) -> Respondent:
    return Respondent(
        id=person.external_id,
        role=person.role or None,
        name=person.name or None,
        team=person.team.name if person.team else None,
        title=person.title or None,
    )


def core_response(response: Response) -> CoreResponse:
    answers = {
        answer.item_id: CoreAnswer(answer.value, answer.evidence, answer.answered_at)
        for answer in response.answers.all()
    }
    return CoreResponse(
        edition=response.round.edition,
        respondent=respondent(response.person),
        source=response.source,
        answers=answers,
    )


def combined_review(round_: Round, person: Person, only_by: int | None = None) -> CombinedReview:
    """The reviews of the person in the round, combined (disagreements left out); with
    `only_by`, that reviewer's alone."""
    reviews = Review.objects.filter(round=round_, person=person).prefetch_related(
        "items", "domains"
    )
    if only_by is not None:
        reviews = reviews.filter(reviewer_id=only_by)
    return combine_reviews([review_ratings(review) for review in reviews])


def review_ratings(review: Review) -> ReviewRatings:
    items = {
        item.item_id: Rating(item.value, item.note, item.decided_at)
        for item in review.items.all()
        if item.decision != ItemReview.Decision.REQUEST_EVIDENCE and item.value is not None
    }
    domains = {
        domain.domain: Rating(float(domain.level), domain.note, domain.decided_at)
        for domain in review.domains.all()
    }
    return ReviewRatings(str(review.reviewer_id), review.kind, items, domains)


def person_result(round_: Round, person: Person, only_by: int | None = None) -> PersonResult | None:
    """The person's result in the round: their answers with the reviews, or None before any.

    `only_by` (a reviewer's account id) leaves out everyone else's reviews: what a reviewer of
    a double review may see until both reviews are done.
    """
    own = (
        Response.objects.filter(round=round_, person=person, source="self")
        .select_related("round", "person__team")
        .first()
    )
    if own is None:
        return None
    edition = round_edition(round_)
    responses = [core_response(own)]
    combined = combined_review(round_, person, only_by)
    if not combined.empty:
        responses.append(reviewer_response(edition.id, responses[0].respondent, combined))
    question_set = None if own.calibration else edition.question_set(person.role or None)
    return score_person(edition, responses, scored_as_of(round_), question_set)


def store_score(round_: Round, person: Person) -> Score | None:
    """Score the person's answers with their reviews, and keep the result for dashboards."""
    result = person_result(round_, person)
    if result is None:
        return None
    edition = round_edition(round_)
    with transaction.atomic():
        score, _ = Score.objects.update_or_create(
            round=round_,
            person=person,
            defaults={
                # null for a domain not assessed; the dashboards read it as -1
                "levels": score_levels(edition, result),
                "progress": [
                    round(result.domains[domain_id].progress, 4) for domain_id in edition.domain_ids
                ],
                "operating_level": result.operating.demonstrated,
                "claimed_level": result.operating.claimed,
                "self_levels": self_levels(edition, result),
                "reviewed_levels": result.rated_levels("reviewer"),
            },
        )
    organisation_changed(round_.organisation_id)
    return score


def score_levels(edition: Edition, result: PersonResult) -> list[int | None]:
    """The result's level per domain, in edition order (None: not assessed)."""
    return [
        result.domains[domain_id].level if result.domains[domain_id].assessed else None
        for domain_id in edition.domain_ids
    ]


def self_levels(edition: Edition, result: PersonResult) -> list[int | None]:
    """The person's own demonstrated level per domain, in edition order (None: not assessed)."""
    own = next(profile for profile in result.profiles if profile.source == "self")
    return [
        own.domains[domain_id].level if own.domains[domain_id].assessed else None
        for domain_id in edition.domain_ids
    ]
