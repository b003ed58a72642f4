"""A test-only edition with four levels and six domains, made from 2026.1 by dropping its top
level and two of its domains, so the tests can show that nothing assumes five levels or eight
domains. It is written to a folder and loaded like any edition given by path. Its
competence.yaml is 2026.1's without the dropped domains' cells, so each requirement keeps
the cells this edition has."""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from eaism.model.loader import EDITIONS_ROOT

DROPPED_DOMAINS = ("security", "governance")
TOP = 4  # the highest level kept


def write_small_edition(folder: Path) -> Path:
    """Write the edition under `folder` and return its path."""
    source = EDITIONS_ROOT / "2026.1"
    target = folder / "small"
    shutil.copytree(source, target)
    for domain in DROPPED_DOMAINS:
        (target / "domains" / f"{domain}.yaml").unlink()
    for path in sorted(target.rglob("*.yaml")):
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
        path.write_text(yaml.safe_dump(_trim(data, path.stem), sort_keys=False), encoding="utf-8")
    return target


def _trim(data: Any, name: str) -> Any:
    if "cells" in data and "id" in data:
        return _domain(data)
    edit = EDITS.get(name)
    return _scrub(edit(data) if edit else data)


def _kept_cell(name: str) -> bool:
    domain, _, level = name.partition(".")
    return domain not in DROPPED_DOMAINS and (not level.isdigit() or int(level) <= TOP)


def _scrub(value: Any) -> Any:
    """Drop what names a dropped domain or cell anywhere: list entries, mapping keys."""
    if isinstance(value, list):
        return [_scrub(item) for item in value if _kept(item)]
    if isinstance(value, dict):
        return {key: _scrub(item) for key, item in value.items() if _kept(key)}
    return value


def _kept(value: Any) -> bool:
    if isinstance(value, str):
        return _kept_cell(value)
    if isinstance(value, dict):
        named = [value.get(key) for key in ("cell", "domain") if isinstance(value.get(key), str)]
        cells = value.get("cells")
        if isinstance(cells, list) and cells and all(isinstance(c, str) for c in cells):
            named.append(cells[0]) if not any(_kept_cell(c) for c in cells) else None
        return all(_kept_cell(name) for name in named)
    return True


def _edition(data: dict[str, Any]) -> dict[str, Any]:
    data["id"] = "test-4x6"
    data["scoring"]["defining_domains"].pop(TOP + 1)
    return data


def _numbered(key: str) -> Any:
    def edit(data: dict[str, Any]) -> dict[str, Any]:
        data[key] = [entry for entry in data[key] if entry["number"] <= TOP]
        return data

    return edit


def _analysis(data: dict[str, Any]) -> dict[str, Any]:
    analysis = data["analysis"]
    analysis["capacity"] = [entry for entry in analysis["capacity"] if entry["level"] <= TOP]
    analysis["training_priority"] = [
        level for level in analysis["training_priority"] if level <= TOP
    ]
    return data


def _levels(data: dict[str, Any]) -> dict[str, Any]:
    data["levels"] = [level for level in data["levels"] if level["number"] <= TOP]
    return data


def _domain(data: dict[str, Any]) -> dict[str, Any]:
    data["cells"] = [cell for cell in data["cells"] if cell["level"] <= TOP]
    data["items"] = [item for item in data.get("items", []) if item["level"] <= TOP]
    return data


def _job_descriptions(data: dict[str, Any]) -> dict[str, Any]:
    rules = data["job_descriptions"]
    rules["title_claims"] = [claim for claim in rules["title_claims"] if claim["level"] <= TOP]
    return data


EDITS: dict[str, Any] = {
    "job_descriptions": _job_descriptions,
    "levels": _levels,
    "edition": _edition,
    "stages": _numbered("stages"),
    "hiring": _numbered("hiring_phases"),
    "analysis": _analysis,
}
