"""The reviewer's workspace: the queue, one person's answers to review, and the person's reply
to a request for more evidence. The views parse, call the actions of `reviews`, and render.

Every form works without JavaScript (a POST, then a redirect back to the item's anchor); with
htmx an item's form swaps only its own row. Every view of another person's answers is audited,
and so is each decision.
"""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eaism.web.assessments.models import ItemReview, Round
from eaism.web.assessments.results import RefusedReply, results_context
from eaism.web.assessments.review_queue import STATUSES, may_review, review_queue
from eaism.web.assessments.review_sheet import (
    Rejected,
    Typed,
    anchor,
    decision_for_value,
    review_sheet,
)
from eaism.web.assessments.reviews import (
    answer_request,
    complete_review,
    result_for,
    review_domain,
    review_item,
)
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person

ACTIONS = (*ItemReview.Decision.values, "domain", "done", "resolve")


@login_required
@require_GET
def latest_queue(request: HttpRequest, slug: str) -> HttpResponse:
    """The menu's "Reviews": the queue of the round open now (else the latest round)."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(may_review(access))
    rounds = access.organisation.rounds
    round_ = rounds.filter(status=Round.Status.OPEN).first() or rounds.first()
    if round_ is None:
        return render(request, "organisations/no_round.html", {"access": access})
    return redirect("review_queue", slug=slug, round_id=round_.id)


@login_required
@require_GET
def queue(request: HttpRequest, slug: str, round_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    require(may_review(access))
    chosen = {"status": request.GET.get("status", ""), "team": request.GET.get("team", "")}
    errors: dict[str, str] = {}
    try:
        found = review_queue(access, round_, chosen["status"], chosen["team"])
    except InputError as error:
        errors = {error.field: error.message}
        found = review_queue(access, round_)
    everyone = review_queue(access, round_) if any(chosen.values()) else found
    teams = sorted({(p.person.team_id, p.person.team.name) for p in everyone.rows if p.person.team})
    context = {
        "access": access,
        "round": round_,
        "queue": found,
        "statuses": list(STATUSES.items()),
        "teams": [(str(team_id), name) for team_id, name in teams],
        "chosen": chosen,
        "errors": errors,
    }
    return render(request, "assessments/review_queue.html", context, status=400 if errors else 200)


@login_required
@require_http_methods(["GET", "POST"])
def review(request: HttpRequest, slug: str, round_id: int, person_id: str) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    require(access.may_see_person(person) and person.user_id != request.user.id)
    if request.method == "GET":
        record(request, "answers_viewed", access.organisation, person.external_id, round=round_.id)
        return _page(request, access, round_, person)
    typed = Typed.from_form(request.POST)
    try:
        target = _decide(request, access, round_, person, typed)
    except InputError as error:
        return _page(request, access, round_, person, Rejected(typed, error), status=400)
    if request.htmx and typed.item_id and typed.action != "resolve":  # type: ignore[attr-defined]
        return _page(request, access, round_, person, only_item=typed.item_id)
    url = reverse("review", args=[slug, round_id, person.external_id])
    return redirect(f"{url}#{target}")


def _decide(
    request: HttpRequest, access: Access, round_: Round, person: Person, typed: Typed
) -> str:
    """Carry out one form of the page; the anchor to come back to."""
    # The form of earlier versions sent a domain and a level, without an action.
    action = typed.action or ("domain" if typed.domain else "")
    organisation, target = access.organisation, person.external_id
    if action in ItemReview.Decision.values:
        decided = review_item(
            round_, person, request.user, typed.item_id, action, typed.value, typed.note
        )
        record(
            request,
            "item_reviewed",
            organisation,
            target,
            round=round_.id,
            item=decided.item_id,
            decision=decided.decision,
            value=decided.value,
        )
        return anchor(decided.item_id)
    if action == "domain":
        rated = review_domain(round_, person, request.user, typed.domain, typed.level, typed.note)
        record(
            request,
            "domain_reviewed",
            organisation,
            target,
            round=round_.id,
            domain=rated.domain,
            level=rated.level,
        )
        return f"domain-{rated.domain}"
    if action == "done":
        complete_review(round_, person, request.user)
        record(request, "review_completed", organisation, target, round=round_.id)
        return "done"
    if action == "resolve":
        require(access.is_admin)
        return _resolve(request, access, round_, person, typed)
    expected = ", ".join(ACTIONS)
    raise InputError("action", f"{action!r} is not an action; expected one of: {expected}")


def _resolve(
    request: HttpRequest, access: Access, round_: Round, person: Person, typed: Typed
) -> str:
    """An admin decides a disagreement between two reviewers; nothing decides it by itself."""
    if typed.item_id:
        value = _number(typed.value, "value")
        decision = decision_for_value(round_, person, typed.item_id, value)
        review_item(
            round_,
            person,
            request.user,
            typed.item_id,
            decision,
            value,
            typed.note,
            kind="resolution",
        )
        detail: dict[str, Any] = {"item": typed.item_id, "value": value}
    else:
        rated = review_domain(
            round_, person, request.user, typed.domain, typed.level, typed.note, kind="resolution"
        )
        detail = {"domain": rated.domain, "level": rated.level}
    record(
        request,
        "disagreement_resolved",
        access.organisation,
        person.external_id,
        round=round_.id,
        **detail,
    )
    return "disagreements"


def _number(typed: str, field: str) -> float:
    try:
        return float(typed)
    except ValueError:
        raise InputError(field, "choose a value on the scale") from None


def _page(
    request: HttpRequest,
    access: Access,
    round_: Round,
    person: Person,
    rejected: Rejected | None = None,
    status: int = 200,
    only_item: str = "",
) -> HttpResponse:
    sheet = review_sheet(access, round_, person, rejected)
    context = {"access": access, "round": round_, "sheet": sheet, "person": person}
    wanted = only_item or (rejected.typed.item_id if rejected and request.htmx else "")  # type: ignore[attr-defined]
    row = sheet.item(wanted) if wanted else None
    if row is not None:  # htmx: only the item's row
        context["row"] = row
        return render(request, "assessments/review_item.html", context, status=status)
    return render(request, "assessments/review_person.html", context, status=status)


@login_required
@require_POST
def reply(request: HttpRequest, slug: str, round_id: int, item_id: str) -> HttpResponse:
    """The person answers a reviewer's request for more evidence on one of their answers."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    person = access.require_own_person()
    text = request.POST.get("evidence", "")
    try:
        answer_request(round_, person, item_id, text)
    except InputError as error:
        refused = RefusedReply(item_id, text, error.message)
        result = result_for(access, round_, person)
        context = results_context(access, round_, person, result, refused)
        context.update(errors={}, typed={})
        return render(request, "assessments/results.html", context, status=400)
    record(
        request,
        "evidence_request_answered",
        access.organisation,
        person.external_id,
        round=round_.id,
        item=item_id,
    )
    url = reverse("results", args=[slug, round_id])
    return redirect(f"{url}#your-review")
