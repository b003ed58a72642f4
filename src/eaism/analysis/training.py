"""Who is one step away from each cell of the matrix: the raw material of a training plan."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.organisation import People
from eaism.model.schema import Edition


@dataclass(frozen=True)
class TrainingNeed:
    domain: str
    level: int
    one_step_away: int  # people at the level just below this cell in the domain's ladder
    in_progress: int  # of those, people who already answered part of this cell


def training_needs(edition: Edition, people: People) -> tuple[TrainingNeed, ...]:
    needs = []
    for column, domain in enumerate(edition.domains):
        levels, progress = people.levels[:, column], people.progress[:, column]
        below = 0
        for level in domain.applicable_levels:
            ready = levels == below
            needs.append(
                TrainingNeed(
                    domain.id, level, int(ready.sum()), int((ready & (progress > 0)).sum())
                )
            )
            below = level
    return tuple(needs)
