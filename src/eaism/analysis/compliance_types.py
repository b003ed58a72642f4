"""The shape of the competence evidence pack as JSON (`eaism.compliance-pack/1`): `eaism report
compliance --format json`, the compliance page's download and the API. competence_document.py
builds it; docs/compliance.md reads each figure.

The builders and renderers import this module only while type checking; the web app uses the
classes as the API's response schema.
"""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from eaism.analysis.competence_records import DueReason, Outcome, ShortfallReason, Status

ComplianceFormat = Literal["eaism.compliance-pack/1"]


class ComplianceStatusCounts(TypedDict):
    """Records by status; a null is withheld (listed under `withheld`)."""

    ok: int | None
    gap: int | None
    due: int | None


class ComplianceDueCounts(TypedDict):
    """Records due for refresh, by why."""

    never_measured: int | None
    before_system_change: int | None
    older_than_max_age: int | None


class ComplianceOutcomeCounts(TypedDict):
    """Planned actions (one per record they apply to) by whether the gap closed."""

    planned: int
    closed: int | None
    open: int | None
    not_measured_yet: int | None


class CompliancePeopleCounts(TypedDict):
    """The people involved in at least one system, each once."""

    involved: int
    covered: int | None  # every record ok: current and no gap
    not_covered: int | None
    employees: int | None
    contractors: int | None


class ComplianceSummary(TypedDict):
    systems: int
    records: int
    people: CompliancePeopleCounts
    coverage: float | None  # covered / involved; null when withheld or nobody is involved
    by_status: ComplianceStatusCounts
    due: ComplianceDueCounts
    actions: ComplianceOutcomeCounts
    oversight_shortfalls: int  # systems


class ComplianceInvolvementCounts(TypedDict):
    build: int
    operate: int
    oversee: int


class ComplianceSystem(TypedDict):
    id: str
    name: str
    status: str
    risk_class: str
    model: str
    changed_at: str | None
    people: ComplianceInvolvementCounts
    records: int
    by_status: ComplianceStatusCounts | None  # null without names: too small to publish
    oversight: ShortfallReason | None  # null: oversight does not fall short


class ComplianceShortfall(TypedDict):
    system: str
    name: str
    risk_class: str
    reason: ShortfallReason
    overseers: int
    overseers_short: int | None  # null when withheld


class ComplianceGap(TypedDict):
    """A cell some involved people fall short of, with how many (each person once)."""

    domain: str
    level: int
    people: int | None  # null when withheld


class ComplianceCell(TypedDict):
    domain: str
    required: int
    demonstrated: int
    reviewed: int | None  # null: no reviewer rated this domain
    level: int  # the one that counts: reviewed where there is one
    gap: int
    evidence_at: str | None


class ComplianceAction(TypedDict):
    kind: str
    planned_at: str
    note: str
    outcome: Outcome


class ComplianceRecord(TypedDict):
    """One person's record for one involvement in one system (only with names)."""

    system: str
    system_name: str
    person: str
    name: str
    person_kind: str
    involvement: str
    status: Status
    due_reason: DueReason | None
    assessed_at: str | None
    gap: int  # levels short, summed over the cells
    cells: list[ComplianceCell]
    actions: list[ComplianceAction]


class ComplianceRequirement(TypedDict):
    involvement: str
    risk_class: str
    cells: dict[str, int]  # domain id -> level
    raised: list[str]  # the domains the organisation raised above the edition
    why: str


class ComplianceReference(TypedDict):
    framework: str
    id: str
    name: str
    date: str
    date_meaning: str


class ComplianceMethodEntry(TypedDict):
    name: str
    value: str


class ComplianceDocument(TypedDict):
    format: ComplianceFormat
    edition: str
    domain_names: dict[str, str]  # domain id -> its name, for every domain of the edition
    as_of: str
    names: bool  # whether records with names are included (owners and admins)
    min_group_size: int
    max_age_months: int
    summary: ComplianceSummary
    systems: list[ComplianceSystem]
    shortfalls: list[ComplianceShortfall]
    gaps: list[ComplianceGap]
    records: list[ComplianceRecord] | None  # null without names
    requirements: list[ComplianceRequirement]
    references: list[ComplianceReference]
    method: list[ComplianceMethodEntry]
    notice: str  # the pack supports, and does not replace, the organisation's legal assessment
    withheld: list[str]  # the paths of withheld counts, such as summary.by_status.gap
