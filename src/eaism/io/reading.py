"""The state of reading one input file: where problems are recorded and entries counted."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eaism.errors import DataError, Problem
from eaism.limits import DEFAULT, Limits, check_problems
from eaism.model.documents import SourceDocument
from eaism.model.schema import Edition


@dataclass
class Reading:
    """What has been read so far, and what went wrong, while walking one file."""

    document: SourceDocument
    edition: Edition
    problems: list[Problem]
    skipped: int = 0
    limits: Limits = DEFAULT

    def problem(self, path: tuple[str | int, ...], message: str) -> None:
        self.problems.append(self.document.problem(path, message))

    def check_problems(self) -> None:
        check_problems(self.problems, self.document.name, self.limits)


def entries(reading: Reading, key: str, data: Any) -> list[tuple[int, dict[str, Any]]]:
    """The mappings in the list at `key`; anything else is reported and counted as skipped."""
    if not isinstance(data, list):
        raise DataError([reading.document.problem((key,), "expected a list")])
    found = []
    for index, entry in enumerate(data):
        reading.check_problems()
        if isinstance(entry, dict):
            found.append((index, entry))
        else:
            reading.problem((key, index), "expected a mapping of fields")
            reading.skipped += 1
    return found
