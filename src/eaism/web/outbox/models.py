"""E-mail messages, each recorded before and after it is handed to the SMTP server.

A message moves queued -> sending -> sent (or failed after its last attempt). A worker killed
between handing a message over and recording it leaves that one message in `sending`; the next
worker sends it again and marks it `repeated`, so at most the message in flight goes twice.
"""

from __future__ import annotations

from django.db import models
from django.utils import timezone

from eaism.web.assessments.models import Round
from eaism.web.organisations.models import Invitation, Organisation, Person


class Message(models.Model):
    class Kind(models.TextChoices):
        INVITATION = "invitation", "Invitation"
        NOT_STARTED = "not_started", "Reminder: not started"
        NOT_SUBMITTED = "not_submitted", "Reminder: started, not submitted"

    class State(models.TextChoices):
        QUEUED = "queued", "Queued"
        SENDING = "sending", "Sending"
        SENT = "sent", "Sent"
        FAILED = "failed", "Failed"

    organisation = models.ForeignKey(
        Organisation, on_delete=models.CASCADE, related_name="messages"
    )
    round = models.ForeignKey(
        Round, on_delete=models.CASCADE, null=True, blank=True, related_name="messages"
    )
    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="messages")
    invitation = models.ForeignKey(Invitation, on_delete=models.SET_NULL, null=True, blank=True)
    kind = models.CharField(max_length=20, choices=Kind.choices)
    state = models.CharField(max_length=10, choices=State.choices, default=State.QUEUED)
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
