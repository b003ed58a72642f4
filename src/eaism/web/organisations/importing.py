"""Importing people from a CSV or XLSX sheet: a dry-run preview first, then apply.

Columns: `id` and `team` (required), `name`, `email`, `role`, `title`, and optionally one column
per domain id with a given level. People missing from the sheet are deactivated on apply.
"""

from __future__ import annotations

import tempfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from django.db import transaction

from eaism.errors import DataError, EaismError
from eaism.io.sheets import sheet_rows
from eaism.model.schema import Edition
from eaism.web.organisations.models import Organisation, Person, Team
from eaism.web.organisations.store import organisation_changed

TEXT_COLUMNS = ("id", "team", "name", "email", "role", "title")


@dataclass
class ImportPlan:
    create: list[dict[str, Any]] = field(default_factory=list)
    change: list[dict[str, Any]] = field(default_factory=list)
    deactivate: list[str] = field(default_factory=list)
    problems: list[str] = field(default_factory=list)


def read_sheet(content: bytes, suffix: str) -> list[list[str]]:
    """The sheet's rows as text; a broken file becomes a DataError naming the row."""
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"people{suffix}"
        path.write_bytes(content)
        try:
            return list(sheet_rows(path))
        except EaismError as error:
            raise DataError(getattr(error, "problems", [])) from None


def plan_import(organisation: Organisation, edition: Edition, rows: list[list[str]]) -> ImportPlan:
    plan = ImportPlan()
    if not rows:
        plan.problems.append("row 1: the sheet is empty; expected a header row with id and team")
        return plan
    header = [cell.strip() for cell in rows[0]]
    for required in ("id", "team"):
        if required not in header:
            plan.problems.append(f"row 1: expected a column named {required!r}")
    unknown = [
        name
        for name in header
        if name and name not in TEXT_COLUMNS and name not in edition.domain_ids
    ]
    plan.problems += [
        f"row 1, column {name!r}: not a column; expected {', '.join(TEXT_COLUMNS)} or a domain id"
        for name in unknown
    ]
    if plan.problems:
        return plan
    existing = {person.external_id: person for person in organisation.people.select_related("team")}
    seen: set[str] = set()
    roles = {role.id for role in edition.roles}
    for number, cells in enumerate(rows[1:], start=2):
        entry = dict(zip(header, [cell.strip() for cell in cells], strict=False))
        if not any(entry.values()):
            continue
        problem = _row_problem(entry, seen, roles, edition)
        if problem:
            plan.problems.append(f"row {number}, {problem}")
            continue
        seen.add(entry["id"])
        wanted = _wanted(entry, edition)
        current = existing.get(entry["id"])
        if current is None:
            plan.create.append(wanted)
        elif _differs(current, wanted):
            plan.change.append(wanted)
    plan.deactivate = sorted(
        pid for pid, person in existing.items() if person.active and pid not in seen
    )
    return plan


@transaction.atomic
def apply_import(organisation: Organisation, plan: ImportPlan) -> None:
    teams = {team.name: team for team in organisation.teams.all()}
    for wanted in plan.create + plan.change:
        team = teams.get(wanted["team"]) or Team.objects.create(
            organisation=organisation, name=wanted["team"]
        )
        teams[team.name] = team
        Person.objects.update_or_create(
            organisation=organisation,
            external_id=wanted["id"],
            defaults={
                key: wanted[key] for key in ("name", "email", "role", "title", "given_levels")
            }
            | {"team": team, "active": True},
        )
    organisation.people.filter(external_id__in=plan.deactivate).update(active=False)
    organisation_changed(organisation.id)


def _row_problem(entry: dict[str, str], seen: set[str], roles: set[str], edition: Edition) -> str:
    if not entry.get("id"):
        return "column 'id': every person needs an id"
    if entry["id"] in seen:
        return f"column 'id': {entry['id']!r} is a duplicate id"
    if not entry.get("team"):
        return "column 'team': every person needs a team"
    if entry.get("role") and entry["role"] not in roles:
        return f"column 'role': {entry['role']!r} is not a role; expected one of: {', '.join(sorted(roles))}"
    for domain in edition.domains:
        text = entry.get(domain.id, "")
        if text and (not text.isdigit() or int(text) not in (0, *domain.applicable_levels)):
            return f"column {domain.id!r}: {text!r} is not a level of {domain.id}"
    return ""


def _wanted(entry: dict[str, str], edition: Edition) -> dict[str, Any]:
    levels = {
        domain_id: int(entry[domain_id]) for domain_id in edition.domain_ids if entry.get(domain_id)
    }
    return {
        "id": entry["id"],
        "team": entry["team"],
        "name": entry.get("name", ""),
        "email": entry.get("email", ""),
        "role": entry.get("role", ""),
        "title": entry.get("title", ""),
        "given_levels": levels or None,
    }


def _differs(person: Person, wanted: dict[str, Any]) -> bool:
    current = {
        "id": person.external_id,
        "team": person.team.name if person.team else "",
        "name": person.name,
        "email": person.email,
        "role": person.role,
        "title": person.title,
        "given_levels": person.given_levels,
    }
    return current != wanted or not person.active
