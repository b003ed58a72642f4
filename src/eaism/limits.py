"""The limits every reader keeps, so that no input file can take a worker's memory or minutes.

The values are settings: the CLI reads them from its environment and the web app from its
Django settings, each once at its entry point, and passes them down. A reader that is given none
uses the limits applied by its entry point (`applied`), else the documented defaults.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, fields, replace

from eaism.errors import DataError, Location, Problem, UsageError

MIB = 1024 * 1024


@dataclass(frozen=True)
class Limits:
    """How much one input may hold; each field has the setting named in `SETTINGS`."""

    file_bytes: int = 256 * MIB  # any file the CLI reads: JSON, YAML, CSV or XLSX
    rows: int = 200_000  # rows of a CSV or XLSX sheet, the header included
    columns: int = 1_000  # cells in one row
    cell_chars: int = 32_767  # characters in one cell, as in Excel
    xlsx_cells: int = 200_000  # cells of a workbook: openpyxl reads some 50,000 to 100,000 a second
    xlsx_bytes: int = 128 * MIB  # an XLSX's parts once decompressed
    xlsx_parts: int = 1_000  # files inside an XLSX
    yaml_chars: int = MIB  # PyYAML reads some 250 KB a second here; JSON is far faster
    job_ad_bytes: int = MIB  # a plain-text job ad: the longest real ads are some 20 KB
    depth: int = 64  # nesting of lists and mappings in JSON or YAML
    digits: int = 30  # digits of one integer in JSON or YAML
    problems: int = 1_000  # problems reported before a file is refused as too broken to read


SETTINGS = {
    "file_bytes": "EAISM_MAX_FILE_BYTES",
    "rows": "EAISM_MAX_ROWS",
    "columns": "EAISM_MAX_COLUMNS",
    "cell_chars": "EAISM_MAX_CELL_CHARS",
    "xlsx_cells": "EAISM_MAX_XLSX_CELLS",
    "xlsx_bytes": "EAISM_MAX_XLSX_BYTES",
    "xlsx_parts": "EAISM_MAX_XLSX_PARTS",
    "yaml_chars": "EAISM_MAX_YAML_CHARS",
    "job_ad_bytes": "EAISM_MAX_JOB_AD_BYTES",
    "depth": "EAISM_MAX_DEPTH",
    "digits": "EAISM_MAX_DIGITS",
    "problems": "EAISM_MAX_PROBLEMS",
}
DEFAULT = Limits()

_applied: ContextVar[Limits] = ContextVar("limits", default=DEFAULT)


def limits_from(settings: Mapping[str, str]) -> Limits:
    """The limits named in `settings` (such as os.environ), the defaults for the others."""
    given = {}
    for field in fields(Limits):
        name = SETTINGS[field.name]
        text = settings.get(name, "").strip().replace("_", "")
        if not text:
            continue
        if not text.isdigit() or int(text) < 1:
            raise UsageError(f"{name}={settings[name]!r}: expected a whole number of 1 or more")
        given[field.name] = int(text)
    return replace(DEFAULT, **given)


def current() -> Limits:
    """The limits the entry point applied, or the defaults."""
    return _applied.get()


@contextmanager
def applied(limits: Limits) -> Iterator[None]:
    """Readers called inside use `limits` unless they are given others."""
    token = _applied.set(limits)
    try:
        yield
    finally:
        _applied.reset(token)


class LimitError(DataError):
    """An input holds more than a limit allows; its message names the limit's setting."""


def over(what: str, limit: int, setting: str) -> str:
    """The message for an input over a limit: 'has more than 200,000 rows (EAISM_MAX_ROWS)'."""
    return f"{what.format(f'{limit:,}')} ({SETTINGS[setting]})"


def over_limit(where: Location, what: str, limit: int, setting: str) -> LimitError:
    return LimitError([Problem(where, over(what, limit, setting))])


def check_problems(problems: list[Problem], source: str, limits: Limits) -> None:
    """Refuse a file once it has more problems than anyone reads: each costs time and memory."""
    if len(problems) > limits.problems:
        what = "has more than {} problems; fix these and read it again"
        last = Problem(Location(source), over(what, limits.problems, "problems"))
        raise LimitError([*problems[: limits.problems], last])
