"""The JSON API under /api/: the same result objects and privacy rules as the pages.

Authentication is a bearer token (stored hashed) or the browser session. OpenAPI at
/api/openapi.json and interactive docs at /api/docs.
"""

from __future__ import annotations

from datetime import timedelta
from typing import Any

from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest
from django.shortcuts import get_object_or_404
from django.utils import timezone
from ninja import NinjaAPI, Schema, Status
from ninja.errors import ValidationError
from ninja.security import HttpBearer, django_auth

from eaism.scoring.document import person_document
from eaism.web.accounts.models import ApiToken, hash_token
from eaism.web.api_docs import AccessibleSwagger
from eaism.web.api_people import router as people_router
from eaism.web.assessments.answers import (
    parse_answer,
    reopen_response,
    save_answer,
    submit_response,
)
from eaism.web.assessments.models import Round
from eaism.web.assessments.scoring import person_result
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.dashboard import dashboard_document
from eaism.web.organisations.inventory import save_system
from eaism.web.organisations.models import Person

TOKEN_USE_RESOLUTION = timedelta(minutes=5)


class TokenAuth(HttpBearer):
    def authenticate(self, request: HttpRequest, token: str) -> Any:
        found = (
            ApiToken.objects.select_related("user")
            .filter(key_hash=hash_token(token), revoked=False)
            .first()
        )
        if found is None or not found.user.is_active:
            return None
        now = timezone.now()
        if found.last_used_at is None or now - found.last_used_at > TOKEN_USE_RESOLUTION:
            # Recording every use would add a write to each request; a few minutes' accuracy will do.
            ApiToken.objects.filter(id=found.id).update(last_used_at=now)
        request.user = found.user
        return found.user


api = NinjaAPI(
    title="eaism",
    version="1",
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
    docs=AccessibleSwagger(),
)
api.add_router("/organisations/", people_router)  # teams, people list, roster import, reviewers


@api.exception_handler(InputError)
def _rejected(request: HttpRequest, error: InputError) -> Any:
    return api.create_response(request, {"field": error.field, "detail": error.message}, status=400)


@api.exception_handler(ValidationError)
def _invalid(request: HttpRequest, error: ValidationError) -> Any:
    first = error.errors[0] if error.errors else {}
    location = [
        str(part)
        for part in first.get("loc", ())
        if part not in {"body", "payload", "query", "path"}
    ]
    return api.create_response(
        request,
        {"field": ".".join(location) or "body", "detail": first.get("msg", "invalid input")},
        status=400,
    )


@api.exception_handler(PermissionDenied)
def _denied(request: HttpRequest, error: PermissionDenied) -> Any:
    return api.create_response(request, {"detail": "not allowed"}, status=403)


@api.exception_handler(Http404)
def _missing(request: HttpRequest, error: Http404) -> Any:
    return api.create_response(request, {"detail": "not found"}, status=404)


class AnswerIn(Schema):
    item_id: str
    value: float
    evidence: str = ""


class SystemIn(Schema):
    system_id: str
    name: str
    kind: str = "other"
    status: str = "idea"
    months_in_status: float = 0
    users: int = 0
    monthly_cost: float = 0
    success_rate: float | None = None
    evaluation: bool = False
    monitoring: bool = False
    fallback: bool = False
    security_review: bool = False
    cost_controls: bool = False
    versioning: bool = False


def _access(request: HttpRequest, slug: str) -> Access:
    return access_for(request.user, slug)  # type: ignore[arg-type]


@api.get("/organisations")
def organisations(request: HttpRequest) -> list[dict[str, Any]]:
    return [
        {"slug": m.organisation.slug, "name": m.organisation.name, "role": m.role}
        for m in request.user.memberships.select_related("organisation")  # type: ignore[union-attr]
    ]


