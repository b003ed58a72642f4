"""Account pages: a person's own data, downloaded or erased; their API tokens; the end of a
password reset, audited."""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import views as auth_views
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_GET, require_http_methods, require_POST

from eaism.web.accounts.erasure import erase_account
from eaism.web.accounts.tokens import NAME_LENGTH, create_token, revoke_token, tokens_of
from eaism.web.audit.record import record, record_account_event
from eaism.web.input_error import InputError


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
    return response


@login_required
@require_http_methods(["GET", "POST"])
def delete_account(request: HttpRequest) -> HttpResponse:
    """Erase the account and its answers; closed rounds keep only counts."""
    if request.method == "GET":
        return render(request, "accounts/delete.html")
    erase_account(request.user, request)  # type: ignore[arg-type]
    return redirect("login")


@login_required
@require_http_methods(["GET", "POST"])
def tokens(request: HttpRequest) -> HttpResponse:
    """The account's API tokens; a POST creates one and shows its secret, this once."""
    context: dict[str, Any] = {
        "name": "",
        "errors": {},
        "name_length": NAME_LENGTH,
        "days": settings.EAISM_TOKEN_DAYS,
    }
    status = 200
    if request.method == "POST":
        context["name"] = request.POST.get("name", "")
        try:
            context["created"], context["secret"] = create_token(
                request,
                request.user,  # type: ignore[arg-type]
                context["name"],
            )
            context["name"] = ""
            status = 201
        except InputError as error:
            context["errors"] = {error.field: error.message}
            status = 400
    context["tokens"] = list(tokens_of(request.user))  # type: ignore[arg-type]
    return render(request, "accounts/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, token_id: int) -> HttpResponse:
    token = revoke_token(request, request.user, token_id)  # type: ignore[arg-type]
    messages.success(request, f"The token “{token.name}” is revoked.")
    return redirect("tokens")


class PasswordResetConfirm(auth_views.PasswordResetConfirmView):
    """Django's last step of a password reset, with the completed reset in the audit log (the
    new password also revokes the account's API tokens, in User.save)."""

    template_name = "accounts/password_reset_page.html"

    def form_valid(self, form: Any) -> HttpResponse:
        response = super().form_valid(form)
        record_account_event(form.user, "password_reset", self.request, target=form.user.email)
        return response


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
