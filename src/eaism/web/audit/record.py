"""Writing audit events, including sign-ins and failed sign-ins, from one place."""

from __future__ import annotations

from typing import Any

from django.contrib.auth.signals import user_logged_in, user_logged_out, user_login_failed
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
        ip_address=request.META.get("REMOTE_ADDR") if request is not None else None,
    )


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
    record(request, "sign_in_failed", target=str(credentials.get("username", ""))[:254])
