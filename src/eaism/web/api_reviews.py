"""The API of reviewing: a reviewer's queue, one review of a person's answers, and the person's
reply to a request for more evidence.

The same actions as the review pages (assessments.reviews); a review call is all or nothing, and
an action's `InputError` is a 400 naming the request field, e.g. `items.ITEM_ID.value`.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from typing import Annotated, Any, Literal

from django.db import transaction
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, Path, Query, Router, Schema

from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.document import person_document
from eaism.scoring.document_types import PersonDocument
from eaism.web.api_errors import LARGEST_ID, NO_NUL, PersonId, RoundId, Slug, Text, errors
from eaism.web.assessments.answers import MAX_EVIDENCE
from eaism.web.assessments.models import ItemReview, Round
from eaism.web.assessments.review_queue import may_review, review_queue
from eaism.web.assessments.review_sheet import decision_for_value
from eaism.web.assessments.reviews import (
    MAX_NOTE,
    answer_request,
    complete_review,
    result_for,
    review_domain,
    review_item,
)
from eaism.web.assessments.scoring import round_edition
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person

router = Router(tags=["reviews"])
Status = Literal["not_submitted", "submitted", "in_review", "reviewed"]
Count = Annotated[int, Field(ge=0)]
Key = Annotated[str, Field(min_length=1, max_length=200, pattern=NO_NUL)]
Note = Annotated[Text, Field(max_length=MAX_NOTE)]
ItemId = Annotated[
    str, Path(min_length=1, max_length=200, pattern=NO_NUL, description="An item id")
]


def _levels(schema: dict[str, Any]) -> None:
    # Filled in when the document is asked for, from the edition the app serves.
    schema["enum"] = [0, *(level.number for level in current_edition().levels)]


class QueueEntryOut(Schema):
    person_id: str
    name: str = Field(description="The person's name, or their id when the roster has none")
    team: str | None
    status: Status
    claims_to_review: Count = Field(description="What the round's review policy asks to check")
    second_reviewer: bool = Field(description="Drawn for a second, independent review")
    open_requests: Count = Field(description="Requests for evidence not answered yet")
    answered_requests: Count


class QueueOut(Schema):
    round: int = Field(ge=1)
    total: Count = Field(description="People in the queue before the filters")
    counts: dict[Status, Count] = Field(description="People per status, before the filters")
    people: list[QueueEntryOut]


class ItemDecisionIn(Schema):
    value: float | None = Field(
        default=None,
        strict=True,
        json_schema_extra={"enum": [*ANSWER_VALUES, None]},
        description="The reviewed value: the person's own answer confirms it, a lower one "
        "lowers it",
    )
    request_evidence: bool = Field(
        default=False, strict=True, description="Ask for more evidence instead of a value"
    )
    note: Note = ""


class DomainRatingIn(Schema):
    level: int = Field(strict=True, json_schema_extra=_levels, description="0 or a level")
    note: Note = ""


class ReviewIn(Schema):
    items: dict[Key, ItemDecisionIn] = Field(default_factory=dict, description="By item id")
    domains: dict[Key, DomainRatingIn] = Field(default_factory=dict, description="By domain id")
    done: bool = Field(default=False, strict=True, description="Mark the review done afterwards")


class ReplyIn(Schema):
    evidence: Text = Field(max_length=MAX_EVIDENCE, description="What shipped, or a link")


class ReplyOut(Schema):
    item_id: str
    evidence: str
    replied_at: str = Field(json_schema_extra={"format": "date-time"})


@router.get("/organisations/{slug}/reviews", response={200: QueueOut, **errors(400, 401, 403, 404)})
def reviews(
    request: HttpRequest,
    slug: Slug,
    round: Annotated[
        int | None, Query(ge=1, le=LARGEST_ID, description="A round id; the newest by default")
    ] = None,
    status: Annotated[Status | None, Query(description="Only this status")] = None,
    team: Annotated[int | None, Query(ge=1, le=LARGEST_ID, description="A team id")] = None,
) -> dict[str, Any]:
    """The caller's queue: the people they review (an admin: everyone in the round)."""
    access = _access(request, slug)
    require(may_review(access))
    round_ = _round(access, round)
    found = review_queue(access, round_, status or "", str(team) if team else "")
    return {
        "round": round_.id,
        "total": found.total,
        "counts": found.counts,
        "people": [
            {
                "person_id": row.person.external_id,
                "name": str(row.person),
                "team": row.person.team.name if row.person.team else None,
                "status": row.status,
                "claims_to_review": row.claims_to_review,
                "second_reviewer": row.second_reviewer,
                "open_requests": row.open_requests,
                "answered_requests": row.answered_requests,
            }
            for row in found.rows
        ],
    }


