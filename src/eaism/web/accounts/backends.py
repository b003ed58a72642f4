"""Sign-in by e-mail address, whatever its capitals; refused where the account's organisations
turned password sign-in off for single sign-on (web/sso/passwords.py)."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.backends import ModelBackend
from django.http import HttpRequest


def normalised(address: str | None) -> str:
    """An e-mail address as accounts store it: trimmed, in lower case."""
    return (address or "").strip().lower()


def throttled_username(request: HttpRequest | None, credentials: dict[str, Any] | None) -> str:
    """The name sign-in throttling counts failures under (django-axes' AXES_USERNAME_CALLABLE):
    the normalised address, so that other capitals of one address share its five tries."""
    if credentials:
        return normalised(credentials.get("username"))
    return normalised(request.POST.get("username") if request is not None else "")


def password_accepted(request: HttpRequest | None, user: Any) -> bool:
    from eaism.web.sso.passwords import password_accepted as accepted

    return accepted(request, user)


class EmailBackend(ModelBackend):
    def authenticate(
        self,
        request: HttpRequest | None,
        username: str | None = None,
        password: str | None = None,
        **kwargs: Any,
    ) -> Any:
        user = super().authenticate(
            request, username=normalised(username), password=password, **kwargs
        )
        return user if user is not None and password_accepted(request, user) else None

    def user_can_authenticate(self, user: Any) -> bool:
        """Also asked for every request's session: a member left the roster is signed out."""
        return super().user_can_authenticate(user) and not left_the_roster(user)


def left_the_roster(user: Any) -> bool:
    """Every person record of the account is deactivated and it has no role above member.

    The account itself is kept (its data can be exported or deleted), and an import that brings
    the person back lets it in again; an admin or reviewer keeps their access."""
    from eaism.web.organisations.models import Person, Role

    people = Person.objects.filter(user_id=user.pk)
    if not people.exists() or people.filter(active=True).exists():
        return False
    return not user.memberships.exclude(role=Role.MEMBER).exists()
