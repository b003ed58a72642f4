"""Account pages: a person's own data, downloaded or erased."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods

from eaism.web.accounts.erasure import erase_account
from eaism.web.audit.record import record


@login_required
@require_GET
def my_data(request: HttpRequest) -> HttpResponse:
    """Everything eaism holds about the signed-in person, as one JSON download."""
    user = request.user
    people = list(user.people.select_related("organisation", "team"))  # type: ignore[union-attr]
    document: dict[str, Any] = {
        "format": "eaism.personal-data/1",
        "account": {
            "email": user.email,
            "display_name": user.display_name,
            "joined": user.date_joined.isoformat(),
        },  # type: ignore[union-attr]
        "memberships": [
            {"organisation": m.organisation.name, "role": m.role}
            for m in user.memberships.select_related("organisation")  # type: ignore[union-attr]
        ],
        "people": [_person(person) for person in people],
    }
    record(request, "personal_data_exported", target=user.email)  # type: ignore[union-attr]
    response = JsonResponse(document)
    response["Content-Disposition"] = 'attachment; filename="eaism-my-data.json"'
    request.personal_data = True  # type: ignore[attr-defined]
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Erase the account and its answers; closed rounds keep only counts."""
    if request.method == "GET":
        return render(request, "accounts/delete.html")
    erase_account(request.user, request)  # type: ignore[arg-type]
    return redirect("login")


def _person(person: Any) -> dict[str, Any]:
    return {
        "organisation": person.organisation.name,
        "id": person.external_id,
        "name": person.name,
        "team": person.team.name if person.team else None,
        "role": person.role,
        "title": person.title,
        "responses": [
            {
                "round": response.round.name,
                "source": response.source,
                "submitted_at": response.submitted_at.isoformat()
                if response.submitted_at
                else None,
                "answers": {
                    a.item_id: {
                        "value": a.value,
                        "evidence": a.evidence,
                        "answered_at": a.answered_at.isoformat(),
                    }
                    for a in response.answers.all()
                },
            }
            for response in person.responses.select_related("round")
        ],
    }
