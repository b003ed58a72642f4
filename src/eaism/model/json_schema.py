"""The published JSON Schemas of a single-file edition and of an overlay.

The files under `schemas/` are generated from the model classes (`make generated`) and
shipped, so people can validate their own editions with any JSON Schema tool.
"""

from __future__ import annotations

from typing import Any

from eaism.model.schema import Edition, Overlay

SCHEMA_BASE = "https://eaism.example/schemas"


def edition_json_schema() -> dict[str, Any]:
    return _schema(Edition, "edition", "An edition of the Enterprise AI Skills Maturity Model.")


def overlay_json_schema() -> dict[str, Any]:
    return _schema(Overlay, "overlay", "Extra items and descriptors for an existing edition.")


def _schema(target: type, name: str, description: str) -> dict[str, Any]:
    from pydantic import TypeAdapter

    schema = TypeAdapter(target).json_schema()
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"{SCHEMA_BASE}/{name}.schema.json",
        **schema,
        "description": description,
    }
