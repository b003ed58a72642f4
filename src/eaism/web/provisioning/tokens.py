"""SCIM tokens: created and revoked by an owner (page or command line), each shown once, stored
as a SHA-256 hash; a request's bearer token names the organisation it provisions.

Page and command line call these same functions; each change is audited here, once.
"""

from __future__ import annotations

import secrets
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from eaism.web.accounts.models import hash_token
from eaism.web.accounts.tokens import checked_name
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Organisation
from eaism.web.provisioning.models import TOKEN_PREFIX_LENGTH, ScimToken

SECRET_START = "eaism_scim_"
# Recording every use would add a write to each request; a few minutes' accuracy will do.
USE_RESOLUTION = timedelta(minutes=5)


def tokens_of(organisation: Organisation) -> QuerySet[ScimToken]:
    """The organisation's tokens that are not revoked, newest first."""
    return ScimToken.objects.filter(organisation=organisation, revoked_at__isnull=True)


def create_token(
    request: HttpRequest | None, organisation: Organisation, name: str, actor: Any = None
) -> tuple[ScimToken, str]:
    """A new token of the organisation and its secret, which is shown once and never stored."""
    name = checked_name(name, "such as the identity provider's name")
    secret = SECRET_START + secrets.token_urlsafe(32)
    token = ScimToken.objects.create(
        organisation=organisation,
        name=name,
        prefix=secret[len(SECRET_START) : len(SECRET_START) + TOKEN_PREFIX_LENGTH],
        key_hash=hash_token(secret),
        created_by=actor if getattr(actor, "is_authenticated", False) else None,
    )
    record(
        request,
        "scim.token_created",
        organisation,
        target=token.label,
        actor_label="command line" if request is None else "",
    )
    return token, secret


def revoke_token(
    request: HttpRequest | None, organisation: Organisation, token_id: object
) -> ScimToken:
    """Revoke one of the organisation's tokens; another's, or an unknown id, is not found."""
    token = tokens_of(organisation).filter(id=_number(token_id)).first()
    if token is None:
        raise Http404("no such token")
    token.revoked_at = timezone.now()
    token.save(update_fields=["revoked_at"])
    record(
        request,
        "scim.token_revoked",
        organisation,
        target=token.label,
        actor_label="command line" if request is None else "",
    )
    return token


def revoke_by_prefix(organisation: Organisation, prefix: str) -> ScimToken:
    """The command line's revocation: the token by the start of its secret."""
    prefix = prefix.strip().removeprefix(SECRET_START)[:TOKEN_PREFIX_LENGTH]
    token = tokens_of(organisation).filter(prefix=prefix).first()
    if token is None:
        raise InputError(
            "revoke", f"no active SCIM token of {organisation.slug} starts with {prefix!r}"
        )
    return revoke_token(None, organisation, token.id)


def token_for(authorization: str) -> ScimToken | None:
    """The token an `Authorization: Bearer ...` header carries, or None: missing, unknown or
    revoked."""
    scheme, _, secret = authorization.partition(" ")
    if scheme.lower() != "bearer" or not secret.strip().startswith(SECRET_START):
        return None
    found = (
        ScimToken.objects.select_related("organisation")
        .filter(key_hash=hash_token(secret.strip()), revoked_at__isnull=True)
        .first()
    )
    if found is None:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > USE_RESOLUTION:
        ScimToken.objects.filter(id=found.id).update(last_used_at=now)
    return found


def _number(value: object) -> int:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else -1
