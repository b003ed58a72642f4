"""The owner's SCIM provisioning page: the organisation's tokens, a new one shown once with the
SCIM base URL, and revoking one."""

from __future__ import annotations

from typing import Any

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.http import HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.views.decorators.http import require_http_methods, require_POST

from eaism.web.accounts.tokens import NAME_LENGTH
from eaism.web.input_error import InputError
from eaism.web.organisations.access import access_for, require
from eaism.web.organisations.models import Role
from eaism.web.provisioning.tokens import create_token, revoke_token, tokens_of
from eaism.web.provisioning.views import BASE_PATH


@login_required
@require_http_methods(["GET", "POST"])
def scim_tokens(request: HttpRequest, slug: str) -> HttpResponse:
    """Owners only: the tokens, and a POST that creates one and shows its secret, this once."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.role == Role.OWNER)
    context: dict[str, Any] = {
        "access": access,
        "name": "",
        "errors": {},
        "name_length": NAME_LENGTH,
        "base_url": request.build_absolute_uri(BASE_PATH),
    }
    status = 200
    if request.method == "POST":
        context["name"] = request.POST.get("name", "")
        try:
            context["created"], context["secret"] = create_token(
                request, access.organisation, context["name"], request.user
            )
            context["name"] = ""
            status = 201
        except InputError as error:
            context["errors"] = {error.field: error.message}
            status = 400
    context["tokens"] = list(tokens_of(access.organisation))
    return render(request, "provisioning/tokens.html", context, status=status)


@login_required
@require_POST
def revoke(request: HttpRequest, slug: str, token_id: int) -> HttpResponse:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.role == Role.OWNER)
    token = revoke_token(request, access.organisation, token_id)
    messages.success(request, f"The SCIM token “{token.name}” is revoked.")
    return redirect("scim_tokens", slug=slug)
