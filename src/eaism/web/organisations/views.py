"""Organisation pages: home, dashboard, AI-system inventory, practices and the audit log."""

from __future__ import annotations

import copy

from django.contrib import messages
from django.contrib.auth import login
from django.contrib.auth.decorators import login_required
from django.contrib.auth.forms import SetPasswordForm
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eaism.reports.pdf import html_to_pdf
from eaism.reports.spreadsheet import Sheets, csv_text, workbook_bytes
from eaism.web.accounts.models import User
from eaism.web.assessments.models import Response, Round
from eaism.web.assessments.outreach import round_response_rates
from eaism.web.assessments.rounds import current_round_for
from eaism.web.audit.export import HEADER as AUDIT_HEADER
from eaism.web.audit.export import export_rows, organisation_events
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.dashboard import (
    dashboard_document,
    heatmap_legend,
    heatmap_rows,
    pyramid_for,
)
from eaism.web.organisations.exports import people_results, raw_answers, report_parts
from eaism.web.organisations.forms import PracticesForm, SystemForm
from eaism.web.organisations.inventory import save_system
from eaism.web.organisations.invitations import accept, invite, look_up
from eaism.web.organisations.involvements import add_involvement, people_of, remove_involvement
from eaism.web.organisations.models import Person, System
from eaism.web.organisations.practices import current_practices, save_practices
from eaism.web.organisations.settings_form import SettingsForm, change_settings


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
    person = access.own_person()
    round_ = (
        current_round_for(person)
        if person is not None
        else access.organisation.rounds.filter(status=Round.Status.OPEN).first()
    ) or access.organisation.rounds.first()
    if round_ is None:
        return render(request, "organisations/no_round.html", {"access": access})
    if person is None:  # a reviewer without answers of their own: their review queue
        return redirect("review_queue", slug=slug, round_id=round_.id)
    return redirect("questionnaire", slug=slug, round_id=round_.id)


@login_required
@require_GET
def dashboard(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_aggregates)
    rounds = list(access.organisation.rounds.all())
    round_ = _chosen_round(rounds, request.GET.get("round"))
    rates = round_response_rates(round_, access.managed_team_ids()) if round_ else None
    document = dashboard_document(access, round_, rates)
    if request.GET.get("format") == "json":
        return JsonResponse(document)
    context: dict[str, object] = {
        "access": access,
        "document": document,
        "rounds": rounds,
        "round": round_,
        "rates": rates,
    }
    if not document["suppressed"]:
        context.update(
            pyramid=pyramid_for(document),
            heatmap=heatmap_rows(document),
            heatmap_legend=heatmap_legend(),
        )
    return render(request, "organisations/dashboard.html", context)


