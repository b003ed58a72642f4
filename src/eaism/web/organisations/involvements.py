"""Who builds, operates and oversees an AI system, and the actions planned about their gaps.

One function per action, for pages and API alike; each is audited and marks the organisation
changed, so cached analyses are not reused.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date
from typing import Any

from django.db import transaction
from django.http import HttpRequest
from django.utils import timezone

from eaism.analysis.competence import ACTION_KINDS, INVOLVEMENTS
from eaism.web.audit.record import record
from eaism.web.input_error import InputError
from eaism.web.organisations.models import (
    CompetenceAction,
    Person,
    System,
    SystemInvolvement,
)
from eaism.web.organisations.store import organisation_changed

MAX_NOTE = 2000


@dataclass(frozen=True)
class InvolvedPeople:
    """A system's people, per kind of involvement, in the order of INVOLVEMENTS."""

    kind: str
    people: tuple[SystemInvolvement, ...]


def people_of(system: System) -> list[InvolvedPeople]:
    found = list(system.involvements.select_related("person"))
    return [
        InvolvedPeople(kind, tuple(entry for entry in found if entry.kind == kind))
        for kind in INVOLVEMENTS
    ]


def add_involvement(
    system: System, person_id: str, kind: str, request: HttpRequest | None = None
) -> SystemInvolvement:
    """List a roster person as a builder, operator or overseer of the system."""
    kind = _choice("kind", kind, INVOLVEMENTS)
    person = _roster_person(system, person_id)
    with transaction.atomic():
        involvement, created = SystemInvolvement.objects.get_or_create(
            system=system, person=person, kind=kind
        )
        if not created:
            raise InputError("person", f"{person_id.strip()!r} is already listed for {kind}")
        _audited(request, "system_person_added", system, person, kind=kind)
    return involvement


def remove_involvement(
    system: System, involvement_id: str, request: HttpRequest | None = None
) -> None:
    found = system.involvements.select_related("person").filter(id=_number(involvement_id)).first()
    if found is None:
        raise InputError("involvement", "not a person listed for this system")
    with transaction.atomic():
        found.delete()
        _audited(request, "system_person_removed", system, found.person, kind=found.kind)


def plan_action(
    system: System,
    person_id: str,
    kind: str,
    note: str = "",
    request: HttpRequest | None = None,
    planned_at: date | None = None,
) -> CompetenceAction:
    """Plan a training cohort, a mentor or a reassignment for a person's gap on a system."""
    kind = _choice("kind", kind, ACTION_KINDS)
    person = _roster_person(system, person_id)
    if not system.involvements.filter(person=person).exists():
        raise InputError("person", f"{person_id.strip()!r} is not listed for this system")
    text = note.strip()
    if len(text) > MAX_NOTE:
        raise InputError("note", f"at most {MAX_NOTE} characters; this has {len(text)}")
    user = getattr(request, "user", None)
    with transaction.atomic():
        action = CompetenceAction.objects.create(
            system=system,
            person=person,
            kind=kind,
            note=text,
            planned_at=planned_at or timezone.localdate(),
            created_by=user if getattr(user, "is_authenticated", False) else None,
        )
        _audited(request, "competence_action_planned", system, person, kind=kind)
    return action


def system_of(organisation: Any, system_id: str) -> System:
    found = organisation.systems.filter(system_id=system_id.strip()).first()
    if found is None:
        raise InputError("system", f"{system_id.strip()!r} is not a system of the inventory")
    return found  # type: ignore[no-any-return]


def _roster_person(system: System, person_id: str) -> Person:
    wanted = person_id.strip()
    if not wanted:
        raise InputError("person", "choose a person of the roster by their id")
    found = Person.objects.filter(organisation_id=system.organisation_id, external_id=wanted)
    person = found.first()
    if person is None:
        raise InputError("person", f"{wanted!r} is not an id of the organisation's roster")
    return person


def _choice(field: str, value: str, allowed: tuple[str, ...]) -> str:
    chosen = value.strip()
    if chosen not in allowed:
        raise InputError(field, f"{chosen!r} is not allowed; expected one of: {', '.join(allowed)}")
    return chosen


def _number(text: str) -> int:
    return int(text) if str(text).isdigit() else 0


def _audited(
    request: HttpRequest | None, action: str, system: System, person: Person, **detail: Any
) -> None:
    target = f"{system.system_id}: {person.external_id}"
    record(request, action, system.organisation, target, **detail)
    organisation_changed(system.organisation_id)
