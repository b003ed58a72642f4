"""The JSON API under /api/: the same result objects and privacy rules as the pages.

Authentication is a bearer token (stored hashed) or the browser session. OpenAPI at
/api/openapi.json and interactive docs at /api/docs.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any, Literal

from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, NinjaAPI, Query, Schema, Status
from ninja.security import HttpBearer, django_auth
from pydantic import create_model

from eaism.analysis.competence import RISK_CLASSES
from eaism.analysis.organisation import SYSTEM_KINDS, SYSTEM_STATUSES
from eaism.model.schema import ANSWER_VALUES, Edition
from eaism.scoring.document import person_document
from eaism.scoring.document_types import PersonDocument
from eaism.web.accounts.tokens import token_user
from eaism.web.api_docs import AccessibleSwagger
from eaism.web.api_errors import (
    LARGEST_COUNT,
    LARGEST_ID,
    ObjectParser,
    PersonId,
    RoundId,
    Slug,
    Text,
    errors,
)
from eaism.web.api_errors import install as install_error_handlers
from eaism.web.api_people import router as people_router
from eaism.web.assessments.answers import (
    MAX_EVIDENCE,
    parse_answer,
    parse_cell_evidence,
    reopen_response,
    save_answer,
    save_cell_evidence,
    submit_response,
)
from eaism.web.assessments.models import Round
from eaism.web.assessments.reviews import result_for
from eaism.web.assessments.scoring import round_edition
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.dashboard import dashboard_document
from eaism.web.organisations.dashboard_types import DashboardDocument
from eaism.web.organisations.inventory import save_system
from eaism.web.organisations.models import Person, Role, System


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        user = token_user(token)  # None when unknown, revoked, expired or inactive: a 401
        if user is not None:
            request.user = user
        return user


api = NinjaAPI(
    title="eaism",
    version="1",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs=AccessibleSwagger(),
    parser=ObjectParser(),  # a JSON body that is not an object is a 400 (api_errors.py)
)
api.add_router("/organisations/", people_router)  # teams, people list, roster import, reviewers


install_error_handlers(api)  # one body for every error: api_errors.py


def _item_ids(schema: dict[str, Any]) -> None:
    # Filled in when the document is asked for, from the edition the app serves.
    schema["enum"] = sorted(current_edition().item_index)


class AnswerIn(Schema):
    item_id: Text = Field(
        min_length=1,
        max_length=200,
        description="An item id of the edition",
        json_schema_extra=_item_ids,
    )
    value: float = Field(
        strict=True, json_schema_extra={"enum": list(ANSWER_VALUES)}, description="The scale"
    )
    evidence: Text = Field(
        default="",
        strict=True,
        max_length=MAX_EVIDENCE,
        description="What shipped; a line break (CR LF too) counts as one character",
    )


class AnswerOut(Schema):
    item_id: str
    value: float = Field(json_schema_extra={"enum": list(ANSWER_VALUES)})
    saved_at: str = Field(json_schema_extra={"format": "date-time"})


def _domain_ids(schema: dict[str, Any]) -> None:
    schema["enum"] = list(current_edition().domain_ids)


def _level_numbers(schema: dict[str, Any]) -> None:
    schema["enum"] = [level.number for level in current_edition().levels]


class CellEvidenceIn(Schema):
    """One piece of evidence for a level of a domain, kept on every answer of that level."""

    domain: Text = Field(
        min_length=1, max_length=50, description="A domain id", json_schema_extra=_domain_ids
    )
    level: int = Field(
        strict=True, description="A level of the domain", json_schema_extra=_level_numbers
    )
    evidence: Text = Field(
        default="",
        strict=True,
        max_length=MAX_EVIDENCE,
        description="What shipped, or a link; empty clears it. A line break counts as one character",
    )
    still_true: bool = Field(
        default=False,
        strict=True,
        description="Keep this level's evidence from the caller's latest earlier submitted round, "
        "dated now; `evidence` is then not read",
    )


class CellEvidenceOut(Schema):
    domain: str
    level: int
    evidence: str
    item_ids: list[str] = Field(description="The answers that carry the evidence now")
    saved_at: str = Field(json_schema_extra={"format": "date-time"})


class SubmitOut(Schema):
    submitted_at: str = Field(json_schema_extra={"format": "date-time"})
    operating_level: int | None = Field(ge=0, description="None when no score was stored")


class ReopenOut(Schema):
    submitted_at: None
    reopened: Literal[True]


class OrganisationOut(Schema):
    slug: str
    name: str
    role: str = Field(json_schema_extra={"enum": [role for role, _ in Role.CHOICES]})


class SystemBase(Schema):
    """An AI system of the inventory; `SystemIn` adds its readiness checks."""

    system_id: Text = Field(min_length=1, max_length=100)
    name: Text = Field(min_length=1, max_length=200)
    kind: str = Field(default="other", json_schema_extra={"enum": list(SYSTEM_KINDS)})
    status: str = Field(default="idea", json_schema_extra={"enum": list(SYSTEM_STATUSES)})
    months_in_status: float = Field(default=0, ge=0, strict=True, allow_inf_nan=False)
    users: int = Field(default=0, ge=0, le=LARGEST_COUNT, strict=True)
    monthly_cost: float = Field(default=0, ge=0, strict=True, allow_inf_nan=False)
    success_rate: float | None = Field(default=None, ge=0, le=1, strict=True)
    risk_class: str = Field(default="not_assessed", json_schema_extra={"enum": list(RISK_CLASSES)})
    model: Text = Field(default="", max_length=200, description="The model or version it runs on")


def system_schema(edition: Edition) -> type[SystemBase]:
    """A system with one true-or-false key per readiness check of the edition, by its id."""
    checks: dict[str, Any] = {
        check.id: (bool, Field(default=False, strict=True, title=check.label))
        for check in edition.analysis.readiness_checks
    }
    return create_model("SystemIn", __base__=SystemBase, **checks)


if TYPE_CHECKING:
    SystemIn = SystemBase
else:  # the checks of the edition the app serves (EAISM_EDITION), as the page's form has them
    SystemIn = system_schema(current_edition())


def _system_document(system: System) -> dict[str, Any]:
    in_place = system.checks
    checks = {check: check in in_place for check in current_edition().analysis.check_ids}
    return SystemBase.from_orm(system).dict() | checks


def _access(request: HttpRequest, slug: str) -> Access:
    return access_for(request.user, slug)  # type: ignore[arg-type]


@api.get("/organisations", response={200: list[OrganisationOut], **errors(401)})
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"slug": m.organisation.slug, "name": m.organisation.name, "role": m.role}
        for m in request.user.memberships.select_related("organisation")  # type: ignore[union-attr]
    ]


@api.post(
    "/organisations/{slug}/rounds/{round_id}/answers",
    response={200: AnswerOut, **errors(400, 401, 403, 404, 413)},
)
def answer(
    request: HttpRequest, slug: Slug, round_id: RoundId, payload: AnswerIn
) -> dict[str, Any]:
    access = _access(request, slug)
    person = access.require_own_person()
    round_ = access.round(round_id)
    saved = save_answer(
        round_,
        person,
        parse_answer(payload.item_id, payload.value, payload.evidence, round_edition(round_)),
    )  # type: ignore[arg-type]
    return {
        "item_id": saved.item_id,
        "value": saved.value,
        "saved_at": saved.answered_at.isoformat(),
    }


@api.post(
    "/organisations/{slug}/rounds/{round_id}/evidence",
    response={200: CellEvidenceOut, **errors(400, 401, 403, 404, 413)},
)
def evidence(
    request: HttpRequest, slug: Slug, round_id: RoundId, payload: CellEvidenceIn
) -> dict[str, Any]:
    access = _access(request, slug)
    person = access.require_own_person()
    round_ = access.round(round_id)
    cell = parse_cell_evidence(
        payload.domain, payload.level, payload.evidence, payload.still_true, round_edition(round_)
    )
    saved = save_cell_evidence(round_, person, cell)
    return {
        "domain": saved.domain_id,
        "level": saved.level,
        "evidence": saved.evidence,
        "item_ids": list(saved.item_ids),
        "saved_at": saved.saved_at.isoformat(),
    }


@api.post(
    "/organisations/{slug}/rounds/{round_id}/submit",
    response={200: SubmitOut, **errors(400, 401, 403, 404)},
)
def submit(request: HttpRequest, slug: Slug, round_id: RoundId) -> dict[str, Any]:
    access = _access(request, slug)
    round_ = access.round(round_id)
    person = access.require_own_person()
    response, score = submit_response(round_, person)
    return {
        "submitted_at": response.submitted_at.isoformat(),
        "operating_level": score.operating_level if score else None,
    }


@api.post(
    "/organisations/{slug}/rounds/{round_id}/reopen",
    response={200: ReopenOut, **errors(400, 401, 403, 404)},
)
def reopen(request: HttpRequest, slug: Slug, round_id: RoundId) -> dict[str, Any]:
    """Take one's own submitted response back while the round is open; submit it again later."""
    access = _access(request, slug)
    round_ = access.round(round_id)
    person = access.require_own_person()
    reopen_response(round_, person)
    record(request, "response_reopened", access.organisation, person.external_id, round=round_.id)
    return {"submitted_at": None, "reopened": True}


