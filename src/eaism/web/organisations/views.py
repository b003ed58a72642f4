"""Organisation pages: home, dashboard, AI-system inventory, practices and the audit log."""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.core import signing
from django.db.models import Q
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from eaism.errors import DataError
from eaism.reports.pdf import html_to_pdf
from eaism.reports.spreadsheet import csv_text, workbook_bytes
from eaism.web.accounts.models import User
from eaism.web.assessments.models import Round
from eaism.web.audit.models import AuditEvent
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.access import access_for, require
from eaism.web.organisations.dashboard import dashboard_document, pyramid_for
from eaism.web.organisations.exports import people_results, raw_answers, report_parts
from eaism.web.organisations.forms import PracticesForm, SystemForm
from eaism.web.organisations.importing import apply_import, plan_import, read_sheet
from eaism.web.organisations.invitations import accept, invite, pending
from eaism.web.organisations.models import Membership, Person, Practice, Role, System
from eaism.web.organisations.store import organisation_changed


@login_required
@require_GET
def home(request: HttpRequest) -> HttpResponse:
    memberships = list(request.user.memberships.select_related("organisation"))  # type: ignore[union-attr]
    if len(memberships) == 1:
        return redirect("organisation", slug=memberships[0].organisation.slug)
    return render(request, "home.html", {"memberships": memberships})


