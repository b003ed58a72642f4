"""Reviewing: a reviewer confirms, lowers or asks for evidence per answer, or rates a domain.

Every decision counts at once: the person's result (and the stored score of a submitted
response) is rebuilt from the reviews, which the scoring core takes as the `reviewer` source.
"""

from __future__ import annotations

from typing import Any

from django.db import transaction
from django.utils import timezone

from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.scoring.profile import PersonResult
from eaism.scoring.review_policy import ReviewPlan, ReviewPolicy, in_calibration, review_plan
from eaism.scoring.reviews import Disagreement
from eaism.web.assessments.models import (
    Answer,
    DomainReview,
    ItemReview,
    Response,
    Review,
    Round,
)
from eaism.web.assessments.scoring import (
    combined_review,
    person_result,
    round_edition,
    store_score,
)
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person

MAX_NOTE = 2000
# The values of ItemReview.Decision and Review.Kind, as the forms and the API send them.
CONFIRM, LOWER, REQUEST_EVIDENCE = "confirm", "lower", "request_evidence"
RESOLUTION = "resolution"
MAX_REPLY = 4000


def round_policy(round_: Round) -> ReviewPolicy:
    return ReviewPolicy(round_.review_share, round_.double_review_share, round_.calibration_share)


def calibration_drawn(round_: Round, person: Person) -> bool:
    """Whether the person answers the whole item bank in this round (drawn when they start)."""
    return in_calibration(round_policy(round_), str(round_.id), person.external_id)


def review_plan_for(round_: Round, person: Person) -> ReviewPlan:
    """The claims the round's policy asks a reviewer to check for this person."""
    answers = {
        answer.item_id: CoreAnswer(answer.value, answer.evidence, answer.answered_at)
        for answer in Answer.objects.filter(
            response__round=round_, response__person=person, response__source="self"
        )
    }
    edition = round_edition(round_)
    return review_plan(edition, round_policy(round_), str(round_.id), person.external_id, answers)


def disagreements(round_: Round, person: Person) -> tuple[Disagreement, ...]:
    """Where two reviewers rated the person differently and no admin has decided yet."""
    return combined_review(round_, person).disagreements


def independent_review_pending(round_: Round, person: Person, user_id: int) -> bool:
    """A double review not yet done by both reviewers, one of them this account: until then
    each reviewer sees only their own ratings, so the second opinion stays independent."""
    if not review_plan_for(round_, person).double:
        return False
    ratings = Review.objects.filter(round=round_, person=person).exclude(kind=RESOLUTION)
    done = ratings.filter(completed_at__isnull=False)
    own_done = done.filter(reviewer_id=user_id).exists()
    return not (own_done and done.count() >= 2)


def result_for(access: Access, round_: Round, person: Person) -> PersonResult | None:
    """The person's result as this reader may see it: whole, except for a reviewer of a
    double review still in progress, who sees their own ratings alone."""
    user_id = access.membership.user_id
    if access.is_admin or person.user_id == user_id:
        return person_result(round_, person)
    if independent_review_pending(round_, person, user_id):
        return person_result(round_, person, only_by=user_id)
    return person_result(round_, person)


def review_of(round_: Round, person: Person, reviewer: Any) -> Review:
    """The reviewer's review of the person: the first one made is `first`, later ones `second`."""
    found = Review.objects.filter(
        round=round_, person=person, reviewer=reviewer, kind__in=("first", "second")
    ).first()
    if found is not None:
        return found
    others = Review.objects.filter(round=round_, person=person).exclude(kind="resolution")
    kind = Review.Kind.SECOND if others.exists() else Review.Kind.FIRST
    review, _ = Review.objects.get_or_create(
        round=round_, person=person, reviewer=reviewer, kind=kind
    )
    return review


def review_item(
    round_: Round,
    person: Person,
    reviewer: Any,
    item_id: str,
    decision: str,
    value: str | float | None = None,
    note: str = "",
    kind: str | None = None,
) -> ItemReview:
    """Confirm an answer, lower it to a value on the scale, or ask for more evidence."""
    _require_open(round_)
    edition = round_edition(round_)
    if item_id not in edition.item_index:
        raise InputError("item", f"{item_id!r} is not an item of edition {edition.id}")
    own = Answer.objects.filter(
        response__round=round_, response__person=person, response__source="self", item_id=item_id
    ).first()
    if own is None:
        raise InputError("item", "this item has no answer to review")
    reviewed = _reviewed_value(decision, value, own.value)
    _check_note(note)
    with transaction.atomic():
        review = _review_for(round_, person, reviewer, kind)
        item, _ = ItemReview.objects.update_or_create(
            review=review,
            item_id=item_id,
            defaults={
                "decision": decision,
                "value": reviewed,
                "note": note.strip(),
                "decided_at": timezone.now(),
            },
        )
        _rescore(round_, person)
    return item


