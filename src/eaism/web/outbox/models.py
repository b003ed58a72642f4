"""E-mail messages, each recorded before and after it is handed to the SMTP server.

A message moves queued -> sending -> sent (or failed after its last attempt, or cancelled when
its person was deactivated or its round closed before it went out). A worker killed
between handing a message over and recording it leaves that one message in `sending`; the next
worker sends it again and marks it `repeated`, so at most the message in flight goes twice.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from eaism.web.assessments.models import Round
from eaism.web.organisations.models import Invitation, Organisation, Person


class Kind:
    """What a message is for."""

    INVITATION = "invitation"
    NOT_STARTED = "not_started"
    NOT_SUBMITTED = "not_submitted"
    REVIEWED = "reviewed"
    CHOICES = (
        (INVITATION, "Invitation"),
        (NOT_STARTED, "Reminder: not started"),
        (NOT_SUBMITTED, "Reminder: started, not submitted"),
        (REVIEWED, "Your answers were reviewed"),
    )
    REMINDERS = (NOT_STARTED, NOT_SUBMITTED)


class State:
    """Where a message is on its way to the SMTP server."""

    QUEUED = "queued"
    SENDING = "sending"
    SENT = "sent"
    FAILED = "failed"
    CANCELLED = "cancelled"  # the person left, submitted, or the round closed first
    CHOICES = (
        (QUEUED, "Queued"),
        (SENDING, "Sending"),
        (SENT, "Sent"),
        (FAILED, "Failed"),
        (CANCELLED, "Not sent"),
    )


class Message(models.Model):
    Kind = Kind
    State = State

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="messages"
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="messages")
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.CHOICES)
    state = models.CharField(max_length=10, choices=State.CHOICES, default=State.QUEUED)
    address = models.EmailField()
    queued_at = models.DateTimeField(default=timezone.now)
    available_at = models.DateTimeField(default=timezone.now)  # the next attempt, after backoff
    handed_at = models.DateTimeField(null=True, blank=True)  # given to the SMTP server
    sent_at = models.DateTimeField(null=True, blank=True)
    attempts = models.PositiveSmallIntegerField(default=0)
    repeated = models.BooleanField(default=False)  # sent again after a worker stopped mid-send
    error = models.TextField(blank=True)

    class Meta:
        ordering = ["-queued_at", "-id"]
        indexes = [
            models.Index(fields=["state", "available_at"], name="outbox_due"),
            models.Index(fields=["round", "person", "kind"], name="outbox_person_kind"),
        ]
