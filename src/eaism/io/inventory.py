"""The inventory part of an organisation file: AI systems, practices and planned hires, and
the competence part: who builds, operates and oversees each system, the actions planned for
their gaps, and the organisation's own requirements.

A system has one true-or-false entry per readiness check of the edition, named by its id.
"""

from __future__ import annotations

from collections.abc import Collection
from datetime import date, datetime
from typing import Any

from eaism.analysis.competence import ACTION_KINDS, Involvement, PlannedAction
from eaism.analysis.organisation import (
    SYSTEM_KINDS,
    SYSTEM_MEASURES,
    SYSTEM_STATUSES,
    PlannedHire,
    System,
)
from eaism.errors import DataError
from eaism.io.reading import Reading, entries
from eaism.io.responses import unknown_fields
from eaism.model.checks import check_requirement
from eaism.model.schema import INVOLVEMENTS, RISK_CLASSES, Requirement

Path = tuple[str | int, ...]
# And the edition's readiness checks.
SYSTEM_FIELDS = ("id", "name", "risk_class", "model", "changed_at", "people", *SYSTEM_MEASURES)
HIRE_FIELDS = ("level", "count", "title")
ACTION_FIELDS = ("system", "person", "kind", "planned_at", "note")
COMPETENCE_FIELDS = ("max_age_months", "requirements")
REQUIREMENT_FIELDS = ("involvement", "risk_class", "cells", "why")


def read_systems(reading: Reading, data: Any) -> tuple[System, ...]:
    systems: list[System] = []
    for index, entry in entries(reading, "systems", data):
        reading.check_problems()
        before = len(reading.problems)
        system = _system(reading, ("systems", index), entry, {system.id for system in systems})
        if len(reading.problems) > before or system is None:
            reading.skipped += 1
        else:
            systems.append(system)
    return tuple(systems)


def _system(
    reading: Reading, path: tuple[str | int, ...], entry: dict[str, Any], taken: set[str]
) -> System | None:
    check_ids = reading.edition.analysis.check_ids
    unknown_fields(reading.document, path, entry, (*SYSTEM_FIELDS, *check_ids), reading.problems)
    identifier = str(entry.get("id") or "")
    if not identifier:
        reading.problem((*path, "id"), "every system needs an id")
    elif identifier in taken:
        reading.problem((*path, "id"), f"{identifier!r} is a duplicate system id")
    choices = (("kind", SYSTEM_KINDS), ("status", SYSTEM_STATUSES))
    for key, allowed in (*choices, ("risk_class", (RISK_CLASSES[-1], *RISK_CLASSES[:-1]))):
        if entry.get(key, allowed[0]) not in allowed:
            reading.problem(
                (*path, key),
                f"{entry[key]!r} is not a {key}; expected one of: {', '.join(allowed)}",
            )
    numbers = {
        key: _number(reading, (*path, key), entry.get(key, 0))
        for key in ("months_in_status", "users", "monthly_cost")
    }
    rate = entry.get("success_rate")
    if rate is not None and (
        isinstance(rate, bool) or not isinstance(rate, int | float) or not 0 <= rate <= 1
    ):
        reading.problem(
            (*path, "success_rate"), f"{rate!r} is not a share between 0 and 1 (such as 0.995)"
        )
    checks = {
        check for check in check_ids if _flag(reading, (*path, check), entry.get(check, False))
    }
    changed = entry.get("changed_at")
    changed_at = None if changed is None else read_date(reading, (*path, "changed_at"), changed)
    if None in numbers.values():
        return None
    return System(
        id=identifier,
        name=str(entry.get("name") or identifier),
        kind=str(entry.get("kind", "other")),
        status=str(entry.get("status", "idea")),
        months_in_status=float(numbers["months_in_status"] or 0),
        users=int(numbers["users"] or 0),
        monthly_cost=float(numbers["monthly_cost"] or 0),
        success_rate=None if rate is None else float(rate),
        checks=frozenset(checks),
        risk_class=str(entry.get("risk_class", "not_assessed")),
        model=str(entry.get("model") or ""),
        changed_at=changed_at,
    )


