"""Assessment pages: the questionnaire, saving answers, submitting, results, reviews and rounds."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.views.decorators.http import require_GET, require_POST

from eaism.scoring.document import person_document
from eaism.web.assessments.answers import (
    AnswerError,
    parse_answer,
    parse_cell_evidence,
    reopen_response,
    save_answer,
    save_cell_evidence,
    submit_response,
)
from eaism.web.assessments.carried import start_from_carried
from eaism.web.assessments.models import Round
from eaism.web.assessments.questionnaire import Rejected, questionnaire_page
from eaism.web.assessments.results import personal_report_pdf, results_context
from eaism.web.assessments.reviews import result_for
from eaism.web.assessments.scoring import round_edition
from eaism.web.audit.record import record
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person


@login_required
@require_GET
def questionnaire(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    context = questionnaire_page(round_, person, request.GET.get("domain"), focus=True)
    return _questionnaire(request, access, context)


def _questionnaire(
    request: HttpRequest, access: Access, context: dict[str, Any], status: int = 200
) -> HttpResponse:
    """The questionnaire page, or only its domain panel for htmx; a refused input is a 400."""
    template = "assessments/domain_panel.html" if request.htmx else "assessments/questionnaire.html"  # type: ignore[attr-defined]
    return render(request, template, {"access": access, **context}, status=status)


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    item_id = request.POST.get("item_id", "")
    value = request.POST.get("value", "")
    evidence = request.POST.get("evidence", "")
    domain = request.POST.get("domain") or None
    try:
        if "item_id" not in request.POST and "level" in request.POST:  # a level's evidence form
            level = request.POST["level"]
            still_true = request.POST.get("still_true") == "1"
            edition = round_edition(round_)
            cell = parse_cell_evidence(domain or "", level, evidence, still_true, edition)
            save_cell_evidence(round_, person, cell)
        else:
            parsed = parse_answer(item_id, value, evidence, round_edition(round_))
            save_answer(round_, person, parsed)
    except AnswerError as error:
        typed_cell = (domain or "", _number(request.POST.get("level", "")))
        rejected = Rejected(error, item_id, value, evidence, None if item_id else typed_cell)
        context = questionnaire_page(round_, person, domain, focus=True, rejected=rejected)
        return _questionnaire(request, access, context, status=400)
    if request.htmx:  # type: ignore[attr-defined]
        return _questionnaire(request, access, questionnaire_page(round_, person, domain))
    url = f"/o/{slug}/rounds/{round_id}/assess/" + (f"?domain={domain}" if domain else "")
    return redirect(url)


def _number(typed: str) -> int:
    return int(typed) if typed.isdigit() else -1


@login_required
@require_POST
def carry(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    """Start one's response in a round on a newer edition from last round's carried answers."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    domain = request.POST.get("domain") or None
    try:
        start_from_carried(round_, person)
    except AnswerError as error:
        context = questionnaire_page(round_, person, domain, rejected=Rejected(error))
        return _questionnaire(request, access, context, status=400)
    url = f"/o/{slug}/rounds/{round_id}/assess/" + (f"?domain={domain}" if domain else "")
    return redirect(url)


@login_required
@require_POST
def submit(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    try:
        submit_response(round_, person)
    except AnswerError as error:
        context = questionnaire_page(
            round_, person, request.POST.get("domain") or None, rejected=Rejected(error)
        )
        return _questionnaire(request, access, context, status=400)
    return redirect("results", slug=slug, round_id=round_id)


@login_required
@require_POST
def reopen(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    """Take one's own submitted response back while the round is open, to change answers."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    try:
        reopen_response(round_, person)
    except AnswerError as error:
        return _results(request, access, round_, person, errors={error.field: error.message})
    record(request, "response_reopened", access.organisation, person.external_id, round=round_.id)
    return redirect("questionnaire", slug=slug, round_id=round_id)


@login_required
@require_GET
def results(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    return _results(request, access, round_, access.require_own_person())


@login_required
@require_GET
def person_results(request: HttpRequest, slug: str, round_id: int, person_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person))
    if person.user_id != request.user.id:
        record(request, "result_viewed", access.organisation, person.external_id, round=round_.id)
    return _results(request, access, round_, person)


def _results(
    request: HttpRequest,
    access: Access,
    round_: Round,
    person: Person,
    errors: dict[str, str] | None = None,
    typed: dict[str, str] | None = None,
) -> HttpResponse:
    result = result_for(access, round_, person)
    if request.GET.get("format") == "json":
        if result is None:
            return JsonResponse({"error": "no answers yet"}, status=404)
        record(request, "result_exported", access.organisation, person.external_id, round=round_.id)
        response = JsonResponse(person_document(round_edition(round_), result))
        response["Content-Disposition"] = (
            f'attachment; filename="eaism-result-{person.external_id}.json"'
        )
        return response
    if request.GET.get("format") == "pdf" and result is not None:
        record(
            request,
            "result_exported",
            access.organisation,
            person.external_id,
            round=round_.id,
            format="pdf",
        )
        response = HttpResponse(
            personal_report_pdf(round_, person, result), content_type="application/pdf"
        )
        response["Content-Disposition"] = (
            f'attachment; filename="eaism-report-{person.external_id}.pdf"'
        )
        return response
    context = results_context(access, round_, person, result)
    context.update(errors=errors or {}, typed=typed or {})
    return render(request, "assessments/results.html", context, status=400 if errors else 200)
