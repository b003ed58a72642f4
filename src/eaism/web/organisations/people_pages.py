"""People pages: the list with its search and filters, the roster import, a person, roles.

Views parse the request, call an action (roster.py, teams.py) and render; an action's
`InputError` is shown inline next to its field, with what was typed kept.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib.auth.decorators import login_required
from django.core import signing
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person, Role
from eaism.web.organisations.people_list import (
    RESPONSES,
    SORT_CHOICES,
    STATUSES,
    PeopleQuery,
    people_page,
)
from eaism.web.organisations.roster import (
    DEFAULT_MODE,
    MODES,
    ImportPlan,
    apply_import,
    last_import,
    mode_of,
    plan_import,
    undo_last_import,
)
from eaism.web.organisations.roster_file import read_upload, sheet_of, suffix_of
from eaism.web.organisations.teams import change_role as change_membership_role
from eaism.web.organisations.teams import set_reviewers

SHEET_MAX_AGE = 3600


def _admin(request: HttpRequest, slug: str) -> Access:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    return access


def _list_context(request: HttpRequest, access: Access) -> dict[str, Any]:
    query = PeopleQuery.of(request.GET)
    found = people_page(access.organisation, query)
    record(request, "people_list_viewed", access.organisation, query=request.GET.urlencode()[:500])
    kept = request.GET.copy()
    kept.pop("page", None)
    return {
        "access": access,
        "query": query,
        "found": found,
        "kept_query": kept.urlencode(),
        "teams": access.organisation.teams.values("id", "name"),
        "person_roles": [(role.id, role.name) for role in current_edition().roles],
        "statuses": STATUSES,
        "responses": RESPONSES,
        "sorts": SORT_CHOICES,
        "memberships": access.organisation.memberships.select_related("user").order_by(
            "user__email"
        ),
        "roles": Role.CHOICES,
        "modes": MODES,
        "mode": DEFAULT_MODE,
        "last_import": last_import(access.organisation),
        "errors": {},
    }


@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, slug: str) -> HttpResponse:
    """The people list, and the roster import: upload for a dry run, then apply."""
    access = _admin(request, slug)
    context = _list_context(request, access)
    if request.method == "GET":
        return render(request, "organisations/people.html", context)
    context["mode"] = request.POST.get("mode", DEFAULT_MODE)
    context["confirm_deactivate"] = request.POST.get("confirm_deactivate", "")
    try:
        content, suffix = _uploaded_sheet(request)
        plan = plan_import(
            access.organisation,
            current_edition(),
            sheet_of(content, suffix),
            mode_of(context["mode"]),
        )
    except InputError as error:
        context["errors"] = {error.field: error.message}
        return render(request, "organisations/people.html", context, status=400)
    context.update(plan=plan, sheet=_signed(content, suffix))
    if plan.errors:
        return render(request, "organisations/people.html", context, status=400)
    if request.POST.get("action") != "apply":
        return render(request, "organisations/people.html", context)
    return _apply(request, access, plan, context)


def _apply(
    request: HttpRequest, access: Access, plan: ImportPlan, context: dict[str, Any]
) -> HttpResponse:
    try:
        summary = apply_import(
            access.organisation,
            plan,
            request.user,
            request.POST.get("confirm_deactivate", ""),
            request.POST.get("confirm_large") == "yes",
        )
    except InputError as error:
        context["errors"] = {error.field: error.message}
        return render(request, "organisations/people.html", context, status=400)
    record(
        request,
        "people_imported",
        access.organisation,
        plan.mode,
        batch=summary.batch_id,
        created=summary.created,
        changed=summary.updated,
        deactivated=summary.deactivated,
        teams_created=summary.teams_created,
    )
    return redirect("people", slug=access.organisation.slug)


@login_required
@require_POST
def undo_import(request: HttpRequest, slug: str) -> HttpResponse:
    access = _admin(request, slug)
    try:
        batch = undo_last_import(access.organisation)
    except InputError as error:
        context = _list_context(request, access)
        context["errors"] = {error.field: error.message}
        return render(request, "organisations/people.html", context, status=400)
    record(request, "people_import_undone", access.organisation, batch.mode, batch=batch.id)
    return redirect("people", slug=slug)


@login_required
@require_POST
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access = _admin(request, slug)
    membership = get_object_or_404(
        access.organisation.memberships.select_related("user"), id=membership_id
    )
    try:
        before, after = change_membership_role(
            access.organisation, membership.id, request.POST.get("role", "")
        )
    except InputError as error:
        context = _list_context(request, access)
        context["role_errors"] = {membership.id: error.message}
        context["role_typed"] = {membership.id: request.POST.get("role", "")}
        return render(request, "organisations/people.html", context, status=400)
    if before != after:
        record(
            request,
            "role_changed",
            access.organisation,
            membership.user.email,
            before=before,
            after=after,
        )
    return redirect("people", slug=slug)


@login_required
@require_http_methods(["GET", "POST"])
def person(request: HttpRequest, slug: str, person_id: str) -> HttpResponse:
    """One person: account and memberships, invitations, responses, reviewers."""
    access = _admin(request, slug)
    found = get_object_or_404(
        Person.objects.select_related("team", "user"),
        organisation=access.organisation,
        external_id=person_id,
    )
    errors: dict[str, str] = {}
    if request.method == "POST":
        chosen = request.POST.getlist("reviewers")
        try:
            set_reviewers(found, chosen)
        except InputError as error:
            errors[error.field] = error.message
        else:
            record(request, "reviewers_changed", access.organisation, found.external_id)
            return redirect("person", slug=slug, person_id=person_id)
    return render(
        request,
        "organisations/person.html",
        _person_context(access, found, errors),
        status=400 if errors else 200,
    )


def _person_context(access: Access, found: Person, errors: dict[str, str]) -> dict[str, Any]:
    account_memberships = (
        found.user.memberships.filter(organisation=access.organisation) if found.user else []
    )
    return {
        "access": access,
        "person": found,
        "role_label": next(
            (role.name for role in current_edition().roles if role.id == found.role), found.role
        ),
        "account_memberships": account_memberships,
        "invitations": found.invitation_set.order_by("-created_at"),
        "responses": found.responses.select_related("round").order_by("-started_at"),
        "reviewer_ids": set(found.reviewers.values_list("id", flat=True)),
        "managers": found.team.managers.select_related("user") if found.team else [],
        "memberships": access.organisation.memberships.select_related("user").order_by(
            "user__email"
        ),
        "errors": errors,
    }


def _signed(content: bytes, suffix: str) -> str:
    return signing.dumps({"content": content.decode("latin-1"), "suffix": suffix}, compress=True)


def _uploaded_sheet(request: HttpRequest) -> tuple[bytes, str]:
    """The sheet from the upload (preview) or from the signed copy carried by the apply form."""
    if "sheet" in request.POST:
        try:
            data = signing.loads(request.POST["sheet"], max_age=SHEET_MAX_AGE)
        except signing.BadSignature:
            raise InputError(
                "file", "the preview expired or was changed; upload the file again"
            ) from None
        return data["content"].encode("latin-1"), data["suffix"]
    declared = request.META.get("CONTENT_LENGTH") or ""
    if declared.isdigit() and int(declared) > settings.MAX_UPLOAD_BYTES + 64 * 1024:
        raise InputError(
            "file",
            f"the upload is {int(declared):,} bytes, over the "
            f"{settings.MAX_UPLOAD_BYTES:,}-byte limit",
        )
    upload = request.FILES.get("file")
    if upload is None:
        raise InputError("file", "choose a CSV or XLSX file")
    content = read_upload(upload.name or "", upload, upload.size, settings.MAX_UPLOAD_BYTES)
    return content, suffix_of(upload.name or "")
