"""An edition as plain data, shaped like a single-file edition, so an export validates again."""

from __future__ import annotations

import dataclasses
from typing import Any

from eaism.model.schema import Edition


def edition_document(edition: Edition) -> dict[str, Any]:
    return {
        field.name: _plain(getattr(edition, field.name))
        for field in dataclasses.fields(edition)
        if field.init
    }


def _plain(value: Any) -> Any:
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        return {
            field.name: _plain(getattr(value, field.name))
            for field in dataclasses.fields(value)
            if field.init and getattr(value, field.name) is not None
        }
    if isinstance(value, tuple | list):
        return [_plain(item) for item in value]
    if isinstance(value, dict):
        return {key: _plain(item) for key, item in value.items()}
    return value
