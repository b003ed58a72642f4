"""The backup file: gzip-compressed JSON lines, with a header, the rows and a checksummed trailer.

    line 1      {"format": "eaism-backup", "version": 1, "eaism": "0.1.0", "engine": "sqlite",
                 "created_at": "2026-05-01T09:00:00+00:00", "migrations": [["accounts",
                 "0001_initial"], ...], "tables": [{"model": "accounts.user", "table":
                 "accounts_user", "columns": ["id", ...], "rows": 12}, ...]}
    lines 2...  one JSON array per row, in the header's column order, table after table
    last line   {"rows": 1234, "sha256": "<hex digest of every line above, as stored>"}

Values are plain JSON: text, numbers, true/false, null; dates and times in ISO 8601 with their
offset, binary data in base64, JSON columns as their JSON. The file is written under a temporary
name and renamed into place once complete, so a file under the final name is never half-written.
"""

from __future__ import annotations

import base64
import datetime
import decimal
import gzip
import hashlib
import json
import os
import uuid
import zlib
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from django.utils.duration import duration_iso_string

from eaism.errors import DataError, Location, Problem, UsageError

FORMAT = "eaism-backup"
VERSION = 1
Migration = tuple[str, str]


@dataclass(frozen=True)
class Table:
    model: str  # app_label.modelname
    table: str
    columns: tuple[str, ...]
    rows: int


@dataclass(frozen=True)
class Header:
    eaism: str
    engine: str
    created_at: str
    migrations: tuple[Migration, ...]
    tables: tuple[Table, ...]

    @property
    def rows(self) -> int:
        return sum(table.rows for table in self.tables)


def plain(value: Any) -> Any:
    """A database value as JSON; the model field's `to_python` reads each form back."""
    if isinstance(value, datetime.date | datetime.time):
        return value.isoformat()  # full precision, with the offset of aware values
    if isinstance(value, datetime.timedelta):
        return duration_iso_string(value)
    if isinstance(value, decimal.Decimal | uuid.UUID):
        return str(value)
    if isinstance(value, bytes | memoryview):
        return base64.b64encode(bytes(value)).decode("ascii")
    return value


def _line(record: object) -> bytes:
    # ASCII only: a lone surrogate in stored text is escaped instead of failing the backup.
    return json.dumps(record, separators=(",", ":"), allow_nan=True).encode("ascii") + b"\n"


@contextmanager
def backup_writer(path: Path, header: Header) -> Iterator[Callable[[list[Any]], None]]:
    """A function that writes one row; the file appears under `path` only once complete."""
    temporary = path.with_name(f".{path.name}.partial")
    digest = hashlib.sha256()
    written = 0
    try:
        with temporary.open("wb") as raw:
            with gzip.GzipFile(fileobj=raw, mode="wb", compresslevel=6, mtime=0) as stream:

                def put(record: object) -> None:
                    line = _line(record)
                    digest.update(line)
                    stream.write(line)

                put(_header_record(header))

                def row(values: list[Any]) -> None:
                    nonlocal written
                    put(values)
                    written += 1

                yield row
                if written != header.rows:
                    raise AssertionError(f"{written} rows written, the header says {header.rows}")
                stream.write(_line({"rows": written, "sha256": digest.hexdigest()}))
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, path)
    except OSError as error:
        temporary.unlink(missing_ok=True)
        raise UsageError(f"{path}: cannot be written ({error.strerror or error})") from None
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise


def _header_record(header: Header) -> dict[str, Any]:
    return {
        "format": FORMAT,
        "version": VERSION,
        "eaism": header.eaism,
        "engine": header.engine,
        "created_at": header.created_at,
        "migrations": [list(migration) for migration in header.migrations],
        "tables": [
            {"model": t.model, "table": t.table, "columns": list(t.columns), "rows": t.rows}
            for t in header.tables
        ],
    }


