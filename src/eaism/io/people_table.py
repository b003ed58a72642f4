"""People sheets: one row per person, as CSV or XLSX, with domain levels or item answers.

A sheet has the columns `id` and `team` (required), `role` and `title` (optional), then either
one column per domain id holding a level 0-5, or one column per item id holding an answer, with
optional `evidence:<item id>` columns. Rows are read in chunks; each chunk's cells are joined
into one byte buffer so that whole columns are converted and checked with NumPy, and answers
are scored at the end with one bulk call. Bad rows are reported with their row and column and
left out, or with `strict` the whole sheet is refused.
"""

from __future__ import annotations

import gc
from collections.abc import Callable, Iterator, Mapping
from contextlib import contextmanager
from dataclasses import dataclass, field
from itertools import compress, islice
from pathlib import Path
from typing import Literal

import numpy as np

from eaism.analysis.organisation import People
from eaism.errors import DataError, Location, Problem
from eaism.io.cells import ANSWERS, Cells, Found, level_scale
from eaism.io.sheets import count_rows, sheet_rows, write_header_row
from eaism.limits import Limits, check_problems, current
from eaism.model.schema import Edition
from eaism.scoring.bulk import AnswerMatrix, BoolArray, FloatArray, score_matrix

CHUNK_ROWS = 10_000
TEXT_COLUMNS = ("id", "team", "role", "title")
REQUIRED_COLUMNS = ("id", "team")
EVIDENCE_PREFIX = "evidence:"
Kind = Literal["levels", "answers"]
__all__ = ["PeopleTable", "count_rows", "read_people_table", "write_people_template"]


@dataclass(frozen=True)
class PeopleTable:
    people: People  # every good row, scored (levels given, or answers bulk-scored)
    problems: tuple[Problem, ...]  # every problem found, in file order
    skipped_rows: int  # rows left out because of a problem


@dataclass(frozen=True)
class _Header:
    """Where each known column sits; unknown, duplicate and unnamed columns are left out."""

    width: int
    kind: Kind
    text: dict[str, int]  # id, team, role, title -> position
    scores: tuple[tuple[int, str], ...]  # (position, domain id or item id)
    evidence: dict[str, int]  # item id -> position of its evidence column
    unnamed: tuple[int, ...]  # positions without a header: their cells must stay empty


def read_people_table(
    path: Path,
    edition: Edition,
    strict: bool = False,
    known_teams: frozenset[str] | None = None,
    progress: Callable[[int], None] | None = None,
    limits: Limits | None = None,
) -> PeopleTable:
    """Read every row; bad rows are reported and left out, or with `strict` refused at once."""
    limits = limits or current()
    rows = sheet_rows(path, limits)
    header, problems = _header(str(path), next(rows, []), edition)
    sheet = _Sheet(str(path), edition, header, known_teams, problems)
    done = 0
    with _collector_paused():
        while chunk := list(islice(rows, CHUNK_ROWS)):
            sheet.add(chunk, first_row=done + 2)
            check_problems(sheet.problems, str(path), limits)
            done += len(chunk)
            if progress is not None:
                progress(done)
    if strict and sheet.problems:
        raise DataError(sheet.problems)
    return PeopleTable(sheet.people(), tuple(sheet.problems), sheet.skipped)


def write_people_template(path: Path, edition: Edition, kind: Kind) -> None:
    """An empty sheet whose header row has every column of `kind`, ready to fill in."""
    if kind == "levels":
        scores = list(edition.domain_ids)
    else:
        scores = [name for item in edition.item_index for name in (item, EVIDENCE_PREFIX + item)]
    write_header_row(path, [*TEXT_COLUMNS, *scores])


