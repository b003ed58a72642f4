"""Importing the roster from a sheet: plan (a dry run), apply with confirmations, undo.

Modes: `add` creates new people only; `update` (the default) creates and changes, never
deactivates; `sync` takes the file as the whole roster and deactivates the active people missing
from it, which needs a confirmation naming the count, and a second one when more than 20 % of
the active people would go. Columns: `id` and `team` (required), `name`, `email`, `role`, `title`,
`kind` (employee or contractor; empty is employee), and one column per domain id with a given
level; only the columns in the file are changed.
Page, API and CLI call these functions alike; each runs in one transaction.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from eaism.analysis.competence import PERSON_KINDS
from eaism.model.schema import Edition
from eaism.web.accounts.tokens import revoke_for_leavers
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import ImportBatch, Organisation, Person, Team
from eaism.web.organisations.roster_file import read_upload, sheet_of
from eaism.web.organisations.roster_rows import (
    FIELDS,
    PersonRow,
    RowError,
    header_errors,
    parse_rows,
)
from eaism.web.organisations.store import organisation_changed

MODES = ("add", "update", "sync")
DEFAULT_MODE = "update"
LARGE_SHARE = 0.2  # deactivating more than this share of the active people needs a second yes
KIND = "kind"  # read here, apart from the other columns: roster_rows knows the rest
PERSON_FIELDS = (*FIELDS, KIND)


@dataclass(frozen=True)
class Leaving:
    id: str
    name: str


@dataclass(frozen=True)
class ImportPlan:
    """What applying the file would do; nothing is applied while `errors` is not empty."""

    mode: str
    create: tuple[PersonRow, ...]
    change: tuple[PersonRow, ...]
    deactivate: tuple[Leaving, ...]
    teams: tuple[str, ...]  # teams to create
    errors: tuple[RowError, ...]
    active: int  # active people before the import

    @property
    def large(self) -> bool:
        return len(self.deactivate) > LARGE_SHARE * self.active

    def missing_confirmations(self, confirm_deactivate: str, confirm_large: bool) -> list[str]:
        """What the admin still has to confirm; empty when the plan may be applied."""
        if not self.deactivate:
            return []
        count = len(self.deactivate)
        missing = []
        if confirm_deactivate.strip() != str(count):
            missing.append(f"confirm_deactivate: type {count} to deactivate {count} people")
        if self.large and not confirm_large:
            share = round(100 * count / max(self.active, 1))
            missing.append(
                f"confirm_large: {count} of {self.active} active people ({share} %) would be "
                "deactivated, more than 20 %; confirm that the file is the whole roster"
            )
        return missing


@dataclass(frozen=True)
class ImportSummary:
    batch_id: int | None
    mode: str
    created: int
    updated: int
    deactivated: int
    teams_created: int
    dry_run: bool = False


def mode_of(text: str) -> str:
    mode = (text or DEFAULT_MODE).strip().lower()
    if mode not in MODES:
        raise InputError("mode", f"{mode!r} is not a mode; expected one of: {', '.join(MODES)}")
    return mode


def plan_import(
    organisation: Organisation, edition: Edition, rows: list[list[str]], mode: str = DEFAULT_MODE
) -> ImportPlan:
    """The dry run: who would be created, changed and deactivated, and every problem found."""
    mode = mode_of(mode)
    rows, kinds, errors = _kinds_apart(rows)
    header = [cell.strip() for cell in rows[0]] if rows else []
    errors += header_errors(header, edition)
    if errors:
        return ImportPlan(mode, (), (), (), (), tuple(errors), 0)
    existing = {
        person["external_id"]: person
        for person in organisation.people.values(
            "external_id", *PERSON_FIELDS, "given_levels", "active", "team__name"
        )
    }
    parsed, errors = parse_rows(header, rows[1:], edition)
    if kinds is not None:
        parsed, errors = _with_kinds(parsed, errors, kinds)
    create = [row for row in parsed if row.id not in existing]
    change = [] if mode == "add" else [r for r in parsed if _differs(existing.get(r.id), r)]
    seen = {row.id for row in parsed}
    leaving = (
        ()
        if mode != "sync"
        else tuple(
            Leaving(pid, person["name"])
            for pid, person in sorted(existing.items())
            if person["active"] and pid not in seen
        )
    )
    teams = set(organisation.teams.values_list("name", flat=True))
    new_teams = sorted({row.team for row in create + change} - teams)
    active = sum(1 for person in existing.values() if person["active"])
    return ImportPlan(
        mode, tuple(create), tuple(change), leaving, tuple(new_teams), tuple(errors), active
    )


def apply_import(
    organisation: Organisation,
    plan: ImportPlan,
    actor: Any = None,
    confirm_deactivate: str = "",
    confirm_large: bool = False,
) -> ImportSummary:
    """Apply a plan without errors, once its deactivations are confirmed; keeps an undo record."""
    if plan.errors:
        raise InputError("file", f"{len(plan.errors)} problems in the file; nothing was applied")
    missing = plan.missing_confirmations(confirm_deactivate, confirm_large)
    if missing:
        field, message = missing[0].split(": ", 1)
        raise InputError(field, message)
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(id=organisation.id).first()
        undo = _apply(organisation, plan)
        summary = {
            "created": len(plan.create),
            "updated": len(plan.change),
            "deactivated": len(plan.deactivate),
            "teams_created": len(plan.teams),
        }
        batch = ImportBatch.objects.create(
            organisation=organisation,
            actor=actor if getattr(actor, "is_authenticated", False) else None,
            mode=plan.mode,
            summary=summary,
            undo=undo,
        )
        organisation_changed(organisation.id)
    return ImportSummary(
        batch.id,
        plan.mode,
        created=summary["created"],
        updated=summary["updated"],
        deactivated=summary["deactivated"],
        teams_created=summary["teams_created"],
    )


def import_path(
    slug: str,
    path: Path,
    mode: str,
    dry_run: bool,
    confirm_deactivate: str = "",
    confirm_large: bool = False,
) -> tuple[ImportPlan, ImportSummary]:
    """The command line's import: the organisation by its slug, the roster from a file."""
    organisation = Organisation.objects.filter(slug=slug).first()
    if organisation is None:
        raise InputError("organisation", f"no organisation {slug!r}")
    try:
        with path.open("rb") as file:
            content = read_upload(path.name, file, path.stat().st_size, settings.MAX_UPLOAD_BYTES)
    except OSError as error:
        raise InputError("file", f"cannot be read ({error.strerror or error})") from None
    rows = sheet_of(content, path.suffix.lower())
    plan = plan_import(organisation, current_edition(), rows, mode)
    if dry_run or plan.errors:
        return plan, dry_run_summary(plan)
    return plan, apply_import(organisation, plan, None, confirm_deactivate, confirm_large)


