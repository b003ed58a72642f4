"""Reading and writing spreadsheet files, CSV or XLSX, as rows of text cells."""

from __future__ import annotations

import csv
from collections.abc import Iterator
from pathlib import Path

from eaism.errors import DataError, Location, Problem, UsageError

SUFFIXES = (".csv", ".xlsx")


def sheet_rows(path: Path) -> Iterator[list[str]]:
    """Every row of the sheet as text cells, the header first."""
    return _csv_rows(path) if sheet_suffix(path) == ".csv" else _xlsx_rows(path)


def count_rows(path: Path) -> int:
    """Data rows in the sheet, for a progress bar: CSV lines are counted without parsing."""
    if sheet_suffix(path) == ".xlsx":
        return max(sum(1 for _ in sheet_rows(path)) - 1, 0)
    lines, last = 0, b"\n"
    try:
        with path.open("rb") as file:
            while block := file.read(1 << 20):
                lines, last = lines + block.count(b"\n"), block[-1:]
    except OSError as error:
        raise _unreadable(path, error) from None
    return max(lines + (last != b"\n") - 1, 0)


def write_header_row(path: Path, header: list[str]) -> None:
    """A sheet holding only its header row."""
    if sheet_suffix(path) == ".csv":
        with path.open("w", newline="", encoding="utf-8") as file:
            csv.writer(file).writerow(header)
        return
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    workbook.create_sheet("people").append(header)
    workbook.save(path)


def sheet_suffix(path: Path) -> str:
    suffix = path.suffix.lower()
    if suffix not in SUFFIXES:
        raise UsageError(f"{path}: expected a .csv or .xlsx file, not {suffix or 'no suffix'!r}")
    return suffix


def _csv_rows(path: Path) -> Iterator[list[str]]:
    try:
        with path.open(newline="", encoding="utf-8-sig") as file:
            reader = csv.reader(file)
            try:
                yield from reader
            except csv.Error as error:
                where = Location(str(path), reader.line_num)
                raise DataError([Problem(where, f"is not readable CSV ({error})")]) from None
    except UnicodeDecodeError:
        message = "is not UTF-8 text; save the sheet as CSV UTF-8"
        raise DataError([Problem(Location(str(path)), message)]) from None
    except OSError as error:
        raise _unreadable(path, error) from None


def _xlsx_rows(path: Path) -> Iterator[list[str]]:
    from zipfile import BadZipFile

    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, read_only=True, data_only=True)
    except OSError as error:
        raise _unreadable(path, error) from None
    except (BadZipFile, InvalidFileException, KeyError, ValueError) as error:
        message = f"is not an XLSX workbook ({error})"
        raise DataError([Problem(Location(str(path)), message)]) from None
    try:
        for values in workbook.worksheets[0].iter_rows(values_only=True):
            yield [_text(value) for value in values]
    finally:
        workbook.close()


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