@contextmanager
def _collector_paused() -> Iterator[None]:
    """Chunks hold many new lists but no cycles; collecting them adds about 30% to a read."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if enabled:
            gc.enable()


@dataclass
class _Sheet:
    """What has been read so far: the good rows' columns, and every problem in file order."""

    source: str
    edition: Edition
    header: _Header
    known_teams: frozenset[str] | None
    problems: list[Problem]
    skipped: int = 0
    texts: dict[str, list[str]] = field(default_factory=lambda: {name: [] for name in TEXT_COLUMNS})
    scores: list[FloatArray] = field(default_factory=list)
    evidence: list[BoolArray] = field(default_factory=list)
    first_rows: dict[str, int] = field(default_factory=dict)  # id -> row it first appeared on

    def add(self, rows: list[list[str]], first_row: int) -> None:
        numbers = list(range(first_row, first_row + len(rows)))
        found: list[Found] = []
        if set(map(len, rows)) != {self.header.width}:
            rows, found = self._regular(rows)
        cells = Cells.of(rows)
        blank = cells.blank_rows()
        given = self.header.text
        texts = dict(zip(given, cells.texts(list(given.values())), strict=True))
        texts |= {name: [""] * len(rows) for name in TEXT_COLUMNS if name not in texts}
        found += [item for item in self._check_texts(texts, numbers) if not blank[item[0]]]
        levels = level_scale(self.edition.level_numbers[-1])
        scale = levels if self.header.kind == "levels" else ANSWERS
        scores, bad = cells.numbers([position for position, _ in self.header.scores], scale)
        if self.header.kind == "levels":
            bad += self._missing_levels(scores, {row for row, _, _, _ in bad})
        found += bad + self._unnamed(cells)
        keep = self._report(sorted(found), numbers, blank)
        for name, values in texts.items():
            self.texts[name] += compress(values, keep)
        self.scores.append(scores[keep])
        if self.header.kind == "answers":
            self.evidence.append(self._evidence(cells)[keep])

    def people(self) -> People:
        ids, teams, roles, titles = (tuple(self.texts[name]) for name in TEXT_COLUMNS)
        width = len(self.header.scores)
        scores = np.concatenate(self.scores) if self.scores else np.zeros((0, width), np.float32)
        if self.header.kind == "answers":
            evidence = (
                np.concatenate(self.evidence) if self.evidence else np.zeros(scores.shape, bool)
            )
            item_ids = tuple(item_id for _, item_id in self.header.scores)
            result = score_matrix(self.edition, AnswerMatrix(item_ids, scores, evidence))
            return People(
                ids, teams, roles, titles, result.levels, result.operating, result.progress
            )
        levels = np.zeros((len(ids), len(self.edition.domains)), np.int8)
        order = [self.edition.domain_ids.index(domain_id) for _, domain_id in self.header.scores]
        levels[:, order] = scores
        return People.from_levels(self.edition, ids, teams, roles, titles, levels)

    def _missing_levels(self, scores: FloatArray, unreadable: set[int]) -> list[Found]:
        """Levels a domain does not have, such as governance 2: a domain climbs only its cells."""
        found = []
        for column, (position, domain_id) in enumerate(self.header.scores):
            levels = (0, *self.edition.domain(domain_id).applicable_levels)
            for row in np.flatnonzero(~np.isin(scores[:, column], levels)).tolist():
                if row not in unreadable:
                    message = f"{domain_id} has no level {scores[row, column]:g}; its levels are {', '.join(map(str, levels))}"
                    found.append((row, position, message, True))
        return found

    def _regular(self, rows: list[list[str]]) -> tuple[list[list[str]], list[Found]]:
        """Every row cut or padded to the header's width; cut cells must be empty."""
        width = self.header.width
        found = [
            (row, position, f"{text!r} is in a column without a header", False)
            for row, cells in enumerate(rows)
            for position, text in enumerate(cells[width:], start=width)
            if text.strip()
        ]
        return [cells[:width] + [""] * (width - len(cells)) for cells in rows], found

    def _unnamed(self, cells: Cells) -> list[Found]:
        positions = self.header.unnamed
        return [
            (row, position, f"{cells.rows[row][position]!r} is in a column without a header", False)
            for row, column in np.argwhere(cells.filled(list(positions))).tolist()
            for position in [positions[column]]
        ]

    def _check_texts(self, texts: dict[str, list[str]], numbers: list[int]) -> list[Found]:
        return [
            (row, self.header.text[name], message, True)
            for name, problems in (
                ("id", self._id_problems(texts["id"], numbers)),
                ("team", self._team_problems(texts["team"])),
                ("role", self._role_problems(texts["role"])),
            )
            for row, message in problems
        ]

    def _id_problems(self, ids: list[str], numbers: list[int]) -> list[tuple[int, str]]:
        given = dict(zip(ids, numbers, strict=True))
        if (
            len(given) == len(ids)
            and "" not in given
            and given.keys().isdisjoint(self.first_rows.keys())
        ):
            self.first_rows |= given  # the usual case: every id new, checked without a loop
            return []
        problems = []
        for row, (person_id, number) in enumerate(zip(ids, numbers, strict=True)):
            first = self.first_rows.setdefault(person_id, number)
            if not person_id:
                problems.append((row, "every person needs an id"))
            elif first != number:
                problems.append((row, f"{person_id!r} is a duplicate id (first on row {first})"))
        return problems

    def _team_problems(self, teams: list[str]) -> list[tuple[int, str]]:
        names = set(teams)  # most chunks hold a few teams, all fine: no loop then
        problems = []
        if "" in names:
            problems += [
                (row, "every person needs a team") for row, team in enumerate(teams) if not team
            ]
        if self.known_teams is not None and not names - {""} <= self.known_teams:
            expected = ", ".join(sorted(self.known_teams))
            problems += [
                (row, f"{team!r} is not a known team; expected one of: {expected}")
                for row, team in enumerate(teams)
                if team and team not in self.known_teams
            ]
        return problems

    def _role_problems(self, roles: list[str]) -> list[tuple[int, str]]:
        known = [role.id for role in self.edition.roles]
        allowed = {"", *known}
        if set(roles) <= allowed:
            return []
        return [
            (row, f"{role!r} is not a role; expected one of: {', '.join(known)}")
            for row, role in enumerate(roles)
            if role not in allowed
        ]

    def _evidence(self, cells: Cells) -> BoolArray:
        """Per score column, whether its evidence column has text (false without one)."""
        evidence = np.zeros((len(cells.rows), len(self.header.scores)), bool)
        given = [
            (index, self.header.evidence[item_id])
            for index, (_, item_id) in enumerate(self.header.scores)
            if item_id in self.header.evidence
        ]
        if given:
            columns, positions = zip(*given, strict=True)
            evidence[:, list(columns)] = cells.filled(list(positions))
        return evidence

    def _report(self, found: list[Found], numbers: list[int], blank: BoolArray) -> list[bool]:
        """Record the problems; keep the rows that are neither blank nor skipped for a problem."""
        names = {position: repr(name) for name, position in self.header.text.items()}
        names |= {position: repr(name) for position, name in self.header.scores}
        for row, position, message, _ in found:
            name = names.get(position, str(position + 1))  # an unnamed column goes by number
            where = Location(self.source, None, f"row {numbers[row]}, column {name}")
            self.problems.append(Problem(where, message))
        skipped = {row for row, _, _, skips in found if skips}
        self.skipped += len(skipped)
        return [not (empty or row in skipped) for row, empty in enumerate(blank.tolist())]


