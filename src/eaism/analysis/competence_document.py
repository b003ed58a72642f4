"""The competence evidence pack as one JSON document (`eaism.compliance-pack/1`).

Names are personal data: with names (owners and admins) the document lists every record; without
(analysts) it holds counts only, and a count below the reporting threshold is withheld as null
and listed under `withheld`, by the rule of `disclosure` (a withheld count must not come back by
subtracting the shown ones from a published total). Per-system status counts are left out
without names: a system has a handful of people, too few to publish, and shown per system they
would give the withheld totals back. Which systems' oversight falls short is shown to analysts
too: it is a fact about a system's control, the point of the pack, and names nobody.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Sequence
from datetime import date
from typing import TYPE_CHECKING, Final

from eaism.analysis.competence_records import (
    DUE_REASONS,
    OUTCOMES,
    STATUSES,
    CompetencePack,
    CompetenceRecord,
    EffectiveRequirement,
    OversightShortfall,
)
from eaism.analysis.disclosure import Line, is_small, line_is_safe, withheld_cells
from eaism.analysis.organisation import System
from eaism.analysis.privacy import check_group_size
from eaism.model.schema import Edition

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import (
        ComplianceAction,
        ComplianceCell,
        ComplianceDocument,
        ComplianceGap,
        ComplianceMethodEntry,
        ComplianceRecord,
        ComplianceRequirement,
        ComplianceShortfall,
        ComplianceStatusCounts,
        ComplianceSummary,
        ComplianceSystem,
    )

FORMAT: Final = "eaism.compliance-pack/1"
NOTICE = (
    "This pack supports, and does not replace, the organisation's own legal assessment: it names "
    "the articles and clauses it relates to, never quotes them, and shows what was measured."
)
# Severity: what an auditor reads first. Gaps before stale records, high risk first, oversight
# before building before operating, the largest gap first.
STATUS_RANK = {"gap": 0, "due": 1, "ok": 2}
RISK_RANK = {"high": 0, "not_assessed": 1, "limited": 2, "minimal": 3}
INVOLVEMENT_RANK = {"oversee": 0, "build": 1, "operate": 2}
# The summary's counts, one position each, and the lines whose totals are published.
SUMMARY_FIELDS = (
    *(("by_status", status) for status in STATUSES),
    *(("due", reason) for reason in DUE_REASONS),
    ("people", "covered"),
    ("people", "not_covered"),
    ("people", "employees"),
    ("people", "contractors"),
    *(("actions", outcome) for outcome in OUTCOMES),
)
SUMMARY_LINES = (
    Line((0, 1, 2)),  # records by status: the number of records is shown
    Line((3, 4, 5), total=2),  # due records by why: their total is the due count
    Line((6, 7)),  # covered or not: the involved people are shown
    Line((8, 9)),  # employees and contractors: the involved people are shown
    Line((10, 11, 12)),  # actions by outcome: the planned actions are shown
)


def document_of(
    edition: Edition, pack: CompetencePack, with_names: bool, min_group_size: int
) -> ComplianceDocument:
    check_group_size(min_group_size)
    threshold = 1 if with_names else min_group_size  # with names, nothing is withheld
    summary, withheld = _summary(pack, threshold)
    shortfalls = [_shortfall(item, threshold, withheld) for item in pack.shortfalls]
    return {
        "format": FORMAT,
        "edition": edition.id,
        "domain_names": {domain.id: domain.name for domain in edition.domains},
        "as_of": pack.as_of.isoformat(),
        "names": with_names,
        "min_group_size": min_group_size,
        "max_age_months": pack.max_age_months,
        "summary": summary,
        "systems": _systems(pack, with_names),
        "shortfalls": shortfalls,
        "gaps": _gaps(pack.records, threshold, withheld),
        "records": [_record(r) for r in by_severity(pack.records)] if with_names else None,
        "requirements": [_requirement(item) for item in pack.requirements],
        "references": [
            {
                "framework": ref.framework,
                "id": ref.id,
                "name": ref.name,
                "date": ref.date,
                "date_meaning": ref.date_meaning,
            }
            for ref in edition.competence.references
        ],
        "method": method(edition, pack),
        "notice": NOTICE,
        "withheld": withheld,
    }


def by_severity(records: Iterable[CompetenceRecord]) -> list[CompetenceRecord]:
    return sorted(
        records,
        key=lambda r: (
            STATUS_RANK[r.status],
            RISK_RANK.get(r.system.risk_class, 9),
            INVOLVEMENT_RANK.get(r.involvement, 9),
            -r.gap,
            r.system.id,
            r.person.person_id,
        ),
    )


def method(edition: Edition, pack: CompetencePack) -> list[ComplianceMethodEntry]:
    """How each figure is measured and counted, in the edition's own numbers."""
    scoring = edition.scoring
    age = scoring.evidence_max_age_months
    evidence_age = f"; evidence older than {age} months counts as claimed only" if age else ""
    entries = [
        ("Edition", f"{edition.title} {edition.id}"),
        (
            "How levels are measured",
            "Each person answers outcome-phrased items with evidence; a domain's level is the "
            "highest level whose cells are met, each level below it met too (a mean answer of "
            f"{scoring.cell_met_threshold:g}). From level {scoring.evidence_required_from_level} "
            f"a positive answer counts only with evidence{evidence_age}.",
        ),
        (
            "How levels are reviewed",
            "Where a reviewer rated a domain, the reviewed level counts instead of the "
            f"self-rated one; a round's review policy checks every claim from level "
            f"{scoring.review_from_level}.",
        ),
        (
            "Required cells",
            "Per kind of involvement and risk class, from the edition; the organisation's own "
            "requirements can only raise them.",
        ),
        (
            "A record is current",
            f"when the person was measured within {pack.max_age_months} months of "
            f"{pack.as_of.isoformat()} and not before the system's last status or model change.",
        ),
        (
            "Coverage",
            "The share of people involved in any system whose every record is current and has no gap.",
        ),
        (
            "Oversight falls short",
            "An overseer's record is not ok, or a high-risk system has no overseer.",
        ),
        (
            "Whether an action worked",
            "Closed: measured again after it was planned, and no gap now; open: measured again, "
            "the gap still there; not measured yet: no measurement since.",
        ),
    ]
    return [{"name": name, "value": value} for name, value in entries]


