"""Errors shared by every layer, each naming where the problem is."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass


class EaismError(Exception):
    """Base class of every error that eaism reports to a user."""

    exit_code = 1


@dataclass(frozen=True)
class Location:
    """Where a problem sits: a file, and optionally a line and a path inside it."""

    source: str
    line: int | None = None
    path: str = ""

    def __str__(self) -> str:
        text = self.source if self.line is None else f"{self.source}:{self.line}"
        return f"{text}: {self.path}" if self.path else text


@dataclass(frozen=True)
class Problem:
    """One located problem with what was expected."""

    location: Location
    message: str

    def __str__(self) -> str:
        return f"{self.location}: {self.message}"


class DataError(EaismError):
    """Input data is invalid; carries every problem found, not only the first."""

    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        super().__init__("\n".join(str(problem) for problem in problems))


class UsageError(EaismError):
    """The command was called wrongly: a missing file, an unknown option value."""

    exit_code = 2


class UnknownIdError(EaismError, LookupError):
    """A lookup named an id the edition does not have; the message lists the ones it has."""

    def __init__(self, kind: str, value: object, known: Iterable[object]) -> None:
        self.kind, self.value = kind, value
        listed = ", ".join(str(item) for item in known)
        super().__init__(f"{value!r} is not a {kind}; expected one of: {listed}")
