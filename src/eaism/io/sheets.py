"""Reading and writing spreadsheet files, CSV or XLSX, as rows of text cells."""

from __future__ import annotations

import csv
import os
import zlib
from collections.abc import Iterator
from itertools import islice
from pathlib import Path
from typing import Any
from xml.etree.ElementTree import ParseError
from zipfile import BadZipFile

from defusedxml import DefusedXmlException

from eaism.errors import DataError, Location, Problem, UsageError
from eaism.io.workbooks import inspect_workbook
from eaism.limits import LimitError, Limits, current, over_limit

SUFFIXES = (".csv", ".xlsx")
CHUNK_ROWS = 10_000
# What openpyxl raises on a broken workbook, from the zip, the XML or its own checks.
BROKEN = (
    BadZipFile,
    EOFError,
    IndexError,
    KeyError,
    NotImplementedError,
    ParseError,
    TypeError,
    ValueError,
    zlib.error,
)


def sheet_rows(path: Path, limits: Limits | None = None) -> Iterator[list[str]]:
    """Every row of the sheet as text cells, the header first; a sheet over a limit is refused."""
    limits = limits or current()
    _check_size(path, limits)
    if sheet_suffix(path) == ".csv":
        return _checked(_csv_chunks(path, limits), str(path), limits, measure_cells=False)
    return _checked(_xlsx_chunks(path, limits), str(path), limits, measure_cells=True)


def count_rows(path: Path, limits: Limits | None = None) -> int:
    """Data rows in the sheet, for a progress bar: counted without parsing the cells."""
    limits = limits or current()
    _check_size(path, limits)
    if sheet_suffix(path) == ".xlsx":
        return max(inspect_workbook(path, limits) - 1, 0)
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as file:
            while block := file.read(1 << 20):
                lines, last = lines + block.count(b"\n"), block[-1:]
    except OSError as error:
        raise _unreadable(path, error) from None
    return max(lines + (last != b"\n") - 1, 0)


def write_header_row(path: Path, header: list[str]) -> None:
    """A sheet holding only its header row, replacing `path` whole once it is written."""
    temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
    try:
        if sheet_suffix(path) == ".csv":
            with temporary.open("w", newline="", encoding="utf-8") as file:
                csv.writer(file).writerow(header)
        else:
            from openpyxl import Workbook

            workbook = Workbook(write_only=True)
            workbook.create_sheet("people").append(header)
            workbook.save(temporary)
        os.replace(temporary, path)
    finally:
        temporary.unlink(missing_ok=True)


def sheet_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: expected a .csv or .xlsx file, not {suffix or 'no suffix'!r}")
    return suffix


def _checked(
    chunks: Iterator[list[list[str]]], source: str, limits: Limits, measure_cells: bool
) -> Iterator[list[str]]:
    """The rows, refused at the first chunk that goes over the row, column or cell limit.

    A chunk is checked as a whole: joining each row costs a twentieth of measuring every cell.
    CSV cells need no measuring: the csv module refuses a longer one as it reads.
    """
    done = 0
    for chunk in chunks:
        if done + len(chunk) > limits.rows:
            raise over_limit(Location(source), "has more than {} rows", limits.rows, "rows")
        widths = list(map(len, chunk))
        if max(widths) > limits.columns:
            row = done + next(row for row, width in enumerate(widths, 1) if width > limits.columns)
            raise _over(source, row, None, "has more than {} cells", limits.columns, "columns")
        if measure_cells:
            lengths = list(map(len, map("".join, chunk)))
            if max(lengths) > limits.cell_chars:
                _check_cells(chunk, lengths, done, source, limits)
        done += len(chunk)
        yield from chunk


def _check_cells(
    chunk: list[list[str]], lengths: list[int], done: int, source: str, limits: Limits
) -> None:
    """The rows long enough to hold a cell over the limit, looked at cell by cell."""
    for row, length in enumerate(lengths):
        if length > limits.cell_chars:
            for column, cell in enumerate(chunk[row], 1):
                if len(cell) > limits.cell_chars:
                    what, limit = "holds more than {} characters", limits.cell_chars
                    raise _over(source, done + row + 1, column, what, limit, "cell_chars")


def _csv_chunks(path: Path, limits: Limits) -> Iterator[list[list[str]]]:
    # The C parser refuses a cell over the limit as it reads it, at no cost to the others.
    # (A setting of the whole process; only this module reads CSV, always with the limits.)
    csv.field_size_limit(limits.cell_chars)
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            # strict: a quote never closed is an error, not the rest of the file in one cell
            reader = csv.reader(file, strict=True)
            done = 0
            while True:
                chunk: list[list[str]] = []
                try:
                    chunk.extend(islice(reader, CHUNK_ROWS))
                except csv.Error as error:
                    row = done + len(chunk) + 1
                    if "field larger than field limit" in str(error):
                        raise _long_cell(path, row, limits) from None
                    raise _broken_csv(path, row, error) from None
                if not chunk:
                    return
                done += len(chunk)
                yield chunk
    except UnicodeDecodeError:
        raise _not_utf8(path) from None
    except OSError as error:
        raise _unreadable(path, error) from None


