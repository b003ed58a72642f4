"""SCIM Users are the organisation's people: reading them as resources, and the changes an
identity provider makes (create, replace, patch, deactivate, delete), each audited.

Mapping: id is the person's database id; userName is the name the identity provider gave,
or for a person from a roster file their e-mail address (or their account's); externalId is the person id of the roster
(one is made up, `scim-...`, when the provider sends none); displayName is the name; emails holds
the e-mail address; the enterprise extension's department is the team, created when new. A
person without a userName (no name given and no e-mail address, or erased) is not a SCIM User.
"""

from __future__ import annotations

import secrets
from dataclasses import dataclass
from typing import Any

from django.db import IntegrityError, transaction
from django.db.models import QuerySet
from pydantic import ValidationError
from scim2_models import (
    Context,
    GroupMembership,
    InvalidValueException,
    Meta,
    NotFoundException,
    PatchOp,
    UniquenessException,
)

from eaism.web.accounts.erasure import erase_person
from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.organisations.store import organisation_changed
from eaism.web.provisioning import deprovisioning, filters, resources
from eaism.web.provisioning.resources import Email, EnterpriseUser

GENERATED_ID_START = "scim-"
CHANGEABLE = ("user_name", "name", "title", "email", "external_id", "team_id", "active")
LIMITS = {"userName": 254, "displayName": 200, "title": 200, "externalId": 100, "department": 200}


@dataclass(frozen=True)
class Change:
    """What a write did, for the audit log."""

    person: Person
    action: str
    fields: tuple[str, ...]


def user_model() -> Any:
    """The User resource with its enterprise extension, as the service publishes it."""
    return resources.provider().model_for("User")


def people_of(organisation: Organisation) -> QuerySet[Person]:
    """The organisation's people that are SCIM Users, in a stable order for paging."""
    return (
        Person.objects.filter(filters.visible_people(), organisation=organisation)
        .select_related("team", "user")
        .order_by("id")
    )


def find(organisation: Organisation, user_id: str) -> Person:
    """One of the organisation's Users; any other id, another organisation's too, is a 404."""
    person = people_of(organisation).filter(id=_number(user_id)).first()
    if person is None:
        raise NotFoundException(detail=f"id: no User {user_id!r} in this organisation")
    return person


def to_resource(person: Person, base_url: str) -> Any:
    """The person as a SCIM User."""
    resource = user_model()(
        id=str(person.id),
        external_id=person.external_id,
        user_name=person.user_name or person.email or (person.user.email if person.user else None),
        display_name=person.name or None,
        title=person.title or None,
        active=person.active,
        emails=_emails(person.email),
        groups=[_membership(person.team, base_url)] if person.team else None,
        meta=Meta(resource_type="User", location=f"{base_url}/Users/{person.id}"),
    )
    if person.team:
        resource[EnterpriseUser] = EnterpriseUser(department=person.team.name)
    return resource


def create_user(organisation: Organisation, payload: Any) -> Change:
    """A new person from a POST's body; 409 when the userName or externalId is taken."""
    generated = GENERATED_ID_START + secrets.token_hex(8)
    resource = _validated(payload, Context.RESOURCE_CREATION_REQUEST, generated)
    person = Person(organisation=organisation, active=True)
    fields = _write(person, resource, payload, team_given=True)
    return Change(person, "scim.user_created", fields)


def replace_user(person: Person, payload: Any) -> Change:
    """The person as a PUT's body has them; attributes left out are cleared (the team only when
    the body carries the enterprise extension: group membership sets it too)."""
    resource = _validated(
        payload, Context.RESOURCE_REPLACEMENT_REQUEST, person.external_id, person.active
    )
    before = person.active
    given = isinstance(payload, dict) and any(
        key.lower() == str(EnterpriseUser.__schema__).lower() for key in payload
    )
    fields = _write(person, resource, payload, team_given=given)
    return Change(person, _action(before, person.active, "scim.user_replaced"), fields)


def patch_user(person: Person, payload: Any, base_url: str) -> Change:
    """The PATCH operations (RFC 7644 §3.5.2) applied to the person as a User, all or none."""
    model = user_model()
    try:
        patch = PatchOp[model].model_validate(  # type: ignore[valid-type]
            payload, scim_ctx=Context.RESOURCE_PATCH_REQUEST, scim_policy=resources.POLICY
        )
    except ValidationError as error:
        raise InvalidValueException(detail=_first_error(error)) from None
    resource = to_resource(person, base_url)
    patch.patch(resource, scim_policy=resources.POLICY)
    before = person.active
    fields = _write(person, resource, {}, team_given=True)
    return Change(person, _action(before, person.active, "scim.user_patched"), fields)


def delete_user(person: Person) -> Change:
    """Deprovision the person and erase their personal data; closed rounds keep their counts."""
    account = person.user
    with transaction.atomic():
        person.active = False
        person.save(update_fields=["active"])
        deprovisioning.suspend_access(person)
        erase_person(person)
        # an account left with no organisation and no person record is personal data too
        if account is not None and not (account.memberships.exists() or account.people.exists()):
            account.delete()
    return Change(person, "scim.user_deleted", ())


