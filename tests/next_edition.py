"""A test-only successor of 2026.1, written to a folder with its migration file.

It renames, merges, splits, removes, adds and rewords items, changes a cell and a level, and
marks one item as related but not carried, so the diff and the migration meet every kind of
change before the bundled 2026.2 exists (and whatever that edition ends up holding).
"""

from __future__ import annotations

import shutil
from pathlib import Path
from typing import Any

import yaml

from eaism.model.loader import EDITIONS_ROOT

NEXT_ID = "2099.1"
RENAMED = ("prompting.l1.everyday_prompting", "prompting.l1.everyday_requests")
MERGED = (
    ("observability.l3.tracing_latency", "observability.l3.cost_monitoring"),
    "observability.l3.traces_and_costs",
)
SPLIT = (
    "apis_integration.l3.retries_fallbacks",
    ("apis_integration.l3.retries", "apis_integration.l3.fallbacks"),
)
# One old item continued by two new ones, only the first of which asks the same question.
PARTLY = (
    "security.l3.pii_handling",
    ("security.l3.pii_handling", "security.l3.pii_in_agent_memory"),
)
REPLACED = ("strategy.l5.business_model_reinvention", "strategy.l5.agent_run_processes")
REMOVED = "strategy.l5.transformation_structures"
ADDED = "security.l4.tool_access_scoping"
REWORDED = "evaluation.l2.manual_spot_checks"
CHANGED_CELL = ("evaluation", 2)
CHANGED_LEVEL = 3


def write_next_edition(folder: Path, migration: dict[str, Any] | None = None) -> Path:
    """Write the edition under `folder` (beside nothing else) and return its path.

    `migration` replaces the migration file's content, to test a broken one.
    """
    target = folder / NEXT_ID
    shutil.copytree(EDITIONS_ROOT / "2026.1", target)
    _edit(target / "edition.yaml", _edition)
    _edit(target / "levels.yaml", _levels)
    for name in (
        "prompting",
        "observability",
        "apis_integration",
        "security",
        "strategy",
        "evaluation",
    ):
        _edit(target / "domains" / f"{name}.yaml", _domain)
    document = {"migration": migration_data()} if migration is None else migration
    (target / "migration.yaml").write_text(
        yaml.safe_dump(document, sort_keys=False), encoding="utf-8"
    )
    return target


def migration_data() -> dict[str, Any]:
    """The migration from 2026.1, one entry per new item that continues an old one."""
    old = yaml.safe_load((EDITIONS_ROOT / "2026.1" / "edition.yaml").read_text(encoding="utf-8"))
    entries: list[dict[str, Any]] = []
    changed = {RENAMED[0], *MERGED[0], SPLIT[0], PARTLY[0], REPLACED[0], REMOVED}
    for domain_id in old["domains"]:
        data = yaml.safe_load(
            (EDITIONS_ROOT / "2026.1" / "domains" / f"{domain_id}.yaml").read_text()
        )
        entries += [
            {"from": [item["id"]], "to": item["id"]}
            for item in data["items"]
            if item["id"] not in changed
        ]
    entries += [
        {"from": [RENAMED[0]], "to": RENAMED[1]},
        {"from": list(MERGED[0]), "to": MERGED[1]},
        *({"from": [SPLIT[0]], "to": part} for part in SPLIT[1]),
        {"from": [PARTLY[0]], "to": PARTLY[1][0]},
        {
            "from": [PARTLY[0]],
            "to": PARTLY[1][1],
            "carried": False,
            "note": "agents' memory is another place",
        },
        {
            "from": [REPLACED[0]],
            "to": REPLACED[1],
            "carried": False,
            "note": "a different question",
        },
    ]
    return {"from": "2026.1", "map": entries, "removed": [REMOVED], "added": [ADDED]}


def _edit(path: Path, change: Any) -> None:
    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    path.write_text(yaml.safe_dump(change(data), sort_keys=False), encoding="utf-8")


def _edition(data: dict[str, Any]) -> dict[str, Any]:
    data["id"] = NEXT_ID
    return data


def _levels(data: dict[str, Any]) -> dict[str, Any]:
    level = next(level for level in data["levels"] if level["number"] == CHANGED_LEVEL)
    level["summary"] += " Now also orchestrates agents."
    return data


def _domain(data: dict[str, Any]) -> dict[str, Any]:
    items = {item["id"]: item for item in data["items"]}
    new_items: list[dict[str, Any]] = []
    for item in data["items"]:
        new_items += _successors(item)
    if data["id"] == "security":
        base = items["security.l4.policy_and_red_teaming"]
        new_items.append(
            {**base, "id": ADDED, "statement": "I scope which tools each agent may call."}
        )
    if data["id"] == CHANGED_CELL[0]:
        cell = next(cell for cell in data["cells"] if cell["level"] == CHANGED_CELL[1])
        cell["descriptor"] = "Checks outputs by hand, and checks agents' steps too."
    data["items"] = new_items
    return data


def _successors(item: dict[str, Any]) -> list[dict[str, Any]]:
    item_id = item["id"]
    if item_id == RENAMED[0]:
        return [{**item, "id": RENAMED[1]}]
    if item_id == MERGED[0][0]:
        return [{**item, "id": MERGED[1], "statement": "I trace requests and track their cost."}]
    if item_id in (MERGED[0][1], REMOVED):
        return []
    if item_id == SPLIT[0]:
        return [
            {**item, "id": part, "statement": f"{item['statement']} ({part})"} for part in SPLIT[1]
        ]
    if item_id == PARTLY[0]:
        return [item, {**item, "id": PARTLY[1][1], "statement": "My agents keep no personal data."}]
    if item_id == REPLACED[0]:
        return [{**item, "id": REPLACED[1], "statement": "Agents run whole processes of ours."}]
    if item_id == REWORDED:
        return [{**item, "statement": item["statement"] + " Agents' answers too."}]
    return [item]
