"""Organisation files: people, AI systems, practices and planned hires, as JSON or YAML.

The format is documented in docs/organisation.md. Every problem is reported with file, line
and field. By default a bad entry is reported and left out; `strict` refuses the whole file.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from typing import Any

import numpy as np

from eaism.analysis.competence import PERSON_KINDS, CompetenceInputs, PersonEvidence
from eaism.analysis.organisation import (
    Organisation,
    People,
)
from eaism.errors import DataError, Location, Problem
from eaism.io.inventory import (
    read_actions,
    read_competence,
    read_date,
    read_hires,
    read_involvements,
    read_practices,
    read_systems,
)
from eaism.io.reading import Reading, entries
from eaism.io.responses import parse_answers, read_document, unknown_fields
from eaism.limits import current
from eaism.model.documents import SourceDocument
from eaism.model.loader import DEFAULT_EDITION, bundled_editions
from eaism.model.schema import Edition
from eaism.scoring.answers import Answer
from eaism.scoring.bulk import AnswerMatrix, score_matrix
from eaism.scoring.person import is_stale, oldest_accepted

TOP_FIELDS = (
    "format",
    "name",
    "edition",
    "teams",
    "people",
    "systems",
    "practices",
    "planned_hires",
    "actions",
    "competence",
)
PERSON_FIELDS = (
    *("id", "team", "role", "title", "levels", "answers"),
    *("kind", "name", "assessed_at", "reviewed"),
)
EditionLoader = Callable[[str, tuple[str, ...]], Edition]


@dataclass(frozen=True)
class LoadedOrganisation:
    edition: Edition
    organisation: Organisation
    problems: tuple[Problem, ...]
    skipped: int  # people, systems and hires left out because of a problem
    # Who builds, operates and oversees each system, with what is known of them.
    competence: CompetenceInputs = field(default_factory=lambda: CompetenceInputs((), {}, ()))


@dataclass(frozen=True)
class PersonDetails:
    """What the file says of a person besides their levels, for their competence records."""

    name: str
    kind: str
    assessed_at: date | None
    reviewed: dict[str, int]
    evidence_at: dict[str, date]


def read_organisation(
    path: Path,
    load_edition: EditionLoader,
    people_table: Path | None = None,
    strict: bool = False,
    as_of: datetime | None = None,
    progress: Callable[[int], None] | None = None,
) -> LoadedOrganisation:
    document = read_document(path)
    edition = load_edition(_edition_id(document), ())
    reading = Reading(document, edition, [], limits=current())
    data: dict[str, Any] = document.data
    unknown_fields(document, (), data, TOP_FIELDS, reading.problems)
    teams = _teams(reading, data.get("teams"))
    details: dict[str, PersonDetails] = {}
    people = _people(reading, data.get("people", []), teams, as_of, details)
    if people_table is not None:
        people = _with_table(reading, people, people_table, strict, teams, progress)
    systems = read_systems(reading, data.get("systems", []))
    organisation = Organisation(
        people=people,
        systems=systems,
        practices=read_practices(reading, data.get("practices", {})),
        planned_hires=read_hires(reading, data.get("planned_hires", [])),
        name=str(data.get("name", "")),
    )
    competence = _competence(reading, data, organisation, details)
    reading.check_problems()
    if strict and reading.problems:
        raise DataError(reading.problems)
    problems = tuple(reading.problems)
    return LoadedOrganisation(edition, organisation, problems, reading.skipped, competence)


def _competence(
    reading: Reading,
    data: dict[str, Any],
    organisation: Organisation,
    details: dict[str, PersonDetails],
) -> CompetenceInputs:
    """The inventory's people with their evidence; only the people involved in a system."""
    people = organisation.people
    involvements = read_involvements(
        reading, data.get("systems", []), organisation.systems, frozenset(people.ids)
    )
    months, raised = (
        read_competence(reading, data["competence"]) if "competence" in data else (None, ())
    )
    involved = {involvement.person_id for involvement in involvements}
    row = {person_id: index for index, person_id in enumerate(people.ids) if person_id in involved}
    domains = reading.edition.domain_ids
    evidence = {}
    for person_id, index in row.items():
        known = details.get(person_id) or PersonDetails("", "employee", None, {}, {})
        levels = {
            domain: int(level) for domain, level in zip(domains, people.levels[index], strict=True)
        }
        evidence[person_id] = PersonEvidence(
            person_id,
            known.name,
            known.kind,
            levels,
            known.reviewed,
            known.evidence_at,
            known.assessed_at,
        )
    actions = read_actions(reading, data.get("actions", []), involvements)
    return CompetenceInputs(organisation.systems, evidence, involvements, actions, raised, months)


