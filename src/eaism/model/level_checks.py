"""The edition's levels: numbered 1, 2, 3... and every value the schema marks as a level is one.

Run before the other checks of `checks.py`, which look levels up. The schema marks a level field
with `LEVEL` in its `Annotated` type (`LevelNumber`), so a new field that holds a level is checked
without a line here.
"""

from __future__ import annotations

import dataclasses
import typing
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from eaism.model.documents import Path
from eaism.model.schema import LEVEL, Edition

Finding = tuple[Path, str]


def check_levels(edition: Edition) -> list[Finding]:
    """The numbering of levels and of every list kept per level, then every level reference."""
    return [*_check_numbering(edition), *_check_level_references(edition)]


def _check_numbering(edition: Edition) -> Iterator[Finding]:
    """Levels are numbered 1, 2, 3... in order, and every list kept per level has each once."""
    numbers = tuple(level.number for level in edition.levels)
    expected = tuple(range(1, len(numbers) + 1))
    if numbers != expected:
        yield (
            ("levels",),
            f"must be numbered {level_range(expected)} in order, found {list(numbers)}",
        )
        return
    numbered: dict[str, Iterable[int]] = {
        "stages": (stage.number for stage in edition.stages),
        "hiring_phases": (phase.number for phase in edition.hiring_phases),
        "scoring.defining_domains": edition.scoring.defining_domains.keys(),
        "analysis.capacity": (item.level for item in edition.analysis.capacity),
    }
    for name, found in numbered.items():
        if tuple(sorted(found)) != numbers:
            path = tuple(name.split("."))
            message = f"must number {level_range(numbers)} exactly once each, found {sorted(found)}"
            yield path, message


def _check_level_references(edition: Edition) -> Iterator[Finding]:
    """Every value the schema marks as a level is one of the edition's levels."""
    numbers = {level.number for level in edition.levels}
    allowed = f"({level_range(tuple(sorted(numbers)))})"
    for path, value in _level_values(edition, ()):
        if value not in numbers:
            yield path, f"{value!r} is not a level {allowed}"


def _level_values(value: Any, path: Path) -> Iterator[tuple[Path, int]]:
    """The values of `value`'s fields annotated as levels, with their paths, at any depth."""
    if isinstance(value, tuple):
        for index, element in enumerate(value):
            yield from _level_values(element, (*path, index))
    elif isinstance(value, Mapping):
        for key, element in value.items():
            yield from _level_values(element, (*path, key))
    elif dataclasses.is_dataclass(value) and not isinstance(value, type):
        hints = _hints(type(value))
        for item in dataclasses.fields(value):
            if not item.init:
                continue  # derived from the fields that were read, such as an index
            field_value = getattr(value, item.name)
            if LEVEL in _markers(hints.get(item.name)):
                yield from _marked(field_value, (*path, item.name))
            else:
                yield from _level_values(field_value, (*path, item.name))


def _marked(value: Any, path: Path) -> Iterator[tuple[Path, int]]:
    """A level field's numbers: one, none, or those of a tuple or of a mapping's values."""
    if isinstance(value, int):
        yield path, value
    elif isinstance(value, tuple):
        for index, element in enumerate(value):
            yield (*path, index), element
    elif isinstance(value, Mapping):
        for key, element in value.items():
            yield (*path, key), element


_HINTS: dict[type, dict[str, Any]] = {}


def _hints(kind: type) -> dict[str, Any]:
    if kind not in _HINTS:
        _HINTS[kind] = typing.get_type_hints(kind, include_extras=True)
    return _HINTS[kind]


def _markers(annotation: Any) -> set[object]:
    """The Annotated metadata anywhere inside a type: `LevelNumber | None` has the level's."""
    if annotation is None:
        return set()
    found = set(getattr(annotation, "__metadata__", ()))
    for argument in typing.get_args(annotation):
        found |= _markers(argument)
    return found


def level_range(numbers: tuple[int, ...]) -> str:
    """`1-5` for levels 1 to 5, as messages name a run of levels."""
    return f"{numbers[0]}-{numbers[-1]}" if numbers else "none"