def verify(path: Path) -> Header:
    """The header of a complete, intact backup, after reading the whole file once."""
    digest = hashlib.sha256()
    header: Header | None = None
    previous: tuple[int, bytes] | None = None
    for number, line in _lines(path):
        if previous is not None:
            digest.update(previous[1])
        if header is None:
            header = _parse_header(path, line)
        previous = (number, line)
    if header is None or previous is None or previous[0] == 1:
        raise _problem(path, None, "truncated: no rows and no trailer; expected a whole backup")
    _check_trailer(path, previous, header, digest.hexdigest())
    return header


def rows(path: Path, header: Header) -> Iterator[tuple[Table, int, list[Any]]]:
    """Each row with its table and line number, in the file's order (after `verify`)."""
    lines = _lines(path)
    next(lines)
    for table in header.tables:
        for _ in range(table.rows):
            number, line = next(lines)
            values = _parse(path, number, line)
            if not isinstance(values, list) or len(values) != len(table.columns):
                raise _problem(
                    path,
                    number,
                    f"expected a row of {table.table} with {len(table.columns)} values "
                    f"({', '.join(table.columns)})",
                )
            yield table, number, values


def _lines(path: Path) -> Iterator[tuple[int, bytes]]:
    if not path.is_file():
        raise UsageError(f"{path}: no such file")
    number = 0
    try:
        with gzip.open(path, "rb") as stream:
            for number, line in enumerate(stream, start=1):
                yield number, line
    except gzip.BadGzipFile:
        raise _problem(
            path, None, "not an eaism backup: expected a gzip file written by `eaism admin backup`"
        ) from None
    except (EOFError, zlib.error, OSError) as error:
        raise _problem(
            path,
            number + 1,
            f"truncated or damaged ({error}); expected a whole "
            "backup written by `eaism admin backup`",
        ) from None


def _parse(path: Path, number: int, line: bytes) -> Any:
    try:
        return json.loads(line)
    except (UnicodeDecodeError, json.JSONDecodeError) as error:
        raise _problem(path, number, f"not a JSON line ({error})") from None


def _parse_header(path: Path, line: bytes) -> Header:
    record = _parse(path, 1, line)
    if not isinstance(record, dict) or record.get("format") != FORMAT:
        raise _problem(path, 1, f'not an eaism backup: expected a header with "format": "{FORMAT}"')
    if record.get("version") != VERSION:
        raise _problem(
            path,
            1,
            f"backup format version {record.get('version')!r}; this eaism reads version "
            f"{VERSION}: restore it with the eaism that wrote it, or a later one",
        )
    try:
        return Header(
            eaism=str(record["eaism"]),
            engine=str(record["engine"]),
            created_at=str(record["created_at"]),
            migrations=tuple((str(app), str(name)) for app, name in record["migrations"]),
            tables=tuple(
                Table(
                    str(t["model"]), str(t["table"]), tuple(map(str, t["columns"])), int(t["rows"])
                )
                for t in record["tables"]
            ),
        )
    except (KeyError, TypeError, ValueError) as error:
        raise _problem(
            path,
            1,
            f"the header lacks or mistypes {error}; expected eaism, engine, created_at, "
            "migrations (pairs of app and name) and tables (model, table, columns, rows)",
        ) from None


def _check_trailer(path: Path, last: tuple[int, bytes], header: Header, digest: str) -> None:
    number, line = last
    record = _parse(path, number, line)
    if not isinstance(record, dict) or set(record) != {"rows", "sha256"}:
        raise _problem(path, number, 'truncated: expected the trailer {"rows": ..., "sha256": ...}')
    if record["rows"] != header.rows or number != header.rows + 2:
        raise _problem(
            path,
            number,
            f"the header lists {header.rows} rows, the trailer {record['rows']}, and the file "
            f"holds {number - 2}",
        )
    if record["sha256"] != digest:
        raise _problem(
            path,
            number,
            f"checksum mismatch: the lines hash to {digest}, the "
            f"trailer says {record['sha256']}; the file was changed or damaged",
        )


def _problem(path: Path, line: int | None, message: str) -> DataError:
    return DataError([Problem(Location(str(path), line), message)])
