"""The values of competence records: who is involved in which AI system, what is known of each
person, and the record, cell by cell, that says whether they hold what the involvement needs.

`competence.py` builds these from an organisation's inventory and people; `competence_document.py`
turns them into the evidence pack's document.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from datetime import date
from typing import Literal, NamedTuple

from eaism.analysis.organisation import System
from eaism.model.schema import INVOLVEMENTS, RISK_CLASSES, Requirement

__all__ = ["INVOLVEMENTS", "RISK_CLASSES"]

PERSON_KINDS = ("employee", "contractor")
ACTION_KINDS = ("training", "mentor", "reassignment")
STATUSES = ("ok", "gap", "due")
# Why a record is due for refresh, in the order a record is given one reason.
DUE_REASONS = ("never_measured", "before_system_change", "older_than_max_age")
OUTCOMES = ("closed", "open", "not_measured_yet")

Status = Literal["ok", "gap", "due"]
DueReason = Literal["never_measured", "before_system_change", "older_than_max_age"]
Outcome = Literal["closed", "open", "not_measured_yet"]
ShortfallReason = Literal["no_overseer", "overseer_short"]


@dataclass(frozen=True)
class Involvement:
    system_id: str
    person_id: str
    kind: str  # one of INVOLVEMENTS


@dataclass(frozen=True)
class PlannedAction:
    system_id: str
    person_id: str
    kind: str  # one of ACTION_KINDS
    planned_at: date
    note: str = ""


@dataclass(frozen=True)
class PersonEvidence:
    """What is known of one person's competence."""

    person_id: str
    name: str  # "" when unknown
    kind: str  # one of PERSON_KINDS
    demonstrated: Mapping[str, int]  # domain id -> demonstrated level (0: none)
    reviewed: Mapping[str, int]  # domain id -> reviewed level, only the domains a reviewer rated
    evidence_at: Mapping[str, date]  # domain id -> date of the latest dated evidence counted there
    assessed_at: date | None  # when the levels were last measured (a submission; None: never)

    @classmethod
    def unknown(cls, person_id: str) -> PersonEvidence:
        """Someone involved in a system of whom nothing was measured."""
        return cls(person_id, "", "employee", {}, {}, {}, None)


@dataclass(frozen=True)
class CompetenceInputs:
    systems: tuple[System, ...]  # eaism.analysis.organisation.System
    people: Mapping[str, PersonEvidence]  # by person id
    involvements: tuple[Involvement, ...]
    actions: tuple[PlannedAction, ...] = ()
    raised: tuple[Requirement, ...] = ()  # the organisation's own; they only ever raise
    max_age_months: int | None = None  # None: the edition's setting


class CellRecord(NamedTuple):
    """One required cell of a record: the level it needs and the level the person holds.

    A named tuple rather than a frozen dataclass: a large organisation has tens of thousands,
    and a tuple is built several times faster."""

    domain: str
    required: int
    demonstrated: int
    reviewed: int | None  # None: no reviewer rated this domain
    evidence_at: date | None

    @property
    def level(self) -> int:
        """The level that counts: the reviewed one where a reviewer rated the domain."""
        return self.demonstrated if self.reviewed is None else self.reviewed

    @property
    def gap(self) -> int:
        return max(0, self.required - self.level)


@dataclass(frozen=True)
class ActionOutcome:
    action: PlannedAction
    outcome: Outcome


@dataclass(frozen=True)
class CompetenceRecord:
    """One person's competence for one involvement in one system."""

    system: System
    person: PersonEvidence
    involvement: str
    cells: tuple[CellRecord, ...]
    status: Status
    due_reason: DueReason | None
    actions: tuple[ActionOutcome, ...] = ()

    @property
    def gap(self) -> int:
        """Levels short, summed over the required cells."""
        return sum(cell.gap for cell in self.cells)


@dataclass(frozen=True)
class OversightShortfall:
    """A system whose oversight falls short: an overseer's record is not `ok`, or a high-risk
    system has no overseer at all."""

    system: System
    reason: ShortfallReason
    overseers: int
    overseers_short: int


@dataclass(frozen=True)
class EffectiveRequirement:
    """What an involvement needs at a risk class once the organisation's raises are applied."""

    involvement: str
    risk_class: str
    cells: Mapping[str, int]
    raised: frozenset[str]  # the domains the organisation raised above the edition
    why: str = ""


@dataclass(frozen=True)
class CompetencePack:
    as_of: date
    max_age_months: int
    systems: tuple[System, ...]
    requirements: tuple[EffectiveRequirement, ...]
    records: tuple[CompetenceRecord, ...]
    involved: tuple[str, ...]  # person ids of everyone involved in a system, each once
    covered: frozenset[str]  # of those, the people whose every record is ok
    shortfalls: tuple[OversightShortfall, ...]
    people: Mapping[str, PersonEvidence] = field(default_factory=dict)

    @property
    def coverage(self) -> float | None:
        """The share of involved people with a current record and no gap; None when nobody is."""
        return len(self.covered) / len(self.involved) if self.involved else None

    @property
    def due(self) -> tuple[CompetenceRecord, ...]:
        return tuple(record for record in self.records if record.status == "due")