def _summary(pack: CompetencePack, threshold: int) -> tuple[ComplianceSummary, list[str]]:
    records = pack.records
    # Counted by name: the constants list the names in their order.
    statuses: Counter[str] = Counter(record.status for record in records)
    reasons: Counter[str] = Counter(record.due_reason for record in records if record.due_reason)
    outcomes: Counter[str] = Counter(item.outcome for record in records for item in record.actions)
    kinds = Counter(_person_kind(pack, person_id) for person_id in pack.involved)
    covered = len(pack.covered)
    values = [
        *(statuses[status] for status in STATUSES),
        *(reasons[reason] for reason in DUE_REASONS),
        covered,
        len(pack.involved) - covered,
        kinds["employee"],
        kinds["contractor"],
        *(outcomes[outcome] for outcome in OUTCOMES),
    ]
    hidden = _withheld(values, threshold)
    shown = [None if index in hidden else value for index, value in enumerate(values)]
    withheld = [".".join(("summary", *SUMMARY_FIELDS[index])) for index in sorted(hidden)]
    coverage = pack.coverage if 6 not in hidden else None
    if coverage is None and 6 in hidden:
        withheld.append("summary.coverage")
    summary: ComplianceSummary = {
        "systems": len(pack.systems),
        "records": len(records),
        "people": {
            "involved": len(pack.involved),
            "covered": shown[6],
            "not_covered": shown[7],
            "employees": shown[8],
            "contractors": shown[9],
        },
        "coverage": None if coverage is None else round(coverage, 4),
        "by_status": {"ok": shown[0], "gap": shown[1], "due": shown[2]},
        "due": {
            "never_measured": shown[3],
            "before_system_change": shown[4],
            "older_than_max_age": shown[5],
        },
        "actions": {
            "planned": sum(outcomes.values()),
            "closed": shown[10],
            "open": shown[11],
            "not_measured_yet": shown[12],
        },
        "oversight_shortfalls": len(pack.shortfalls),
    }
    return summary, withheld


def _withheld(values: list[int], threshold: int) -> frozenset[int]:
    """The summary's withheld counts. Where a line's total is shown and its small cells cannot
    be pooled to the threshold, every cell of the line is withheld, zeros too: withheld cells
    that are never 0 and add up to a small total would give each other away."""
    if threshold <= 1:
        return frozenset()
    hidden = set(withheld_cells(values, SUMMARY_LINES, threshold))
    for line in SUMMARY_LINES:
        if not line_is_safe(line, values, hidden, threshold):
            hidden.update(line.members)
    return frozenset(hidden)