def read_date(reading: Reading, path: Path, value: Any) -> date | None:
    """A day: a YAML date, or text such as 2026-03-01 (a time of day is dropped)."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    try:
        return date.fromisoformat(str(value)[:10]) if isinstance(value, str) else None
    except ValueError:
        pass
    reading.problem(path, f"{value!r} is not a date such as 2026-03-01")
    return None


def read_involvements(
    reading: Reading, data: Any, systems: tuple[System, ...], people: Collection[str]
) -> tuple[Involvement, ...]:
    """Who builds, operates and oversees each system read: `people: {build: [ids], ...}`."""
    accepted = {system.id for system in systems}
    found: list[Involvement] = []
    for index, entry in enumerate(data if isinstance(data, list) else []):
        if isinstance(entry, dict) and entry.get("id") in accepted and "people" in entry:
            accepted.discard(entry["id"])  # a later entry with the same id was left out
            path: Path = ("systems", index, "people")
            found.extend(_system_people(reading, path, str(entry["id"]), entry["people"], people))
    return tuple(found)


def _system_people(
    reading: Reading, path: Path, system_id: str, data: Any, people: Collection[str]
) -> list[Involvement]:
    if not isinstance(data, dict):
        expected = ", ".join(f"{kind}: [ids]" for kind in INVOLVEMENTS)
        reading.problem(path, f"expected a mapping such as {{{expected}}}")
        return []
    found = []
    for kind, ids in data.items():
        where: Path = (*path, str(kind))
        if kind not in INVOLVEMENTS:
            message = (
                f"{kind!r} is not a kind of involvement; expected one of: {', '.join(INVOLVEMENTS)}"
            )
            reading.problem(where, message)
        elif not isinstance(ids, list) or not all(isinstance(item, str) for item in ids):
            reading.problem(where, "expected a list of person ids")
        else:
            for position, person_id in enumerate(dict.fromkeys(ids)):
                if person_id in people:
                    found.append(Involvement(system_id, person_id, kind))
                else:
                    reading.problem((*where, position), _unknown_person(person_id))
                    reading.skipped += 1
    return found


def read_actions(
    reading: Reading, data: Any, involvements: tuple[Involvement, ...]
) -> tuple[PlannedAction, ...]:
    """Actions planned for a person's gap in a system: `{system, person, kind, planned_at}`."""
    pairs = {(item.system_id, item.person_id) for item in involvements}
    systems = {item.system_id for item in involvements}
    found = []
    for index, entry in entries(reading, "actions", data):
        reading.check_problems()
        path: Path = ("actions", index)
        before = len(reading.problems)
        unknown_fields(reading.document, path, entry, ACTION_FIELDS, reading.problems)
        system_id, person_id = str(entry.get("system") or ""), str(entry.get("person") or "")
        if (system_id, person_id) not in pairs:
            field, message = (
                ("system", f"{system_id!r} is not a system with people in this file")
                if system_id not in systems
                else (
                    "person",
                    f"{person_id!r} builds, operates or oversees no system {system_id!r}",
                )
            )
            reading.problem((*path, field), message)
        kind = entry.get("kind")
        if kind not in ACTION_KINDS:
            reading.problem(
                (*path, "kind"),
                f"{kind!r} is not an action; expected one of: {', '.join(ACTION_KINDS)}",
            )
        planned = read_date(reading, (*path, "planned_at"), entry.get("planned_at"))
        if len(reading.problems) > before or planned is None:
            reading.skipped += 1
            continue
        note = str(entry.get("note") or "")
        found.append(PlannedAction(system_id, person_id, str(kind), planned, note))
    return tuple(found)


