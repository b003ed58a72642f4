"""A roster sheet's rows as people, with every problem located by row and column."""

from __future__ import annotations

from dataclasses import dataclass

from django.core.exceptions import ValidationError
from django.core.validators import validate_email

from eaism.model.schema import Edition

TEXT_COLUMNS = ("id", "team", "name", "email", "role", "title")
FIELDS = ("name", "email", "role", "title")
LENGTHS = {"id": 100, "team": 200, "name": 200, "email": 254, "role": 50, "title": 200}


@dataclass(frozen=True)
class RowError:
    """One problem of the file, at a row (1 is the header) and a column."""

    row: int
    column: str
    message: str

    def __str__(self) -> str:
        return f"row {self.row}, column {self.column!r}: {self.message}"


@dataclass(frozen=True)
class PersonRow:
    """A person as the file gives them; `columns` are the columns the file has."""

    row: int
    id: str
    team: str
    values: tuple[tuple[str, str], ...]  # (field, value) for the file's text columns
    given_levels: dict[str, int] | None
    has_levels: bool


def header_errors(header: list[str], edition: Edition) -> list[RowError]:
    if not any(header):
        return [RowError(1, "id", "the sheet is empty; expected a header row with id and team")]
    errors = [
        RowError(1, required, f"expected a column named {required!r}")
        for required in ("id", "team")
        if required not in header
    ]
    expected = f"expected {', '.join(TEXT_COLUMNS)} or a domain id"
    errors += [
        RowError(1, name, f"not a column; {expected}")
        for name in header
        if name and name not in TEXT_COLUMNS and name not in edition.domain_ids
    ]
    duplicated = sorted({name for name in header if name and header.count(name) > 1})
    errors += [RowError(1, name, "the column appears twice") for name in duplicated]
    return errors


def parse_rows(
    header: list[str], rows: list[list[str]], edition: Edition
) -> tuple[list[PersonRow], list[RowError]]:
    roles = {role.id for role in edition.roles}
    levels = {domain.id: {0, *domain.applicable_levels} for domain in edition.domains}
    level_columns = [name for name in header if name in levels]
    text_columns = [name for name in FIELDS if name in header]
    parsed: list[PersonRow] = []
    errors: list[RowError] = []
    first_row: dict[str, int] = {}
    for number, cells in enumerate(rows, start=2):
        entry = dict(zip(header, [cell.strip() for cell in cells], strict=False))
        if not any(entry.values()):
            continue
        found = _cell_errors(number, entry, roles, levels, level_columns)
        person_id = entry.get("id", "")
        if person_id and person_id in first_row:
            message = f"{person_id!r} is a duplicate id (first on row {first_row[person_id]})"
            found.append(RowError(number, "id", message))
        first_row.setdefault(person_id, number)
        errors += found
        if found:
            continue
        given = {d: int(entry[d]) for d in level_columns if entry.get(d)}
        parsed.append(
            PersonRow(
                number,
                person_id,
                entry["team"],
                tuple((name, entry.get(name, "")) for name in text_columns),
                given or None,
                bool(level_columns),
            )
        )
    return parsed, errors


def _cell_errors(
    number: int,
    entry: dict[str, str],
    roles: set[str],
    levels: dict[str, set[int]],
    level_columns: list[str],
) -> list[RowError]:
    errors = [
        RowError(number, column, f"every person needs {'an id' if column == 'id' else 'a team'}")
        for column in ("id", "team")
        if not entry.get(column)
    ]
    errors += [
        RowError(number, column, f"longer than {length} characters")
        for column, length in LENGTHS.items()
        if len(entry.get(column, "")) > length
    ]
    role = entry.get("role", "")
    if role and role not in roles:
        expected = ", ".join(sorted(roles))
        errors.append(
            RowError(number, "role", f"{role!r} is not a role; expected one of: {expected}")
        )
    email = entry.get("email", "")
    if email:
        try:
            validate_email(email)
        except ValidationError:
            errors.append(RowError(number, "email", f"{email!r} is not an e-mail address"))
    for domain in level_columns:
        text = entry.get(domain, "")
        if text and (not text.isdigit() or int(text) not in levels[domain]):
            allowed = ", ".join(str(level) for level in sorted(levels[domain]))
            message = f"{text!r} is not a level of {domain}; expected one of: {allowed}"
            errors.append(RowError(number, domain, message))
    return errors
