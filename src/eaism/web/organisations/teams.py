"""Administering teams, managers, reviewers and roles: one function per action, each atomic.

Pages and API endpoints call these; each raises `InputError` naming the field that is wrong.
"""

from __future__ import annotations

from collections.abc import Iterable

from django.db import transaction

from eaism.web.input_error import InputError
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team
from eaism.web.organisations.store import organisation_changed

NAME_LENGTH = 200


def team_of(organisation: Organisation, team_id: object, field: str = "team") -> Team:
    team = (
        organisation.teams.filter(id=int(str(team_id))).first() if str(team_id).isdigit() else None
    )
    if team is None:
        raise InputError(field, "choose one of the organisation's teams")
    return team


def create_team(organisation: Organisation, name: str) -> Team:
    name = _valid_name(organisation, name)
    with transaction.atomic():
        team = Team.objects.create(organisation=organisation, name=name)
        organisation_changed(organisation.id)
    return team


def rename_team(team: Team, name: str) -> Team:
    name = _valid_name(team.organisation, name, exclude=team.id)
    with transaction.atomic():
        team.name = name
        team.save(update_fields=["name"])
        organisation_changed(team.organisation_id)
    return team


def merge_team(team: Team, into: Team) -> int:
    """Move the team's people and managers into `into`, then delete it; returns people moved."""
    if into.id == team.id or into.organisation_id != team.organisation_id:
        raise InputError("into", "choose another team of the organisation to merge into")
    with transaction.atomic():
        moved = team.people.update(team=into)
        for membership in team.managers.all():
            membership.teams.add(into)
        team.delete()
        organisation_changed(into.organisation_id)
    return moved


def delete_team(team: Team) -> None:
    with transaction.atomic():
        if team.people.exists():
            raise InputError("team", f"{team.name} still has people; move them or merge the team")
        team.delete()
        organisation_changed(team.organisation_id)


def set_managers(team: Team, membership_ids: Iterable[object]) -> list[Membership]:
    """The team's managers are exactly these memberships of the organisation."""
    memberships = _memberships(team.organisation, membership_ids, "managers")
    with transaction.atomic():
        team.managers.set(memberships)
    return memberships


def managers_review_team(team: Team) -> int:
    """Every manager of the team becomes a reviewer of each of its people; returns the links."""
    people = list(team.people.filter(active=True).values_list("id", flat=True))
    links = [
        Membership.reviews.through(membership_id=membership_id, person_id=person_id)
        for membership_id in team.managers.values_list("id", flat=True)
        for person_id in people
    ]
    with transaction.atomic():
        Membership.reviews.through.objects.bulk_create(links, ignore_conflicts=True)
    return len(links)


def set_reviewers_by_email(person: Person, emails: Iterable[str]) -> list[Membership]:
    """The person's reviewers are exactly the memberships of these accounts."""
    wanted = sorted({email.strip().lower() for email in emails if email.strip()})
    found = {
        m.user.email.lower(): m
        for m in person.organisation.memberships.select_related("user").filter(
            user__email__in=wanted
        )
    }
    unknown = [email for email in wanted if email not in found]
    if unknown:
        raise InputError("emails", f"not members of the organisation: {', '.join(unknown)}")
    return set_reviewers(person, [m.id for m in found.values()])


def set_reviewers(person: Person, membership_ids: Iterable[object]) -> list[Membership]:
    memberships = _memberships(person.organisation, membership_ids, "reviewers")
    with transaction.atomic():
        person.reviewers.set(memberships)
    return memberships


def change_role(organisation: Organisation, membership_id: int, role: str) -> tuple[str, str]:
    """Change a membership's role; the last owner stays an owner. Returns (before, after)."""
    if role not in dict(Role.CHOICES):
        raise InputError("role", f"{role!r} is not a role")
    with transaction.atomic():
        owners = list(
            Membership.objects.select_for_update()
            .filter(organisation=organisation, role=Role.OWNER)
            .values_list("id", flat=True)
        )
        membership = (
            Membership.objects.select_for_update()
            .filter(id=membership_id, organisation=organisation)
            .first()
        )
        if membership is None:
            raise InputError("role", "not a membership of the organisation")
        before = membership.role
        if before == Role.OWNER and role != Role.OWNER and owners == [membership.id]:
            raise InputError("role", "the organisation needs at least one owner")
        if before != role:
            membership.role = role
            membership.save(update_fields=["role"])
    return before, role


def _valid_name(organisation: Organisation, name: str, exclude: int | None = None) -> str:
    name = (name or "").strip()
    if not name:
        raise InputError("name", "give the team a name")
    if len(name) > NAME_LENGTH:
        raise InputError("name", f"longer than {NAME_LENGTH} characters")
    if organisation.teams.filter(name=name).exclude(id=exclude).exists():
        raise InputError("name", f"there is already a team named {name!r}")
    return name


def _memberships(organisation: Organisation, ids: Iterable[object], field: str) -> list[Membership]:
    ids = list(ids)
    wanted = {int(str(i)) for i in ids if str(i).isdigit()}
    found = list(organisation.memberships.filter(id__in=wanted).select_related("user"))
    if len(found) != len(wanted) or any(not str(i).isdigit() for i in ids):
        raise InputError(field, "choose accounts of the organisation")
    return found
