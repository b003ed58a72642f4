"""mozilla-django-oidc's authorization code flow, with one organisation's provider at a time.

The library reads its settings globally (`get_settings`); here they come from the provider the
sign-in was started for, so each organisation has its own issuer, client and claims. The
library does the token request (with the PKCE verifier), fetches the provider's JWKS and checks
the ID token's signature, algorithm, expiry and nonce; `failures.check_id_token` adds the
issuer and audience checks it leaves out. What a verified sign-in does to accounts is in
`joining.py`.
"""

from __future__ import annotations

import time
from typing import Any

from django.contrib.auth import get_user_model
from django.core.exceptions import ImproperlyConfigured
from mozilla_django_oidc.auth import OIDCAuthenticationBackend

from eaism.web.accounts.backends import left_the_roster
from eaism.web.organisations.models import Organisation
from eaism.web.sso.configuration import TIMEOUT_SECONDS, Discovery
from eaism.web.sso.failures import SignInError, check_header, check_id_token
from eaism.web.sso.joining import signed_in_account
from eaism.web.sso.provider import Provider

BACKEND = "eaism.web.sso.backend.SignInBackend"
CALLBACK = "sso_callback"  # the one redirect URI of every organisation: /sso/callback/


def library_settings(provider: Provider, found: Discovery) -> dict[str, Any]:
    """The library's settings for one provider."""
    return {
        "OIDC_OP_AUTHORIZATION_ENDPOINT": found.authorization_endpoint,
        "OIDC_OP_TOKEN_ENDPOINT": found.token_endpoint,
        "OIDC_OP_USER_ENDPOINT": found.userinfo_endpoint,
        "OIDC_OP_JWKS_ENDPOINT": found.jwks_uri,
        "OIDC_RP_CLIENT_ID": provider.client_id,
        "OIDC_RP_CLIENT_SECRET": provider.client_secret,
        "OIDC_RP_SIGN_ALGO": found.algorithm,
        "OIDC_RP_IDP_SIGN_KEY": None,
        "OIDC_RP_SCOPES": provider.scopes,
        "OIDC_USE_NONCE": True,
        "OIDC_USE_PKCE": True,
        "OIDC_PKCE_CODE_CHALLENGE_METHOD": "S256",
        "OIDC_ALLOW_UNSECURED_JWT": False,
        "OIDC_VERIFY_KID": True,
        "OIDC_VERIFY_SSL": True,
        "OIDC_TIMEOUT": TIMEOUT_SECONDS,
        "OIDC_PROXY": None,
        "OIDC_TOKEN_USE_BASIC_AUTH": True,  # client_secret_basic: every provider must accept it
        "OIDC_STORE_ACCESS_TOKEN": False,
        "OIDC_STORE_ID_TOKEN": True,  # the hint for the provider's end-session page
        "OIDC_AUTHENTICATION_CALLBACK_URL": CALLBACK,
        "OIDC_REDIRECT_FIELD_NAME": "next",
        "OIDC_REDIRECT_REQUIRE_HTTPS": False,
        "OIDC_REDIRECT_ALLOWED_HOSTS": [],
        "OIDC_STATE_SIZE": 32,
        "OIDC_NONCE_SIZE": 32,
        "OIDC_PKCE_CODE_VERIFIER_SIZE": 64,
        "OIDC_MAX_STATES": 50,
    }


class ProviderSettings:
    """`get_settings` from one provider's values instead of Django's settings."""

    values: dict[str, Any]

    def get_settings(self, name: str, *default: Any) -> Any:  # type: ignore[override]
        if name in self.values:
            return self.values[name]
        if default:
            return default[0]
        raise ImproperlyConfigured(f"single sign-on has no setting {name}")


class SignInBackend(ProviderSettings, OIDCAuthenticationBackend):
    """Listed in AUTHENTICATION_BACKENDS so that SSO sessions find their account again; it
    signs in only when the callback hands it a provider (`for_provider`)."""

    def __init__(self, *args: Any, **kwargs: Any) -> None:
        self.UserModel = get_user_model()
        self.values = {}
        self.provider: Provider | None = None

    @classmethod
    def for_provider(
        cls, provider: Provider, found: Discovery, organisation: Organisation
    ) -> SignInBackend:
        backend = cls()
        backend.provider = provider
        backend.organisation = organisation
        backend.values = library_settings(provider, found)
        for name in ("OIDC_OP_TOKEN_ENDPOINT", "OIDC_OP_USER_ENDPOINT", "OIDC_OP_JWKS_ENDPOINT"):
            setattr(backend, name, backend.values[name])
        for name in ("OIDC_RP_CLIENT_ID", "OIDC_RP_CLIENT_SECRET", "OIDC_RP_SIGN_ALGO"):
            setattr(backend, name, backend.values[name])
        backend.OIDC_RP_IDP_SIGN_KEY = None
        return backend

    def authenticate(self, request: Any, **kwargs: Any) -> Any:
        """Only the callback signs in here (with a provider); Django's own authenticate()
        calls for passwords pass by."""
        if self.provider is None:
            return None
        return super().authenticate(request, **kwargs)

    def verify_token(self, token: Any, **kwargs: Any) -> Any:
        id_token = "nonce" in kwargs  # the library also calls this for signed userinfo answers
        if id_token:
            check_header(token, self.OIDC_RP_SIGN_ALGO)
        claims = super().verify_token(token, **kwargs)
        if id_token:
            assert self.provider is not None
            check_id_token(claims, self.provider.issuer, self.provider.client_id, time.time())
        return claims

    def get_userinfo(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        """The userinfo answer under the ID token's claims; the two must name the same person
        (OpenID Connect Core 1.0, section 5.3.2)."""
        if not self.OIDC_OP_USER_ENDPOINT:
            return dict(payload)
        answer = super().get_userinfo(access_token, id_token, payload)
        if answer.get("sub") != payload.get("sub"):
            raise SignInError("subject", "the userinfo answer names another subject")
        return {**answer, **payload}

    def get_or_create_user(self, access_token: Any, id_token: Any, payload: Any) -> Any:
        assert self.provider is not None
        claims = self.get_userinfo(access_token, id_token, payload)
        return signed_in_account(self.request, self.provider, self.organisation, claims)

    def get_user(self, user_id: Any) -> Any:
        user = super().get_user(user_id)  # the library's skips Django's is_active check
        return user if user is not None and self.user_can_authenticate(user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        """As for passwords: asked for every request's session, so a deactivated account or a
        person left the roster is signed out."""
        return bool(user.is_active) and not left_the_roster(user)
