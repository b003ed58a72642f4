"""What a SCIM deactivation does to a person's account, and what a reactivation gives back.

A deactivated person (`active: false`, or a DELETE) keeps their record, so closed rounds keep
their counts, and leaves open rounds and response rates (they count active people only). Their
account, if the person is linked to one, loses its membership of this organisation: it is set
aside here, with its role, managed teams and reviewees, and given back on reactivation. When the
account has no other organisation left it is deactivated too, which ends its sessions and
password sign-in and revokes its API tokens; a reactivation turns it back on.
"""

from __future__ import annotations

from django.db import transaction

from eaism.web.accounts.models import User
from eaism.web.organisations.models import Membership, Person
from eaism.web.provisioning.models import SuspendedMembership


def suspend_access(person: Person) -> bool:
    """Take this organisation away from the person's account; True when there was one."""
    if person.user_id is None:
        return False
    membership = Membership.objects.filter(
        user_id=person.user_id, organisation_id=person.organisation_id
    ).first()
    if membership is None:
        return False
    with transaction.atomic():
        account = User.objects.get(id=person.user_id)
        last = not account.memberships.exclude(id=membership.id).exists()
        SuspendedMembership.objects.update_or_create(
            organisation_id=person.organisation_id,
            user=account,
            defaults={
                "role": membership.role,
                "team_ids": list(membership.teams.values_list("id", flat=True)),
                "review_ids": list(membership.reviews.values_list("id", flat=True)),
                "account_deactivated": last and account.is_active,
            },
        )
        membership.delete()
        if last and account.is_active:
            account.is_active = False
            account.save(update_fields=["is_active"])  # revokes its API tokens too
    return True


def restore_access(person: Person) -> bool:
    """Give back what `suspend_access` set aside; True when there was something."""
    if person.user_id is None:
        return False
    suspended = SuspendedMembership.objects.filter(
        user_id=person.user_id, organisation_id=person.organisation_id
    ).first()
    if suspended is None:
        return False
    with transaction.atomic():
        membership, _ = Membership.objects.get_or_create(
            user_id=person.user_id,
            organisation_id=person.organisation_id,
            defaults={"role": suspended.role},
        )
        organisation = person.organisation
        membership.teams.set(organisation.teams.filter(id__in=suspended.team_ids))
        membership.reviews.set(organisation.people.filter(id__in=suspended.review_ids))
        if suspended.account_deactivated:
            User.objects.filter(id=person.user_id).update(is_active=True)
        suspended.delete()
    return True
