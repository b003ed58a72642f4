"""Who is one step away from each cell of the matrix: the raw material of a training plan."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from eaism.analysis.organisation import People
from eaism.model.schema import Domain, Edition


@dataclass(frozen=True)
class TrainingNeed:
    domain: str
    level: int
    one_step_away: int  # people just below this cell in the domain, working at most a level lower
    in_progress: int  # of those, people who already answered part of this cell


def one_step_away(
    edition: Edition, people: People
) -> Iterator[tuple[Domain, int, npt.NDArray[np.intp], npt.NDArray[np.bool_]]]:
    """Per applicable cell: the rows of the people one step below it, and which are under way.

    One step below means at the domain's previous level and working at most one level lower
    overall, so Level 1 consumers do not count as one step from governance at Level 3.
    """
    for column, domain in enumerate(edition.domains):
        levels, progress = people.levels[:, column], people.progress[:, column]
        below = 0
        for level in domain.applicable_levels:
            rows = np.flatnonzero((levels == below) & (people.operating >= level - 1))
            yield domain, level, rows, progress[rows] > 0
            below = level


def training_needs(edition: Edition, people: People) -> tuple[TrainingNeed, ...]:
    return tuple(
        TrainingNeed(domain.id, level, len(rows), int(started.sum()))
        for domain, level, rows, started in one_step_away(edition, people)
    )
