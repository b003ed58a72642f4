"""The shape of `eaism model migrate --format json`: what was carried to the other edition, what
was not and why, and the migrated response itself."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from eaism.io.response_types import ResponseDocument
from eaism.scoring.migrate import DroppedReason, UnansweredReason


class CarriedEntry(TypedDict):
    """An item of the edition migrated to, answered from these items of the other."""

    item: str
    sources: list[str]
    value: float


class UnansweredEntry(TypedDict):
    """An item of the edition migrated to that the migrated response leaves unanswered."""

    item: str
    reason: UnansweredReason
    sources: list[str]  # the items it would come from, or relates to when replaced
    values: list[float | None]  # their answers, None where unanswered
    notes: list[str]  # the migration file's notes on why a replaced item is not carried
    why: str  # the reason in words


class DroppedEntry(TypedDict):
    """An answer whose item carries into nothing."""

    item: str
    value: float
    reason: DroppedReason
    related: list[str]  # items of the other edition it relates to, not carried
    notes: list[str]
    why: str  # the reason in words


class MigrationReportDocument(TypedDict):
    """A response's answers carried from one edition to another."""

    format: Literal["eaism.migration/1"]
    respondent: str  # the respondent's id
    source_edition: str
    target_edition: str
    carried: list[CarriedEntry]
    unanswered: list[UnansweredEntry]
    dropped: list[DroppedEntry]
    dropped_levels: list[str]  # domains a rater levelled directly against the old cells
    dropped_role: str | None  # a role the edition migrated to does not have
    notes: list[str]  # what else was left behind, in sentences
    written_to: str | None  # the file the migrated response was written to, if any
    response: ResponseDocument  # the migrated response, as written
