"""The SCIM 2.0 endpoints at /scim/v2/: parse the request, call users, groups or discovery,
answer `application/scim+json`; every error in the SCIM error shape with its status.

The bearer token says which organisation is provisioned: a missing, unknown or revoked token
is a 401 with `WWW-Authenticate: Bearer`; an id of another organisation is a 404, the same as
an id that does not exist.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any

from django.http import HttpRequest, HttpResponse
from django.views.decorators.csrf import csrf_exempt
from pydantic import ValidationError
from scim2_models import (
    Context,
    Error,
    InvalidSyntaxException,
    InvalidValueException,
    ListResponse,
    NotFoundException,
    NotImplementedException,
    ResponseParameters,
    SCIMException,
)

from eaism.web.audit.record import record
from eaism.web.provisioning import discovery, filters, groups, resources, users
from eaism.web.provisioning.models import ScimToken
from eaism.web.provisioning.tokens import token_for

CONTENT_TYPE = "application/scim+json"
BASE_PATH = "/scim/v2"

Handler = Callable[[HttpRequest, ScimToken, str], Any]


def scim_json(
    document: Any, status: int = 200, headers: dict[str, str] | None = None
) -> HttpResponse:
    body = b"" if document is None else json.dumps(document).encode()
    return HttpResponse(body, status=status, content_type=CONTENT_TYPE, headers=headers)


def error_response(error: SCIMException, headers: dict[str, str] | None = None) -> HttpResponse:
    document = Error(
        status=error.status, scim_type=error.scim_type or None, detail=str(error)
    ).model_dump()
    return scim_json(document, error.status, headers)


def unauthorised() -> HttpResponse:
    error = Error(
        status=401,
        detail="Authorization: a SCIM bearer token of the organisation is required "
        "(missing, unknown or revoked)",
    )
    headers = {"WWW-Authenticate": 'Bearer realm="eaism SCIM"'}
    return scim_json(error.model_dump(), 401, headers)


def endpoint(methods: dict[str, Handler]) -> Callable[..., HttpResponse]:
    """A view answering the given methods, each handler called with the token's request."""

    @csrf_exempt
    def view(request: HttpRequest, key: str = "") -> HttpResponse:
        token = token_for(request.headers.get("Authorization", ""))
        if token is None:
            return unauthorised()
        handler = methods.get(request.method or "")
        if handler is None:
            allowed = ", ".join(methods)
            error = SCIMException(
                detail=f"method: {request.method} is not allowed here; expected {allowed}"
            )
            error.status = 405
            return error_response(error, {"Allow": allowed})
        try:
            return handler(request, token, key)
        except SCIMException as error:
            return error_response(error)

    return view


# Discovery


