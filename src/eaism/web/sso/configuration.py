"""Where an organisation's provider is configured (its sign-in settings, or the environment for
one organisation) and what its discovery document says, fetched once an hour."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

import requests
from django.conf import settings
from django.core.cache import cache

from eaism.web.organisations.models import Organisation
from eaism.web.sso.models import SignInConfiguration
from eaism.web.sso.provider import Provider, Rule

DISCOVERY_PATH = "/.well-known/openid-configuration"
DISCOVERY_SECONDS = 3600
TIMEOUT_SECONDS = 10
# Asymmetric algorithms only: a provider's ID token is never checked with the client secret.
ALGORITHMS = ("RS256", "ES256", "PS256", "RS384", "RS512", "ES384", "ES512", "PS384", "PS512")


class DiscoveryError(Exception):
    """The provider's discovery document could not be read or does not fit its issuer."""


@dataclass(frozen=True)
class Discovery:
    authorization_endpoint: str
    token_endpoint: str
    jwks_uri: str
    userinfo_endpoint: str
    end_session_endpoint: str
    algorithm: str  # the one ID-token signing algorithm accepted from this provider


def provider_for(organisation: Organisation) -> Provider | None:
    """The organisation's enabled provider: the environment's for its organisation, else the
    one saved on its sign-in settings page; None when it has none."""
    from_environment: Provider | None = settings.EAISM_OIDC
    if from_environment is not None and from_environment.organisation == organisation.slug:
        return from_environment
    saved = (
        SignInConfiguration.objects.filter(organisation=organisation, enabled=True)
        .prefetch_related("rules__team")
        .first()
    )
    return provider_of(organisation, saved) if saved is not None else None


def provider_of(organisation: Organisation, saved: SignInConfiguration) -> Provider:
    return Provider(
        organisation=organisation.slug,
        issuer=saved.issuer,
        client_id=saved.client_id,
        client_secret=saved.client_secret,
        scopes=saved.scopes,
        email_claim=saved.email_claim,
        groups_claim=saved.groups_claim,
        employee_id_claim=saved.employee_id_claim,
        password_sign_in=saved.password_sign_in,
        rules=tuple(
            Rule(rule.value, rule.role, rule.team.name if rule.team else "")
            for rule in saved.rules.all()
        ),
    )


def password_sign_in_allowed(organisation: Organisation) -> bool:
    provider = provider_for(organisation)
    return provider is None or provider.password_sign_in


def discovery(issuer: str) -> Discovery:
    """The provider's endpoints and signing algorithm, from its discovery document."""
    key = f"sso-discovery:{issuer}"
    found = cache.get(key)
    if found is None:
        found = read_discovery(issuer, _fetch(issuer.rstrip("/") + DISCOVERY_PATH))
        cache.set(key, found, DISCOVERY_SECONDS)
    return found


def read_discovery(issuer: str, document: Any) -> Discovery:
    """Checks the document as OpenID Connect Discovery 1.0 (section 4.3) asks: it must name the
    configured issuer exactly, and give the endpoints the code flow needs."""
    if not isinstance(document, dict):
        raise DiscoveryError("the discovery document is not a JSON object")
    if document.get("issuer") != issuer:
        raise DiscoveryError(
            f"the discovery document names the issuer {document.get('issuer')!r}, not {issuer!r}"
        )
    missing = [
        name
        for name in ("authorization_endpoint", "token_endpoint", "jwks_uri")
        if not isinstance(document.get(name), str)
    ]
    if missing:
        raise DiscoveryError(f"the discovery document has no {', '.join(missing)}")
    return Discovery(
        authorization_endpoint=document["authorization_endpoint"],
        token_endpoint=document["token_endpoint"],
        jwks_uri=document["jwks_uri"],
        userinfo_endpoint=str(document.get("userinfo_endpoint") or ""),
        end_session_endpoint=str(document.get("end_session_endpoint") or ""),
        algorithm=_algorithm(document.get("id_token_signing_alg_values_supported")),
    )


def _algorithm(supported: Any) -> str:
    offered = supported if isinstance(supported, list) else ["RS256"]
    chosen = next((name for name in ALGORITHMS if name in offered), None)
    if chosen is None:
        raise DiscoveryError(f"the provider signs ID tokens with none of {', '.join(ALGORITHMS)}")
    return chosen


def _fetch(url: str) -> Any:
    try:
        response = requests.get(url, timeout=TIMEOUT_SECONDS)
        response.raise_for_status()
        return response.json()
    except (requests.RequestException, ValueError) as error:
        raise DiscoveryError(f"could not read {url}: {error}") from error