@api.post("/organisations/{slug}/rounds/{round_id}/answers")
def answer(request: HttpRequest, slug: str, round_id: int, payload: AnswerIn) -> dict[str, Any]:
    access = _access(request, slug)
    person = access.require_own_person()
    saved = save_answer(
        access.round(round_id),
        person,
        parse_answer(payload.item_id, payload.value, payload.evidence),
    )  # type: ignore[arg-type]
    return {
        "item_id": saved.item_id,
        "value": saved.value,
        "saved_at": saved.answered_at.isoformat(),
    }


@api.post("/organisations/{slug}/rounds/{round_id}/submit")
def submit(request: HttpRequest, slug: str, round_id: int) -> dict[str, Any]:
    access = _access(request, slug)
    round_ = access.round(round_id)
    person = access.require_own_person()
    response, score = submit_response(round_, person)
    return {
        "submitted_at": response.submitted_at.isoformat(),
        "operating_level": score.operating_level if score else None,
    }


@api.post("/organisations/{slug}/rounds/{round_id}/reopen")
def reopen(request: HttpRequest, slug: str, round_id: int) -> dict[str, Any]:
    """Take one's own submitted response back while the round is open; submit it again later."""
    access = _access(request, slug)
    round_ = access.round(round_id)
    person = access.require_own_person()
    reopen_response(round_, person)
    record(request, "response_reopened", access.organisation, person.external_id, round=round_.id)
    return {"submitted_at": None, "reopened": True}


@api.get("/organisations/{slug}/rounds/{round_id}/results")
def own_results(request: HttpRequest, slug: str, round_id: int) -> dict[str, Any]:
    access = _access(request, slug)
    person = access.require_own_person()
    return _result(request, access, access.round(round_id), person)


@api.get("/organisations/{slug}/rounds/{round_id}/people/{person_id}")
def person_results(
    request: HttpRequest, slug: str, round_id: int, person_id: str
) -> dict[str, Any]:
    access = _access(request, slug)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person))
    if person.user_id != request.user.id:
        record(request, "result_viewed", access.organisation, person.external_id, via="api")
    return _result(request, access, access.round(round_id), person)


@api.get("/organisations/{slug}/analysis")
def analysis(request: HttpRequest, slug: str, round: int | None = None) -> dict[str, Any]:
    access = _access(request, slug)
    require(access.sees_aggregates)
    rounds_ = access.organisation.rounds
    chosen = rounds_.filter(id=round).first() if round is not None else rounds_.first()
    if round is not None and chosen is None:
        raise Http404("not found")
    return dashboard_document(access, chosen)


@api.get("/organisations/{slug}/systems")
def systems(request: HttpRequest, slug: str) -> list[dict[str, Any]]:
    access = _access(request, slug)
    require(access.sees_all_aggregates)
    return [SystemIn.from_orm(system).dict() for system in access.organisation.systems.all()]


@api.post("/organisations/{slug}/systems", response={201: dict})
def add_system(request: HttpRequest, slug: str, payload: SystemIn) -> Any:
    access = _access(request, slug)
    require(access.is_admin)
    save_system(access.organisation, payload.dict(), request=request, via="api")
    return Status(201, payload.dict())


@api.post("/tokens", auth=django_auth, response={201: dict})
def create_token(request: HttpRequest, name: str = "api") -> Any:
    token, secret = ApiToken.issue(request.user, name[:100])  # type: ignore[arg-type]
    record(request, "token_created", target=token.prefix)
    return Status(201, {"name": token.name, "token": secret, "note": "shown once; store it safely"})


def _result(request: HttpRequest, access: Access, round_: Round, person: Person) -> dict[str, Any]:
    request.personal_data = True  # type: ignore[attr-defined]
    result = person_result(round_, person)
    if result is None:
        raise Http404("not found")
    return person_document(current_edition(), result)


def _routers() -> None:
    """The API's other modules, each a router of its own."""
    from eaism.web.api_rounds import router as rounds

    api.add_router("", rounds)


_routers()
