"""Small-group protection for breakdowns by team.

Teams below the threshold are pooled as "other teams". When the pool would itself be small,
or would hold a single team (whose figures anyone could then work out by subtracting the shown
teams from the total), the smallest shown team joins the pool, until the pool is safe or empty.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass

from eaism.errors import UsageError

MIN_GROUP_FLOOR = 3


@dataclass(frozen=True)
class Grouping:
    shown: tuple[str, ...]  # teams whose own figures may be shown
    pooled: tuple[str, ...]  # teams shown only together, as "other teams"
    pool_shown: bool  # whether the pooled figures may be shown at all

    @property
    def suppressed(self) -> tuple[str, ...]:
        return () if self.pool_shown else self.pooled


def check_group_size(minimum: int) -> int:
    if minimum < MIN_GROUP_FLOOR:
        raise UsageError(
            f"the minimum group size is {minimum}; it may not be below {MIN_GROUP_FLOOR}"
        )
    return minimum


def group_teams(sizes: Mapping[str, int], minimum: int) -> Grouping:
    """Decide which teams are shown alone, which only pooled, and whether the pool is shown."""
    check_group_size(minimum)
    shown = sorted(
        (team for team, size in sizes.items() if size >= minimum), key=lambda t: (sizes[t], t)
    )
    pooled = [team for team, size in sizes.items() if size < minimum]
    while pooled and not _pool_is_safe(pooled, sizes, minimum) and shown:
        pooled.append(shown.pop(0))
    pool_shown = bool(pooled) and _pool_is_safe(pooled, sizes, minimum)
    return Grouping(tuple(sorted(shown)), tuple(sorted(pooled)), pool_shown)


def _pool_is_safe(pooled: list[str], sizes: Mapping[str, int], minimum: int) -> bool:
    return len(pooled) >= 2 and sum(sizes[team] for team in pooled) >= minimum
