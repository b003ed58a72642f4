"""Password sign-in where organisations turned it off: refused for an account whose
organisations all have it off, except their owners, whose password is the break-glass way in
when the identity provider is down; each such use is audited."""

from __future__ import annotations

from typing import Any

from django.http import HttpRequest

from eaism.web.audit.record import record
from eaism.web.organisations.models import Role
from eaism.web.sso.configuration import password_sign_in_allowed


def password_accepted(request: HttpRequest | None, user: Any) -> bool:
    """Whether a correct password may sign this account in; audits a break-glass use or a
    refusal in each organisation concerned."""
    memberships = list(user.memberships.select_related("organisation"))
    closed = [m for m in memberships if not password_sign_in_allowed(m.organisation)]
    if not closed or len(closed) < len(memberships):
        return True
    owned = [m.organisation for m in closed if m.role == Role.OWNER]
    for organisation in owned:
        record(request, "sso.break_glass_sign_in", organisation, user.email, actor_label=user.email)
    if not owned:
        for membership in closed:
            record(
                request,
                "sso.password_refused",
                membership.organisation,
                user.email,
                actor_label=user.email,
            )
    return bool(owned)
