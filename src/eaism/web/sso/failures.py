"""Why a single sign-on failed: one reason word for the audit log, and plain words for the page.

`check_id_token` is the one function of ours on top of mozilla-django-oidc's ID-token checks.
The library checks the signature against the provider's JWKS with the one expected algorithm
(so `alg: none` is refused), `exp` when present (PyJWT), and the nonce; it leaves out the
issuer and the audience, and lets a token without `exp` through. Those are checked here, as
OpenID Connect Core 1.0 section 3.1.3.7 asks.
"""

from __future__ import annotations

from typing import Any

import jwt
from django.core.exceptions import SuspiciousOperation

LEEWAY_SECONDS = 60  # clock difference allowed between the provider and this server
REASONS = {
    "not_configured": "the organisation has no single sign-on",
    "state": "the sign-in was not started in this browser, or it was already completed",
    "provider_error": "the identity provider ended the sign-in with an error",
    "discovery": "the identity provider's discovery document could not be used",
    "token_request": "the identity provider did not give an ID token for the code",
    "algorithm": "the ID token is not signed with the provider's algorithm",
    "signature": "the ID token's signature does not match the provider's keys",
    "issuer": "the ID token comes from another issuer",
    "audience": "the ID token was issued for another client",
    "expired": "the ID token has expired or has no expiry",
    "nonce": "the ID token's nonce is missing or belongs to another sign-in (a replay)",
    "token_invalid": "the ID token is malformed",
    "subject": "the identity provider's answers name different people",
    "email_missing": "the identity provider sent no e-mail address",
    "email_unverified": "the identity provider has not verified the e-mail address",
    "account_inactive": "the account is deactivated",
    "person_inactive": "the person is deactivated in the organisation",
    "account_elsewhere": "an account with this e-mail address belongs to another organisation",
}


class SignInError(Exception):
    """A refused sign-in: `reason` is a key of REASONS; `detail` says more, for the audit log."""

    def __init__(self, reason: str, detail: str = "") -> None:
        super().__init__(f"{reason}: {detail}" if detail else reason)
        self.reason = reason
        self.detail = detail

    @property
    def explanation(self) -> str:
        return REASONS[self.reason]


def check_header(token: Any, algorithm: str) -> None:
    """Before any key is looked up: a token signed with another algorithm (`none` among them)
    is refused, whatever keys the provider publishes."""
    try:
        header = jwt.get_unverified_header(str(token or ""))
    except jwt.InvalidTokenError as error:
        raise SignInError("token_invalid", str(error)) from error
    if header.get("alg") != algorithm:
        raise SignInError("algorithm", f"alg {header.get('alg')!r}, expected {algorithm!r}")


def check_id_token(claims: dict[str, Any], issuer: str, client_id: str, now: float) -> None:
    """The checks the library leaves out: issuer, audience (and authorised party), and an
    expiry that must be there."""
    if claims.get("iss") != issuer:
        raise SignInError("issuer", f"iss {claims.get('iss')!r}, expected {issuer!r}")
    audience = claims.get("aud")
    audiences = audience if isinstance(audience, list) else [audience]
    if client_id not in audiences:
        raise SignInError("audience", f"aud {audience!r}, expected {client_id!r}")
    if len(audiences) > 1 and claims.get("azp") != client_id:
        raise SignInError("audience", f"azp {claims.get('azp')!r}, expected {client_id!r}")
    expiry = claims.get("exp")
    if not isinstance(expiry, int | float) or isinstance(expiry, bool):
        raise SignInError("expired", "no exp claim")
    if expiry + LEEWAY_SECONDS < now:
        raise SignInError("expired", f"exp {expiry}, now {int(now)}")
    if not claims.get("sub"):
        raise SignInError("subject", "no sub claim")


def failure_of(error: Exception) -> SignInError:
    """The library's refusals as reasons."""
    if isinstance(error, SignInError):
        return error
    if isinstance(error, jwt.ExpiredSignatureError):
        return SignInError("expired", str(error))
    if isinstance(error, jwt.InvalidTokenError):
        return SignInError("token_invalid", str(error))
    message = str(error)
    if isinstance(error, SuspiciousOperation) and "Nonce" in message:
        return SignInError("nonce", message)
    if isinstance(error, SuspiciousOperation) and ("JWS" in message or "JWKS" in message):
        return SignInError("signature", message)
    return SignInError("token_invalid", f"{type(error).__name__}: {message}")
