"""What a verified sign-in does: find the account through its identity (issuer and subject),
or create it just in time with its membership; link the person record by employee id or
e-mail address; apply the group rules again. Refused, with nothing written, for a deactivated
account or person."""

from __future__ import annotations

from contextlib import suppress
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from eaism.web.accounts.backends import normalised
from eaism.web.accounts.models import User
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team
from eaism.web.organisations.store import organisation_changed
from eaism.web.organisations.teams import change_role
from eaism.web.sso.failures import SignInError
from eaism.web.sso.models import Identity
from eaism.web.sso.provider import Provider, granted

ID_LENGTH = 100  # Person.external_id


def signed_in_account(
    request: HttpRequest, provider: Provider, organisation: Organisation, claims: dict[str, Any]
) -> User:
    email = email_of(claims, provider.email_claim)
    groups = groups_of(claims, provider.groups_claim)
    employee_id = (
        str(claims.get(provider.employee_id_claim) or "") if provider.employee_id_claim else ""
    )
    with transaction.atomic():
        identity = (
            Identity.objects.select_related("user")
            .filter(issuer=provider.issuer, subject=str(claims["sub"]))
            .first()
        )
        user = identity.user if identity is not None else _account_by_email(organisation, email)
        person = _person(organisation, user, employee_id[:ID_LENGTH], email)
        if user is not None and not user.is_active:
            raise SignInError("account_inactive", email)
        if person is not None and not person.active:
            raise SignInError("person_inactive", person.external_id)
        if user is None:
            user = User.objects.create_user(
                email, None, display_name=str(claims.get("name") or "")[:200]
            )
            record(
                request,
                "sso.account_created",
                organisation,
                email,
                actor_label=email,
                issuer=provider.issuer,
            )
        if identity is None:
            identity = Identity.objects.create(
                issuer=provider.issuer,
                subject=str(claims["sub"]),
                user=user,
                organisation=organisation,
            )
        identity.last_sign_in = timezone.now()
        identity.save(update_fields=["last_sign_in"])
        _join(request, provider, organisation, user, groups, person, employee_id, claims)
    return user


def email_of(claims: dict[str, Any], claim: str) -> str:
    email = normalised(str(claims.get(claim) or ""))
    if "@" not in email:
        raise SignInError("email_missing", f"no e-mail address in the claim {claim!r}")
    if claims.get("email_verified") is False:
        raise SignInError("email_unverified", email)
    return email


def groups_of(claims: dict[str, Any], claim: str) -> frozenset[str]:
    """The groups claim as a set: a list of values, or one value."""
    value = claims.get(claim)
    values = value if isinstance(value, list) else [] if value is None else [value]
    return frozenset(str(item) for item in values)


def _account_by_email(organisation: Organisation, email: str) -> User | None:
    """An existing account of this address, which this organisation's provider may sign in only
    when the account is of this organisation alone: another organisation's provider must not
    vouch for it."""
    user = User.objects.filter(email=email).first()
    if user is None:
        return None
    elsewhere = user.memberships.exclude(organisation=organisation).exists()
    if elsewhere or user.is_superuser or user.is_staff:
        raise SignInError("account_elsewhere", email)
    return user


def _person(
    organisation: Organisation, user: User | None, employee_id: str, email: str
) -> Person | None:
    """The person record: the account's, else by employee id, else by e-mail address."""
    people = Person.objects.select_for_update().filter(organisation=organisation)
    found = people.filter(user=user).first() if user is not None else None
    if found is None and employee_id:
        found = people.filter(external_id=employee_id).first()
    return (
        found
        or people.filter(email__iexact=email).first()
        or people.filter(external_id=email).first()
    )


def _join(
    request: HttpRequest,
    provider: Provider,
    organisation: Organisation,
    user: User,
    groups: frozenset[str],
    person: Person | None,
    employee_id: str,
    claims: dict[str, Any],
) -> None:
    given = granted(provider.rules, groups)
    membership, joined = Membership.objects.get_or_create(
        user=user, organisation=organisation, defaults={"role": given[0] if given else Role.MEMBER}
    )
    before = membership.role
    if not joined and provider.rules:
        _change_role(organisation, membership, given[0] if given else Role.MEMBER, provider)
    team = _team(organisation, given[1]) if given and given[1] else None
    if membership.role == Role.MANAGER and team is not None:
        membership.teams.add(team)
    team_before = _place(organisation, user, person, team, employee_id, claims)
    team_after = team.name if team is not None else team_before
    if not joined and (before != membership.role or team_before != team_after):
        record(
            request, "sso.role_changed", organisation, user.email,
            actor_label=f"identity provider {provider.issuer}",
            role={"before": before, "after": membership.role},
            team={"before": team_before, "after": team_after},
            groups=sorted(groups),
        )  # fmt: skip


def _change_role(
    organisation: Organisation, membership: Membership, role: str, provider: Provider
) -> None:
    """Owners are made by hand unless a rule gives the owner role; the last owner stays one."""
    owner_rules = any(rule.role == Role.OWNER for rule in provider.rules)
    if membership.role == Role.OWNER and not owner_rules:
        return
    with suppress(InputError):  # the organisation's last owner stays one
        membership.role = change_role(organisation, membership.id, role)[1]


def _team(organisation: Organisation, name: str) -> Team:
    """The rule's team; a rule from the environment may name one not made yet, as a roster
    import may."""
    team, created = Team.objects.get_or_create(organisation=organisation, name=name[:200])
    if created:
        organisation_changed(organisation.id)
    return team


def _place(
    organisation: Organisation,
    user: User,
    person: Person | None,
    team: Team | None,
    employee_id: str,
    claims: dict[str, Any],
) -> str:
    """Link (or make) the person record and put it in the rule's team; returns the team name
    it had before."""
    if person is None:
        person = Person(
            organisation=organisation,
            external_id=(employee_id or user.email)[:ID_LENGTH],
            name=str(claims.get("name") or "")[:200],
            email=user.email,
        )
    before = person.team.name if person.team_id else ""
    changed = (
        person.pk is None
        or (person.user_id is None)
        or (team is not None and person.team_id != team.id)
    )
    if person.user_id is None:
        person.user = user
    if team is not None:
        person.team = team
    if changed and person.user_id == user.id:
        person.save()
        organisation_changed(organisation.id)
    return before