def dry_run_summary(plan: ImportPlan) -> ImportSummary:
    return ImportSummary(
        None,
        plan.mode,
        len(plan.create),
        len(plan.change),
        len(plan.deactivate),
        len(plan.teams),
        dry_run=True,
    )


def last_import(organisation: Organisation) -> ImportBatch | None:
    """The latest import, if it may still be undone."""
    batch = organisation.imports.first()
    return batch if batch is not None and batch.undone_at is None else None


def undo_last_import(organisation: Organisation) -> ImportBatch:
    """Put the people and teams back as they were before the latest import."""
    with transaction.atomic():
        Organisation.objects.select_for_update().filter(id=organisation.id).first()
        batch = last_import(organisation)
        if batch is None:
            raise InputError("import", "there is no import to undo")
        _restore(organisation, batch.undo)
        batch.undone_at = timezone.now()
        batch.save(update_fields=["undone_at"])
        organisation_changed(organisation.id)
    return batch


def _kinds_apart(
    rows: list[list[str]],
) -> tuple[list[list[str]], list[str] | None, list[RowError]]:
    """The sheet without its `kind` column, and that column's cells (None: no such column)."""
    header = [cell.strip() for cell in rows[0]] if rows else []
    if KIND not in header:
        return rows, None, []
    if header.count(KIND) > 1:
        return rows, None, [RowError(1, KIND, "the column appears twice")]
    at = header.index(KIND)
    kinds = [cells[at].strip() if at < len(cells) else "" for cells in rows[1:]]
    return [cells[:at] + cells[at + 1 :] for cells in rows], kinds, []