def review_domain(
    round_: Round,
    person: Person,
    reviewer: Any,
    domain: str,
    level: str | int,
    note: str = "",
    kind: str | None = None,
) -> DomainReview:
    """Give a whole domain's reviewed level (again: the latest rating wins)."""
    _require_open(round_)
    edition = round_edition(round_)
    if domain not in edition.domain_ids:
        raise InputError("domain", f"{domain!r} is not a domain of edition {edition.id}")
    allowed = (0, *edition.domain(domain).applicable_levels)
    number = _level(level)
    if number not in allowed:
        levels = ", ".join(str(allowed_level) for allowed_level in allowed)
        raise InputError("level", f"{level!r} is not a level of this domain ({levels})")
    _check_note(note)
    with transaction.atomic():
        review = _review_for(round_, person, reviewer, kind)
        rated, _ = DomainReview.objects.update_or_create(
            review=review,
            domain=domain,
            defaults={"level": number, "note": note.strip(), "decided_at": timezone.now()},
        )
        _rescore(round_, person)
    return rated


def complete_review(round_: Round, person: Person, reviewer: Any) -> Review:
    """Mark the reviewer's review done; the person is told by e-mail that it is there."""
    _require_open(round_)
    review = review_of(round_, person, reviewer)
    review.completed_at = timezone.now()
    review.save(update_fields=["completed_at"])
    from eaism.web.assessments.review_notices import queue_review_notice

    queue_review_notice(round_, person)
    return review


def answer_request(round_: Round, person: Person, item_id: str, evidence: str) -> Answer:
    """The person answers a request for more evidence: their answer's evidence is replaced."""
    _require_open(round_)
    text = evidence.strip()
    if not text:
        raise InputError("evidence", "write the evidence, or paste a link to it")
    if len(text) > MAX_REPLY:
        raise InputError("evidence", f"at most {MAX_REPLY} characters; this has {len(text)}")
    requests = ItemReview.objects.filter(
        review__round=round_,
        review__person=person,
        item_id=item_id,
        decision=ItemReview.Decision.REQUEST_EVIDENCE,
    )
    now = timezone.now()
    with transaction.atomic():
        own = (
            Answer.objects.select_for_update()
            .filter(
                response__round=round_,
                response__person=person,
                response__source="self",
                item_id=item_id,
            )
            .first()
        )
        if own is None or not requests.exists():
            raise InputError("item", "no reviewer asked for more evidence on this item")
        own.evidence, own.answered_at = text, now
        own.save(update_fields=["evidence", "answered_at"])
        requests.update(reply=text, replied_at=now)
        _rescore(round_, person)
    return own


def _review_for(round_: Round, person: Person, reviewer: Any, kind: str | None) -> Review:
    if kind == RESOLUTION:
        review, _ = Review.objects.get_or_create(
            round=round_, person=person, reviewer=reviewer, kind=Review.Kind.RESOLUTION
        )
        return review
    return review_of(round_, person, reviewer)


def _reviewed_value(decision: str, value: str | float | None, own: float) -> float | None:
    if decision == CONFIRM:
        return own
    if decision == REQUEST_EVIDENCE:
        return None
    if decision != LOWER:
        choices = ", ".join(ItemReview.Decision.values)
        raise InputError("decision", f"{decision!r} is not a decision; expected one of: {choices}")
    number = _value(value)
    lower = [option for option in ANSWER_VALUES if option < own]
    if number not in lower:
        if not lower:
            raise InputError("value", "the answer is already the lowest value on the scale")
        options = ", ".join(f"{option:g}" for option in lower)
        raise InputError("value", f"{value!r} is not a lower value on the scale ({options})")
    return number


def _value(value: str | float | None) -> float | None:
    if isinstance(value, int | float):
        return float(value)
    try:
        return float(str(value).strip())
    except ValueError:
        return None


def _rescore(round_: Round, person: Person) -> None:
    """Refresh the stored score of a submitted response; a draft is counted once submitted."""
    submitted = Response.objects.filter(
        round=round_, person=person, source="self", submitted_at__isnull=False
    ).exists()
    if submitted:
        store_score(round_, person)


def _require_open(round_: Round) -> None:
    if not round_.is_open:
        raise InputError("round", "the round is closed; its results are frozen")


def _check_note(note: str) -> None:
    if len(note) > MAX_NOTE:
        raise InputError("note", f"at most {MAX_NOTE} characters; this has {len(note)}")


def _level(level: str | int) -> int | None:
    if isinstance(level, int):
        return level
    text = level.strip()
    return int(text) if text.isdigit() else None
