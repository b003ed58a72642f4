"""An organisation as the analysis sees it: people (column-wise), AI systems, practices, hires."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

import numpy as np

from eaism.model.schema import Edition
from eaism.scoring.bulk import FloatArray, LevelArray, operating_levels

SYSTEM_KINDS = ("chatbot", "assistant", "automation", "search", "agent", "prediction", "other")
SYSTEM_STATUSES = ("idea", "pilot", "production", "retired")
SYSTEM_MEASURES = ("kind", "status", "months_in_status", "users", "monthly_cost", "success_rate")
# The readiness checks are edition data: `edition.analysis.readiness_checks`.


@dataclass(frozen=True)
class People:
    """Everyone in the organisation, one entry per person in each column."""

    ids: tuple[str, ...]
    teams: tuple[str, ...]
    roles: tuple[str, ...]
    titles: tuple[str, ...]
    levels: LevelArray  # people x domains: demonstrated domain levels
    operating: LevelArray  # per person
    progress: FloatArray  # people x domains: mean answer on the next level (0 for given levels)

    def __len__(self) -> int:
        return len(self.ids)

    @classmethod
    def empty(cls, domains: int) -> People:
        return cls(
            (),
            (),
            (),
            (),
            np.zeros((0, domains), np.int8),
            np.zeros(0, np.int8),
            np.zeros((0, domains), np.float32),
        )

    @classmethod
    def from_levels(
        cls,
        edition: Edition,
        ids: tuple[str, ...],
        teams: tuple[str, ...],
        roles: tuple[str, ...],
        titles: tuple[str, ...],
        levels: LevelArray,
    ) -> People:
        """People whose domain levels are given rather than scored from answers."""
        progress = np.zeros(levels.shape, dtype=np.float32)
        return cls(ids, teams, roles, titles, levels, operating_levels(edition, levels), progress)

    def take(self, rows: np.ndarray) -> People:
        """The people at the given row positions, in that order."""
        return People(
            tuple(self.ids[row] for row in rows),
            tuple(self.teams[row] for row in rows),
            tuple(self.roles[row] for row in rows),
            tuple(self.titles[row] for row in rows),
            self.levels[rows],
            self.operating[rows],
            self.progress[rows],
        )

    def join(self, other: People) -> People:
        return People(
            self.ids + other.ids,
            self.teams + other.teams,
            self.roles + other.roles,
            self.titles + other.titles,
            np.concatenate([self.levels, other.levels]),
            np.concatenate([self.operating, other.operating]),
            np.concatenate([self.progress, other.progress]),
        )


@dataclass(frozen=True)
class System:
    """An AI system in the inventory, with the ids of the readiness checks it has in place."""

    id: str
    name: str
    kind: str = "other"
    status: str = "idea"
    months_in_status: float = 0
    users: int = 0
    monthly_cost: float = 0
    success_rate: float | None = None
    checks: frozenset[str] = frozenset()
    risk_class: str = "not_assessed"  # one of RISK_CLASSES in model/schema.py
    model: str = ""  # the model or version it runs on, free text
    changed_at: date | None = None  # its last status or model change: records before it are due


@dataclass(frozen=True)
class PlannedHire:
    level: int
    count: int
    title: str = ""


@dataclass(frozen=True)
class Organisation:
    people: People
    systems: tuple[System, ...] = ()
    practices: dict[str, bool] = field(default_factory=dict)
    planned_hires: tuple[PlannedHire, ...] = ()
    name: str = ""

    def systems_in(self, status: str) -> tuple[System, ...]:
        return tuple(system for system in self.systems if system.status == status)
