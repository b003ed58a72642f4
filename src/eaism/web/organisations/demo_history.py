"""The demo's earlier round: closed, answered, reviewed and calibrated, so the validity report,
the trend and the response rates show real values.

Answers follow each person's given levels with some noise (a level held is mostly answered
fully, the next level partly, and some people turn out a level further); the adaptive path asks
nothing above an unmet level. The calibration share answers the whole item bank at levels drawn
across each domain's ladder, so the ladder figures rest on more than the workforce's two levels. Reviewers confirm most domains and lower Security a level for
many who rated themselves there, the inflation the validity report should find.
"""

from __future__ import annotations

import random
from datetime import datetime, timedelta

from django.utils import timezone

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.answers import Respondent
from eaism.scoring.answers import Response as CoreResponse
from eaism.scoring.profile import PersonResult, score_person
from eaism.scoring.reviews import CombinedReview, Rating, reviewer_response
from eaism.web.accounts.models import User
from eaism.web.assessments.models import Answer, DomainReview, Response, Review, Round, Score
from eaism.web.assessments.scoring import score_levels, self_levels
from eaism.web.organisations.models import Organisation, Person

ROUND_NAME = "Spring 2026"
RESPONSE_SHARE = 0.78  # about the median of engagement surveys
STARTED_SHARE = 0.86
REVIEWED_SHARE = 0.35
CALIBRATION_SHARE = 0.10
INFLATED_DOMAIN = "security"
EVIDENCE = (
    "Ticket {n}: the {what} for the returns assistant, measured on {k} cases last quarter.",
    "Runbook {n} in the platform wiki: how the {what} works, with the dashboard link.",
    "Release note {k}: shipped the {what}; error rate fell from {n}% to {m}%.",
)
WHATS = ("prompt template", "retrieval step", "evaluation suite", "fallback path", "cost alert")


def add_earlier_round(organisation: Organisation, edition: Edition, reviewer: User) -> Round:
    """A closed round three months back with most people's answers, reviews and scores."""
    closed = timezone.now() - timedelta(days=90)
    round_ = Round.objects.create(
        organisation=organisation,
        name=ROUND_NAME,
        edition=edition.id,
        status=Round.Status.CLOSED,
        closed_at=closed,
        calibration_share=CALIBRATION_SHARE,
    )
    Round.objects.filter(id=round_.id).update(opened_at=closed - timedelta(days=21))
    generator = random.Random(2025)
    people = list(organisation.people.filter(given_levels__isnull=False).select_related("team"))
    counts: dict[str, list[int]] = {}
    answered = []
    for person in people:
        team = counts.setdefault(person.team.name if person.team else "no team", [0, 0, 0])
        team[0] += 1
        roll = generator.random()
        if roll < STARTED_SHARE:
            team[1] += 1
        if roll < RESPONSE_SHARE:
            team[2] += 1
            answered.append(person)
    round_.closing_counts = counts
    round_.save(update_fields=["closing_counts"])
    _answers(round_, edition, answered, generator, closed, reviewer)
    return round_


def _answers(
    round_: Round,
    edition: Edition,
    people: list[Person],
    generator: random.Random,
    closed: datetime,
    reviewer: User,
) -> None:
    submitted = closed - timedelta(days=7)
    responses = Response.objects.bulk_create(
        Response(
            round=round_,
            person=person,
            source="self",
            submitted_at=submitted,
            calibration=generator.random() < CALIBRATION_SHARE,
        )
        for person in people
    )
    rows: list[Answer] = []
    scored: list[tuple[Person, PersonResult, CombinedReview | None]] = []
    for person, response in zip(people, responses, strict=True):
        answers = _person_answers(edition, person, response.calibration, generator, submitted)
        rows += [
            Answer(
                response=response,
                item_id=item_id,
                value=answer.value,
                evidence=answer.evidence,
                answered_at=submitted,
            )
            for item_id, answer in answers.items()
        ]
        respondent = Respondent(id=person.external_id, role=person.role or None)
        own = CoreResponse(edition.id, respondent, answers=answers)
        alone = score_person(edition, [own], closed)
        combined = None
        if generator.random() < REVIEWED_SHARE:
            combined = _review(alone, generator, closed)
        sources = [own]
        if combined is not None:
            sources.append(reviewer_response(edition.id, respondent, combined))
        scored.append((person, score_person(edition, sources, closed), combined))
    Answer.objects.bulk_create(rows, batch_size=2000)
    _store(round_, edition, scored, reviewer, closed)