def _configuration(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    return scim_json(discovery.configuration(base_url(request)))


def _resource_types(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    if key:
        return scim_json(discovery.resource_type(key, base_url(request)))
    return scim_json(discovery.resource_types(base_url(request)))


def _schemas(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    if key:
        return scim_json(discovery.schema(key, base_url(request)))
    return scim_json(discovery.schemas(base_url(request)))


def _not_found(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    raise NotFoundException(
        detail=f"path: {request.path} is not a SCIM endpoint; expected {BASE_PATH}/Users, "
        "/Groups, /ServiceProviderConfig, /ResourceTypes or /Schemas"
    )


def _search(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    raise NotImplementedException(
        detail="path: searching several resource types at once is not supported; "
        "use GET /Users or /Groups with a filter"
    )


configuration_view = endpoint({"GET": _configuration})
resource_types_view = endpoint({"GET": _resource_types})
schemas_view = endpoint({"GET": _schemas})
not_found_view = endpoint(dict.fromkeys(("GET", "POST", "PUT", "PATCH", "DELETE"), _not_found))
search_view = endpoint({"POST": _search})


# Users


def _users(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    organisation = token.organisation
    parameters = _parameters(request, users.user_model())
    people = users.people_of(organisation)
    text = request.GET.get("filter", "").strip()
    if text:
        people = people.filter(filters.user_query(text, token.organisation_id))
    start, count = _page(request)
    total = people.count()
    page = list(people[start - 1 : start - 1 + count]) if count else []
    found = [users.to_resource(person, base_url(request)) for person in page]
    return _listed(users.user_model(), found, total, start, parameters)


def _user(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    person = users.find(token.organisation, key)
    parameters = _parameters(request, users.user_model())
    resource = users.to_resource(person, base_url(request))
    return scim_json(
        resource.model_dump(
            scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=parameters
        )
    )


def _create_user(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    change = users.create_user(token.organisation, _body(request))
    return _user_written(request, token, change, Context.RESOURCE_CREATION_RESPONSE, 201)


def _replace_user(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    change = users.replace_user(users.find(token.organisation, key), _body(request))
    return _user_written(request, token, change, Context.RESOURCE_REPLACEMENT_RESPONSE)


def _patch_user(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    person = users.find(token.organisation, key)
    change = users.patch_user(person, _body(request), base_url(request))
    return _user_written(request, token, change, Context.RESOURCE_PATCH_RESPONSE)


def _delete_user(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    person = users.find(token.organisation, key)
    target = _person_label(person)
    change = users.delete_user(person)
    _audit(request, token, change.action, target)
    return HttpResponse(status=204)


def _user_written(
    request: HttpRequest,
    token: ScimToken,
    change: users.Change,
    context: Context,
    status: int = 200,
) -> HttpResponse:
    _audit(request, token, change.action, _person_label(change.person), fields=list(change.fields))
    resource = users.to_resource(change.person, base_url(request))
    location = {"Location": resource.meta.location} if status == 201 else None
    return scim_json(resource.model_dump(scim_ctx=context), status, location)


users_view = endpoint({"GET": _users, "POST": _create_user})
user_view = endpoint(
    {"GET": _user, "PUT": _replace_user, "PATCH": _patch_user, "DELETE": _delete_user}
)


# Groups


def _groups(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    parameters = _parameters(request, resources.Group)
    teams = groups.teams_of(token.organisation)
    text = request.GET.get("filter", "").strip()
    if text:
        teams = teams.filter(filters.group_query(text))
    start, count = _page(request)
    total = teams.count()
    page = list(teams[start - 1 : start - 1 + count]) if count else []
    found = [groups.to_resource(team, base_url(request)) for team in page]
    return _listed(resources.Group, found, total, start, parameters)


def _group(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    team = groups.find(token.organisation, key)
    parameters = _parameters(request, resources.Group)
    resource = groups.to_resource(team, base_url(request))
    return scim_json(
        resource.model_dump(
            scim_ctx=Context.RESOURCE_QUERY_RESPONSE, response_parameters=parameters
        )
    )


def _create_group(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    change = groups.create_group(token.organisation, _body(request))
    return _group_written(request, token, change, Context.RESOURCE_CREATION_RESPONSE, 201)


def _replace_group(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    change = groups.replace_group(groups.find(token.organisation, key), _body(request))
    return _group_written(request, token, change, Context.RESOURCE_REPLACEMENT_RESPONSE)


def _patch_group(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    team = groups.find(token.organisation, key)
    change = groups.patch_group(team, _body(request), base_url(request))
    return _group_written(request, token, change, Context.RESOURCE_PATCH_RESPONSE)


def _delete_group(request: HttpRequest, token: ScimToken, key: str) -> HttpResponse:
    change = groups.delete_group(groups.find(token.organisation, key))
    _audit(request, token, change.action, f"team {change.detail['name']}", **change.detail)
    return HttpResponse(status=204)


def _group_written(
    request: HttpRequest,
    token: ScimToken,
    change: groups.Change,
    context: Context,
    status: int = 200,
) -> HttpResponse:
    _audit(request, token, change.action, f"team {change.team.name}", **change.detail)
    resource = groups.to_resource(change.team, base_url(request))
    location = (
        {"Location": str(resource.meta.location)} if status == 201 and resource.meta else None
    )
    return scim_json(resource.model_dump(scim_ctx=context), status, location)


groups_view = endpoint({"GET": _groups, "POST": _create_group})
group_view = endpoint(
    {"GET": _group, "PUT": _replace_group, "PATCH": _patch_group, "DELETE": _delete_group}
)


# Shared parts


def base_url(request: HttpRequest) -> str:
    return request.build_absolute_uri(BASE_PATH)


def _body(request: HttpRequest) -> Any:
    try:
        body = json.loads(request.body or b"null")
    except (ValueError, UnicodeDecodeError) as error:
        raise InvalidSyntaxException(detail=f"body: not a JSON document ({error})") from None
    if not isinstance(body, dict):
        raise InvalidSyntaxException(detail="body: expected a JSON object")
    return body


def _page(request: HttpRequest) -> tuple[int, int]:
    """startIndex (1-based, at least 1) and count (at most MAX_RESULTS), RFC 7644 §3.4.2.4."""
    start = _integer(request, "startIndex", 1)
    count = _integer(request, "count", resources.MAX_RESULTS)
    return max(start, 1), min(max(count, 0), resources.MAX_RESULTS)


def _integer(request: HttpRequest, name: str, default: int) -> int:
    text = request.GET.get(name, "").strip()
    if not text:
        return default
    try:
        return int(text)
    except ValueError:
        raise InvalidValueException(detail=f"{name}: expected an integer, got {text!r}") from None


def _parameters(request: HttpRequest, model: Any) -> Any:
    """The attributes or excludedAttributes the client asked for (RFC 7644 §3.9)."""
    asked = {
        name: request.GET[name]
        for name in ("attributes", "excludedAttributes")
        if request.GET.get(name)
    }
    if not asked:
        return None
    try:
        return ResponseParameters[model].model_validate(asked)
    except ValidationError as error:
        detail = Error.from_validation_error(error.errors()[0]).detail
        raise InvalidValueException(detail=f"{', '.join(asked)}: {detail}") from None


def _listed(model: Any, found: list[Any], total: int, start: int, parameters: Any) -> HttpResponse:
    listed = ListResponse[model](
        total_results=total, start_index=start, items_per_page=len(found), resources=found
    )
    return scim_json(
        listed.model_dump(scim_ctx=Context.SEARCH_RESPONSE, response_parameters=parameters)
    )


def _person_label(person: Any) -> str:
    return f"person {person.external_id}"


def _audit(request: HttpRequest, token: ScimToken, action: str, target: str, **detail: Any) -> None:
    record(request, action, token.organisation, target=target, actor_label=token.label, **detail)
