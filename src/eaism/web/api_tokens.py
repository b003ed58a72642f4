"""The API of one's own API tokens: list, create (with the browser session only), revoke.

The same actions as the account page (accounts/tokens.py). Creating needs the session, so a
token can never make another that outlives it; listing and revoking take either.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Path, Query, Router, Schema, Status
from ninja.security import django_auth

from eaism.web.accounts.tokens import NAME_LENGTH, create_token, revoke_token, tokens_of
from eaism.web.api_errors import LARGEST_ID, NO_NUL, errors

router = Router(tags=["tokens"])

TokenId = Annotated[int, Path(ge=1, le=LARGEST_ID, description="A token's id")]
TokenName = Annotated[
    str,
    Query(
        min_length=1,
        max_length=NAME_LENGTH,
        pattern=NO_NUL,
        description="What the token is for; not only spaces",
    ),
]


class TokenOut(Schema):
    id: int
    name: str
    prefix: str  # the 8 characters after "eaism_", to tell tokens apart
    created_at: datetime
    last_used_at: datetime | None
    expires_at: datetime
    expired: bool


class CreatedOut(TokenOut):
    token: str  # the secret: shown in this reply only, never again
    note: str


@router.get("/tokens", response={200: list[TokenOut], **errors(401)})
def list_tokens(request: HttpRequest) -> Any:
    """The signed-in account's tokens that are not revoked, newest first, expired ones too."""
    return [_out(token) for token in tokens_of(request.user)]  # type: ignore[arg-type]


@router.post("/tokens", auth=django_auth, response={201: CreatedOut, **errors(400, 401, 403)})
def create(request: HttpRequest, name: TokenName = "api") -> Any:
    """A new token; the reply holds its secret, once. Only the browser session may call this
    (with its CSRF header: 403 without). A name that is empty, only spaces or longer than 100
    characters is a 400 naming the field `name`."""
    token, secret = create_token(request, request.user, name)  # type: ignore[arg-type]
    return Status(201, {**_out(token), "token": secret, "note": "shown once; store it safely"})


@router.delete("/tokens/{token_id}", response={204: None, **errors(400, 401, 403, 404)})
def revoke(request: HttpRequest, token_id: TokenId) -> Any:
    """Revoke one of the account's own tokens; another account's token is not found (404)."""
    revoke_token(request, request.user, token_id)  # type: ignore[arg-type]
    return Status(204, None)


def _out(token: Any) -> dict[str, Any]:
    return {
        "id": token.id,
        "name": token.name,
        "prefix": token.prefix,
        "created_at": token.created_at,
        "last_used_at": token.last_used_at,
        "expires_at": token.expires_at,
        "expired": token.expired,
    }