def read_competence(reading: Reading, data: Any) -> tuple[int | None, tuple[Requirement, ...]]:
    """The organisation's record age setting and its own (raised) requirements."""
    if not isinstance(data, dict):
        message = "expected a mapping with max_age_months and requirements"
        raise DataError([reading.document.problem(("competence",), message)])
    unknown_fields(reading.document, ("competence",), data, COMPETENCE_FIELDS, reading.problems)
    months = data.get("max_age_months")
    if months is not None and (
        isinstance(months, bool) or not isinstance(months, int) or months < 1
    ):
        reading.problem(
            ("competence", "max_age_months"), f"{months!r} is not a number of months of 1 or more"
        )
        months = None
    raised = []
    for index, entry in entries(reading, "competence", data.get("requirements", [])):
        requirement = _requirement(reading, ("competence", "requirements", index), entry)
        if requirement is not None:
            raised.append(requirement)
    return months, tuple(raised)


def _requirement(reading: Reading, path: Path, entry: dict[str, Any]) -> Requirement | None:
    before = len(reading.problems)
    unknown_fields(reading.document, path, entry, REQUIREMENT_FIELDS, reading.problems)
    cells = entry.get("cells", {})
    if not isinstance(cells, dict) or not all(
        isinstance(level, int) and not isinstance(level, bool) for level in cells.values()
    ):
        reading.problem(
            (*path, "cells"), "expected a mapping of domain id to level, such as {evaluation: 3}"
        )
        cells = {}
    requirement = Requirement(
        str(entry.get("involvement") or ""),
        str(entry.get("risk_class") or ""),
        {str(domain_id): level for domain_id, level in cells.items()},
        str(entry.get("why") or ""),
    )
    for where, message in check_requirement(reading.edition, requirement, path):
        reading.problem(where, message)
    if len(reading.problems) > before:
        reading.skipped += 1
        return None
    return requirement


def _unknown_person(person_id: str) -> str:
    return f"{person_id!r} is not a person in this file; give them an entry under people"


def _number(reading: Reading, path: tuple[str | int, ...], value: Any) -> float | None:
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        reading.problem(path, f"{value!r} is not a number of 0 or more")
        return None
    return float(value)


def _flag(reading: Reading, path: tuple[str | int, ...], value: Any) -> bool:
    if not isinstance(value, bool):
        reading.problem(path, f"{value!r} is not true or false")
        return False
    return value


def read_practices(reading: Reading, data: Any) -> dict[str, bool]:
    if not isinstance(data, dict):
        raise DataError(
            [
                reading.document.problem(
                    ("practices",), "expected a mapping of indicator id to true or false"
                )
            ]
        )
    known = [indicator.id for stage in reading.edition.stages for indicator in stage.indicators]
    practices = {}
    for key, value in data.items():
        reading.check_problems()
        path = ("practices", str(key))
        if key not in known:
            reading.problem(
                path, f"{key!r} is not an indicator; expected one of: {', '.join(known)}"
            )
        elif isinstance(value, bool):
            practices[str(key)] = value
        else:
            reading.problem(path, f"{value!r} is not true or false")
    return practices


def read_hires(reading: Reading, data: Any) -> tuple[PlannedHire, ...]:
    hires = []
    for index, entry in entries(reading, "planned_hires", data):
        reading.check_problems()
        path = ("planned_hires", index)
        before = len(reading.problems)
        unknown_fields(reading.document, path, entry, HIRE_FIELDS, reading.problems)
        level, count = entry.get("level", 0), entry.get("count", 1)
        if level not in (1, 2, 3, 4, 5) or isinstance(level, bool):
            reading.problem((*path, "level"), f"{level!r} is not a level (1-5)")
        if isinstance(count, bool) or not isinstance(count, int) or count < 1:
            reading.problem((*path, "count"), f"{count!r} is not a head count of 1 or more")
        if len(reading.problems) > before:
            reading.skipped += 1
            continue
        hires.append(PlannedHire(int(level), int(count), str(entry.get("title") or "")))
    return tuple(hires)