@login_required
@require_http_methods(["GET", "POST"])
def inventory(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    form = SystemForm(request.POST or None, organisation=access.organisation)
    if request.method == "POST":
        require(access.is_admin)
        try:
            save_system(access.organisation, request.POST, request=request)
            return redirect("inventory", slug=slug)
        except InputError:
            pass  # `form` holds the same data, so the page shows the errors by their fields
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
    if request.method == "POST":
        try:
            save_system(access.organisation, request.POST, system, request)
            return redirect("inventory", slug=slug)
        except InputError:
            # A fresh copy of the system: the failed save left the form's instance half-changed.
            system = System.objects.get(id=system.id)
    return _system_page(request, access, system, form, None)


@login_required
@require_POST
def system_people(request: HttpRequest, slug: str, system_id: str) -> HttpResponse:
    """Add a roster person to the system as builder, operator or overseer, or remove one."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    system = get_object_or_404(System, organisation=access.organisation, system_id=system_id)
    try:
        if request.POST.get("action") == "remove":
            remove_involvement(system, request.POST.get("involvement", ""), request)
        else:
            add_involvement(
                system, request.POST.get("person", ""), request.POST.get("kind", ""), request
            )
    except InputError as error:
        form = SystemForm(instance=system, organisation=access.organisation)
        return _system_page(request, access, system, form, error)
    return redirect("system_edit", slug=slug, system_id=system.system_id)


ROSTER_CHOICES = 1000  # people offered by name in the add box; any roster id may be typed


def _system_page(
    request: HttpRequest,
    access: Access,
    system: System,
    form: SystemForm,
    people_error: InputError | None,
) -> HttpResponse:
    roster = access.organisation.people.filter(active=True).only("external_id", "name")
    context = {
        "access": access,
        "form": form,
        "system": system,
        "involved": people_of(system),
        "roster": roster[:ROSTER_CHOICES],
        "people_error": people_error,
        "typed": request.POST if people_error else {},
    }
    failed = form.errors or people_error
    return render(request, "organisations/system_edit.html", context, status=400 if failed else 200)


@login_required
@require_http_methods(["GET", "POST"])
def practices(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    current = current_practices(access.organisation)
    form = PracticesForm(current_edition(), request.POST or None, initial=current)
    if request.method == "POST":
        require(access.is_admin)
        try:
            save_practices(access.organisation, current_edition(), request.POST, request)
            return redirect("practices", slug=slug)
        except InputError:
            pass  # `form` holds the same data, so the page shows the errors by their fields
    return render(request, "organisations/practices.html", {"access": access, "form": form})


@login_required
@require_GET
def audit_log(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's events, and its members' sign-ins and account events; CSV has them all."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    if request.GET.get("format") == "csv":
        rows = export_rows(access.organisation, request)
        response = HttpResponse(
            csv_text(AUDIT_HEADER, rows), content_type="text/csv; charset=utf-8"
        )
        response["Content-Disposition"] = 'attachment; filename="audit-log.csv"'
        return response
    return render(
        request,
        "organisations/audit.html",
        {"access": access, "events": organisation_events(access.organisation)[:AUDIT_PAGE]},
    )


AUDIT_PAGE = 500  # the page shows the newest events; the CSV export holds every one


def _chosen_round(rounds: list[Round], wanted: str | None) -> Round | None:
    """The round asked for, else the latest round with a submitted response, else the latest."""
    if wanted and wanted.isdigit():
        for round_ in rounds:
            if round_.id == int(wanted):
                return round_
    answered = set(
        Response.objects.filter(
            round__in=rounds, source="self", submitted_at__isnull=False
        ).values_list("round_id", flat=True)
    )
    with_responses = [round_ for round_ in rounds if round_.id in answered]
    chosen = with_responses or rounds
    return chosen[0] if chosen else None


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
    invitation, state = look_up(token)
    if invitation is None or state != "pending":
        refused = {"invalid": True, "state": state}
        return render(request, "organisations/invitation.html", refused, status=404)
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
        assert not document["suppressed"]
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


def _report_content(kind: str, html: str, sheets: Sheets) -> tuple[bytes | str, str]:
    suffix = kind.rsplit(".", 1)[1]
    if suffix == "pdf":
        return html_to_pdf(html), CONTENT_TYPES["pdf"]
    if suffix == "xlsx":
        return workbook_bytes(sheets), CONTENT_TYPES["xlsx"]
    return html, CONTENT_TYPES["html"]


def _table_content(kind: str, sheets: Sheets) -> tuple[bytes | str, str]:
    if kind.endswith(".xlsx"):
        return workbook_bytes(sheets), CONTENT_TYPES["xlsx"]
    [(header, rows)] = sheets.values()
    return csv_text(header, rows), CONTENT_TYPES["csv"]


@login_required
@require_http_methods(["GET", "POST"])
def settings_page(request: HttpRequest, slug: str) -> HttpResponse:
    """The organisation's name, currency, minimum group size and record age; owners and admins."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    # A copy: a form that fails validation changes its instance, and the page's header shows
    # the organisation as it is saved.
    form = SettingsForm(request.POST or None, instance=copy.copy(access.organisation))
    if request.method == "POST":
        try:
            change_settings(access.organisation, request.POST, request)
            messages.success(request, "The settings are saved.")
            return redirect("organisation_settings", slug=slug)
        except InputError:
            pass  # `form` holds the same data, so the page shows the errors by their fields
    return render(
        request,
        "organisations/settings.html",
        {"access": access, "form": form},
        status=400 if form.errors else 200,
    )
