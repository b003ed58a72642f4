"""An uploaded roster file, checked before it is parsed: its size, its kind, and its rows.

A file over the limit is refused from its declared size before it is read, and never more than
the limit is read into memory. A file whose bytes are not a CSV text or an XLSX workbook (a PNG
renamed .csv) is refused by its content, not its name. No message names a temporary path.
"""

from __future__ import annotations

import tempfile
from pathlib import Path
from typing import IO

from django.conf import settings

from eaism.errors import DataError, EaismError
from eaism.io.sheets import sheet_rows
from eaism.limits import LimitError, Limits
from eaism.web.input_error import InputError

SUFFIXES = (".csv", ".xlsx")
MAX_ROWS = 100_000
NOT_A_SHEET = "not a CSV or XLSX file"
XLSX_MAGIC = b"PK\x03\x04"


def read_upload(name: str, file: IO[bytes], size: int | None, limit: int) -> bytes:
    """The file's bytes, refused when it is empty, over `limit`, or not a CSV or XLSX file."""
    suffix = Path(name or "").suffix.lower()
    if suffix not in SUFFIXES:
        raise InputError("file", f"{Path(name or '').name!r} is {NOT_A_SHEET} (.csv or .xlsx)")
    if size is not None and size > limit:
        raise InputError("file", _over(size, limit))
    content = file.read(limit + 1)
    if len(content) > limit:
        raise InputError("file", _over(len(content), limit))
    check_content(content, suffix)
    return content


def check_content(content: bytes, suffix: str) -> None:
    if not content.strip():
        raise InputError("file", "the file is empty; expected a header row with id and team")
    if suffix == ".xlsx":
        if not content.startswith(XLSX_MAGIC):
            raise InputError("file", f"{NOT_A_SHEET}: the .xlsx file is not a workbook")
        return
    if b"\x00" in content[:4096] or content.startswith(XLSX_MAGIC):
        raise InputError("file", f"{NOT_A_SHEET}: the .csv file holds binary data")
    try:
        content.decode("utf-8-sig")
    except UnicodeDecodeError:
        raise InputError(
            "file", f"{NOT_A_SHEET}: it is not UTF-8 text; save the sheet as CSV UTF-8"
        ) from None


def sheet_of(content: bytes, suffix: str, limits: Limits | None = None) -> list[list[str]]:
    """The rows of a checked file as text cells; a broken sheet is an error naming the row.

    The reader's limits (READER_LIMITS) bound what a small file may unpack to: an XLSX of
    4 MB can hold two million rows, or one shared string of a gigabyte.
    """
    check_content(content, suffix)
    limits = limits or settings.READER_LIMITS
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / f"people{suffix}"
        path.write_bytes(content)
        try:
            rows = []
            for row in sheet_rows(path, limits):
                rows.append(row)
                if len(rows) > MAX_ROWS + 1:
                    raise InputError("file", f"the sheet has more than {MAX_ROWS:,} rows")
            return rows
        except LimitError as error:
            raise InputError("file", _over_limit(error, path)) from None
        except EaismError as error:
            raise InputError("file", _without_path(error)) from None


def suffix_of(name: str) -> str:
    return Path(name or "").suffix.lower()


def _without_path(error: EaismError) -> str:
    if isinstance(error, DataError) and error.problems:
        problem = error.problems[0]
        where = f"row {problem.location.line}: " if problem.location.line else ""
        return f"{where}{NOT_A_SHEET}: the file {problem.message}"
    return NOT_A_SHEET


def _over_limit(error: LimitError, path: Path) -> str:
    """'the file has more than 200,000 rows (EAISM_MAX_ROWS)', with the part or row it found."""
    problem = error.problems[0]
    part = problem.location.source.removeprefix(str(path)).removeprefix(": ")
    where = ", ".join(filter(None, (part, problem.location.path)))
    return f"the file{f' ({where})' if where else ''} {problem.message}"


def _over(size: int, limit: int) -> str:
    return f"the file is {size:,} bytes, over the {limit:,}-byte limit"