def _with_kinds(
    parsed: list[PersonRow], errors: list[RowError], kinds: list[str]
) -> tuple[list[PersonRow], list[RowError]]:
    """Each row with its kind of person; a kind that is neither is an error at its cell."""
    wrong = {
        number: RowError(
            number,
            KIND,
            f"{kind!r} is not a kind of person; expected one of: {', '.join(PERSON_KINDS)}",
        )
        for number, kind in enumerate(kinds, start=2)
        if kind and kind not in PERSON_KINDS
    }
    kept = [
        replace(row, values=(*row.values, (KIND, kinds[row.row - 2] or PERSON_KINDS[0])))
        for row in parsed
        if row.row not in wrong
    ]
    return kept, sorted([*errors, *wrong.values()], key=lambda error: error.row)


def _differs(current: dict[str, Any] | None, row: PersonRow) -> bool:
    if current is None:
        return False
    if not current["active"] or current["team__name"] != row.team:
        return True
    if any(current[name] != value for name, value in row.values):
        return True
    return row.has_levels and current["given_levels"] != row.given_levels


def _apply(organisation: Organisation, plan: ImportPlan) -> dict[str, Any]:
    """Apply the plan in bulk; returns what is needed to undo it."""
    teams = {team.name: team for team in organisation.teams.all()}
    new_teams = [Team(organisation=organisation, name=name) for name in plan.teams]
    Team.objects.bulk_create(new_teams, batch_size=500)
    teams.update({team.name: team for team in organisation.teams.filter(name__in=plan.teams)})
    Person.objects.bulk_create(
        [_new_person(organisation, row, teams) for row in plan.create], batch_size=500
    )
    before = _changed_people(organisation, plan, teams)
    leaving = organisation.people.filter(external_id__in=[p.id for p in plan.deactivate])
    leaving.update(active=False)
    revoke_for_leavers(leaving.values_list("user_id", flat=True))  # their API tokens go too
    return {
        "created": [row.id for row in plan.create],
        "changed": before,
        "deactivated": [person.id for person in plan.deactivate],
        "teams": list(plan.teams),
    }


def _new_person(organisation: Organisation, row: PersonRow, teams: dict[str, Team]) -> Person:
    return Person(
        organisation=organisation,
        external_id=row.id,
        team=teams[row.team],
        given_levels=row.given_levels,
        **dict(row.values),
    )


def _changed_people(
    organisation: Organisation, plan: ImportPlan, teams: dict[str, Team]
) -> list[dict[str, Any]]:
    rows = {row.id: row for row in plan.change}
    people = list(organisation.people.filter(external_id__in=rows))
    before = [_snapshot(person) for person in people]
    fields = {"team", "active"}
    for person in people:
        row = rows[person.external_id]
        person.team, person.active = teams[row.team], True
        for name, value in row.values:
            setattr(person, name, value)
            fields.add(name)
        if row.has_levels:
            person.given_levels = row.given_levels
            fields.add("given_levels")
    Person.objects.bulk_update(people, sorted(fields), batch_size=500)
    return before


def _snapshot(person: Person) -> dict[str, Any]:
    return {
        "id": person.external_id,
        "team_id": person.team_id,
        "active": person.active,
        "given_levels": person.given_levels,
        **{name: getattr(person, name) for name in PERSON_FIELDS},
    }


def _restore(organisation: Organisation, undo: dict[str, Any]) -> None:
    people = organisation.people
    created = people.filter(external_id__in=undo.get("created", []))
    # someone who has answered or signed up since is kept, deactivated: their answers stay
    created.filter(user__isnull=True, responses__isnull=True).delete()
    created.update(active=False)
    revoke_for_leavers(created.values_list("user_id", flat=True))
    people.filter(external_id__in=undo.get("deactivated", [])).update(active=True)
    before = {entry["id"]: entry for entry in undo.get("changed", [])}
    changed = list(people.filter(external_id__in=before))
    valid_teams = set(organisation.teams.values_list("id", flat=True))
    for person in changed:
        entry = before[person.external_id]
        person.team_id = entry["team_id"] if entry["team_id"] in valid_teams else None
        person.active, person.given_levels = entry["active"], entry["given_levels"]
        for name in PERSON_FIELDS:
            if name in entry:  # an import undone from before kinds were kept has none
                setattr(person, name, entry[name])
    Person.objects.bulk_update(
        changed, ["team", "active", "given_levels", *PERSON_FIELDS], batch_size=500
    )
    organisation.teams.filter(name__in=undo.get("teams", []), people__isnull=True).delete()