@api.get(
    "/organisations/{slug}/rounds/{round_id}/results",
    response={200: PersonDocument, **errors(400, 401, 403, 404)},
)
def own_results(request: HttpRequest, slug: Slug, round_id: RoundId) -> PersonDocument:
    access = _access(request, slug)
    person = access.require_own_person()
    return _result(request, access, access.round(round_id), person)


@api.get(
    "/organisations/{slug}/rounds/{round_id}/people/{person_id}",
    response={200: PersonDocument, **errors(400, 401, 403, 404)},
)
def person_results(
    request: HttpRequest, slug: Slug, round_id: RoundId, person_id: PersonId
) -> PersonDocument:
    access = _access(request, slug)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person))
    round_ = access.round(round_id)
    document = _result(request, access, round_, person)
    # Recorded once the result is found, so a view of a missing round or result is no event.
    if person.user_id != request.user.id:
        record(
            request,
            "result_viewed",
            access.organisation,
            person.external_id,
            round=round_.id,
            via="api",
        )
    return document


@api.get(
    "/organisations/{slug}/analysis",
    response={200: DashboardDocument, **errors(400, 401, 403, 404)},
)
def analysis(
    request: HttpRequest,
    slug: Slug,
    round: Annotated[int | None, Query(ge=1, le=LARGEST_ID, description="A round id")] = None,
) -> DashboardDocument:
    access = _access(request, slug)
    require(access.sees_aggregates)
    rounds_ = access.organisation.rounds
    chosen = rounds_.filter(id=round).first() if round is not None else rounds_.first()
    if round is not None and chosen is None:
        raise Http404("not found")
    return dashboard_document(access, chosen)


