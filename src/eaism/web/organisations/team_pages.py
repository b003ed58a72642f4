"""The teams page: create, rename, merge, delete; managers of a team; managers as reviewers.

Each form posts one action; an action's `InputError` is shown next to its field on the team's
row, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.db.models import Count, Q
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.teams import (
    create_team,
    delete_team,
    managers_review_team,
    merge_team,
    rename_team,
    set_managers,
    team_of,
)


def _admin(request: HttpRequest, slug: str) -> Access:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    return access


def _render(
    request: HttpRequest, access: Access, errors: dict[str, str], typed: dict[str, Any]
) -> HttpResponse:
    """The page; `errors` holds at most one message, under "new" or "team"."""
    teams = access.organisation.teams.annotate(
        size=Count("people", filter=Q(people__active=True)),
    ).prefetch_related("managers__user")
    context = {
        "access": access,
        "teams": teams,
        "memberships": access.organisation.memberships.select_related("user").order_by(
            "user__email"
        ),
        "new_error": errors.get("new", ""),
        "team_error": errors.get("team", ""),
        "typed": typed,
    }
    return render(request, "organisations/teams.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def teams(request: HttpRequest, slug: str) -> HttpResponse:
    access = _admin(request, slug)
    if request.method == "GET":
        return _render(request, access, {}, {})
    name = request.POST.get("name", "")
    try:
        team = create_team(access.organisation, name)
    except InputError as error:
        return _render(request, access, {"new": error.message}, {"new": name})
    record(request, "team_created", access.organisation, team.name)
    return redirect("teams", slug=slug)


ACTIONS = ("rename", "merge", "delete", "managers", "managers_review")


@login_required
@require_POST
def team(request: HttpRequest, slug: str, team_id: int) -> HttpResponse:
    access = _admin(request, slug)
    found = access.organisation.teams.filter(id=team_id).first()
    if found is None:
        raise Http404("not found")
    action = request.POST.get("action", "")
    try:
        detail = _act(found, action, request)
    except InputError as error:
        return _render(
            request,
            access,
            {"team": error.message},
            {**request.POST.dict(), "team": found.id},
        )
    record(request, f"team_{action}", access.organisation, detail)
    return redirect("teams", slug=slug)


def _act(found: Any, action: str, request: HttpRequest) -> str:
    name = found.name
    if action == "rename":
        return f"{name} -> {rename_team(found, request.POST.get('name', '')).name}"
    if action == "merge":
        into = team_of(found.organisation, request.POST.get("into", ""), field="into")
        merge_team(found, into)
        return f"{name} -> {into.name}"
    if action == "delete":
        delete_team(found)
        return name
    if action == "managers":
        chosen = set_managers(found, request.POST.getlist("managers"))
        return f"{name}: {', '.join(sorted(m.user.email for m in chosen))}"
    if action == "managers_review":
        return f"{name}: {managers_review_team(found)} links"
    raise InputError("action", f"expected one of: {', '.join(ACTIONS)}")
