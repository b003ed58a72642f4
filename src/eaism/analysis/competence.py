"""Competence records an auditor accepts: per AI system and person, the cells the involvement
needs, the level the person holds in each, the dated evidence, the gap and what is done about it.

An auditor of AI literacy and human oversight asks who builds, runs and oversees each system,
what each of those roles needs, whether each person holds it now, and what happened where they
did not. The edition states the needs per involvement and risk class (`competence.yaml`); an
organisation may raise them. A record is `due` when its measurement can no longer speak for the
person: there is none, it is older than the age setting, or the system changed after it.
"""

from __future__ import annotations

from collections import defaultdict
from collections.abc import Iterable, Mapping
from datetime import date, timedelta
from typing import TYPE_CHECKING

from eaism.analysis.competence_document import document_of
from eaism.analysis.competence_records import (
    ACTION_KINDS,
    DUE_REASONS,
    INVOLVEMENTS,
    OUTCOMES,
    PERSON_KINDS,
    RISK_CLASSES,
    STATUSES,
    ActionOutcome,
    CellRecord,
    CompetenceInputs,
    CompetencePack,
    CompetenceRecord,
    DueReason,
    EffectiveRequirement,
    Involvement,
    Outcome,
    OversightShortfall,
    PersonEvidence,
    PlannedAction,
    Status,
)
from eaism.analysis.organisation import System
from eaism.model.schema import Edition, Requirement
from eaism.scoring.person import DAYS_PER_MONTH

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import ComplianceDocument

__all__ = [
    "ACTION_KINDS",
    "DUE_REASONS",
    "INVOLVEMENTS",
    "OUTCOMES",
    "PERSON_KINDS",
    "RISK_CLASSES",
    "STATUSES",
    "ActionOutcome",
    "CellRecord",
    "CompetenceInputs",
    "CompetencePack",
    "CompetenceRecord",
    "EffectiveRequirement",
    "Involvement",
    "OversightShortfall",
    "PersonEvidence",
    "PlannedAction",
    "competence_pack",
    "compliance_document",
    "effective_requirements",
    "oldest_current",
]

INVOLVEMENT_ORDER = {kind: index for index, kind in enumerate(INVOLVEMENTS)}


def competence_pack(edition: Edition, inputs: CompetenceInputs, as_of: date) -> CompetencePack:
    """Every record of the inventory's people, with coverage and oversight shortfalls."""
    months = inputs.max_age_months or edition.competence.record_max_age_months
    requirements = effective_requirements(edition, inputs.raised)
    needs = {(item.involvement, item.risk_class): item.cells for item in requirements}
    actions = _actions_by_pair(inputs.actions)
    oldest = oldest_current(as_of, months)
    records = tuple(
        _record(
            system,
            inputs.people.get(involvement.person_id)
            or PersonEvidence.unknown(involvement.person_id),
            involvement.kind,
            needs.get((involvement.kind, system.risk_class), {}),
            oldest,
            actions.get((system.id, involvement.person_id), ()),
        )
        for system, involvement in _involvements_in_order(inputs.systems, inputs.involvements)
    )
    involved = tuple(dict.fromkeys(record.person.person_id for record in records))
    short = {record.person.person_id for record in records if record.status != "ok"}
    return CompetencePack(
        as_of=as_of,
        max_age_months=months,
        systems=inputs.systems,
        requirements=requirements,
        records=records,
        involved=involved,
        covered=frozenset(involved) - short,
        shortfalls=_shortfalls(inputs.systems, records),
        people=inputs.people,
    )


def compliance_document(
    edition: Edition, pack: CompetencePack, with_names: bool, min_group_size: int
) -> ComplianceDocument:
    """The evidence pack as one JSON document; without names, counts only, small ones withheld."""
    return document_of(edition, pack, with_names, min_group_size)


