"""Who works at which level: the pyramid, the per-team view and the domain x level heatmap."""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass

import numpy as np

from eaism.analysis.organisation import People
from eaism.analysis.privacy import group_teams
from eaism.model.schema import Edition

OTHER_TEAMS = "other teams"


@dataclass(frozen=True)
class TeamFigures:
    team: str
    people: int
    by_level: tuple[int, ...]  # head count per operating level, from 0 (below level 1)


@dataclass(frozen=True)
class Workforce:
    people: int
    by_level: tuple[int, ...]  # head count per operating level, from 0 (below level 1)
    at_least: tuple[int, ...]  # head count at or above each of those levels
    teams: tuple[TeamFigures, ...]  # shown teams, then the pool when it may be shown
    suppressed_teams: int  # teams whose figures are withheld entirely
    min_group_size: int


@dataclass(frozen=True)
class Heatmap:
    """Per domain and level, how many people are at that level or above (None: no such cell)."""

    domains: tuple[str, ...]
    counts: tuple[tuple[int | None, ...], ...]  # domains x the edition's levels
    exactly: tuple[tuple[int | None, ...], ...]  # domains x levels, at exactly that level


def count_by_level(operating: np.ndarray, highest: int) -> tuple[int, ...]:
    """Head count at each operating level from 0 to `highest`, the edition's top level."""
    counts = np.bincount(operating.astype(np.int64), minlength=highest + 1)[: highest + 1]
    return tuple(int(count) for count in counts)


def workforce(people: People, minimum: int, highest: int) -> Workforce:
    """The pyramid and the teams; `highest` is the edition's top level."""
    by_level = count_by_level(people.operating, highest)
    at_least = tuple(int(sum(by_level[level:])) for level in range(len(by_level)))
    teams = _teams(people, minimum, len(by_level))
    return Workforce(len(people), by_level, at_least, *teams, minimum)


def heatmap(edition: Edition, people: People) -> Heatmap:
    numbers = [level.number for level in edition.levels]
    counts, exactly = [], []
    for column, domain in enumerate(edition.domains):
        levels = people.levels[:, column]
        applicable = domain.applicable_levels
        counts.append(
            tuple(
                int((levels >= level).sum()) if level in applicable else None for level in numbers
            )
        )
        exactly.append(
            tuple(
                int((levels == level).sum()) if level in applicable else None for level in numbers
            )
        )
    return Heatmap(edition.domain_ids, tuple(counts), tuple(exactly))


def _teams(people: People, minimum: int, levels: int) -> tuple[tuple[TeamFigures, ...], int]:
    sizes = Counter(people.teams)
    grouping = group_teams(sizes, minimum)
    names, inverse = np.unique(np.array(people.teams, dtype=object), return_inverse=True)
    index = {str(name): position for position, name in enumerate(names)}
    per_team = np.zeros((len(names), levels), dtype=np.int64)
    np.add.at(per_team, (inverse, people.operating.astype(np.int64)), 1)
    figures = [_figures(team, [index[team]], per_team) for team in grouping.shown]
    if grouping.pool_shown:
        figures.append(_figures(OTHER_TEAMS, [index[team] for team in grouping.pooled], per_team))
    return tuple(figures), len(grouping.suppressed)


def _figures(name: str, rows: list[int], per_team: np.ndarray) -> TeamFigures:
    counts = per_team[rows].sum(axis=0)
    return TeamFigures(name, int(counts.sum()), tuple(int(count) for count in counts))