def _person_answers(
    edition: Edition, person: Person, calibration: bool, generator: random.Random, when: datetime
) -> dict[str, CoreAnswer]:
    """Answers along the adaptive path (the whole bank for the calibration share)."""
    levels = person.given_levels or {}
    threshold = edition.scoring.cell_met_threshold
    answers: dict[str, CoreAnswer] = {}
    for domain in edition.domains:
        held = int(levels.get(domain.id, 0))
        if calibration:  # drawn from everyone, so each domain's whole ladder is exercised
            held = generator.choice((0, *domain.applicable_levels[:3]))
        elif generator.random() < 0.3:  # a level further than the given levels say
            held = next((cell for cell in domain.applicable_levels if cell > held), held)
        for level in domain.applicable_levels:
            items = domain.items_at(level)
            for item in items:
                above = sum(1 for cell in domain.applicable_levels if held < cell <= level)
                value = _value(generator, above)
                text = _evidence(generator) if value > 0 and level >= 2 else ""
                answers[item.id] = CoreAnswer(value, text, when)
            met = sum(answers[item.id].value for item in items) >= threshold * len(items)
            if not met and not calibration:
                break
    return answers


def _value(generator: random.Random, above: int) -> float:
    """An answer `above` applicable levels over the level held: 0 is a level held."""
    if above == 0:
        return 1.0 if generator.random() < 0.85 else 0.5
    if above == 1:
        return generator.choice((0.0, 0.25, 0.5, 0.5))
    return generator.choice((0.0, 0.0, 0.0, 0.25))


def _evidence(generator: random.Random) -> str:
    return generator.choice(EVIDENCE).format(
        n=generator.randint(10, 99),
        m=generator.randint(1, 9),
        k=generator.randint(100, 900),
        what=generator.choice(WHATS),
    )


def _review(alone: PersonResult, generator: random.Random, at: datetime) -> CombinedReview:
    """A reviewer's domain levels: most confirmed, Security often a level lower."""
    domains: dict[str, Rating] = {}
    for domain_id, domain in alone.domains.items():
        if not domain.assessed:
            continue
        lower = 0.7 if domain_id == INFLATED_DOMAIN else 0.12
        level = domain.level
        if level > 0 and generator.random() < lower:
            level = max(0, level - 1)
        domains[domain_id] = Rating(float(level), "", at)
    return CombinedReview(items={}, domains=domains, disagreements=())


def _store(
    round_: Round,
    edition: Edition,
    scored: list[tuple[Person, PersonResult, CombinedReview | None]],
    reviewer: User,
    closed: datetime,
) -> None:
    reviewed = [(person, combined) for person, _, combined in scored if combined is not None]
    reviews = Review.objects.bulk_create(
        Review(round=round_, person=person, reviewer=reviewer, completed_at=closed)
        for person, _ in reviewed
    )
    DomainReview.objects.bulk_create(
        DomainReview(review=review, domain=domain_id, level=int(rating.value), decided_at=closed)
        for review, (_, combined) in zip(reviews, reviewed, strict=True)
        for domain_id, rating in combined.domains.items()
    )
    Score.objects.bulk_create(
        Score(
            round=round_,
            person=person,
            levels=score_levels(edition, result),
            progress=[round(result.domains[d].progress, 4) for d in edition.domain_ids],
            operating_level=result.operating.demonstrated,
            claimed_level=result.operating.claimed,
            self_levels=self_levels(edition, result),
            reviewed_levels=result.rated_levels("reviewer"),
        )
        for person, result, _ in scored
    )