def _edition_id(document: SourceDocument) -> str:
    edition_id = document.data.get("edition", DEFAULT_EDITION)
    if not isinstance(edition_id, str):
        message = f"{edition_id!r} is not an edition id; write it in quotes, such as '2026.1'"
        raise DataError([document.problem(("edition",), message)])
    if edition_id not in bundled_editions():
        message = f"{edition_id!r} is not an available edition; expected one of: {', '.join(bundled_editions())}"
        raise DataError([document.problem(("edition",), message)])
    return edition_id


def _teams(reading: Reading, data: Any) -> frozenset[str] | None:
    if data is None:
        return None
    if not isinstance(data, list) or not all(isinstance(team, str) for team in data):
        raise DataError([reading.document.problem(("teams",), "expected a list of team names")])
    return frozenset(data)


def _people(
    reading: Reading,
    data: Any,
    teams: frozenset[str] | None,
    as_of: datetime | None,
    details: dict[str, PersonDetails],
) -> People:
    given: list[tuple[dict[str, Any], list[int]]] = []
    answered: list[tuple[dict[str, Any], dict[str, Answer]]] = []
    seen: dict[str, int] = {}
    for index, entry in entries(reading, "people", data):
        reading.check_problems()
        before = len(reading.problems)
        person = _person_fields(reading, index, entry, teams, seen)
        reviewed = (
            _levels(reading, index, entry["reviewed"], "reviewed") if "reviewed" in entry else []
        )
        if "levels" in entry:
            levels = _levels(reading, index, entry["levels"])
        else:
            answers = parse_answers(
                reading.document,
                ("people", index, "answers"),
                entry.get("answers", {}),
                reading.edition,
                reading.problems,
            )
        if len(reading.problems) > before:
            reading.skipped += 1
            continue
        seen[person["id"]] = index
        if "levels" in entry:
            given.append((person, levels))
        else:
            answered.append((person, answers))
        details[person["id"]] = _details(
            reading, index, entry, reviewed, answers if "answers" in entry else {}, as_of
        )
    return _given_people(reading.edition, given).join(
        _scored_people(reading.edition, answered, as_of)
    )


def _person_fields(
    reading: Reading,
    index: int,
    entry: dict[str, Any],
    teams: frozenset[str] | None,
    seen: dict[str, int],
) -> dict[str, Any]:
    path = ("people", index)
    unknown_fields(reading.document, path, entry, PERSON_FIELDS, reading.problems)
    person = {key: str(entry.get(key) or "") for key in ("id", "team", "role", "title")}
    if not person["id"]:
        reading.problem((*path, "id"), "every person needs an id")
    elif person["id"] in seen:
        reading.problem(
            (*path, "id"),
            f"{person['id']!r} is a duplicate id (first at people[{seen[person['id']]}])",
        )
    if not person["team"]:
        reading.problem((*path, "team"), "every person needs a team")
    elif teams is not None and person["team"] not in teams:
        reading.problem(
            (*path, "team"),
            f"{person['team']!r} is not a known team; expected one of: {', '.join(sorted(teams))}",
        )
    roles = [role.id for role in reading.edition.roles]
    if person["role"] and person["role"] not in roles:
        reading.problem(
            (*path, "role"),
            f"{person['role']!r} is not a role; expected one of: {', '.join(roles)}",
        )
    if ("levels" in entry) == ("answers" in entry):
        reading.problem(path, "give either 'levels' or 'answers'")
    if entry.get("kind", "employee") not in PERSON_KINDS:
        message = (
            f"{entry['kind']!r} is not a kind of person; expected one of: {', '.join(PERSON_KINDS)}"
        )
        reading.problem((*path, "kind"), message)
    return person


