"""Single sign-on pages: the start of a sign-in at an organisation's provider, the one callback
every provider returns to, and the organisation finder of the sign-in page.

A refused sign-in is a page in the site's layout saying so in plain words (403, or 400 for a
request that does not belong to a sign-in), with an `sso.sign_in_failed` audit entry that
names the reason; nothing is created for it.
"""

from __future__ import annotations

from typing import Any
from urllib.parse import parse_qs, urlencode, urlsplit

import requests
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.http import require_GET
from mozilla_django_oidc.views import OIDCAuthenticationCallbackView, OIDCAuthenticationRequestView

from eaism.web.audit.record import record
from eaism.web.organisations.models import Organisation
from eaism.web.sso.backend import BACKEND, ProviderSettings, SignInBackend, library_settings
from eaism.web.sso.configuration import DiscoveryError, discovery, provider_for
from eaism.web.sso.failures import SignInError, failure_of
from eaism.web.sso.provider import Provider

STATES = "oidc_states"  # the library's session key: state -> nonce and PKCE verifier
# Reasons that mean the request is not part of a sign-in this browser started: a 400.
NOT_A_SIGN_IN = frozenset({"state"})


class SignInStart(ProviderSettings, OIDCAuthenticationRequestView):
    """The library's authentication request (state, nonce, PKCE S256) for one organisation;
    the session remembers which organisation each state belongs to."""

    def __init__(self, **kwargs: Any) -> None:
        super(OIDCAuthenticationRequestView, self).__init__(**kwargs)
        self.values = {}

    def get(self, request: HttpRequest, slug: str) -> HttpResponse:  # type: ignore[override]
        organisation = get_object_or_404(Organisation, slug=slug)
        provider = provider_for(organisation)
        if provider is None:
            raise Http404("no single sign-on")
        try:
            found = discovery(provider.issuer)
        except DiscoveryError as error:
            return failed(request, organisation, SignInError("discovery", str(error)))
        self.values = library_settings(provider, found)
        self.OIDC_OP_AUTH_ENDPOINT = found.authorization_endpoint
        self.OIDC_RP_CLIENT_ID = provider.client_id
        response = super().get(request)
        state = parse_qs(urlsplit(response["Location"]).query)["state"][0]
        request.session[STATES][state]["organisation"] = organisation.slug
        request.session.modified = True
        return response


class SignInCallback(OIDCAuthenticationCallbackView):
    """Where every provider sends the browser back with a code (or an error)."""

    def get(self, request: HttpRequest) -> HttpResponse:  # type: ignore[override]
        pending = _take_state(request)
        organisation = (
            Organisation.objects.filter(slug=pending.get("organisation", "")).first()
            if pending
            else None
        )
        if pending is None or organisation is None:
            return failed(request, None, SignInError("state", "unknown or already used state"))
        if request.GET.get("error"):
            detail = f"{request.GET['error']}: {request.GET.get('error_description', '')}"
            return failed(request, organisation, SignInError("provider_error", detail[:500]))
        try:
            self.user = _authenticate(request, organisation, pending)
        except SignInError as failure:
            return failed(request, organisation, failure)
        return self._signed_in(request, organisation)

    def _signed_in(self, request: HttpRequest, organisation: Organisation) -> HttpResponse:
        self.user.backend = BACKEND
        response = self.login_success()
        record(request, "sso.sign_in", organisation, self.user.email)
        return response

    @property
    def success_url(self) -> str:
        return self.request.session.get("oidc_login_next") or "/"

    @staticmethod
    def get_settings(name: str, *default: Any) -> Any:
        return {"OIDC_RENEW_ID_TOKEN_EXPIRY_SECONDS": 15 * 60}.get(name, *default)


def _take_state(request: HttpRequest) -> dict[str, Any] | None:
    """The sign-in this callback belongs to, taken out of the session so it is used only once."""
    states = request.session.get(STATES)
    state = request.GET.get("state", "")
    if not isinstance(states, dict) or state not in states:
        return None
    pending = states.pop(state)
    request.session.modified = True
    request.session.save()
    return pending if isinstance(pending, dict) else None


def _authenticate(request: HttpRequest, organisation: Organisation, pending: dict[str, Any]) -> Any:
    provider: Provider | None = provider_for(organisation)
    if provider is None:
        raise SignInError("not_configured", organisation.slug)
    if not request.GET.get("code"):
        raise SignInError("provider_error", "no code in the answer")
    try:
        found = discovery(provider.issuer)
    except DiscoveryError as error:
        raise SignInError("discovery", str(error)) from error
    backend = SignInBackend.for_provider(provider, found, organisation)
    try:
        user = backend.authenticate(
            request, nonce=pending.get("nonce"), code_verifier=pending.get("code_verifier")
        )
    except requests.RequestException as error:
        raise SignInError("token_request", str(error)[:500]) from error
    except Exception as error:  # the library's refusals: SuspiciousOperation, PyJWT errors
        raise failure_of(error) from error
    if user is None:
        raise SignInError("token_request", "no ID token in the answer")
    return user


def failed(
    request: HttpRequest, organisation: Organisation | None, failure: SignInError
) -> HttpResponse:
    record(
        request, "sso.sign_in_failed", organisation, f"reason: {failure.reason}",
        actor_label="single sign-on",
        reason=failure.reason, detail=failure.detail,
    )  # fmt: skip
    status = 400 if failure.reason in NOT_A_SIGN_IN else 403
    context = {"failure": failure, "organisation": organisation}
    return render(request, "sso/failed.html", context, status=status)


@require_GET
def find(request: HttpRequest) -> HttpResponse:
    """The sign-in page's "Sign in with your organisation" form: its short name, answered by a
    link to the organisation's provider."""
    slug = request.GET.get("organisation", "").strip().lower()
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is not None and provider_for(organisation) is not None:
        # A page with a link, not a redirect: the sign-in page's form may only lead to this
        # site (its content security policy has form-action 'self', redirects included).
        start = reverse("sso_start", kwargs={"slug": slug})
        next_url = request.GET.get("next", "")
        start += "?" + urlencode({"next": next_url}) if next_url else ""
        return render(request, "sso/continue.html", {"organisation": organisation, "start": start})
    context = {
        "next": request.GET.get("next", ""),
        "organisation": slug,
        "organisation_error": f"No organisation with the short name {slug!r} signs in through an identity provider here; check the name with your administrator."
        if slug
        else "Enter your organisation's short name.",
    }
    return render(request, "accounts/login.html", context, status=400)
