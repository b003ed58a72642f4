"""`eaism admin restore`: a backup into an empty database, all of it or nothing.

The file is read and checked to its checksum before the database is touched. An empty database
is first brought to the backup's own schema, the rows then go in within one transaction (the
foreign keys are checked at its commit, and PostgreSQL's id sequences are moved past the
restored ids), and last the database is migrated forward to this version of eaism.
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from dataclasses import dataclass
from itertools import islice
from pathlib import Path
from typing import Any

from django.core.exceptions import ValidationError
from django.core.management import call_command
from django.core.management.color import no_style
from django.db import DEFAULT_DB_ALIAS, IntegrityError, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Field, Model

from eaism.errors import DataError, Location, Problem, UsageError
from eaism.web.backup.dump import CHUNK, Progress, no_progress
from eaism.web.backup.file import Header, Table, rows, verify
from eaism.web.backup.schema import (
    MADE_BY_MIGRATE,
    NewerSchemaError,
    applied,
    code_migrations,
    database_name,
    describe,
    migrate_to,
    models_at,
    unknown,
)

Confirm = Callable[[int], bool]  # asked with the number of rows that would be replaced


@dataclass(frozen=True)
class RestoreSummary:
    tables: int
    rows: int
    replaced: int  # rows that were in the database before


def restore_backup(
    path: Path,
    replace: bool = False,
    confirm: Confirm | None = None,
    progress: Progress = no_progress,
) -> RestoreSummary:
    """Restore `path`; refuses a newer schema, and a database with data unless `replace`."""
    header = verify(path)
    connection = connections[DEFAULT_DB_ALIAS]
    loader = code_migrations(connection)
    newer = unknown(header.migrations, loader)
    if newer:
        raise NewerSchemaError(
            f"{path}: was written by a newer eaism, at a schema this version does not have "
            f"({describe(newer)}); restore it with that version of eaism or a later one"
        )
    wanted = frozenset(header.migrations)
    present = applied(connection)
    held = _data_rows(connection, models_at(present, loader))
    if held:
        count = sum(held.values())
        _check_replace(connection, path, count, replace, confirm, present == wanted)
    else:
        migrate_to(connection, wanted)
    models = {
        model._meta.db_table: model for model in models_at(wanted, code_migrations(connection))
    }
    _check_tables(path, header, models)
    _insert_all(connection, path, header, models, progress)
    call_command("migrate", interactive=False, verbosity=0)  # forward to this version
    return RestoreSummary(len(header.tables), header.rows, sum(held.values()))


def _check_replace(
    connection: BaseDatabaseWrapper,
    path: Path,
    count: int,
    replace: bool,
    confirm: Confirm | None,
    same_schema: bool,
) -> None:
    name = database_name(connection)
    if not replace:
        raise UsageError(
            f"{name}: holds {count} rows already; restore into an empty database, or pass "
            "--replace to replace them"
        )
    if not same_schema:
        raise UsageError(
            f"{name}: is at another schema than {path}; --replace needs both at the same "
            "migrations: restore into an empty database instead"
        )
    if confirm is not None and not confirm(count):
        raise UsageError(f"{name}: replacing {count} rows was not confirmed; nothing was changed")


def _data_rows(connection: BaseDatabaseWrapper, models: list[type[Model]]) -> dict[str, int]:
    tables = set(connection.introspection.table_names())
    counts = {
        model._meta.db_table: model._base_manager.using(connection.alias).count()
        for model in models
        if model._meta.db_table in tables and model._meta.db_table not in MADE_BY_MIGRATE
    }
    return {table: count for table, count in counts.items() if count}


def _check_tables(path: Path, header: Header, models: dict[str, type[Model]]) -> None:
    problems = [
        Problem(Location(str(path), 1, "tables"), f"no table {name}; its schema has one")
        for name in sorted(set(models) - {table.table for table in header.tables})
    ]
    for table in header.tables:
        model = models.get(table.table)
        expected = () if model is None else tuple(f.column for f in model._meta.concrete_fields)
        if table.columns != expected:
            problems.append(
                Problem(
                    Location(str(path), 1, f"tables.{table.table}"),
                    f"columns {', '.join(table.columns)}; the schema of its migrations has "
                    f"{', '.join(expected) or 'no such table'}",
                )
            )
    if problems:
        raise DataError(problems)


def _insert_all(
    connection: BaseDatabaseWrapper,
    path: Path,
    header: Header,
    models: dict[str, type[Model]],
    progress: Progress,
) -> None:
    done = 0
    try:
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            for model in models.values():
                cursor.execute(f"DELETE FROM {connection.ops.quote_name(model._meta.db_table)}")
            batches = _batches(connection, path, header, models)
            for table, batch in batches:
                cursor.executemany(_insert_sql(connection, table), batch)
                done += len(batch)
                progress(done, header.rows)
            for statement in connection.ops.sequence_reset_sql(no_style(), list(models.values())):
                cursor.execute(statement)
    except IntegrityError as error:
        raise DataError(
            [
                Problem(
                    Location(str(path)),
                    f"the rows do not hold together ({error}); nothing was restored",
                )
            ]
        ) from None


def _batches(
    connection: BaseDatabaseWrapper, path: Path, header: Header, models: dict[str, type[Model]]
) -> Iterator[tuple[Table, list[list[Any]]]]:
    """Rows ready for the database, up to CHUNK at a time, never two tables in one batch."""
    stream = rows(path, header)
    for table in header.tables:
        fields = models[table.table]._meta.concrete_fields
        left = table.rows
        while left:
            chunk = list(islice(stream, min(left, CHUNK)))
            left -= len(chunk)
            yield table, [_prepared(connection, path, fields, n, values) for _, n, values in chunk]


def _prepared(
    connection: BaseDatabaseWrapper, path: Path, fields: Any, line: int, values: list[Any]
) -> list[Any]:
    prepared = []
    for field, value in zip(fields, values, strict=True):
        try:
            prepared.append(_database_value(connection, field, value))
        except (ValidationError, TypeError, ValueError) as error:
            message = "; ".join(error.messages) if isinstance(error, ValidationError) else error
            raise DataError(
                [Problem(Location(str(path), line, field.column), f"not a valid value: {message}")]
            ) from None
    return prepared


def _database_value(connection: BaseDatabaseWrapper, field: Field, value: Any) -> Any:
    if value is None:
        return None
    return field.get_db_prep_save(field.to_python(value), connection)


def _insert_sql(connection: BaseDatabaseWrapper, table: Table) -> str:
    quote = connection.ops.quote_name
    columns = ", ".join(quote(column) for column in table.columns)
    marks = ", ".join(["%s"] * len(table.columns))
    return f"INSERT INTO {quote(table.table)} ({columns}) VALUES ({marks})"
