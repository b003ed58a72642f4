"""Telling a person by e-mail that a reviewer has been through their answers."""

from __future__ import annotations

from django.utils import timezone

from eaism.web.assessments.models import Round
from eaism.web.assessments.outreach import messages_due_soon
from eaism.web.organisations.models import Person
from eaism.web.outbox.models import Message


def queue_review_notice(round_: Round, person: Person) -> bool:
    """Queue one notice, unless one is still waiting to go out; a person with no address gets
    none (the review is on their results page all the same)."""
    if not person.email or not person.active:
        return False
    waiting = Message.objects.filter(
        round=round_,
        person=person,
        kind=Message.Kind.REVIEWED,
        state__in=(Message.State.QUEUED, Message.State.SENDING),
    )
    if waiting.exists():
        return False
    now = timezone.now()
    Message.objects.create(
        organisation_id=round_.organisation_id,
        round=round_,
        person=person,
        kind=Message.Kind.REVIEWED,
        address=person.email,
        queued_at=now,
        available_at=now,
    )
    messages_due_soon()
    return True