def _header(source: str, cells: list[str], edition: Edition) -> tuple[_Header, list[Problem]]:
    """The columns' meaning; a missing id or team, or both kinds of score, is refused at once."""
    names = [cell.strip() for cell in cells]
    domains, items = set(edition.domain_ids), edition.item_index
    positions: dict[str, int] = {}
    problems = []
    for position, name in enumerate(names):
        where = Location(source, None, f"row 1, column {name!r}")
        if not name:
            continue
        if name in positions:
            message = f"{name!r} is a duplicate column (first in column {positions[name] + 1})"
            problems.append(Problem(where, message))
        elif _known(name, domains, items):
            positions[name] = position
        else:
            message = (
                f"{name!r} is not a column: expected id, team, role, title, domain ids or item ids"
            )
            problems.append(Problem(where, message))
    refused = [
        Problem(Location(source, None, "row 1"), f"expected a column named {name!r}")
        for name in REQUIRED_COLUMNS
        if name not in positions
    ]
    given_domains = [name for name in positions if name in domains]
    given_items = [name for name in positions if name in items or name.startswith(EVIDENCE_PREFIX)]
    if given_domains and given_items:
        message = (
            f"has domain columns (such as {given_domains[0]!r}) and item columns (such as "
            f"{given_items[0]!r}); give either domain levels or item answers"
        )
        refused.append(Problem(Location(source, None, "row 1"), message))
    if refused:
        raise DataError(problems + refused)
    return _Header(
        width=len(names),
        kind="answers" if given_items else "levels",
        text={name: positions[name] for name in TEXT_COLUMNS if name in positions},
        scores=tuple(
            (position, name)
            for name, position in positions.items()
            if name in domains or name in items
        ),
        evidence={
            name.removeprefix(EVIDENCE_PREFIX): position
            for name, position in positions.items()
            if name.startswith(EVIDENCE_PREFIX)
        },
        unnamed=tuple(position for position, name in enumerate(names) if not name),
    ), problems


def _known(name: str, domains: set[str], items: Mapping[str, object]) -> bool:
    if name.startswith(EVIDENCE_PREFIX):
        return name.removeprefix(EVIDENCE_PREFIX) in items
    return name in TEXT_COLUMNS or name in domains or name in items
