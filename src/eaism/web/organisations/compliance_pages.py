"""The compliance page: competence records per AI system, their gaps and planned actions, and
the evidence pack as PDF, XLSX and JSON. Owners and admins see names; analysts see counts."""

from __future__ import annotations

import json

from django.contrib.auth.decorators import login_required
from django.db.models import QuerySet
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.views.decorators.http import require_http_methods

from eaism.analysis.competence import ACTION_KINDS
from eaism.reports.validity_html import validity_html
from eaism.web.assessments.models import Round
from eaism.web.assessments.validity import may_read_validity, round_validity
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.compliance import (
    FORMATS,
    compliance_for,
    pack_pdf,
    pack_workbook,
    readable_round,
)
from eaism.web.organisations.involvements import plan_action, system_of
from eaism.web.organisations.requirements import (
    raise_requirement,
    remove_requirement,
    requirement_choices,
)
from eaism.web.organisations.store import analysed_edition

PAGE_RECORDS = 200  # records listed on the page, worst first; the downloads hold every one


@login_required
@require_http_methods(["GET", "POST"])
def compliance(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    error = None
    if request.method == "POST":
        require(access.is_admin)
        try:
            _plan(access, request)
            return redirect("compliance", slug=slug)
        except InputError as refused:
            error = refused
    round_ = _round(access, request.GET.get("round", ""))
    wanted = request.GET.get("format", "")
    if wanted in FORMATS:
        return _download(request, access, round_, wanted)
    if wanted:
        expected = ", ".join(FORMATS)
        error = InputError("format", f"{wanted!r} is not a format; expected one of: {expected}")
    return _page(request, access, round_, error)


@login_required
@require_http_methods(["POST"])
def requirements(request: HttpRequest, slug: str) -> HttpResponse:
    """Raise a required cell above the edition's, or remove one raised before."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    posted = request.POST
    cell = (posted.get("involvement", ""), posted.get("risk_class", ""), posted.get("domain", ""))
    try:
        if posted.get("action") == "remove":
            _remove(access, cell, request)
        else:
            level, why = posted.get("level", ""), posted.get("why", "")
            raise_requirement(access.organisation, *cell, level, why, request)
    except InputError as refused:
        return _page(request, access, _round(access, ""), refused, requirement_error=True)
    return redirect(reverse("compliance", args=[slug]) + "#requirements-heading")


def _remove(access: Access, cell: tuple[str, str, str], request: HttpRequest) -> None:
    try:
        remove_requirement(access.organisation, *cell, request=request)
    except InputError as refused:  # the row chosen, not a field of the form to raise one
        raise InputError("requirement", refused.message) from refused


def _page(
    request: HttpRequest,
    access: Access,
    round_: Round | None,
    error: InputError | None,
    requirement_error: bool = False,
) -> HttpResponse:
    document = compliance_for(access, round_)
    if document["names"]:
        record(request, "competence_records_viewed", access.organisation, round=_id(round_))
    records = [entry for entry in document["records"] or [] if entry["status"] != "ok"]
    context = {
        "access": access,
        "document": document,
        "round": round_,
        "rounds": _rounds(access),
        "records": records[:PAGE_RECORDS],
        "more_records": max(len(records) - PAGE_RECORDS, 0),
        "action_kinds": ACTION_KINDS,
        "error": None if requirement_error else error,
        "requirement_error": error if requirement_error else None,
        "typed": request.POST if error else {},
        "requirement_fields": ("involvement", "risk_class", "domain", "level", "why"),
        **requirement_choices(access.organisation),
    }
    return render(request, "organisations/compliance.html", context, status=400 if error else 200)


def _plan(access: Access, request: HttpRequest) -> None:
    system = system_of(access.organisation, request.POST.get("system", ""))
    plan_action(
        system,
        request.POST.get("person", ""),
        request.POST.get("kind", ""),
        request.POST.get("note", ""),
        request,
    )


def _round(access: Access, wanted: str) -> Round | None:
    if wanted and not wanted.isdigit():
        raise Http404("not found")
    return readable_round(access, int(wanted) if wanted else None)


def _download(
    request: HttpRequest, access: Access, round_: Round | None, wanted: str
) -> HttpResponse:
    document = compliance_for(access, round_)
    if wanted == "pdf":
        edition, validity = analysed_edition(round_), _validity(access, round_)
        content = pack_pdf(edition, document, validity, access.organisation.name)
    elif wanted == "xlsx":
        content = pack_workbook(document)
    else:
        content = json.dumps(document, indent=1).encode()
    name = f"compliance.{wanted}"
    if document["names"]:  # the names of people with gaps leave the app: audited
        record(request, "export_downloaded", access.organisation, name, round=_id(round_))
    response = HttpResponse(content, content_type=FORMATS[wanted])
    response["Content-Disposition"] = f'attachment; filename="{access.organisation.slug}-{name}"'
    return response


def _validity(access: Access, round_: Round | None) -> str | None:
    """The round's validity section for the pack's method, where this reader may read it."""
    if round_ is None or not may_read_validity(access, round_):
        return None
    report = round_validity(round_)
    edition = analysed_edition(round_)
    return str(validity_html(edition, report, round_.name, round_.closed_at or round_.closes_at))


def _rounds(access: Access) -> QuerySet[Round]:
    rounds = access.organisation.rounds.all()
    return rounds if access.is_admin else rounds.filter(status=Round.Status.CLOSED)


def _id(round_: Round | None) -> int | None:
    return round_.id if round_ is not None else None