@api.get(
    "/organisations/{slug}/systems", response={200: list[SystemIn], **errors(400, 401, 403, 404)}
)
def systems(request: HttpRequest, slug: Slug) -> list[dict[str, Any]]:
    access = _access(request, slug)
    require(access.sees_all_aggregates)
    return [_system_document(system) for system in access.organisation.systems.all()]


@api.post(
    "/organisations/{slug}/systems",
    response={201: SystemIn, **errors(400, 401, 403, 404, 413)},
)
def add_system(request: HttpRequest, slug: Slug, payload: SystemIn) -> Any:
    access = _access(request, slug)
    require(access.is_admin)
    saved = save_system(access.organisation, payload.dict(), request=request, via="api")
    return Status(201, _system_document(saved))


def _result(request: HttpRequest, access: Access, round_: Round, person: Person) -> PersonDocument:
    result = result_for(access, round_, person)
    if result is None:
        raise Http404("not found")
    return person_document(round_edition(round_), result)


def _routers() -> None:
    """The API's other modules, each a router of its own."""
    from eaism.web.api_compliance import router as compliance
    from eaism.web.api_job_ads import router as job_ads
    from eaism.web.api_reviews import router as reviews
    from eaism.web.api_rounds import router as rounds
    from eaism.web.api_tokens import router as tokens
    from eaism.web.api_validity import router as validity

    api.add_router("", rounds)
    api.add_router("", reviews)  # the reviewer's queue, a review, the reply to a request
    api.add_router("", validity)
    api.add_router("", tokens)  # list, create and revoke one's own tokens
    api.add_router("", job_ads)  # the job-ad check of the page and of `eaism jd check`
    api.add_router("", compliance)  # the competence evidence pack


_routers()
