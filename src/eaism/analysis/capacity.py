"""Established capacity: enough people at or above a level, by the edition's capacity table."""

from __future__ import annotations

import math

from eaism.model.schema import Edition


def needed_for_capacity(edition: Edition, level: int, workforce_size: int) -> int:
    """How many people at or above `level` make that level's capacity established."""
    rule = edition.analysis.capacity_at(level)
    return max(rule.min_people, math.ceil(rule.min_share * workforce_size))


def established(edition: Edition, level: int, at_least: tuple[int, ...]) -> bool:
    """`at_least[l]` is the head count at or above level l; `at_least[0]` is everyone."""
    return at_least[level] >= needed_for_capacity(edition, level, at_least[0])