def effective_requirements(
    edition: Edition, raised: Iterable[Requirement] = ()
) -> tuple[EffectiveRequirement, ...]:
    """Per involvement and risk class, the edition's cells raised by the organisation's own."""
    own: dict[tuple[str, str], dict[str, int]] = defaultdict(dict)
    for requirement in raised:
        cells = own[(requirement.involvement, requirement.risk_class)]
        for domain_id, level in requirement.cells.items():
            cells[domain_id] = max(level, cells.get(domain_id, 0))
    found: list[EffectiveRequirement] = []
    for involvement in INVOLVEMENTS:
        for risk_class in RISK_CLASSES:
            base = edition.competence.required(involvement, risk_class)
            extra = own.get((involvement, risk_class), {})
            cells = {
                domain_id: max(base.get(domain_id, 0), extra.get(domain_id, 0))
                for domain_id in edition.domain_ids
                if domain_id in base or domain_id in extra
            }
            lifted = frozenset(d for d, level in extra.items() if level > base.get(d, 0))
            found.append(
                EffectiveRequirement(
                    involvement, risk_class, cells, lifted, _why(edition, involvement, risk_class)
                )
            )
    return tuple(found)


def oldest_current(as_of: date, months: int) -> date:
    """The oldest measurement still current at `as_of`, in the months evidence age uses."""
    return as_of - timedelta(days=round(months * DAYS_PER_MONTH))


def _why(edition: Edition, involvement: str, risk_class: str) -> str:
    return next(
        (
            entry.why
            for entry in edition.competence.requirements
            if entry.involvement == involvement and entry.risk_class == risk_class
        ),
        "",
    )


def _involvements_in_order(
    systems: tuple[System, ...], involvements: Iterable[Involvement]
) -> list[tuple[System, Involvement]]:
    """Each involvement once, system by system in inventory order, builders first."""
    by_id = {system.id: system for system in systems}
    unique = dict.fromkeys(
        involvement for involvement in involvements if involvement.system_id in by_id
    )
    position = {system.id: index for index, system in enumerate(systems)}
    ordered = sorted(
        unique,
        key=lambda item: (position[item.system_id], INVOLVEMENT_ORDER.get(item.kind, 9)),
    )
    return [(by_id[item.system_id], item) for item in ordered]


def _actions_by_pair(
    actions: Iterable[PlannedAction],
) -> dict[tuple[str, str], tuple[PlannedAction, ...]]:
    grouped: dict[tuple[str, str], list[PlannedAction]] = defaultdict(list)
    for action in actions:
        grouped[(action.system_id, action.person_id)].append(action)
    return {
        pair: tuple(sorted(items, key=lambda a: a.planned_at)) for pair, items in grouped.items()
    }


def _record(
    system: System,
    person: PersonEvidence,
    involvement: str,
    needs: Mapping[str, int],
    oldest: date,
    actions: tuple[PlannedAction, ...],
) -> CompetenceRecord:
    cells = tuple(
        CellRecord(
            domain_id,
            required,
            person.demonstrated.get(domain_id, 0),
            person.reviewed.get(domain_id),
            person.evidence_at.get(domain_id),
        )
        for domain_id, required in needs.items()
    )
    has_gap = any(cell.gap for cell in cells)
    reason = _due_reason(person.assessed_at, system.changed_at, oldest)
    status: Status = "due" if reason else "gap" if has_gap else "ok"
    outcomes = tuple(
        ActionOutcome(action, _outcome(action, person.assessed_at, has_gap)) for action in actions
    )
    return CompetenceRecord(system, person, involvement, cells, status, reason, outcomes)


def _due_reason(assessed: date | None, changed: date | None, oldest: date) -> DueReason | None:
    if assessed is None:
        return "never_measured"
    if changed is not None and assessed < changed:
        return "before_system_change"
    if assessed < oldest:
        return "older_than_max_age"
    return None


def _outcome(action: PlannedAction, assessed: date | None, has_gap: bool) -> Outcome:
    """Whether an action worked: only a measurement after it can say."""
    if assessed is None or assessed <= action.planned_at:
        return "not_measured_yet"
    return "open" if has_gap else "closed"


def _shortfalls(
    systems: tuple[System, ...], records: tuple[CompetenceRecord, ...]
) -> tuple[OversightShortfall, ...]:
    overseers: dict[str, list[CompetenceRecord]] = defaultdict(list)
    for record in records:
        if record.involvement == "oversee":
            overseers[record.system.id].append(record)
    found = []
    for system in systems:
        staff = overseers.get(system.id, [])
        short = sum(1 for record in staff if record.status != "ok")
        if short:
            found.append(OversightShortfall(system, "overseer_short", len(staff), short))
        elif not staff and system.risk_class == "high":
            found.append(OversightShortfall(system, "no_overseer", 0, 0))
    return tuple(found)
