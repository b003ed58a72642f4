"""The inventory part of an organisation file: AI systems, practices and planned hires.

A system has one true-or-false entry per readiness check of the edition, named by its id.
"""

from __future__ import annotations

from typing import Any

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

SYSTEM_FIELDS = ("id", "name", *SYSTEM_MEASURES)  # and the edition's readiness checks
HIRE_FIELDS = ("level", "count", "title")


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
    for key, allowed in (("kind", SYSTEM_KINDS), ("status", SYSTEM_STATUSES)):
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
    )


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
