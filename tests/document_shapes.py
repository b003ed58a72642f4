"""Checks that a real document has exactly the shape its TypedDict declares.

mypy proves that the builders and the renderers agree with the declared shape; this proves that
the declaration agrees with what the builders really return, key for key, so that a key nobody
declared (which the API's response model would silently drop) or a declared key that is never
written fails a test.
"""

from __future__ import annotations

import types
import typing
from typing import Any, Literal, NotRequired, Union, get_args, get_origin, get_type_hints

import typing_extensions


def assert_shape(value: Any, declared: Any, path: str = "$") -> None:
    """Fail with the path of the first value that does not match `declared`."""
    origin = get_origin(declared)
    if declared is Any:
        return
    if declared is None or declared is type(None):
        assert value is None, f"{path}: expected null, got {value!r}"
    elif typing_extensions.is_typeddict(declared) or typing.is_typeddict(declared):
        _assert_typed_dict(value, declared, path)
    elif origin in (Union, types.UnionType):
        _assert_union(value, declared, path)
    elif origin is Literal:
        assert value in get_args(declared), f"{path}: {value!r} is not one of {get_args(declared)}"
    elif origin is list:
        assert isinstance(value, list), f"{path}: expected a list, got {type(value).__name__}"
        for index, element in enumerate(value):
            assert_shape(element, get_args(declared)[0], f"{path}[{index}]")
    elif origin is dict:
        key_type, value_type = get_args(declared)
        assert isinstance(value, dict), f"{path}: expected an object, got {type(value).__name__}"
        for key, element in value.items():
            assert_shape(key, key_type, f"{path} key {key!r}")
            assert_shape(element, value_type, f"{path}.{key}")
    elif declared in (int, float):
        # JSON has one kind of number; a bool is an int to Python but not a number to JSON.
        allowed = (int,) if declared is int else (int, float)
        assert type(value) in allowed, f"{path}: expected {declared.__name__}, got {value!r}"
    else:
        assert isinstance(value, declared), (
            f"{path}: expected {declared.__name__}, got {type(value).__name__}"
        )


def _assert_typed_dict(value: Any, declared: Any, path: str) -> None:
    assert isinstance(value, dict), f"{path}: expected an object, got {type(value).__name__}"
    hints = get_type_hints(declared)
    undeclared = set(value) - set(hints)
    assert not undeclared, f"{path}: keys {sorted(undeclared)} are not in {declared.__name__}"
    missing = _required_keys(declared) - set(value)
    assert not missing, f"{path}: keys {sorted(missing)} of {declared.__name__} are missing"
    for key, element in value.items():
        assert_shape(element, hints[key], f"{path}.{key}")


def _required_keys(declared: Any) -> set[str]:
    """Read from the annotations themselves: `__required_keys__` misses a `NotRequired` written
    as a string (under `from __future__ import annotations`) on Python 3.11."""
    hints = get_type_hints(declared, include_extras=True)
    optional = {key for key, hint in hints.items() if get_origin(hint) is NotRequired}
    return set(hints) - optional if declared.__total__ else set()


def _assert_union(value: Any, declared: Any, path: str) -> None:
    failures = []
    for option in get_args(declared):
        try:
            assert_shape(value, option, path)
        except AssertionError as failure:
            failures.append(str(failure))
        else:
            return
    raise AssertionError(" or ".join(failures))
