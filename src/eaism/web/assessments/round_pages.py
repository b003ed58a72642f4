"""Rounds pages: the list and opening a round, one round's response rates, invitations,
reminders and e-mail log, and closing it. Each action is a function of rounds or outreach."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db.models import Count
from django.forms import Form
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eaism.analysis.validity import validity_document
from eaism.reports.validity_html import validity_html
from eaism.web.assessments.models import Round
from eaism.web.assessments.outreach import (
    Queued,
    queue_invitations,
    queue_reminders,
    round_response_rates,
)
from eaism.web.assessments.round_forms import InvitationForm, ReminderForm, RoundForm
from eaism.web.assessments.rounds import close_round, open_round
from eaism.web.assessments.scoring import round_edition
from eaism.web.assessments.validity import may_read_validity, round_export, round_validity
from eaism.web.audit.record import record
from eaism.web.input_error import InputError, show_on
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.outbox.models import Message

LOG_LENGTH = 20  # the newest messages of the round
FAILURES_SHOWN = 200  # failed messages, listed above the log


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    form = RoundForm(access.organisation, request.POST or None)
    if request.method == "POST":
        require(access.is_admin)
        if form.is_valid():
            try:
                created = open_round(
                    access.organisation, form.request(), form.edition_id(), request
                )
            except InputError as error:
                show_on(form, error)
            else:
                messages.success(request, f"Round '{created.name}' is open.")
                return redirect("round_detail", slug=slug, round_id=created.id)
    rows = [
        (round_, round_response_rates(round_))
        for round_ in access.organisation.rounds.prefetch_related("teams")
    ]
    context = {"access": access, "rows": rows, "form": form}
    return render(request, "assessments/rounds.html", context, status=400 if form.errors else 200)


@login_required
@require_http_methods(["GET"])
def round_detail(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    return _detail(request, access, access.round(round_id))


@login_required
@require_POST
def invitations(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    form = InvitationForm(access.organisation, request.POST)
    selected = request.POST.getlist("person_ids") or None  # ticked on the people list
    if form.is_valid():
        try:
            queued = queue_invitations(
                round_, team=form.cleaned_data["team"] or None, person_ids=selected, request=request
            )
        except InputError as error:
            show_on(form, error)
        else:
            messages.success(request, _queued_text(queued, "invitation"))
            return redirect("round_detail", slug=slug, round_id=round_id)
    return _detail(request, access, round_, invitation_form=form, status=400)


@login_required
@require_POST
def reminders(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    form = ReminderForm(request.POST)
    if form.is_valid():
        try:
            queued = queue_reminders(round_, form.cleaned_data["kind"], request=request)
        except InputError as error:
            show_on(form, error)
        else:
            messages.success(request, _queued_text(queued, "reminder"))
            return redirect("round_detail", slug=slug, round_id=round_id)
    return _detail(request, access, round_, reminder_form=form, status=400)


@login_required
@require_POST
def close(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    if close_round(round_, request):
        messages.success(request, f"Round '{round_.name}' is closed; its results are frozen.")
    return redirect("rounds", slug=slug)


def _detail(
    request: HttpRequest,
    access: Access,
    round_: Round,
    status: int = 200,
    **forms: Form,
) -> HttpResponse:
    log = Message.objects.filter(round=round_).select_related("person")
    context: dict[str, Any] = {
        "access": access,
        "round": round_,
        "rates": round_response_rates(round_),
        "teams": list(round_.teams.values_list("name", flat=True)),
        "log": log[:LOG_LENGTH],
        "failures": log.filter(state=Message.State.FAILED)[:FAILURES_SHOWN],
        "states": _state_counts(round_),
        "invitation_form": forms.get("invitation_form") or InvitationForm(access.organisation),
        "reminder_form": forms.get("reminder_form") or ReminderForm(),
    }
    return render(request, "assessments/round.html", context, status=status)


def _state_counts(round_: Round) -> list[tuple[str, int]]:
    grouped = Message.objects.filter(round=round_).values("state").annotate(count=Count("id"))
    counts = {row["state"]: row["count"] for row in grouped}
    return [(label, counts.get(state, 0)) for state, label in Message.State.CHOICES]


def _queued_text(queued: Queued, noun: str) -> str:
    text = f"{queued.queued} {noun}{'' if queued.queued == 1 else 's'} queued for sending."
    if queued.without_address:
        text += f" {queued.without_address} without an e-mail address left out."
    if queued.already_invited:
        text += f" {queued.already_invited} already invited."
    return text


@login_required
@require_GET
def validity(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    """The round's validity report, its JSON twin, and (for admins) the export for the CLI."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    require(may_read_validity(access, round_))
    wanted = request.GET.get("format", "")
    if wanted == "export":
        require(access.is_admin)
        record(
            request, "export_downloaded", access.organisation, "round-export.json", round=round_.id
        )
        response = JsonResponse(round_export(round_), json_dumps_params={"indent": 1})
        response["Content-Disposition"] = f'attachment; filename="{slug}-round-{round_.id}.json"'
        return response
    record(request, "validity_viewed", access.organisation, round_.name, round=round_.id)
    edition = round_edition(round_)
    report = round_validity(round_)
    if wanted == "json":
        return JsonResponse(validity_document(edition, report))
    section = validity_html(edition, report, round_.name, round_.closed_at or round_.closes_at)
    context = {"access": access, "round": round_, "section": section}
    return render(request, "assessments/validity.html", context)
