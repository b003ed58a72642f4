"""Invitations by link: an admin invites a person; the link lets them choose a password once."""

from __future__ import annotations

import hashlib
import secrets

from django.db import transaction
from django.utils import timezone

from eaism.web.accounts.models import User
from eaism.web.organisations.models import Invitation, Membership, Organisation, Person, Role


def invite(organisation: Organisation, person: Person, role: str = Role.MEMBER) -> str:
    """A new one-time link token for the person; only its hash is stored."""
    token = secrets.token_urlsafe(24)
    Invitation.objects.create(
        organisation=organisation, person=person, role=role, token_hash=_hash(token)
    )
    return token


def pending(token: str) -> Invitation | None:
    return (
        Invitation.objects.select_related("organisation", "person")
        .filter(token_hash=_hash(token), used_at__isnull=True)
        .first()
    )


@transaction.atomic
def accept(invitation: Invitation, user: User) -> User:
    """Join the organisation with an account its owner has just proved, and link the person."""
    Membership.objects.get_or_create(
        user=user, organisation=invitation.organisation, defaults={"role": invitation.role}
    )
    if invitation.person is not None:
        Person.objects.filter(id=invitation.person.id).update(user=user)
    invitation.used_at = timezone.now()
    invitation.save(update_fields=["used_at"])
    return user


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode()).hexdigest()
