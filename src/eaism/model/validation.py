"""Turning raw data into typed model values, with every problem located in its source file."""

from __future__ import annotations

import dataclasses
import types
import typing
from dataclasses import dataclass, field
from typing import Any, TypeVar

from eaism.errors import DataError, Problem
from eaism.model.documents import Path, SourceDocument, is_field_name

T = TypeVar("T")


@dataclass
class SourceMap:
    """Which document each part of an assembled value came from.

    An edition is assembled from several files; a path into the assembled value is mapped back
    to the file and to the path inside that file.
    """

    default: SourceDocument
    parts: list[tuple[Path, SourceDocument, Path]] = field(default_factory=list)

    def add(self, outer: Path, document: SourceDocument, inner: Path = ()) -> None:
        self.parts.append((outer, document, inner))

    def problem(self, path: Path, message: str) -> Problem:
        best: tuple[Path, SourceDocument, Path] = ((), self.default, ())
        for outer, document, inner in self.parts:
            if path[: len(outer)] == outer and len(outer) >= len(best[0]):
                best = (outer, document, inner)
        outer, document, inner = best
        return document.problem((*inner, *path[len(outer) :]), message)


def validate(target: type[T], data: Any, sources: SourceMap) -> T:
    """Validate `data` as `target`, raising one DataError that lists every problem."""
    from pydantic import TypeAdapter, ValidationError

    try:
        return TypeAdapter(target).validate_python(data)
    except ValidationError as error:
        problems = [_problem(target, dict(item), sources) for item in error.errors()]
        raise DataError(problems) from None


def _problem(target: type, error: dict[str, Any], sources: SourceMap) -> Problem:
    path: Path = tuple(segment for segment in error["loc"] if is_field_name(segment))
    kind = error["type"]
    if kind in {"unexpected_keyword_argument", "extra_forbidden"}:
        allowed = ", ".join(_field_names(target, path[:-1]))
        return sources.problem(path, f"unknown field; expected one of: {allowed}")
    if kind in {"missing", "missing_argument"}:
        return sources.problem(path, "required field is missing")
    return sources.problem(
        path, f"{error['msg'].removeprefix('Value error, ')} (got {error['input']!r})"
    )


def _field_names(root: type, path: Path) -> list[str]:
    """The field names of the dataclass found at `path` inside `root`, for error messages."""
    current: Any = root
    for segment in path:
        current = _unwrap_optional(current)
        if dataclasses.is_dataclass(current) and isinstance(segment, str):
            current = typing.get_type_hints(current).get(segment)
        elif typing.get_origin(current) in {tuple, list, dict}:
            current = typing.get_args(current)[-1 if typing.get_origin(current) is dict else 0]
    current = _unwrap_optional(current)
    if not (isinstance(current, type) and dataclasses.is_dataclass(current)):
        return []
    return [item.name for item in dataclasses.fields(current) if item.init]


def _unwrap_optional(annotation: Any) -> Any:
    if typing.get_origin(annotation) in {typing.Union, types.UnionType}:
        options = [option for option in typing.get_args(annotation) if option is not type(None)]
        return options[0] if len(options) == 1 else annotation
    return annotation
