"""SCIM Groups are the organisation's teams: displayName is the team's name, members its people.

A person is in one team at most, so adding a User to a Group moves the person out of the team
they were in; removing them leaves the person without a team. Deleting a Group deletes the team
and leaves its people without one.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from django.db import transaction
from django.db.models import QuerySet
from pydantic import ValidationError
from scim2_models import (
    Context,
    InvalidValueException,
    Meta,
    NotFoundException,
    PatchOp,
    UniquenessException,
)

from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.organisations.store import organisation_changed
from eaism.web.organisations.teams import NAME_LENGTH
from eaism.web.provisioning import filters, resources
from eaism.web.provisioning.resources import Group, GroupMember

EXTERNAL_ID_LENGTH = 200


@dataclass(frozen=True)
class Change:
    """What a write did, for the audit log."""

    team: Team
    action: str
    detail: dict[str, Any]


def teams_of(organisation: Organisation) -> QuerySet[Team]:
    return Team.objects.filter(organisation=organisation).order_by("id")


def find(organisation: Organisation, group_id: str) -> Team:
    """One of the organisation's Groups; any other id, another organisation's too, is a 404."""
    number = int(group_id) if group_id.isdigit() and len(group_id) < 19 else -1
    team = teams_of(organisation).filter(id=number).first()
    if team is None:
        raise NotFoundException(detail=f"id: no Group {group_id!r} in this organisation")
    return team


def to_resource(team: Team, base_url: str) -> Group:
    """The team as a SCIM Group, its people as members."""
    people = Person.objects.filter(filters.visible_people(), team=team).order_by("id")
    members = [
        GroupMember(value=str(person_id), ref=f"{base_url}/Users/{person_id}", type="User")
        for person_id in people.values_list("id", flat=True)
    ]
    return Group(
        id=str(team.id),
        external_id=team.external_id or None,
        display_name=team.name,
        members=members or None,
        meta=Meta(resource_type="Group", location=f"{base_url}/Groups/{team.id}"),
    )


def create_group(organisation: Organisation, payload: Any) -> Change:
    resource = _validated(payload, Context.RESOURCE_CREATION_REQUEST)
    team = Team(organisation=organisation)
    detail = _write(team, resource)
    return Change(team, "scim.group_created", detail)


def replace_group(team: Team, payload: Any) -> Change:
    resource = _validated(payload, Context.RESOURCE_REPLACEMENT_REQUEST)
    return _change(team, resource)


def patch_group(team: Team, payload: Any, base_url: str) -> Change:
    """The PATCH operations applied to the team as a Group, all or none."""
    try:
        patch = PatchOp[Group].model_validate(
            payload, scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=resources.POLICY
        )
    except ValidationError as error:
        raise InvalidValueException(detail=_first_error(error)) from None
    resource = to_resource(team, base_url)
    patch.patch(resource, scim_policy=resources.POLICY)
    return _change(team, resource)


def delete_group(team: Team) -> Change:
    with transaction.atomic():
        left = team.people.update(team=None)
        change = Change(team, "scim.group_deleted", {"name": team.name, "people": left})
        team.delete()
        organisation_changed(team.organisation_id)
    return change


def _change(team: Team, resource: Group) -> Change:
    old_name = team.name
    detail = _write(team, resource)
    if team.name != old_name:
        return Change(team, "scim.group_renamed", {"from": old_name, "to": team.name, **detail})
    action = (
        "scim.group_members_changed"
        if detail.get("added") or detail.get("removed")
        else "scim.group_replaced"
    )
    return Change(team, action, detail)


def _validated(payload: Any, context: Context) -> Group:
    try:
        return Group.model_validate(payload, scim_ctx=context, scim_policy=resources.POLICY)
    except ValidationError as error:
        raise InvalidValueException(detail=_first_error(error)) from None


def _write(team: Team, resource: Group) -> dict[str, Any]:
    """Copy the resource onto the team and its people, in one transaction; what changed."""
    name = (resource.display_name or "").strip()
    external_id = (resource.external_id or "").strip() or None
    _check(team, name, external_id)
    with transaction.atomic():
        team.name, team.external_id = name, external_id
        team.save()
        wanted = _people(team.organisation, resource.members or [])
        current = set(team.people.values_list("id", flat=True))
        added, removed = sorted(wanted - current), sorted(current - wanted)
        Person.objects.filter(id__in=added).update(team=team)
        Person.objects.filter(id__in=removed).update(team=None)
        organisation_changed(team.organisation_id)
    return {"added": len(added), "removed": len(removed)}


def _check(team: Team, name: str, external_id: str | None) -> None:
    if not name:
        raise InvalidValueException(detail="displayName: a non-empty string is required")
    if len(name) > NAME_LENGTH:
        raise InvalidValueException(
            detail=f"displayName: at most {NAME_LENGTH} characters (this one has {len(name)})"
        )
    if external_id and len(external_id) > EXTERNAL_ID_LENGTH:
        raise InvalidValueException(detail=f"externalId: at most {EXTERNAL_ID_LENGTH} characters")
    taken = Team.objects.filter(organisation_id=team.organisation_id, name=name)
    if taken.exclude(id=team.id).exists():
        raise UniquenessException(
            detail=f"displayName: {name!r} is already the name of another team (Group)"
        )


def _people(organisation: Organisation, members: list[GroupMember]) -> set[int]:
    """The people the members name; a member that is not a User of the organisation is refused."""
    values = [str(member.value or "") for member in members]
    numbers = {int(value) for value in values if value.isdigit() and len(value) < 19}
    found = set(
        Person.objects.filter(
            filters.visible_people(), organisation=organisation, id__in=numbers
        ).values_list("id", flat=True)
    )
    unknown = [value for value in values if not value.isdigit() or int(value) not in found]
    if unknown:
        raise InvalidValueException(
            detail=f"members: {unknown[0]!r} is not the id of a User of this organisation; "
            "a Group's members are Users (a team holds no teams)"
        )
    return found


def _first_error(error: ValidationError) -> str:
    from scim2_models import Error

    return Error.from_validation_error(error.errors()[0]).detail or str(error)
