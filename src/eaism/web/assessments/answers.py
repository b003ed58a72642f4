"""Saving answers and evidence: validated, atomic, and safe when many people answer at once.

Evidence belongs to a cell (a domain at a level), not to one item: one piece backs every
statement of the cell. It is stored on each answer of the cell, because the scoring core reads
evidence per answer, and it is saved for all of them at once: an answer given later takes the
cell's evidence, and new evidence replaces it on every answer of the cell.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from django.db import transaction
from django.utils import timezone

from eaism.model.schema import ANSWER_VALUES, Domain, Edition
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.assessments.reviews import calibration_drawn
from eaism.web.assessments.scoring import round_edition, store_score
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed

MAX_EVIDENCE = 4000


AnswerError = InputError  # the name this module's callers know
Cell = tuple[str, int]  # (domain id, level)


@dataclass(frozen=True)
class SavedAnswer:
    item_id: str
    value: float
    evidence: str  # empty: the cell's evidence, if any, applies


@dataclass(frozen=True)
class CellEvidence:
    """Evidence for every answer of one cell; `still_true` keeps the earlier round's instead."""

    domain_id: str
    level: int
    evidence: str
    still_true: bool = False


@dataclass(frozen=True)
class SavedEvidence:
    domain_id: str
    level: int
    evidence: str
    item_ids: tuple[str, ...]  # the answers that carry it now
    saved_at: datetime


@dataclass(frozen=True)
class EarlierEvidence:
    """A cell's evidence from the person's latest earlier submitted round."""

    round_name: str
    evidence: str
    given_at: datetime


def cell_of(edition: Edition, item_id: str) -> tuple[Domain, int]:
    domain = next(d for d in edition.domains if any(item.id == item_id for item in d.items))
    return domain, edition.item_index[item_id].level


def cell_item_ids(domain: Domain, level: int) -> tuple[str, ...]:
    return tuple(item.id for item in domain.items_at(level))


def parse_answer(
    item_id: str, value: str | float, evidence: str, edition: Edition | None = None
) -> SavedAnswer:
    """An answer to an item of `edition`: the round's, or else the current one."""
    edition = edition or current_edition()
    if item_id not in edition.item_index:
        raise AnswerError("item_id", f"{item_id!r} is not an item of edition {edition.id}")
    try:
        number = float(value)
    except (TypeError, ValueError):
        number = -1.0
    if number not in ANSWER_VALUES:
        scale = ", ".join(f"{allowed:g}" for allowed in ANSWER_VALUES)
        raise AnswerError("value", f"{value!r} is not on the answer scale ({scale})")
    return SavedAnswer(item_id, number, _evidence(evidence))


def parse_cell_evidence(
    domain_id: str,
    level: str | int,
    evidence: str,
    still_true: bool = False,
    edition: Edition | None = None,
) -> CellEvidence:
    edition = edition or current_edition()
    domain = next((d for d in edition.domains if d.id == domain_id), None)
    if domain is None:
        known = ", ".join(edition.domain_ids)
        raise AnswerError(
            "domain", f"{domain_id!r} is not a domain of edition {edition.id}; one of: {known}"
        )
    asked = sorted({item.level for item in domain.items})
    number = int(level) if isinstance(level, int) or str(level).isdigit() else -1
    if number not in asked:
        levels = ", ".join(str(n) for n in asked)
        raise AnswerError(
            "level", f"{level!r} is not a level of {domain.name} with questions; one of: {levels}"
        )
    return CellEvidence(domain.id, number, _evidence(evidence), still_true)


def _evidence(text: str) -> str:
    # Browsers count a line break in a textarea's maxlength as one character but send it as
    # CR LF: count it as the form does, and store it as one.
    text = text.replace("\r\n", "\n")
    if len(text) > MAX_EVIDENCE:
        raise AnswerError("evidence", f"at most {MAX_EVIDENCE} characters; this has {len(text)}")
    return text.strip()


def save_answer(round_: Round, person: Person, answer: SavedAnswer) -> Answer:
    """Store the answer in the person's own response; the round must be open and not submitted.

    With evidence, it becomes the evidence of the item's whole cell; without, the answer keeps
    the cell's evidence (its own, or that of the cell's other answers)."""
    domain, level = cell_of(round_edition(round_), answer.item_id)
    siblings = [item_id for item_id in cell_item_ids(domain, level) if item_id != answer.item_id]
    with transaction.atomic():
        response = _own_response(round_, person, create=True)
        assert response is not None  # created when missing
        evidence = answer.evidence
        if not evidence and siblings:  # a one-item cell keeps its evidence in the upsert below
            evidence = cell_evidence(response, (answer.item_id, *siblings))
        now = timezone.now()
        # One statement whether the item is new or answered again: fewer writes under load.
        stored = Answer(
            response=response,
            item_id=answer.item_id,
            value=answer.value,
            evidence=evidence,
            answered_at=now,
        )
        Answer.objects.bulk_create(
            [stored],
            update_conflicts=True,
            unique_fields=["response", "item_id"],
            update_fields=["value", "evidence", "answered_at"]
            if evidence
            else ["value", "answered_at"],
        )
        if answer.evidence and siblings:
            Answer.objects.filter(response=response, item_id__in=siblings).update(
                evidence=evidence, answered_at=now
            )
    return stored


