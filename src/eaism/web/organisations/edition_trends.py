"""The trend between two rounds on different editions: only what the migration keeps comparable.

A domain's level is "at level j or above" when every applicable cell up to j is met
(scoring.person), so the heatmap's count at j means the same in both editions exactly when
the cells 1 to j ask the same questions: each item of the new cell continues one item of the
old cell, carried unchanged, and nothing was added, removed, merged, split or replaced there.
Those counts are compared; the stage, the operating levels and the diagnostics rest on every
domain, so with any item changed they are left out, and the trend says so in words.
"""

from __future__ import annotations

from eaism.analysis.document_types import ProtectedFigures
from eaism.model.migration import Migration
from eaism.model.schema import Domain, Edition
from eaism.web.edition import edition_with_id, migration_between
from eaism.web.organisations.dashboard_types import EditionTrend


def one_to_one(migration: Migration) -> dict[str, str]:
    """New item -> the one old item it continues unchanged (no merge, split or replacement)."""
    routes = migration.routes(forward=True)
    starts = [item_id for route in routes for item_id in route.sources]
    return {
        route.target: route.sources[0]
        for route in routes
        if len(route.sources) == 1 and starts.count(route.sources[0]) == 1
    }


def comparable_levels(old: Edition, new: Edition, migration: Migration | None) -> dict[str, int]:
    """Per domain of both editions, the highest level up to which every cell is unchanged."""
    if migration is None or old.scoring != new.scoring:
        return {}
    carried = one_to_one(migration)
    found = {}
    for domain in new.domains:
        if domain.id in old.domain_ids:
            found[domain.id] = _unchanged_up_to(old.domain(domain.id), domain, carried)
    return found


def _unchanged_up_to(old: Domain, new: Domain, carried: dict[str, str]) -> int:
    reached = 0
    for level in sorted({*old.applicable_levels, *new.applicable_levels}):
        old_ids = {item.id for item in old.items_at(level)}
        new_ids = [item.id for item in new.items_at(level)]
        same = (level in old.applicable_levels) == (level in new.applicable_levels)
        if not same or {carried.get(item_id) for item_id in new_ids} != old_ids:
            break
        if len(new_ids) != len(old_ids):
            break
        reached = level
    return reached


def changed_items(new: Edition, migration: Migration | None) -> int:
    """Items of the new edition that do not continue one old item unchanged."""
    carried = one_to_one(migration) if migration else {}
    return sum(1 for item_id in new.item_index if item_id not in carried)


def edition_trend(
    previous_name: str,
    previous_edition: str,
    current_name: str,
    current_edition: str,
    before: ProtectedFigures,
    now: ProtectedFigures,
) -> EditionTrend:
    """The trend document across two editions: domain levels up to the unchanged cells only."""
    old, new = edition_with_id(previous_edition), edition_with_id(current_edition)
    migration = migration_between(old.id, new.id)
    if migration is not None and migration.target_edition != new.id:
        migration = None  # the later round on the older edition: nothing is carried that way
    levels = comparable_levels(old, new, migration)
    compared = {domain: up_to for domain, up_to in levels.items() if up_to > 0}
    changed = changed_items(new, migration)
    return {
        "previous_round": previous_name,
        "editions": {"before": old.id, "now": new.id},
        "changed_items": changed,
        "items": len(new.item_index),
        "compared_up_to": compared,
        "by_domain": {
            domain: {
                str(level): {
                    "before": before["heatmap"][domain][str(level)],
                    "now": now["heatmap"][domain][str(level)],
                }
                for level in new.domain(domain).applicable_levels
                if level <= up_to
            }
            for domain, up_to in compared.items()
            if domain in before["heatmap"] and domain in now["heatmap"]
        },
        "note": trend_note(previous_name, current_name, old, new, changed, migration, compared),
    }


def trend_note(
    previous_name: str,
    current_name: str,
    old: Edition,
    new: Edition,
    changed: int,
    migration: Migration | None,
    compared: dict[str, int],
) -> str:
    """The trend's comparison in plain words: what was compared across the editions, and why."""
    opening = f"Round {previous_name} used edition {old.id} and round {current_name} {new.id}"
    if migration is None:
        return (
            f"{opening}; no migration file leads from {old.id} to {new.id}, so the two rounds "
            "are not compared."
        )
    left_out = "so the stage, the operating levels and the diagnostics are not compared"
    counted = f"{changed} of the {len(new.item_index)} items of {new.id} are new or changed"
    if not compared:
        return f"{opening}; {counted}, {left_out}, and no domain asks the same questions."
    names = ", ".join(
        f"{new.domain(domain).name} up to level {up_to}" for domain, up_to in compared.items()
    )
    return (
        f"{opening}; {counted}, {left_out}. People at each domain level or above are compared "
        f"only where the questions carried unchanged: {names}."
    )
