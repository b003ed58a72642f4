"""Reading YAML and JSON text while keeping track of where each value sits.

Line numbers are only needed when something is wrong, so positions are computed lazily, from
the same text, the first time an error asks for one.
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field
from typing import Any, NoReturn

from eaism.errors import DataError, Location, Problem
from eaism.limits import LimitError, Limits, current, over_limit

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


def parse_document(name: str, text: str, limits: Limits | None = None) -> SourceDocument:
    """Parse YAML or JSON (by the name's suffix); a syntax error becomes a located DataError.

    So does a document over a limit: nested too deep, an integer too long, a text that is not
    Unicode (a lone surrogate), or YAML aliases that expand it past its own length.
    """
    limits = limits or current()
    data = (
        _parse_json(name, text, limits)
        if name.endswith(".json")
        else _parse_yaml(name, text, limits)
    )
    document = SourceDocument(name, text, data)
    _check_values(document, limits)
    return document


def decode_text(name: str, content: bytes) -> str:
    """UTF-8 text; anything else is an error naming the line of the first bad byte."""
    try:
        return content.decode("utf-8")
    except UnicodeDecodeError as error:
        line = content[: error.start].count(b"\n") + 1
        message = (
            f"is not UTF-8 text (byte {content[error.start]:#04x} at line {line}); save it as UTF-8"
        )
        raise DataError([Problem(Location(name, line), message)]) from None


def _parse_json(name: str, text: str, limits: Limits) -> Any:
    try:
        return json.loads(text)
    except json.JSONDecodeError as error:
        location = Location(name, error.lineno)
        raise DataError([Problem(location, f"not valid JSON: {error.msg}")]) from None
    except RecursionError:
        raise _too_deep(name, None, limits) from None
    except ValueError:  # Python's own limit on the digits of an integer
        raise _too_long(name, text, limits) from None


def _parse_yaml(name: str, text: str, limits: Limits) -> Any:
    import yaml

    if len(text) > limits.yaml_chars:
        what = "is longer than {} characters of YAML; write it as JSON, which reads far faster"
        raise over_limit(Location(name), what, limits.yaml_chars, "yaml_chars")
    try:
        return yaml.load(text, Loader=_fast_loader())
    except yaml.MarkedYAMLError as error:
        line = error.problem_mark.line + 1 if error.problem_mark else None
        message = f"not valid YAML: {error.problem or error.context}"
        raise DataError([Problem(Location(name, line), message)]) from None
    except yaml.reader.ReaderError as error:
        line = text.count("\n", 0, error.position) + 1
        character = error.character
        shown = f"{character:#04x}" if isinstance(character, int) else repr(character)
        message = f"not valid YAML: character {shown} is not allowed ({error.reason})"
        raise DataError([Problem(Location(name, line), message)]) from None
    except yaml.YAMLError as error:
        raise DataError([Problem(Location(name), f"not valid YAML: {error}")]) from None
    except RecursionError:
        raise _too_deep(name, None, limits) from None
    except ValueError:  # an integer longer than Python converts
        raise _too_long(name, text, limits) from None


def _fast_loader() -> Any:
    import yaml

    return getattr(yaml, "CSafeLoader", yaml.SafeLoader)


CONTAINERS = (dict, list, tuple, set, frozenset)
POSITIONS_CHARS = 1024 * 1024


def _check_values(document: SourceDocument, limits: Limits) -> None:
    """Depth, integers, texts and alias expansion, in one walk that never recurses.

    A value takes at least one character to write, so a document holding more values than its
    text has characters got them from YAML aliases repeating each other: refused, for it would
    cost memory and time out of proportion to the file (the "billion laughs").
    """
    check = _Check(document, limits)
    check.scalar((), document.data)
    stack: list[tuple[Any, Path]] = []
    if isinstance(document.data, CONTAINERS):
        stack.append((document.data, ()))
    budget = len(document.text) + 1
    while stack:
        value, path = stack.pop()
        if len(path) >= limits.depth:
            line = document.line_of(path)
            raise over_limit(Location(document.name, line), DEEP, limits.depth, "depth")
        budget -= len(value)
        if budget < 0:
            message = (
                "YAML aliases repeat values past the length of the file; write them out instead"
            )
            raise DataError([Problem(Location(document.name), message)])
        is_mapping = isinstance(value, dict)
        for key, child in value.items() if is_mapping else enumerate(value):
            if is_mapping and not (type(key) is str and key.isascii()):
                check.scalar((*path, _segment(key)), key)
            if isinstance(child, CONTAINERS):
                stack.append((child, (*path, _segment(key))))
            elif type(child) is int:
                if not -check.largest < child < check.largest:
                    check.scalar((*path, _segment(key)), child)
            elif type(child) is str and not child.isascii():
                check.scalar((*path, _segment(key)), child)


@dataclass
class _Check:
    document: SourceDocument
    limits: Limits

    def __post_init__(self) -> None:
        self.largest = 10**self.limits.digits

    def scalar(self, path: Path, value: Any) -> None:
        """An integer within the digit limit, a text made of characters."""
        if type(value) is int and not -self.largest < value < self.largest:
            where = self.document.location(path)
            raise over_limit(
                where, "is an integer of more than {} digits", self.limits.digits, "digits"
            )
        if type(value) is str and not value.isascii() and not _encodable(value):
            self.fail(
                path,
                "holds a lone surrogate (such as \\ud800), not a character; write the text as UTF-8",
            )

    def fail(self, path: Path, message: str) -> NoReturn:
        raise DataError([self.document.problem(path, message)])


def _encodable(text: str) -> bool:
    try:
        text.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def _segment(key: Any) -> PathSegment:
    return key if isinstance(key, int) and not isinstance(key, bool) else str(key)[:80]


DEEP = "is nested deeper than {} lists and mappings"


def _too_deep(name: str, line: int | None, limits: Limits) -> LimitError:
    return over_limit(Location(name, line), DEEP, limits.depth, "depth")


def _too_long(name: str, text: str, limits: Limits) -> LimitError:
    match = re.search(rf"\d{{{limits.digits + 1}}}", text)
    line = text.count("\n", 0, match.start()) + 1 if match else None
    what = "has an integer of more than {} digits"
    return over_limit(Location(name, line), what, limits.digits, "digits")


def _normalise(path: Path) -> tuple[str, ...]:
    """Positions are keyed by text, so a list index 5 and a mapping key 5 find the same entry."""
    return tuple(str(segment) for segment in path)


def _compose_positions(text: str) -> dict[tuple[str, ...], int]:
    """Map every path in the document to the line where its value starts.

    Only for documents of up to a mebibyte: composing 5 MiB of JSON for its lines takes some
    10 s and 500 MiB here, and a problem's path (`people[1234].team`) names the place anyway.
    """
    import yaml

    if len(text) > POSITIONS_CHARS:
        return {}

    try:
        root = yaml.compose(text, Loader=getattr(yaml, "CSafeLoader", yaml.SafeLoader))
    except (yaml.YAMLError, RecursionError, ValueError):
        return {}
    positions: dict[tuple[str, ...], int] = {}
    if root is not None:
        _walk(root, positions)
    return positions


def _walk(root: Any, positions: dict[tuple[str, ...], int]) -> None:
    """Every node once: an alias is the node it names, so its lines are that node's."""
    import yaml

    stack: list[tuple[Any, tuple[str, ...]]] = [(root, ())]
    seen: set[int] = set()
    while stack:
        node, path = stack.pop()
        positions.setdefault(path, node.start_mark.line + 1)
        if id(node) in seen:
            continue
        seen.add(id(node))
        if isinstance(node, yaml.MappingNode):
            for key, value in node.value:
                # A key's own line reads better than its value's, which may start a line later.
                positions[(*path, str(key.value))] = key.start_mark.line + 1
                stack.append((value, (*path, str(key.value))))
        elif isinstance(node, yaml.SequenceNode):
            for index, value in enumerate(node.value):
                stack.append((value, (*path, str(index))))


def is_field_name(segment: PathSegment) -> bool:
    """True for segments that name a field or index, false for a validator's internal labels."""
    return isinstance(segment, int) or bool(_IDENTIFIER.match(segment)) or segment.isdigit()
