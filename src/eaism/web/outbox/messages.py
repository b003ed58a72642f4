"""The wording of invitations and reminders: plain text, in the organisation's name."""

from __future__ import annotations

from email.utils import formataddr, parseaddr

from django.conf import settings
from django.template.loader import render_to_string
from django.urls import reverse

from eaism.web.outbox.models import Message

# The product's length budget for a self-assessment (PRODUCT.md, section 3).
ESTIMATED_MINUTES = 10


def compose(message: Message, token: str | None) -> tuple[str, str]:
    """The subject and body of a message; `token` opens a sign-up link for a new person."""
    organisation = message.organisation
    round_ = message.round
    # The organisation's page sends a person on to the round they answer now: with an earlier
    # round still open for them, that one comes first.
    if token is not None:
        path = reverse("accept_invitation", args=[token])
    elif message.kind == Message.Kind.REVIEWED and round_ is not None:
        path = reverse("results", args=[organisation.slug, round_.id])
    else:
        path = reverse("organisation", args=[organisation.slug])
    context = {
        "message": message,
        "organisation": organisation,
        "round": round_,
        "person": message.person,
        "link": settings.EAISM_BASE_URL + path,
        "new_account": token is not None,
        "expires_days": settings.EAISM_INVITATION_DAYS,
        "minutes": ESTIMATED_MINUTES,
    }
    subject = " ".join(render_to_string("outbox/subject.txt", context).split())
    return subject, render_to_string(f"outbox/{message.kind}.txt", context)


def sender(message: Message) -> str:
    """The From address, in the organisation's name."""
    return formataddr((message.organisation.name, parseaddr(settings.DEFAULT_FROM_EMAIL)[1]))
