"""Invitations by link: the link lets a person choose a password once, before it expires."""

from __future__ import annotations

import hashlib
import secrets
from datetime import timedelta

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eaism.web.accounts.models import User
from eaism.web.organisations.models import Invitation, Membership, Organisation, Person, Role


def invite(organisation: Organisation, person: Person, role: str = Role.MEMBER) -> str:
    """A new one-time link token for the person; only its hash is stored."""
    return issue_invitation(organisation, person, role)[1]


def issue_invitation(
    organisation: Organisation, person: Person, role: str = Role.MEMBER
) -> tuple[Invitation, str]:
    """A new invitation and its link token, valid for EAISM_INVITATION_DAYS days."""
    return issue_invitation_for(organisation.id, person.id, role)


def issue_invitation_for(
    organisation_id: int, person_id: int, role: str = Role.MEMBER
) -> tuple[Invitation, str]:
    """The same by ids, for the outbox, which has no need to load the rows."""
    token = secrets.token_urlsafe(24)
    invitation = Invitation.objects.create(
        organisation_id=organisation_id,
        person_id=person_id,
        role=role,
        token_hash=_hash(token),
        expires_at=timezone.now() + timedelta(days=settings.EAISM_INVITATION_DAYS),
    )
    return invitation, token


def pending(token: str) -> Invitation | None:
    """The invitation a token opens, if it is neither used nor expired."""
    invitation, state = look_up(token)
    return invitation if state == "pending" else None


def look_up(token: str) -> tuple[Invitation | None, str]:
    """The invitation of a token and its state: pending, used, expired or unknown."""
    invitation = (
        Invitation.objects.select_related("organisation", "person")
        .filter(token_hash=_hash(token))
        .first()
    )
    if invitation is None:
        return None, "unknown"
    if invitation.used_at is not None:
        return invitation, "used"
    if invitation.expires_at is not None and invitation.expires_at <= timezone.now():
        return invitation, "expired"
    return invitation, "pending"


@transaction.atomic
def accept(invitation: Invitation, user: User) -> User:
    """Join the organisation with an account its owner has just proved, and link the person."""
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    now = timezone.now()
    if invitation.person is not None:
        Person.objects.filter(id=invitation.person.id).update(user=user)
        # Every other link sent to the same person (a reminder's, a repeat's) is spent too.
        Invitation.objects.filter(person=invitation.person, used_at__isnull=True).update(
            used_at=now
        )
    invitation.used_at = now
    invitation.save(update_fields=["used_at"])
    return user


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
