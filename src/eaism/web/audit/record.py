"""Writing audit events, including sign-ins, failed sign-ins and lockouts, from one place."""

from __future__ import annotations

from typing import Any

from axes.signals import user_locked_out
from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
from django.db.models import Q
from django.dispatch import receiver
from django.http import HttpRequest

from eaism.web.audit.models import AuditEvent


def record(
    request: HttpRequest | None,
    action: str,
    organisation: Any = None,
    target: str = "",
    **detail: Any,
) -> None:
    user = getattr(request, "user", None) if request is not None else None
    signed_in = user is not None and user.is_authenticated
    AuditEvent.objects.create(
        actor=user if signed_in else None,
        actor_label=getattr(user, "email", "") if signed_in else str(detail.pop("actor_label", "")),
        organisation=organisation,
        action=action,
        target=target,
        detail=detail,
        ip_address=_address(request),
    )


def record_account_event(
    user: Any, action: str, request: HttpRequest | None = None, target: str = "", **detail: Any
) -> None:
    """An event of an account that is not signed in (a password reset, tokens revoked by a
    change): kept without an organisation, so each organisation of the account shows it."""
    AuditEvent.objects.create(
        actor=user,
        actor_label=user.email,
        action=action,
        target=target,
        detail=detail,
        ip_address=_address(request),
    )


def record_for_address(
    request: HttpRequest | None, action: str, address: str, **detail: Any
) -> None:
    """An event about a typed e-mail address (a failed sign-in, a lockout), once in each
    organisation the address belongs to, so their admins see it; else once without one. The
    person typing learns nothing of this: the page they get is the same either way."""
    target = address[:254]
    organisations: list[int | None] = [*organisations_of(address)] or [None]
    AuditEvent.objects.bulk_create(
        AuditEvent(
            organisation_id=organisation,
            action=action,
            target=target,
            detail=detail,
            ip_address=_address(request),
        )
        for organisation in organisations
    )


def organisations_of(address: str) -> list[int]:
    """The organisations with a membership or a person record of this address."""
    from eaism.web.accounts.backends import normalised
    from eaism.web.organisations.models import Membership, Person

    email = normalised(address)
    if not email:
        return []
    members = Membership.objects.filter(user__email=email).values_list("organisation_id", flat=True)
    people = Person.objects.filter(Q(user__email=email) | Q(email__iexact=email)).values_list(
        "organisation_id", flat=True
    )
    return sorted(set(members) | set(people))


def _address(request: HttpRequest | None) -> str | None:
    return request.META.get("REMOTE_ADDR") if request is not None else None


@receiver(user_logged_in)
def _signed_in(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    record(request, "sign_in", target=user.email)


@receiver(user_logged_out)
def _signed_out(sender: Any, request: HttpRequest, user: Any, **kwargs: Any) -> None:
    if user is not None:
        record(request, "sign_out", target=user.email)


@receiver(user_login_failed)
def _sign_in_failed(
    sender: Any, credentials: dict[str, Any], request: HttpRequest | None = None, **kwargs: Any
) -> None:
    record_for_address(request, "sign_in_failed", str(credentials.get("username", "")))


@receiver(user_locked_out)
def _locked_out(
    sender: Any, request: HttpRequest | None = None, username: str = "", **kwargs: Any
) -> None:
    """Sent by django-axes when an address reaches its limit, and for each try while locked."""
    record_for_address(request, "sign_in_locked_out", str(username or ""))