@router.post(
    "/organisations/{slug}/rounds/{round_id}/people/{person_id}/review",
    response={200: PersonDocument, **errors(400, 401, 403, 404, 413)},
)
def review(
    request: HttpRequest, slug: Slug, round_id: RoundId, person_id: PersonId, payload: ReviewIn
) -> PersonDocument:
    """Decide on answers and domains in one call, all or nothing; the person's result after."""
    access = _access(request, slug)
    round_ = access.round(round_id)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person) and person.user_id != request.user.id)
    if not (payload.items or payload.domains or payload.done):
        raise InputError("items", "nothing to review: give items, domains or done")
    with transaction.atomic():
        for item_id, decided in payload.items.items():
            _item(request, access, round_, person, item_id, decided)
        for domain_id, rated in payload.domains.items():
            _domain(request, access, round_, person, domain_id, rated)
        if payload.done:
            complete_review(round_, person, request.user)
            _record(request, access, person, "review_completed", round=round_.id)
        result = result_for(access, round_, person)
        if result is None:
            raise Http404("not found")
    return person_document(round_edition(round_), result)


def _item(
    request: HttpRequest,
    access: Access,
    round_: Round,
    person: Person,
    item_id: str,
    decided: ItemDecisionIn,
) -> None:
    where = f"items.{item_id}"
    if decided.request_evidence == (decided.value is not None):
        raise InputError(where, "give either a value on the scale or request_evidence: true")
    value: float | None = None
    decision = str(ItemReview.Decision.REQUEST_EVIDENCE)
    if not decided.request_evidence:
        value = float(decided.value or 0)
        decision = decision_for_value(round_, person, item_id, value)
    with _located(where):
        saved = review_item(round_, person, request.user, item_id, decision, value, decided.note)
    _record(
        request,
        access,
        person,
        "item_reviewed",
        round=round_.id,
        item=item_id,
        decision=saved.decision,
        value=saved.value,
    )


def _domain(
    request: HttpRequest,
    access: Access,
    round_: Round,
    person: Person,
    domain_id: str,
    rated: DomainRatingIn,
) -> None:
    with _located(f"domains.{domain_id}"):
        saved = review_domain(round_, person, request.user, domain_id, rated.level, rated.note)
    _record(
        request,
        access,
        person,
        "domain_reviewed",
        round=round_.id,
        domain=saved.domain,
        level=saved.level,
    )


@contextmanager
def _located(where: str) -> Iterator[None]:
    """An action's error names the request field: `item` of `items.X` is `items.X`, its
    `value` is `items.X.value`; a closed round stays `round`."""
    try:
        yield
    except InputError as error:
        if error.field == "round":
            raise
        part = "" if error.field in ("item", "domain", "decision") else f".{error.field}"
        raise InputError(where + part, error.message) from error


@router.post(
    "/organisations/{slug}/rounds/{round_id}/requests/{item_id}",
    response={200: ReplyOut, **errors(400, 401, 403, 404, 413)},
)
def reply(
    request: HttpRequest, slug: Slug, round_id: RoundId, item_id: ItemId, payload: ReplyIn
) -> dict[str, Any]:
    """The caller answers a reviewer's request for more evidence on one of their own answers."""
    access = _access(request, slug)
    person = access.require_own_person()
    round_ = access.round(round_id)
    answer = answer_request(round_, person, item_id, payload.evidence)
    _record(request, access, person, "evidence_request_answered", round=round_.id, item=item_id)
    return {
        "item_id": answer.item_id,
        "evidence": answer.evidence,
        "replied_at": answer.answered_at.isoformat(),
    }


def _access(request: HttpRequest, slug: str) -> Access:
    return access_for(request.user, slug)  # type: ignore[arg-type]


def _round(access: Access, round_id: int | None) -> Round:
    if round_id is not None:
        return access.round(round_id)
    newest = access.organisation.rounds.first()
    if newest is None:
        raise Http404("not found")
    return newest


def _record(
    request: HttpRequest, access: Access, person: Person, action: str, **detail: Any
) -> None:
    record(request, action, access.organisation, person.external_id, via="api", **detail)
