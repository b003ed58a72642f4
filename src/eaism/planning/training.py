"""Training plan: cohorts of people one step from a cell, in the framework's priority order."""

from __future__ import annotations

from dataclasses import dataclass

from eaism.analysis.organisation import People
from eaism.analysis.training import one_step_away
from eaism.model.schema import Edition


@dataclass(frozen=True)
class Cohort:
    domain: str
    level: int
    descriptor: str
    people: int  # one step away: at the level just below this cell in the domain's ladder
    in_progress: int  # of those, people who already answered part of this cell
    members: tuple[str, ...]  # person ids, for those allowed to see individuals


def training_plan(edition: Edition, people: People, minimum_cohort: int = 1) -> tuple[Cohort, ...]:
    """Every cell with at least `minimum_cohort` people one step away, by the edition's priority."""
    cohorts = [
        Cohort(
            domain.id,
            level,
            " ".join(domain.cell(level).descriptor.split()),
            len(rows),
            int(started.sum()),
            tuple(people.ids[row] for row in rows),
        )
        for domain, level, rows, started in one_step_away(edition, people)
        if len(rows) >= max(minimum_cohort, 1)
    ]
    priority: dict[int, int] = {
        level: rank for rank, level in enumerate(edition.analysis.training_priority)
    }
    return tuple(
        sorted(cohorts, key=lambda c: (priority.get(c.level, len(priority)), -c.people, c.domain))
    )
