"""`eaism admin backup`: every row of every table, from one snapshot, while the server runs."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from importlib.metadata import version
from pathlib import Path
from typing import Any

from django.db import DEFAULT_DB_ALIAS, connections, transaction
from django.db.backends.base.base import BaseDatabaseWrapper
from django.db.models import Model

from eaism.errors import UsageError
from eaism.web.backup.file import Header, Table, backup_writer, plain
from eaism.web.backup.schema import (
    NewerSchemaError,
    applied,
    code_migrations,
    database_name,
    describe,
    models_at,
    unknown,
)

Progress = Callable[[int, int], None]  # rows done, rows in all
CHUNK = 2000


@dataclass(frozen=True)
class BackupSummary:
    path: Path
    tables: int
    rows: int
    migrations: int


def no_progress(done: int, total: int) -> None:
    pass


def write_backup(path: Path, progress: Progress = no_progress) -> BackupSummary:
    """Write the whole database to `path`; the server may keep reading and writing meanwhile."""
    connection = connections[DEFAULT_DB_ALIAS]
    with snapshot(connection):
        migrations = applied(connection)
        if not migrations:
            raise UsageError(
                f"{database_name(connection)}: has no eaism tables; nothing to back up"
            )
        loader = code_migrations(connection)
        newer = unknown(migrations, loader)
        if newer:
            raise NewerSchemaError(
                f"{database_name(connection)}: was migrated by a newer eaism ({describe(newer)}); "
                "back it up with that version"
            )
        models = models_at(migrations, loader)
        header = Header(
            eaism=version("eaism"),
            engine=connection.vendor,
            created_at=datetime.now(UTC).isoformat(),
            migrations=tuple(sorted(migrations)),
            tables=tuple(_table(model, connection) for model in models),
        )
        with backup_writer(path, header) as put:
            done = 0
            for model, table in zip(models, header.tables, strict=True):
                for row in _rows(model, table, connection):
                    put([plain(value) for value in row])
                    done += 1
                    if done % CHUNK == 0:
                        progress(done, header.rows)
    progress(header.rows, header.rows)
    return BackupSummary(path, len(header.tables), header.rows, len(migrations))


@contextmanager
def snapshot(connection: BaseDatabaseWrapper) -> Iterator[None]:
    """One read-only transaction in which every read sees the same committed state."""
    if connection.vendor == "postgresql":
        with transaction.atomic(using=connection.alias), connection.cursor() as cursor:
            cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ, READ ONLY")
            yield
        return
    # SQLite in WAL mode: a deferred transaction reads one snapshot and blocks no writer. (An
    # atomic block would BEGIN IMMEDIATE here and hold the write lock for the whole backup.)
    connection.ensure_connection()
    with connection.cursor() as cursor:
        cursor.execute("BEGIN DEFERRED")
        try:
            yield
        finally:
            cursor.execute("ROLLBACK")


def _table(model: type[Model], connection: BaseDatabaseWrapper) -> Table:
    meta = model._meta
    return Table(
        model=meta.label_lower,
        table=meta.db_table,
        columns=tuple(field.column for field in meta.concrete_fields),
        rows=model._base_manager.using(connection.alias).count(),
    )


def _rows(
    model: type[Model], table: Table, connection: BaseDatabaseWrapper
) -> Iterator[tuple[Any, ...]]:
    names = [field.attname for field in model._meta.concrete_fields]
    rows = model._base_manager.using(connection.alias).order_by("pk").values_list(*names)
    yield from rows.iterator(chunk_size=CHUNK)