@login_required
@require_GET
def organisation(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    if access.sees_aggregates:
        return redirect("dashboard", slug=slug)
    round_ = (
        access.organisation.rounds.filter(status=Round.Status.OPEN).first()
        or access.organisation.rounds.first()
    )
    if round_ is None:
        return render(request, "organisations/no_round.html", {"access": access})
    if access.own_person() is None:
        reviews = access.membership.reviews.select_related("team")
        return render(
            request,
            "organisations/reviews.html",
            {"access": access, "round": round_, "reviews": reviews},
        )
    return redirect("questionnaire", slug=slug, round_id=round_.id)


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_aggregates)
    rounds = list(access.organisation.rounds.all())
    round_ = _chosen_round(rounds, request.GET.get("round"))
    document = dashboard_document(access, round_)
    if request.GET.get("format") == "json":
        return JsonResponse(document)
    context = {"access": access, "document": document, "rounds": rounds, "round": round_}
    if not document["suppressed"]:
        context["pyramid"] = pyramid_for(document)
    return render(request, "organisations/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inventory(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    form = SystemForm(request.POST or None, organisation=access.organisation)
    if request.method == "POST":
        require(access.is_admin)
        if form.is_valid():
            system = form.save(commit=False)
            system.organisation = access.organisation
            system.save()
            record(request, "system_added", access.organisation, system.system_id)
            organisation_changed(access.organisation.id)
            return redirect("inventory", slug=slug)
    systems = access.organisation.systems.all()
    return render(
        request,
        "organisations/inventory.html",
        {"access": access, "systems": systems, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def system_edit(request: HttpRequest, slug: str, system_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    system = get_object_or_404(System, organisation=access.organisation, system_id=system_id)
    form = SystemForm(request.POST or None, instance=system, organisation=access.organisation)
    if request.method == "POST" and form.is_valid():
        form.save()
        record(request, "system_changed", access.organisation, system.system_id)
        organisation_changed(access.organisation.id)
        return redirect("inventory", slug=slug)
    return render(
        request,
        "organisations/system_edit.html",
        {"access": access, "form": form, "system": system},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["GET", "POST"])
def practices(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    current = {p.indicator_id: p.value for p in access.organisation.practices.all()}
    form = PracticesForm(current_edition(), request.POST or None, initial=current)
    if request.method == "POST":
        require(access.is_admin)
        if form.is_valid():
            for indicator_id, value in form.cleaned_data.items():
                if value == "":
                    Practice.objects.filter(
                        organisation=access.organisation, indicator_id=indicator_id
                    ).delete()
                else:
                    Practice.objects.update_or_create(
                        organisation=access.organisation,
                        indicator_id=indicator_id,
                        defaults={"value": value == "yes"},
                    )
            record(request, "practices_changed", access.organisation)
            organisation_changed(access.organisation.id)
            return redirect("practices", slug=slug)
    return render(request, "organisations/practices.html", {"access": access, "form": form})


@login_required
@require_GET
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's events, and its members' sign-ins and account events; CSV has them all."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    members = access.organisation.memberships.values("user_id")
    events = AuditEvent.objects.filter(
        Q(organisation=access.organisation) | Q(organisation__isnull=True, actor_id__in=members)
    ).select_related("actor")
    if request.GET.get("format") == "csv":
        record(request, "audit_exported", access.organisation)
        rows = [
            [
                e.at.isoformat(),
                e.actor_label,
                e.action,
                e.target,
                e.ip_address or "",
                json.dumps(e.detail, sort_keys=True),
            ]
            for e in events.iterator()
        ]
        response = HttpResponse(
            csv_text(["at", "actor", "action", "target", "ip_address", "detail"], rows),
            content_type="text/csv",
        )
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response
    return render(
        request, "organisations/audit.html", {"access": access, "events": events[:AUDIT_PAGE]}
    )


AUDIT_PAGE = 500  # the page shows the newest events; the CSV export holds every one


def _chosen_round(rounds: list[Round], wanted: str | None) -> Round | None:
    if wanted and wanted.isdigit():
        for round_ in rounds:
            if round_.id == int(wanted):
                return round_
    return rounds[0] if rounds else None


@login_required
@require_http_methods(["GET", "POST"])
def people(request: HttpRequest, slug: str) -> HttpResponse:
    """The people list, and a sheet import: upload for a dry-run preview, then apply."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    context: dict[str, object] = {
        "access": access,
        "people": access.organisation.people.select_related("team")[:1000],
        "memberships": access.organisation.memberships.select_related("user"),
        "roles": Role.CHOICES,
    }
    if request.method == "GET":
        return render(request, "organisations/people.html", context)
    try:
        content, suffix = _uploaded_sheet(request)
        plan = plan_import(access.organisation, current_edition(), read_sheet(content, suffix))
    except (DataError, UploadError) as error:
        context["problems"] = [str(error)]
        return render(request, "organisations/people.html", context, status=400)
    if plan.problems:
        context["problems"] = plan.problems
        return render(request, "organisations/people.html", context, status=400)
    if request.POST.get("action") == "apply":
        apply_import(access.organisation, plan)
        record(
            request,
            "people_imported",
            access.organisation,
            created=len(plan.create),
            changed=len(plan.change),
            deactivated=len(plan.deactivate),
        )
        return redirect("people", slug=slug)
    context.update(
        plan=plan,
        sheet=signing.dumps(
            {"content": content.decode("latin-1"), "suffix": suffix}, compress=True
        ),
    )
    return render(request, "organisations/people.html", context)


class UploadError(ValueError):
    pass


def _uploaded_sheet(request: HttpRequest) -> tuple[bytes, str]:
    """The sheet from the upload (preview) or from the signed copy carried by the apply form."""
    if "sheet" in request.POST:
        try:
            data = signing.loads(request.POST["sheet"], max_age=3600)
        except signing.BadSignature:
            raise UploadError(
                "sheet: the preview expired or was changed; upload the file again"
            ) from None
        return data["content"].encode("latin-1"), data["suffix"]
    upload = request.FILES.get("file")
    if upload is None:
        raise UploadError("file: choose a CSV or XLSX file")
    suffix = Path(upload.name or "").suffix.lower()
    if suffix not in {".csv", ".xlsx"}:
        raise UploadError(f"file: {upload.name!r} is not a .csv or .xlsx file")
    if upload.size and upload.size > settings.MAX_UPLOAD_BYTES:
        raise UploadError(
            f"file: {upload.size} bytes is over the {settings.MAX_UPLOAD_BYTES}-byte limit"
        )
    return upload.read(), suffix


@login_required
@require_http_methods(["POST"])
def invite_person(request: HttpRequest, slug: str, person_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    token = invite(access.organisation, person)
    record(request, "person_invited", access.organisation, person.external_id)
    link = request.build_absolute_uri(f"/invite/{token}/")
    return render(
        request, "organisations/invited.html", {"access": access, "person": person, "link": link}
    )


@require_http_methods(["GET", "POST"])
def accept_invitation(request: HttpRequest, token: str) -> HttpResponse:
    """Join by link. A new address chooses a password here; an existing account must sign in first,
    so a link never lets anyone into an account they cannot already open."""
    invitation = pending(token)
    if invitation is None:
        return render(request, "organisations/invitation.html", {"invalid": True}, status=404)
    person_email = invitation.person.email if invitation.person and invitation.person.email else ""
    email = (person_email or request.POST.get("email", "")).strip().lower()
    existing = User.objects.filter(email=email).first() if email else None
    context: dict[str, object] = {"invitation": invitation, "email": person_email, "token": token}
    if existing is not None:
        if request.user.is_authenticated and request.user.pk == existing.pk:
            if request.method == "POST":
                accept(invitation, existing)
                record(request, "invitation_accepted", invitation.organisation, existing.email)
                return redirect("organisation", slug=invitation.organisation.slug)
            return render(request, "organisations/invitation.html", {**context, "join_only": True})
        return render(
            request, "organisations/invitation.html", {**context, "sign_in_first": True}, status=403
        )
    form = SetPasswordForm(None, request.POST or None)
    if request.method == "POST" and form.is_valid() and email:
        user = User.objects.create_user(email, form.cleaned_data["new_password1"])
        accept(invitation, user)
        record(request, "invitation_accepted", invitation.organisation, user.email)
        login(request, user, backend="eaism.web.accounts.backends.EmailBackend")
        return redirect("organisation", slug=invitation.organisation.slug)
    return render(
        request,
        "organisations/invitation.html",
        {**context, "form": form},
        status=400 if form.errors else 200,
    )


@login_required
@require_http_methods(["POST"])
def change_role(request: HttpRequest, slug: str, membership_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    membership = get_object_or_404(Membership, id=membership_id, organisation=access.organisation)
    role = request.POST.get("role", "")
    if role not in dict(Role.CHOICES):
        return HttpResponse(f"role: {role!r} is not a role", status=400, content_type="text/plain")
    owners = access.organisation.memberships.filter(role=Role.OWNER).exclude(id=membership.id)
    if membership.role == Role.OWNER and role != Role.OWNER and not owners.exists():
        return HttpResponse(
            "role: the organisation needs at least one owner", status=400, content_type="text/plain"
        )
    if membership.role != role:
        record(
            request,
            "role_changed",
            access.organisation,
            membership.user.email,
            before=membership.role,
            after=role,
        )
        membership.role = role
        membership.save(update_fields=["role"])
    return redirect("people", slug=slug)


@login_required
@require_GET
def dashboard_download(request: HttpRequest, slug: str, kind: str) -> HttpResponse:
    """The dashboard as a report (html, pdf, xlsx), or an admin's people results and raw answers (xlsx, csv)."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_aggregates)
    rounds = list(access.organisation.rounds.all())
    round_ = _chosen_round(rounds, request.GET.get("round"))
    if kind in {"report.html", "report.pdf", "report.xlsx"}:
        document = dashboard_document(access, round_)
        require(not document["suppressed"])
        html, sheets = report_parts(access, round_, document)
        content, kind_type = _report_content(kind, html, sheets)
    else:
        require(access.is_admin and round_ is not None and kind in EXPORTS)
        assert round_ is not None
        sheets = EXPORTS[kind][0](round_)
        content, kind_type = _table_content(kind, sheets)
    record(
        request, "export_downloaded", access.organisation, kind, round=round_.id if round_ else None
    )
    response = HttpResponse(content, content_type=kind_type)
    response["Content-Disposition"] = f'attachment; filename="{slug}-{kind}"'
    request.personal_data = True  # type: ignore[attr-defined]
    return response


EXPORTS = {
    "people-results.xlsx": (people_results,),
    "people-results.csv": (people_results,),
    "answers.xlsx": (raw_answers,),
    "answers.csv": (raw_answers,),
}
CONTENT_TYPES = {
    "html": "text/html; charset=utf-8",
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "csv": "text/csv; charset=utf-8",
}


def _report_content(
    kind: str, html: str, sheets: dict[str, tuple[list[str], list[list[object]]]]
) -> tuple[bytes | str, str]:
    suffix = kind.rsplit(".", 1)[1]
    if suffix == "pdf":
        return html_to_pdf(html), CONTENT_TYPES["pdf"]
    if suffix == "xlsx":
        return workbook_bytes(sheets), CONTENT_TYPES["xlsx"]
    return html, CONTENT_TYPES["html"]


def _table_content(
    kind: str, sheets: dict[str, tuple[list[str], list[list[object]]]]
) -> tuple[bytes | str, str]:
    if kind.endswith(".xlsx"):
        return workbook_bytes(sheets), CONTENT_TYPES["xlsx"]
    [(header, rows)] = sheets.values()
    return csv_text(header, rows), CONTENT_TYPES["csv"]
