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
    reopen_response,
    save_answer,
    submit_response,
)
from eaism.web.assessments.models import Round
from eaism.web.assessments.questionnaire import Rejected, questionnaire_page
from eaism.web.assessments.results import personal_report_pdf, results_context
from eaism.web.assessments.reviews import review_domain
from eaism.web.assessments.scoring import person_result
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
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
        save_answer(round_, person, parse_answer(item_id, value, evidence))
    except AnswerError as error:
        rejected = Rejected(error, item_id, value, evidence)
        context = questionnaire_page(round_, person, domain, focus=True, rejected=rejected)
        return _questionnaire(request, access, context, status=400)
    if request.htmx:  # type: ignore[attr-defined]
        return _questionnaire(request, access, questionnaire_page(round_, person, domain))
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
    result = person_result(round_, person)
    if request.GET.get("format") == "json":
        if result is None:
            return JsonResponse({"error": "no answers yet"}, status=404)
        record(request, "result_exported", access.organisation, person.external_id, round=round_.id)
        response = JsonResponse(person_document(current_edition(), result))
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


@login_required
@require_POST
def review(request: HttpRequest, slug: str, round_id: int, person_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person) and person.user_id != request.user.id)
    typed = {field: request.POST.get(field, "") for field in ("domain", "level", "note")}
    try:
        review = review_domain(
            round_, person, request.user, typed["domain"], typed["level"], typed["note"]
        )
    except AnswerError as error:
        return _results(
            request, access, round_, person, errors={error.field: error.message}, typed=typed
        )
    record(
        request,
        "domain_reviewed",
        access.organisation,
        person.external_id,
        domain=review.domain,
        level=review.level,
    )
    return redirect("person_results", slug=slug, round_id=round_id, person_id=person_id)
