"""Last round's answers as a starting point in a round on a newer edition, as the migration says.

The person's latest submitted response in another round of the organisation is carried to the
round's edition by `migrate_response`, along the new edition's migration file: only the answers
the file says carry are offered, and the items it leaves unanswered are listed as questions that
need an answer. Nothing is guessed. A round on the same edition as that response offers nothing
here; its evidence is offered cell by cell, as before (answers.earlier_evidence).
"""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.answers import Response as CoreResponse
from eaism.scoring.migrate import UnansweredItem, migrate_response
from eaism.web.assessments.answers import last_submitted
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.assessments.reviews import calibration_drawn
from eaism.web.assessments.scoring import core_response, round_edition
from eaism.web.edition import migration_between
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person

# Why a question of the new edition starts unanswered, in the person's words.
REASONS = {
    "new": "new in edition {target}",
    "replaced": "changed since edition {source}: it asks more, so your answer is not carried",
    "answers_differ": "it joins questions of edition {source} that you answered differently",
    "partly_answered": "it joins questions of edition {source} that you answered only in part",
}


@dataclass(frozen=True)
class NeededQuestion:
    """A question of the round's edition that last round's answers leave open."""

    item_id: str
    domain_id: str
    domain_name: str
    level: int
    statement: str
    why: str


@dataclass(frozen=True)
class CarriedOffer:
    """Last round's answers carried to this round's edition, and what they leave open."""

    round_id: int
    round_name: str
    source_edition: str
    target_edition: str
    answers: dict[str, CoreAnswer]  # item of the round's edition -> the answer carried to it
    unanswered: tuple[UnansweredItem, ...]
    dropped: int  # answers of last round that carry into nothing

    @property
    def label(self) -> str:
        return f"carried from {self.round_name} (edition {self.source_edition})"


def carried_offer(round_: Round, person: Person) -> CarriedOffer | None:
    """What the migration carries from the person's last submitted round, when that round's
    edition is the one this round's edition migrates from; None otherwise."""
    earlier = last_submitted(round_, person)
    if earlier is None or earlier.round.edition == round_.edition:
        return None
    migration = migration_between(earlier.round.edition, round_.edition)
    if migration is None or migration.target_edition != round_.edition:
        return None  # no file joins them, or this round is on the older edition: nothing offered
    migrated = migrate_response(core_response(earlier), migration, round_edition(round_))
    return CarriedOffer(
        round_id=earlier.round_id,
        round_name=earlier.round.name,
        source_edition=earlier.round.edition,
        target_edition=round_.edition,
        answers=migrated.response.answers,
        unanswered=migrated.report.unanswered,
        dropped=len(migrated.report.dropped),
    )


def carried_answers(response: CoreResponse, target: Edition) -> dict[str, CoreAnswer]:
    """A response's answers on `target`: as they are on the same edition, else those the
    migration joining the two editions carries (none when no file joins them)."""
    if response.edition == target.id:
        return dict(response.answers)
    migration = migration_between(response.edition, target.id)
    if migration is None:
        return {}
    return migrate_response(response, migration, target).response.answers


def is_carried(offer: CarriedOffer | None, item_id: str, stored: Answer | None) -> bool:
    """Whether a stored answer is still the one carried: the same value, given at the same time
    (answering again dates an answer now, so a changed or confirmed answer is the person's)."""
    if offer is None or stored is None or item_id not in offer.answers:
        return False
    carried = offer.answers[item_id]
    return stored.value == carried.value and stored.answered_at == carried.answered_at


def to_start_from(offer: CarriedOffer, answered: set[str]) -> int:
    """How many carried answers the person's response does not hold yet."""
    return sum(1 for item_id in offer.answers if item_id not in answered)


def needed_questions(
    offer: CarriedOffer, edition: Edition, asked: dict[str, int] | None, answered: set[str]
) -> list[NeededQuestion]:
    """The questions the carried answers leave open, within the levels asked per domain
    (`asked`, None: the whole bank), that the person has not answered yet."""
    needed = []
    for left in offer.unanswered:
        item = edition.item_index[left.item]
        domain = next(d for d in edition.domains if item in d.items)
        if left.item in answered or (asked is not None and item.level > asked.get(domain.id, 0)):
            continue
        why = REASONS[left.reason].format(source=offer.source_edition, target=edition.id)
        statement = " ".join(item.statement.split())
        needed.append(NeededQuestion(item.id, domain.id, domain.name, item.level, statement, why))
    return needed


def start_from_carried(round_: Round, person: Person) -> int:
    """Put the carried answers the person has not given yet into their response, as a draft
    to change; returns how many. Answers keep the time they were given, as evidence ages."""
    offer = carried_offer(round_, person)
    if offer is None:
        raise InputError(
            "carried", "there are no answers of an earlier edition to carry into this round"
        )
    if not round_.is_open:
        raise InputError("round", "the round is closed")
    with transaction.atomic():
        response, _ = Response.objects.select_for_update().get_or_create(
            round=round_,
            person=person,
            source="self",
            defaults={
                "calibration": calibration_drawn(round_, person),
                "carried_from_id": offer.round_id,
            },
        )
        if response.submitted_at is not None:
            raise InputError("response", "already submitted")
        answered = set(response.answers.values_list("item_id", flat=True))
        new = [
            _stored(response, item_id, answer)
            for item_id, answer in offer.answers.items()
            if item_id not in answered
        ]
        Answer.objects.bulk_create(new)
        if response.carried_from_id is None:
            response.carried_from_id = offer.round_id
            response.save(update_fields=["carried_from"])
    return len(new)


def _stored(response: Response, item_id: str, answer: CoreAnswer) -> Answer:
    return Answer(
        response=response,
        item_id=item_id,
        value=answer.value,
        evidence=answer.evidence,
        answered_at=answer.answered_at or timezone.now(),
    )


@dataclass(frozen=True)
class CarriedNotice:
    """What the questionnaire says about last round's answers: how many are still to take up,
    and the questions they leave open."""

    offer: CarriedOffer
    to_start: int
    needed: list[NeededQuestion]


def carried_notice(
    offer: CarriedOffer | None, edition: Edition, asked: dict[str, int] | None, answered: set[str]
) -> CarriedNotice | None:
    if offer is None:
        return None
    return CarriedNotice(
        offer, to_start_from(offer, answered), needed_questions(offer, edition, asked, answered)
    )