def save_cell_evidence(round_: Round, person: Person, cell: CellEvidence) -> SavedEvidence:
    """Put one piece of evidence on every answer of the cell, dated now. With `still_true`, the
    cell's evidence from the person's latest earlier round is kept, and dated now."""
    domain = round_edition(round_).domain(cell.domain_id)
    item_ids = cell_item_ids(domain, cell.level)
    with transaction.atomic():
        response = _own_response(round_, person, create=False)
        evidence = cell.evidence
        if cell.still_true:
            earlier = earlier_evidence(round_, person).get((cell.domain_id, cell.level))
            if earlier is None:
                raise AnswerError("still_true", "there is no earlier evidence for this level")
            evidence = earlier.evidence
        answers = Answer.objects.filter(response=response, item_id__in=item_ids)
        carried = () if response is None else tuple(answers.values_list("item_id", flat=True))
        if not carried:
            raise AnswerError(
                "evidence",
                f"answer a statement of {domain.name} level {cell.level} first: "
                "evidence is kept with the answers it backs",
            )
        now = timezone.now()
        answers.update(evidence=evidence, answered_at=now)
    return SavedEvidence(cell.domain_id, cell.level, evidence, tuple(sorted(carried)), now)


def _own_response(round_: Round, person: Person, *, create: bool) -> Response | None:
    """The person's own response (None when there is none and `create` is false), locked until
    the transaction ends, so that two saves in one cell cannot each miss the other's evidence.
    Raises when its answers cannot change."""
    if not round_.is_open:
        raise AnswerError("round", "the round is closed")
    own = Response.objects.select_for_update()
    if create:
        response, _ = own.get_or_create(
            round=round_,
            person=person,
            source="self",
            defaults={"calibration": calibration_drawn(round_, person)},
        )
    else:
        response = own.filter(round=round_, person=person, source="self").first()
    if response is not None and response.submitted_at is not None:
        raise AnswerError("response", "already submitted")
    return response


def cell_evidence(response: Response | None, item_ids: tuple[str, ...]) -> str:
    """The cell's evidence: the latest given on any of its answers (they agree once saved here)."""
    if response is None:
        return ""
    latest = (
        Answer.objects.filter(response=response, item_id__in=item_ids)
        .exclude(evidence="")
        .order_by("-answered_at", "item_id")
        .values_list("evidence", flat=True)
        .first()
    )
    return latest or ""


def latest_evidence(answers: list[Answer]) -> str:
    """The same rule as `cell_evidence`, over answers already read."""
    given = [answer for answer in answers if answer.evidence]
    return _latest(given).evidence if given else ""


def _latest(answers: list[Answer]) -> Answer:
    return min(answers, key=lambda answer: (-answer.answered_at.timestamp(), answer.item_id))


def last_submitted(round_: Round, person: Person) -> Response | None:
    """The person's latest submitted own response in another round of the organisation: where
    earlier evidence and carried answers come from."""
    return (
        Response.objects.filter(
            person=person,
            source="self",
            submitted_at__isnull=False,
            round__organisation_id=round_.organisation_id,
        )
        .exclude(round=round_)
        .select_related("round", "person__team")
        .order_by("-submitted_at", "-id")
        .first()
    )


def earlier_evidence(round_: Round, person: Person) -> dict[Cell, EarlierEvidence]:
    """Per cell, the evidence of the person's latest submitted response in another round of
    the organisation, offered again with "Still true?"."""
    earlier = last_submitted(round_, person)
    if earlier is None:
        return {}
    edition = round_edition(round_)
    by_cell: dict[Cell, list[Answer]] = {}
    for answer in earlier.answers.exclude(evidence=""):
        if answer.item_id in edition.item_index:  # items of another edition are not offered
            domain, level = cell_of(edition, answer.item_id)
            by_cell.setdefault((domain.id, level), []).append(answer)
    return {
        cell: EarlierEvidence(earlier.round.name, latest.evidence, latest.answered_at)
        for cell, answers in by_cell.items()
        for latest in [_latest(answers)]
    }


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
