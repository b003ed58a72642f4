"""API tokens: issued with an expiry, listed and revoked by their owner, refused once expired,
and revoked together when the password changes or the account leaves.

Page and API call these same functions; each change is audited here, once.
"""

from __future__ import annotations

import unicodedata
from collections.abc import Iterable
from datetime import timedelta
from typing import Any

from django.db.models import QuerySet
from django.http import Http404, HttpRequest
from django.utils import timezone

from eaism.web.accounts.models import ApiToken, User, hash_token
from eaism.web.audit.record import record, record_account_event
from eaism.web.input_error import InputError

NAME_LENGTH = 100
# Recording every use would add a write to each request; a few minutes' accuracy will do.
USE_RESOLUTION = timedelta(minutes=5)


def tokens_of(user: User) -> QuerySet[ApiToken]:
    """The account's tokens that are not revoked, newest first; expired ones included, marked."""
    return ApiToken.objects.filter(user=user, revoked=False)


def checked_name(name: str, why: str) -> str:
    """A token's name, stripped; InputError when it is empty, too long or has control
    characters. `why` ends the message for an empty one."""
    name = name.strip()
    if not name:
        raise InputError("name", f"a name is required, {why}")
    if len(name) > NAME_LENGTH:
        raise InputError("name", f"at most {NAME_LENGTH} characters (this one has {len(name)})")
    if any(unicodedata.category(character) == "Cc" for character in name):
        raise InputError(
            "name", "letters, digits, spaces and punctuation only, no control characters"
        )
    return name


def create_token(request: HttpRequest, user: User, name: str) -> tuple[ApiToken, str]:
    """A new token of the account and its secret, shown once."""
    name = checked_name(name, "to tell the token from others later")
    token, secret = ApiToken.issue(user, name)
    record(request, "token_created", target=token.prefix, expires=token.expires_at.isoformat())
    return token, secret


def revoke_token(request: HttpRequest, user: User, token_id: object) -> ApiToken:
    """Revoke one of the account's own tokens; another's, or an unknown id, is not found."""
    token = tokens_of(user).filter(id=_number(token_id)).first()
    if token is None:
        raise Http404("no such token")
    token.revoked = True
    token.save(update_fields=["revoked"])
    record(request, "token_revoked", target=token.prefix)
    return token


def revoke_all(user: User, reason: str) -> int:
    """Revoke every token of the account (password changed, account deactivated)."""
    revoked = ApiToken.objects.filter(user=user, revoked=False).update(revoked=True)
    if revoked:
        record_account_event(
            user, "tokens_revoked", target=user.email, reason=reason, count=revoked
        )
    return revoked


def revoke_for_leavers(user_ids: Iterable[int | None]) -> int:
    """Revoke the tokens of the accounts among these that have left the roster."""
    from eaism.web.accounts.backends import left_the_roster

    leavers = User.objects.filter(id__in={i for i in user_ids if i is not None})
    return sum(revoke_all(user, "left_the_roster") for user in leavers if left_the_roster(user))


def token_user(secret: str) -> Any:
    """The account a bearer token acts for, or None: unknown, revoked, expired or inactive."""
    found = (
        ApiToken.objects.select_related("user")
        .filter(key_hash=hash_token(secret), revoked=False, expires_at__gt=timezone.now())
        .first()
    )
    if found is None or not found.user.is_active:
        return None
    now = timezone.now()
    if found.last_used_at is None or now - found.last_used_at > USE_RESOLUTION:
        ApiToken.objects.filter(id=found.id).update(last_used_at=now)
    return found.user


def _number(value: object) -> int:
    text = str(value)
    return int(text) if text.isdigit() and len(text) < 19 else -1
