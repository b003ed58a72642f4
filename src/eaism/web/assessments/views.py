"""Assessment pages: the questionnaire, saving answers, submitting, results, reviews and rounds."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eaism.scoring.document import person_document
from eaism.web.assessments.answers import AnswerError, parse_answer, save_answer, submit_response
from eaism.web.assessments.models import ReviewedDomain, Round
from eaism.web.assessments.questionnaire import questionnaire_page
from eaism.web.assessments.results import personal_report_pdf, results_context
from eaism.web.assessments.scoring import person_result, store_score
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person
from eaism.web.organisations.store import organisation_changed


@login_required
@require_GET
def questionnaire(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    context = questionnaire_page(round_, person, request.GET.get("domain"))
    request.personal_data = True  # type: ignore[attr-defined]
    template = "assessments/domain_panel.html" if request.htmx else "assessments/questionnaire.html"  # type: ignore[attr-defined]
    return render(request, template, {"access": access, **context})


@login_required
@require_POST
def answer(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    try:
        saved = parse_answer(
            request.POST.get("item_id", ""),
            request.POST.get("value", ""),
            request.POST.get("evidence", ""),
        )
        save_answer(round_, person, saved)
    except AnswerError as error:
        return HttpResponse(str(error), status=400, content_type="text/plain")
    domain = request.POST.get("domain") or None
    if request.htmx:  # type: ignore[attr-defined]
        context = questionnaire_page(round_, person, domain)
        request.personal_data = True  # type: ignore[attr-defined]
        return render(request, "assessments/domain_panel.html", {"access": access, **context})
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
        return HttpResponse(str(error), status=400, content_type="text/plain")
    return redirect("results", slug=slug, round_id=round_id)


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


def _results(request: HttpRequest, access: Access, round_: Round, person: Person) -> HttpResponse:
    request.personal_data = True  # type: ignore[attr-defined]
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
    return render(request, "assessments/results.html", context)


@login_required
@require_POST
def review(request: HttpRequest, slug: str, round_id: int, person_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person) and person.user_id != request.user.id)
    if not round_.is_open:
        return HttpResponse(
            "round: the round is closed; its results are frozen",
            status=400,
            content_type="text/plain",
        )
    domain = request.POST.get("domain", "")
    edition = current_edition()
    if domain not in edition.domain_ids:
        return HttpResponse(
            f"domain: {domain!r} is not a domain", status=400, content_type="text/plain"
        )
    allowed = (0, *edition.domain(domain).applicable_levels)
    level = request.POST.get("level", "")
    if not level.isdigit() or int(level) not in allowed:
        return HttpResponse(
            f"level: {level!r} is not a level of {domain} {allowed}",
            status=400,
            content_type="text/plain",
        )
    ReviewedDomain.objects.update_or_create(
        round=round_,
        person=person,
        domain=domain,
        defaults={
            "level": int(level),
            "note": request.POST.get("note", "")[:2000],
            "reviewer": request.user,
        },
    )
    record(
        request,
        "domain_reviewed",
        access.organisation,
        person.external_id,
        domain=domain,
        level=int(level),
    )
    store_score(round_, person)
    return redirect("person_results", slug=slug, round_id=round_id, person_id=person_id)


@login_required
@require_http_methods(["GET", "POST"])
def rounds(request: HttpRequest, slug: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    if request.method == "POST":
        require(access.is_admin)
        name = request.POST.get("name", "").strip()
        if not name:
            return HttpResponse(
                "name: give the round a name", status=400, content_type="text/plain"
            )
        created = Round.objects.create(
            organisation=access.organisation, name=name[:200], edition=current_edition().id
        )
        record(request, "round_opened", access.organisation, created.name)
        organisation_changed(access.organisation.id)
        return redirect("rounds", slug=slug)
    from eaism.web.assessments.progress import response_rates

    rows = [(round_, response_rates(round_)) for round_ in access.organisation.rounds.all()]
    return render(request, "assessments/rounds.html", {"access": access, "rows": rows})


@login_required
@require_POST
def close_round(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    if round_.is_open:
        round_.status = Round.Status.CLOSED
        round_.closed_at = timezone.now()
        round_.save(update_fields=["status", "closed_at"])
        record(request, "round_closed", access.organisation, round_.name)
        organisation_changed(access.organisation.id)
    return redirect("rounds", slug=slug)