def _details(
    reading: Reading,
    index: int,
    entry: dict[str, Any],
    reviewed: list[int],
    answers: dict[str, Answer],
    as_of: datetime | None,
) -> PersonDetails:
    """Name, kind, when measured and the reviewed levels; evidence dates from the answers."""
    oldest = oldest_accepted(reading.edition, as_of)
    domain_of = {item.id: domain.id for domain in reading.edition.domains for item in domain.items}
    evidence_at: dict[str, date] = {}
    times = [answer.answered_at for answer in answers.values() if answer.answered_at]
    for item_id, answer in answers.items():
        if (
            answer.answered_at
            and answer.value > 0
            and answer.has_evidence
            and not is_stale(answer, oldest)
        ):
            domain_id = domain_of[item_id]
            day = answer.answered_at.date()
            evidence_at[domain_id] = max(day, evidence_at.get(domain_id, day))
    given = entry.get("assessed_at")
    assessed = (
        read_date(reading, ("people", index, "assessed_at"), given)
        if given is not None
        else (max(times).date() if times else None)
    )
    rated = set(entry.get("reviewed") or {}) if isinstance(entry.get("reviewed"), dict) else set()
    domains = reading.edition.domain_ids
    return PersonDetails(
        str(entry.get("name") or ""),
        str(entry.get("kind", "employee")),
        assessed,
        {
            domain: level
            for domain, level in zip(domains, reviewed, strict=False)
            if domain in rated
        },
        evidence_at,
    )


def _levels(reading: Reading, index: int, data: Any, key: str = "levels") -> list[int]:
    path = ("people", index, key)
    if not isinstance(data, dict):
        reading.problem(path, "expected a mapping of domain id to level 0-5")
        return []
    for domain_id, level in data.items():
        if domain_id not in reading.edition.domain_ids:
            reading.problem(
                (*path, str(domain_id)),
                f"{domain_id!r} is not a domain; expected one of: {', '.join(reading.edition.domain_ids)}",
            )
        elif isinstance(level, bool) or not isinstance(level, int) or not 0 <= level <= 5:
            reading.problem((*path, str(domain_id)), f"{level!r} is not a level (0-5)")
        elif level and level not in reading.edition.domain(domain_id).applicable_levels:
            levels = ", ".join(map(str, reading.edition.domain(domain_id).applicable_levels))
            reading.problem(
                (*path, str(domain_id)),
                f"{domain_id} has no level {level}; its levels are 0, {levels}",
            )
    # A bad level was reported above and leaves the person out: 0 only fills its place.
    return [
        level if type(level := data.get(domain_id, 0)) is int else 0
        for domain_id in reading.edition.domain_ids
    ]


def _given_people(edition: Edition, given: list[tuple[dict[str, Any], list[int]]]) -> People:
    if not given:
        return People.empty(len(edition.domains))
    ids, teams, roles, titles = _columns([person for person, _ in given])
    levels = np.array([levels for _, levels in given], dtype=np.int8)
    return People.from_levels(edition, ids, teams, roles, titles, levels)


def _scored_people(
    edition: Edition,
    answered: list[tuple[dict[str, Any], dict[str, Answer]]],
    as_of: datetime | None,
) -> People:
    if not answered:
        return People.empty(len(edition.domains))
    item_ids = tuple(edition.item_index)
    column = {item_id: position for position, item_id in enumerate(item_ids)}
    values = np.zeros((len(answered), len(item_ids)), dtype=np.float32)
    evidence = np.zeros((len(answered), len(item_ids)), dtype=bool)
    oldest = oldest_accepted(edition, as_of)
    for row, (_, answers) in enumerate(answered):
        for item_id, answer in answers.items():
            values[row, column[item_id]] = answer.value
            evidence[row, column[item_id]] = answer.has_evidence and not is_stale(answer, oldest)
    scores = score_matrix(edition, AnswerMatrix(item_ids, values, evidence))
    ids, teams, roles, titles = _columns([person for person, _ in answered])
    return People(ids, teams, roles, titles, scores.levels, scores.operating, scores.progress)


def _columns(
    people: list[dict[str, Any]],
) -> tuple[tuple[str, ...], tuple[str, ...], tuple[str, ...], tuple[str, ...]]:
    ids, teams, roles, titles = (
        tuple(person[key] for person in people) for key in ("id", "team", "role", "title")
    )
    return ids, teams, roles, titles


def _with_table(
    reading: Reading,
    people: People,
    path: Path,
    strict: bool,
    teams: frozenset[str] | None,
    progress: Callable[[int], None] | None,
) -> People:
    from eaism.io.people_table import read_people_table

    table = read_people_table(path, reading.edition, strict, teams, progress)
    reading.problems.extend(table.problems)
    reading.skipped += table.skipped_rows
    known = set(people.ids)
    keep = [row for row, person_id in enumerate(table.people.ids) if person_id not in known]
    for person_id in sorted(set(table.people.ids) & known):
        message = f"{person_id!r} is also in {reading.document.name}; the sheet's row is left out"
        reading.problems.append(Problem(Location(str(path), None, "column 'id'"), message))
        reading.skipped += 1
    return people.join(table.people.take(np.array(keep, dtype=np.intp)))