def _validated(payload: Any, context: Context, external_id: str, active: bool = True) -> Any:
    """The body as a User; a missing externalId is `external_id` (made up, or the current), a
    missing active is `active` (true, or the current)."""
    if isinstance(payload, dict) and not payload.get("externalId"):
        payload = {**payload, "externalId": external_id}
    if isinstance(payload, dict) and payload.get("active") is None:
        payload = {**payload, "active": active}
    try:
        return user_model().model_validate(payload, scim_ctx=context, scim_policy=resources.POLICY)
    except ValidationError as error:
        raise InvalidValueException(detail=_first_error(error)) from None


def _write(person: Person, resource: Any, payload: Any, team_given: bool) -> tuple[str, ...]:
    """Copy the resource onto the person and save, in one transaction; the fields changed."""
    values = _values(resource, payload)
    _check_lengths(values)
    before = {name: getattr(person, name) for name in CHANGEABLE}
    # Read before writing: on SQLite a transaction holds the one write lock from its start,
    # and every other provisioning request waits for it. The unique index on userName still
    # refuses a name two requests race for.
    _check_user_name(person, values["user_name"])
    team = _team(person.organisation, values["department"]) if team_given else person.team
    with transaction.atomic():
        person.user_name = values["user_name"]
        person.name = values["name"]
        person.title = values["title"]
        person.email = values["email"]
        person.external_id = values["external_id"]
        person.team = team
        was_active = person.active if person.pk else True
        if values["active"] is not None:
            person.active = values["active"]
        _save(person)
        if was_active and not person.active:
            deprovisioning.suspend_access(person)
        elif person.active and not was_active:
            deprovisioning.restore_access(person)
        organisation_changed(person.organisation_id)
    return tuple(name for name, value in before.items() if getattr(person, name) != value)


def _values(resource: Any, payload: Any) -> dict[str, Any]:
    extension = resource[EnterpriseUser]
    department = extension.department if extension is not None else None
    return {
        "user_name": resource.user_name.strip(),
        "name": (resource.display_name or _name_parts(payload)).strip(),
        "title": (resource.title or "").strip(),
        "email": _email_of(resource.emails),
        "external_id": (resource.external_id or "").strip(),
        "active": resource.active,
        "department": (department or "").strip(),
    }


def _name_parts(payload: Any) -> str:
    """name.formatted, or the given and family names, for a provider that sends no
    displayName (eaism keeps one name)."""
    name = payload.get("name") if isinstance(payload, dict) else None
    if not isinstance(name, dict):
        return ""
    formatted = name.get("formatted")
    if isinstance(formatted, str) and formatted.strip():
        return formatted
    parts = [name.get("givenName"), name.get("familyName")]
    return " ".join(part.strip() for part in parts if isinstance(part, str) and part.strip())


def _email_of(emails: list[Email] | None) -> str:
    """The work address, else the first (a primary flag the provider sends is ignored)."""
    addresses = [email for email in emails or [] if email.value]
    chosen = next((email for email in addresses if email.type == "work"), None) or (
        addresses[0] if addresses else None
    )
    return str(chosen.value) if chosen else ""


def _check_lengths(values: dict[str, Any]) -> None:
    names = {"user_name": "userName", "name": "displayName", "external_id": "externalId"}
    for field, value in values.items():
        attribute = names.get(field, field)
        limit = LIMITS.get(attribute)
        if limit and isinstance(value, str) and len(value) > limit:
            raise InvalidValueException(
                detail=f"{attribute}: at most {limit} characters (this one has {len(value)})"
            )
    if not values["user_name"]:
        raise InvalidValueException(detail="userName: a non-empty string is required")
    if not values["external_id"]:
        raise InvalidValueException(detail="externalId: a non-empty string is required")


def _check_user_name(person: Person, user_name: str) -> None:
    """Refuse a userName another User has: given by the provider, or the e-mail address of a
    roster person who has none."""
    people = Person.objects.filter(organisation_id=person.organisation_id).exclude(id=person.id)
    if people.filter(filters.user_name_is(user_name, person.organisation_id)).exists():
        raise UniquenessException(
            detail=f"userName: {user_name!r} is already the userName of another User"
        )


def _save(person: Person) -> None:
    try:
        with transaction.atomic():
            person.save()
    except IntegrityError:
        others = Person.objects.filter(organisation_id=person.organisation_id).exclude(id=person.id)
        if others.filter(external_id=person.external_id).exists():
            detail = f"externalId: {person.external_id!r} is already the id of another person"
        else:  # another request gave the same userName a moment before
            detail = f"userName: {person.user_name!r} is already the userName of another User"
        raise UniquenessException(detail=detail) from None


def _team(organisation: Organisation, name: str) -> Team | None:
    if not name:
        return None
    team, _ = Team.objects.get_or_create(organisation=organisation, name=name)
    return team


def _action(before: bool, after: bool, otherwise: str) -> str:
    if before and not after:
        return "scim.user_deactivated"
    if after and not before:
        return "scim.user_reactivated"
    return otherwise


def _emails(address: str) -> list[Email] | None:
    if not address:
        return None
    try:
        return [Email(value=address, type="work")]
    except ValidationError:
        return None  # an address a roster file let in that is not one; not shown over SCIM


def _membership(team: Team, base_url: str) -> GroupMembership:
    return GroupMembership(
        value=str(team.id), ref=f"{base_url}/Groups/{team.id}", display=team.name, type="direct"
    )


def _first_error(error: ValidationError) -> str:
    from scim2_models import Error

    return Error.from_validation_error(error.errors()[0]).detail or str(error)


def _number(value: str) -> int:
    return int(value) if value.isdigit() and len(value) < 19 else -1