def _person_kind(pack: CompetencePack, person_id: str) -> str:
    person = pack.people.get(person_id)
    return person.kind if person is not None else "employee"


def _systems(pack: CompetencePack, with_names: bool) -> list[ComplianceSystem]:
    records: dict[str, list[CompetenceRecord]] = {system.id: [] for system in pack.systems}
    for record in pack.records:
        records[record.system.id].append(record)
    shortfalls = {item.system.id: item for item in pack.shortfalls}
    return [
        _system(system, records[system.id], shortfalls.get(system.id), with_names)
        for system in pack.systems
    ]


def _system(
    system: System,
    own: list[CompetenceRecord],
    shortfall: OversightShortfall | None,
    with_names: bool,
) -> ComplianceSystem:
    people = Counter(record.involvement for record in own)
    statuses = Counter(record.status for record in own)
    by_status: ComplianceStatusCounts | None = (
        {"ok": statuses["ok"], "gap": statuses["gap"], "due": statuses["due"]}
        if with_names
        else None
    )
    return {
        "id": system.id,
        "name": system.name,
        "status": system.status,
        "risk_class": system.risk_class,
        "model": system.model,
        "changed_at": _day(system.changed_at),
        "people": {
            "build": people["build"],
            "operate": people["operate"],
            "oversee": people["oversee"],
        },
        "records": len(own),
        "by_status": by_status,
        "oversight": None if shortfall is None else shortfall.reason,
    }


def _shortfall(
    item: OversightShortfall, threshold: int, withheld: list[str]
) -> ComplianceShortfall:
    short: int | None = item.overseers_short
    if threshold > 1 and is_small(item.overseers_short, threshold):
        short = None
        withheld.append(f"shortfalls.{item.system.id}.overseers_short")
    return {
        "system": item.system.id,
        "name": item.system.name,
        "risk_class": item.system.risk_class,
        "reason": item.reason,
        "overseers": item.overseers,
        "overseers_short": short,
    }


def _gaps(
    records: Sequence[CompetenceRecord], threshold: int, withheld: list[str]
) -> list[ComplianceGap]:
    """Per required cell, the people short of it (each once): where training would help."""
    people: dict[tuple[str, int], set[str]] = {}
    for record in records:
        if record.status != "gap":
            continue  # a due record's levels no longer stand for the person
        for cell in record.cells:
            if cell.gap:
                people.setdefault((cell.domain, cell.required), set()).add(record.person.person_id)
    found: list[ComplianceGap] = []
    for (domain_id, level), short in sorted(
        people.items(), key=lambda item: (-len(item[1]), item[0])
    ):
        count: int | None = len(short)
        if threshold > 1 and is_small(len(short), threshold):
            count = None
            withheld.append(f"gaps.{domain_id}.{level}")
        found.append({"domain": domain_id, "level": level, "people": count})
    return found


def _record(record: CompetenceRecord) -> ComplianceRecord:
    cells: list[ComplianceCell] = [
        {
            "domain": cell.domain,
            "required": cell.required,
            "demonstrated": cell.demonstrated,
            "reviewed": cell.reviewed,
            "level": cell.level,
            "gap": cell.gap,
            "evidence_at": _day(cell.evidence_at),
        }
        for cell in record.cells
    ]
    actions: list[ComplianceAction] = [
        {
            "kind": item.action.kind,
            "planned_at": item.action.planned_at.isoformat(),
            "note": item.action.note,
            "outcome": item.outcome,
        }
        for item in record.actions
    ]
    return {
        "system": record.system.id,
        "system_name": record.system.name,
        "person": record.person.person_id,
        "name": record.person.name,
        "person_kind": record.person.kind,
        "involvement": record.involvement,
        "status": record.status,
        "due_reason": record.due_reason,
        "assessed_at": _day(record.person.assessed_at),
        "gap": record.gap,
        "cells": cells,
        "actions": actions,
    }


def _requirement(item: EffectiveRequirement) -> ComplianceRequirement:
    return {
        "involvement": item.involvement,
        "risk_class": item.risk_class,
        "cells": dict(item.cells),
        "raised": sorted(item.raised),
        "why": item.why,
    }


def _day(value: date | None) -> str | None:
    return None if value is None else value.isoformat()
