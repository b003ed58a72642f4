"""The shape of a round's validity report as JSON: `eaism round validity --format json`, the
page's JSON twin and the API. The builders in validity.py return these; docs/validity.md reads
each figure."""

from __future__ import annotations

from typing import Literal

from typing_extensions import TypedDict

from eaism.analysis.validity import Status
from eaism.analysis.validity_readings import ReadingKind


class FigureEntry(TypedDict):
    """One number of the report, or why it is withheld or undefined."""

    status: Status
    value: float | None  # None unless shown
    low: float | None  # the confidence interval, where the figure has one
    high: float | None
    flagged: bool  # beyond the edition's threshold for it
    basis: int  # the people it rests on
    required: int  # the people it needs: the reporting threshold
    missing: int  # how many more it needs before it is shown
    reason: str  # why it is withheld, in a sentence; empty when shown


class ItemFiguresEntry(TypedDict):
    """One item's figures: how many were asked, the share who met it, its item-rest correlation."""

    id: str
    label: str
    domain: str
    level: int
    asked: int
    difficulty: FigureEntry
    item_rest: FigureEntry


class DomainFiguresEntry(TypedDict):
    """One domain's agreement and ladder figures."""

    name: str
    reviewed: int  # people with both a self-rated and a reviewed level here
    calibration: int  # calibration people who answered every item of the domain
    kappa: FigureEntry
    inflation: FigureEntry  # mean self-rated minus reviewed level
    reproducibility: FigureEntry
    scalability: FigureEntry  # Loevinger's H
    alpha: FigureEntry


class ReadingEntry(TypedDict):
    """One finding in a plain sentence."""

    kind: ReadingKind
    domain: str | None  # None for the whole round
    text: str


class Thresholds(TypedDict):
    """The edition's validity parameters the figures were flagged and read by."""

    confidence_level: float
    difficulty_min: float
    difficulty_max: float
    item_rest_min: float
    kappa_min: float
    inflation_reading: float
    reproducibility_min: float
    scalability_min: float
    alpha_min: float
    calibration_share: float


class ValidityDocument(TypedDict):
    """A round's validity report."""

    format: Literal["eaism.validity-report/1"]
    edition: str
    min_group_size: int
    respondents: int
    calibration: int  # respondents who answered the whole item bank
    reviewed: int  # respondents with at least one reviewed level
    thresholds: Thresholds
    items: list[ItemFiguresEntry]
    domains: dict[str, DomainFiguresEntry]  # by domain id, in the edition's order
    readings: list[ReadingEntry]


class RoundHeading(TypedDict):
    """The round a report read from an export file is about."""

    name: str
    closes_at: str | None  # ISO 8601 in UTC, such as 2026-06-30T17:00:00Z


class RoundValidityDocument(ValidityDocument):
    """`eaism round validity --format json`: the report with the round it is about."""

    round: RoundHeading
