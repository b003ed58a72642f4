"""Saving one answer: validated, atomic, and safe when many people answer at once."""

from __future__ import annotations

from dataclasses import dataclass

from django.db import transaction
from django.utils import timezone

from eaism.model.schema import ANSWER_VALUES
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.assessments.scoring import store_score
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed

MAX_EVIDENCE = 4000


AnswerError = InputError  # the name this module's callers know


@dataclass(frozen=True)
class SavedAnswer:
    item_id: str
    value: float
    evidence: str


def parse_answer(item_id: str, value: str | float, evidence: str) -> SavedAnswer:
    if item_id not in current_edition().item_index:
        raise AnswerError(
            "item_id", f"{item_id!r} is not an item of edition {current_edition().id}"
        )
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if number not in ANSWER_VALUES:
        scale = ", ".join(f"{allowed:g}" for allowed in ANSWER_VALUES)
        raise AnswerError("value", f"{value!r} is not on the answer scale ({scale})")
    # Browsers count a line break in a textarea's maxlength as one character but send it as
    # CR LF: count it as the form does, and store it as one.
    evidence = evidence.replace("\r\n", "\n")
    if len(evidence) > MAX_EVIDENCE:
        raise AnswerError(
            "evidence", f"at most {MAX_EVIDENCE} characters; this has {len(evidence)}"
        )
    return SavedAnswer(item_id, number, evidence.strip())


def save_answer(round_: Round, person: Person, answer: SavedAnswer) -> Answer:
    """Store the answer in the person's own response; the round must be open and not submitted."""
    if not round_.is_open:
        raise AnswerError("round", "the round is closed")
    with transaction.atomic():
        response, _ = Response.objects.get_or_create(round=round_, person=person, source="self")
        if response.submitted_at is not None:
            raise AnswerError("response", "already submitted")
        # One statement whether the item is new or answered again: fewer writes under load.
        stored = Answer(
            response=response,
            item_id=answer.item_id,
            value=answer.value,
            evidence=answer.evidence,
            answered_at=timezone.now(),
        )
        Answer.objects.bulk_create(
            [stored],
            update_conflicts=True,
            unique_fields=["response", "item_id"],
            update_fields=["value", "evidence", "answered_at"],
        )
    return stored


def submit_response(round_: Round, person: Person) -> tuple[Response, Score | None]:
    """Submit the person's own answers (once; submitting again changes nothing) and score them."""
    response = Response.objects.filter(round=round_, person=person, source="self").first()
    if response is None or not round_.is_open:
        raise AnswerError("response", "nothing to submit in an open round")
    if response.submitted_at is None:
        response.submitted_at = timezone.now()
        response.save(update_fields=["submitted_at"])
    return response, store_score(round_, person)


def reopen_response(round_: Round, person: Person) -> Response:
    """Take a submitted response back while the round is open, so its answers can change.

    The stored score goes with the submission: dashboards count the person again only once they
    submit again. Reviews stay; they are applied to the score on the next submission.
    """
    if not round_.is_open:
        raise AnswerError("round", "the round is closed; its results are frozen")
    with transaction.atomic():
        response = (
            Response.objects.select_for_update()
            .filter(round=round_, person=person, source="self")
            .first()
        )
        if response is None or response.submitted_at is None:
            raise AnswerError("response", "not submitted, so there is nothing to reopen")
        response.submitted_at = None
        response.save(update_fields=["submitted_at"])
        Score.objects.filter(round=round_, person=person).delete()
    organisation_changed(round_.organisation_id)
    return response
