"""Reading YAML and JSON text while keeping track of where each value sits.

Line numbers are only needed when something is wrong, so positions are computed lazily, from
the same text, the first time an error asks for one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any

from eaism.errors import DataError, Location, Problem

PathSegment = str | int
Path = tuple[PathSegment, ...]

_IDENTIFIER = re.compile(r"^[A-Za-z_][A-Za-z0-9_]*$")


def format_path(path: Path) -> str:
    """`("items", 2, "level")` -> `items[2].level`; keys with dots read `answers["a.b"]`."""
    text = ""
    for segment in path:
        if isinstance(segment, int):
            text += f"[{segment}]"
        elif "." in segment or " " in segment:
            text += f'["{segment}"]'
        else:
            text += f".{segment}" if text else str(segment)
    return text


@dataclass
class SourceDocument:
    """Parsed data plus the text it came from, able to say on which line a value starts."""

    name: str
    text: str
    data: Any
    _lines: dict[tuple[str, ...], int] | None = field(default=None, repr=False)

    def line_of(self, path: Path) -> int | None:
        """The 1-based line of the value at `path`, or of its nearest existing parent."""
        lines = self._positions()
        for end in range(len(path), -1, -1):
            line = lines.get(_normalise(path[:end]))
            if line is not None:
                return line
        return None

    def location(self, path: Path) -> Location:
        return Location(self.name, self.line_of(path), format_path(path))

    def problem(self, path: Path, message: str) -> Problem:
        return Problem(self.location(path), message)

    def _positions(self) -> dict[tuple[str, ...], int]:
        if self._lines is None:
            self._lines = _compose_positions(self.text)
        return self._lines


def parse_document(name: str, text: str) -> SourceDocument:
    """Parse YAML or JSON (by the name's suffix); a syntax error becomes a located DataError."""
    if name.endswith(".json"):
        try:
            data = json.loads(text)
        except json.JSONDecodeError as error:
            location = Location(name, error.lineno)
            raise DataError([Problem(location, f"not valid JSON: {error.msg}")]) from None
        return SourceDocument(name, text, data)
    import yaml

    try:
        data = yaml.load(text, Loader=_fast_loader())
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        message = f"not valid YAML: {error.problem or error.context}"
        raise DataError([Problem(Location(name, line), message)]) from None
    return SourceDocument(name, text, data)


def _fast_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


def _normalise(path: Path) -> tuple[str, ...]:
    """Positions are keyed by text, so a list index 5 and a mapping key 5 find the same entry."""
    return tuple(str(segment) for segment in path)


def _compose_positions(text: str) -> dict[tuple[str, ...], int]:
    """Map every path in the document to the line where its value starts."""
    import yaml

    try:
        root = yaml.compose(text, Loader=yaml.SafeLoader)
    except yaml.YAMLError:
        return {}
    positions: dict[tuple[str, ...], int] = {}
    if root is not None:
        _walk(root, (), positions)
    return positions


def _walk(node: Any, path: tuple[str, ...], positions: dict[tuple[str, ...], int]) -> None:
    import yaml

    positions[path] = node.start_mark.line + 1
    if isinstance(node, yaml.MappingNode):
        for key, value in node.value:
            _walk(value, (*path, str(key.value)), positions)
            # A key's own line reads better than its value's, which may start a line later.
            positions[(*path, str(key.value))] = key.start_mark.line + 1
    elif isinstance(node, yaml.SequenceNode):
        for index, value in enumerate(node.value):
            _walk(value, (*path, str(index)), positions)


def is_field_name(segment: PathSegment) -> bool:
    """True for segments that name a field or index, false for a validator's internal labels."""
    return isinstance(segment, int) or bool(_IDENTIFIER.match(segment)) or segment.isdigit()