def _broken_csv(path: Path, row: int, error: csv.Error) -> DataError:
    text = str(error)
    if "unexpected end of data" in text:
        text = 'a quoted cell is never closed (a " opens it, and the file ends before another)'
    where = Location(str(path), _row_start(path, row), f"row {row}")
    return DataError([Problem(where, f"is not readable CSV: {text}")])


def _long_cell(path: Path, row: int, limits: Limits) -> LimitError:
    """The cell of CSV row `row` over the limit: its row read again, only for the message."""
    column = None
    previous = csv.field_size_limit(limits.file_bytes)
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            cells = next(islice(csv.reader(file, strict=True), row - 1, None), [])
        long = (number for number, cell in enumerate(cells, 1) if len(cell) > limits.cell_chars)
        column = next(long, None)
    except (csv.Error, UnicodeDecodeError, OSError):
        pass
    finally:
        csv.field_size_limit(previous)
    what = "holds more than {} characters"
    return _over(str(path), row, column, what, limits.cell_chars, "cell_chars")


def _row_start(path: Path, row: int) -> int | None:
    """The line on which CSV row `row` starts: read again, only for the message."""
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            reader = csv.reader(file, strict=True)
            line = 1
            for _ in islice(reader, row - 1):
                line = reader.line_num + 1
            return line
    except (csv.Error, UnicodeDecodeError, OSError):
        return None


def _not_utf8(path: Path) -> DataError:
    """Where the first byte that is not UTF-8 sits, so the user can find it."""
    message = "is not UTF-8 text; save the sheet as CSV UTF-8"
    try:
        path.read_bytes().decode("utf-8")
    except UnicodeDecodeError as error:
        line = error.object[: error.start].count(b"\n") + 1
        message = f"is not UTF-8 text (line {line} holds byte {error.object[error.start]:#04x}); save the sheet as CSV UTF-8"
    except OSError:
        pass
    return DataError([Problem(Location(str(path)), message)])


def _xlsx_chunks(path: Path, limits: Limits) -> Iterator[list[list[str]]]:
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    inspect_workbook(path, limits)
    try:
        file = path.open("rb")
    except OSError as error:
        raise _unreadable(path, error) from None
    # Our own file object: openpyxl leaves its file open when a broken workbook stops it.
    with file:
        try:
            workbook = load_workbook(file, read_only=True, data_only=True)
        except (*BROKEN, InvalidFileException) as error:
            raise _not_a_workbook(path, error) from None
        try:
            rows = _texts(workbook, str(path), limits)
            while True:
                try:
                    chunk = list(islice(rows, CHUNK_ROWS))
                except BROKEN as error:
                    raise _not_a_workbook(path, error) from None
                if not chunk:
                    return
                yield chunk
        finally:
            workbook.close()


def _texts(workbook: Any, source: str, limits: Limits) -> Iterator[list[str]]:
    """The first sheet's rows as text; a row padded out to a claimed width is refused first."""
    for row, values in enumerate(workbook.worksheets[0].iter_rows(values_only=True), 1):
        if len(values) > limits.columns:
            raise _over(source, row, None, "has more than {} cells", limits.columns, "columns")
        yield [_text(value) for value in values]


def _not_a_workbook(path: Path, error: BaseException) -> DataError:
    cause: BaseException | None = error
    while cause is not None and not isinstance(cause, DefusedXmlException):
        cause = cause.__cause__ or cause.__context__
    if cause is not None:
        message = (
            "is refused: an XML part declares entities or a DTD, which could expand without bound"
        )
    else:
        message = (
            f"is not an XLSX workbook ({' '.join(str(error).split()) or type(error).__name__})"
        )
    return DataError([Problem(Location(str(path)), message)])


def _check_size(path: Path, limits: Limits) -> None:
    try:
        size = path.stat().st_size
    except OSError as error:
        raise _unreadable(path, error) from None
    if size > limits.file_bytes:
        where = Location(str(path))
        raise over_limit(where, "is larger than {} bytes", limits.file_bytes, "file_bytes")


def _over(
    source: str, row: int, column: int | None, what: str, limit: int, setting: str
) -> LimitError:
    where = f"row {row}" + ("" if column is None else f", column {column}")
    return over_limit(Location(source, None, where), what, limit, setting)


def _text(value: object) -> str:
    """A cell's value in the form a CSV would hold it: 1 as '1', 0.5 as '0.5'."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value)


def _unreadable(path: Path, error: OSError) -> UsageError:
    if isinstance(error, FileNotFoundError):
        return UsageError(f"{path}: no such file")
    return UsageError(f"{path}: cannot be read ({error.strerror or error})")
