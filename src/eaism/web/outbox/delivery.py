"""Sending queued messages one at a time, with the state recorded before and after each hand-over.

Each message is claimed (state `sending`, committed) before it is given to the SMTP server and
marked `sent` (committed) once the server has accepted it. A worker killed in between leaves
exactly that message in `sending`; once its lease has run out another worker takes it again and
marks it `repeated`. A refused recipient fails at once; other failures are retried with backoff.
"""

from __future__ import annotations

import smtplib
from dataclasses import dataclass
from datetime import timedelta
from typing import Any

from django.conf import settings
from django.core.mail import EmailMessage, get_connection
from django.core.mail.backends.base import BaseEmailBackend
from django.db import transaction
from django.db.models import F
from django.utils import timezone

from eaism.web.assessments.models import Response
from eaism.web.organisations.invitations import issue_invitation_for
from eaism.web.outbox.messages import compose, sender
from eaism.web.outbox.models import Message

MAX_ATTEMPTS = 5
CANDIDATES = 100  # read at a time; each is still claimed and recorded on its own
FIRST_BACKOFF = timedelta(seconds=30)  # then 1, 2 and 4 minutes


@dataclass(frozen=True)
class Claimed:
    """A message this worker now holds, and the token of its sign-up link when it has one."""

    message: Message
    token: str | None


def deliver_due(limit: int | None = None) -> int:
    """Send due messages over one SMTP connection until none is due; returns how many went out."""
    sent = 0
    connection = get_connection()
    try:
        while limit is None or sent < limit:
            candidates = due_candidates()
            if not candidates:
                break
            for candidate in candidates:
                claimed = claim(candidate)
                if claimed is not None and deliver(claimed, connection):
                    sent += 1
                if limit is not None and sent >= limit:
                    break
    finally:
        connection.close()
    return sent


def due_candidates(count: int = CANDIDATES) -> list[dict[str, Any]]:
    """The next due messages, or else those whose worker stopped mid-send, as last seen.

    Two index look-ups rather than one OR, which would scan the whole outbox each time."""
    now = timezone.now()
    abandoned = now - timedelta(seconds=settings.EAISM_OUTBOX_LEASE_SECONDS)
    fields = ("id", "state", "handed_at", "organisation_id", "person_id", "person__user_id")
    queued = Message.objects.filter(state=Message.State.QUEUED, available_at__lte=now)
    found = list(queued.order_by("available_at").values(*fields)[:count])
    if found:
        return found
    stopped = Message.objects.filter(state=Message.State.SENDING, handed_at__lt=abandoned)
    return list(stopped.order_by("handed_at").values(*fields)[:count])


def claim(candidate: dict[str, Any]) -> Claimed | None:
    """Record the hand-over of one message, unless another worker changed it since it was seen.

    A person without an account gets a new single-use link; only its hash is stored, so a
    message sent again gets a link of its own."""
    in_flight = candidate["state"] == Message.State.SENDING
    with transaction.atomic():
        invitation, token = None, None
        if candidate["person__user_id"] is None:
            invitation, token = issue_invitation_for(
                candidate["organisation_id"], candidate["person_id"]
            )
        claimed = Message.objects.filter(
            id=candidate["id"], state=candidate["state"], handed_at=candidate["handed_at"]
        ).update(
            state=Message.State.SENDING,
            handed_at=timezone.now(),
            attempts=F("attempts") + 1,
            repeated=True if in_flight else F("repeated"),
            invitation=invitation if invitation is not None else F("invitation"),
        )
        if not claimed:
            transaction.set_rollback(True)  # and with it the link made for it
            return None
    message = Message.objects.select_related("organisation", "round", "person").get(
        id=candidate["id"]
    )
    return Claimed(message, token)


def deliver(claimed: Claimed, connection: BaseEmailBackend) -> bool:
    """Hand one claimed message to the SMTP server and record the outcome."""
    message = claimed.message
    reason = _cancel_reason(message)
    if reason:
        _record(message, Message.State.CANCELLED, error=reason)
        return False
    subject, body = compose(message, claimed.token)
    email = EmailMessage(subject, body, sender(message), [message.address])
    email.extra_headers["X-Eaism-Message"] = str(message.id)
    try:
        connection.open()  # once per batch: opened here, it stays open until deliver_due ends
        connection.send_messages([email])
    except smtplib.SMTPRecipientsRefused as error:
        _record(message, Message.State.FAILED, error=f"the server refused the address: {error}")
        return False
    except (smtplib.SMTPException, OSError) as error:
        connection.close()  # a broken connection is opened afresh for the next message
        _retry(message, f"{type(error).__name__}: {error}")
        return False
    _record(message, Message.State.SENT, sent_at=timezone.now(), error="")
    return True


def _cancel_reason(message: Message) -> str:
    if not message.person.active:
        return "not sent: the person was deactivated"
    if message.round is not None and not message.round.is_open:
        return "not sent: the round is closed"
    if message.kind in Message.Kind.REMINDERS and message.round is not None:
        submitted = Response.objects.filter(
            round=message.round, person=message.person, source="self", submitted_at__isnull=False
        ).exists()
        if submitted:
            return "not sent: the person has submitted"
    return ""


def _retry(message: Message, error: str) -> None:
    if message.attempts >= MAX_ATTEMPTS:
        _record(message, Message.State.FAILED, error=error)
        return
    wait = FIRST_BACKOFF * 2 ** (message.attempts - 1)
    _record(message, Message.State.QUEUED, error=error, available_at=timezone.now() + wait)


def _record(message: Message, state: str, **fields: object) -> None:
    Message.objects.filter(id=message.id).update(state=state, **fields)
