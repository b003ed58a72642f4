"""A round's validity report: how well the instrument measured, from the round's own answers.

Per item: difficulty (the share of those asked who met it, an answer at or above the edition's
cell threshold) and the item-rest correlation within its domain (an unasked item counts as 0,
as in scoring). Per domain: self versus reviewer agreement (quadratic-weighted kappa) and the
mean gap between the self-rated and the reviewed level; on the calibration share, who answered
the whole item bank, Guttman's reproducibility, Loevinger's H and Cronbach's alpha. A figure
that rests on fewer people than the reporting threshold is withheld, and says how many it needs.
Methods and sources: docs/validity.md and the two statistics modules.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from datetime import datetime
from typing import TYPE_CHECKING, Final, Literal

import numpy as np
from numpy.typing import NDArray

from eaism.analysis.agreement import (
    Estimate,
    agreement_table,
    mean_gap,
    quadratic_weights,
    weighted_kappa,
)
from eaism.analysis.privacy import check_group_size
from eaism.analysis.reliability import (
    cronbach_alpha,
    item_rest_correlation,
    loevinger_h,
    reproducibility,
)
from eaism.analysis.validity_readings import Reading, readings
from eaism.model.schema import Domain, Edition, ValidityParameters

if TYPE_CHECKING:
    from eaism.analysis.validity_types import (
        DomainFiguresEntry,
        FigureEntry,
        ItemFiguresEntry,
        ReadingEntry,
        RoundValidityDocument,
        Thresholds,
        ValidityDocument,
    )

Status = Literal["shown", "too_few", "undefined"]
Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class ValidityResponse:
    """What the report needs of one submitted response, under a pseudonymous id."""

    person_id: str
    calibration: bool  # this person answered the whole item bank, not the adaptive path
    answers: Mapping[str, float]  # self answers: item id -> value on the answer scale
    self_levels: Mapping[str, int]  # self-rated demonstrated level per assessed domain
    reviewed_levels: Mapping[str, int]  # the reviewed level per domain a reviewer rated


@dataclass(frozen=True, slots=True)
class Figure:
    """One number of the report, or the reason it is not shown."""

    status: Status
    basis: int  # the people it rests on
    required: int  # the people it needs: the reporting threshold
    value: float | None = None
    low: float | None = None  # the confidence interval, where the figure has one
    high: float | None = None
    flagged: bool = False  # beyond the edition's threshold for it
    reason: str = ""  # why it is withheld, in a sentence

    @property
    def missing(self) -> int:
        """How many more people it needs before it can be shown."""
        return max(0, self.required - self.basis)


@dataclass(frozen=True, slots=True)
class ItemFigures:
    item_id: str
    label: str  # the statement's first words (Item.label)
    domain: str
    level: int
    asked: int
    difficulty: Figure
    item_rest: Figure


@dataclass(frozen=True, slots=True)
class DomainFigures:
    domain: str
    name: str
    reviewed: int  # people with both a self-rated and a reviewed level here
    calibration: int  # calibration people who answered every item of the domain
    kappa: Figure
    inflation: Figure  # mean self-rated minus reviewed level
    reproducibility: Figure
    scalability: Figure  # Loevinger's H
    alpha: Figure


@dataclass(frozen=True, slots=True)
class ValidityReport:
    edition: str
    min_group_size: int
    respondents: int
    calibration: int
    reviewed: int  # people with at least one reviewed level
    items: tuple[ItemFigures, ...]
    domains: tuple[DomainFigures, ...]
    readings: tuple[Reading, ...]


def validity_report(
    edition: Edition, responses: Sequence[ValidityResponse], min_group_size: int
) -> ValidityReport:
    """The report over a round's submitted responses; the order of `responses` does not matter.

    Answers and levels must name items and domains of `edition` (the round export reader and
    the web app check them)."""
    check_group_size(min_group_size)
    ordered = sorted(responses, key=lambda response: response.person_id)
    answers = _answer_matrix(edition, ordered)
    calibration = np.array([response.calibration for response in ordered], dtype=bool)
    items: list[ItemFigures] = []
    domains: list[DomainFigures] = []
    for domain in edition.domains:
        block = answers[:, _columns(edition, domain)]
        items += _item_figures(edition, domain, block, min_group_size)
        domains.append(
            _domain_figures(edition, domain, ordered, block, calibration, min_group_size)
        )
    return ValidityReport(
        edition=edition.id,
        min_group_size=min_group_size,
        respondents=len(ordered),
        calibration=int(calibration.sum()),
        reviewed=sum(1 for response in ordered if response.reviewed_levels),
        items=tuple(items),
        domains=tuple(domains),
        readings=readings(edition, items, domains),
    )


def _answer_matrix(edition: Edition, responses: Sequence[ValidityResponse]) -> Matrix:
    """People x items of the edition; NaN where an item was not asked."""
    column = {item_id: index for index, item_id in enumerate(edition.item_index)}
    matrix = np.full((len(responses), len(column)), np.nan)
    for row, response in enumerate(responses):
        for item_id, value in response.answers.items():
            matrix[row, column[item_id]] = value
    return matrix


def _columns(edition: Edition, domain: Domain) -> list[int]:
    positions = {item_id: index for index, item_id in enumerate(edition.item_index)}
    return [positions[item.id] for item in domain.items]


def _item_figures(
    edition: Edition, domain: Domain, block: Matrix, minimum: int
) -> list[ItemFigures]:
    asked = ~np.isnan(block)
    met = np.where(asked, block >= edition.scoring.cell_met_threshold, False)
    totals = np.nan_to_num(block).sum(axis=1)
    rule = edition.validity
    found = []
    for index, item in enumerate(domain.items):
        mask = asked[:, index]
        count = int(mask.sum())
        share = float(met[mask, index].mean()) if count else None
        outside = share is not None and not rule.difficulty_min <= share <= rule.difficulty_max
        values = block[mask, index]
        correlation = item_rest_correlation(values, totals[mask] - values) if count else None
        found.append(
            ItemFigures(
                item.id,
                item.label,
                domain.id,
                item.level,
                count,
                _figure(count, minimum, share, (), outside),
                _figure(count, minimum, correlation, (), _below(correlation, rule.item_rest_min)),
            )
        )
    return found


def _domain_figures(
    edition: Edition,
    domain: Domain,
    responses: Sequence[ValidityResponse],
    block: Matrix,
    calibration: NDArray[np.bool_],
    minimum: int,
) -> DomainFigures:
    rule = edition.validity
    pairs = [
        (response.self_levels[domain.id], response.reviewed_levels[domain.id])
        for response in responses
        if domain.id in response.self_levels and domain.id in response.reviewed_levels
    ]
    rated = np.array(pairs, dtype=np.int_).reshape(-1, 2)
    categories = len(edition.levels) + 1  # levels 0 (not yet at level 1) .. the top level
    kappa = weighted_kappa(
        agreement_table(rated[:, 0], rated[:, 1], categories), quadratic_weights(categories)
    )
    gap = mean_gap(rated[:, 0].astype(np.float64), rated[:, 1].astype(np.float64))
    complete = block[calibration & ~np.isnan(block).any(axis=1)]
    binary = (complete >= edition.scoring.cell_met_threshold).astype(np.float64)
    scale = _ladder_figures(edition, binary, complete, minimum)
    level_range = (-float(categories - 1), float(categories - 1))
    return DomainFigures(
        domain=domain.id,
        name=domain.name,
        reviewed=len(pairs),
        calibration=len(complete),
        kappa=_estimated(
            edition, len(pairs), minimum, kappa, (-1.0, 1.0), _below(kappa.value, rule.kappa_min)
        ),
        inflation=_estimated(
            edition,
            len(pairs),
            minimum,
            gap,
            level_range,
            gap.value is not None and abs(gap.value) >= rule.inflation_reading,
        ),
        **scale,
    )


def _ladder_figures(
    edition: Edition, binary: Matrix, complete: Matrix, minimum: int
) -> dict[str, Figure]:
    rule, people = edition.validity, len(complete)
    guttman, scalability = reproducibility(binary), loevinger_h(binary)
    alpha = cronbach_alpha(complete)
    return {
        "reproducibility": _figure(
            people, minimum, guttman, (), _below(guttman, rule.reproducibility_min)
        ),
        "scalability": _figure(
            people, minimum, scalability, (), _below(scalability, rule.scalability_min)
        ),
        "alpha": _estimated(
            edition, people, minimum, alpha, (-np.inf, 1.0), _below(alpha.value, rule.alpha_min)
        ),
    }


def _estimated(
    edition: Edition,
    basis: int,
    minimum: int,
    estimate: Estimate,
    bounds: tuple[float, float],
    flagged: bool,
) -> Figure:
    interval = estimate.interval(edition.validity.confidence_level, bounds)
    return _figure(basis, minimum, estimate.value, interval, flagged)


def _below(value: float | None, threshold: float) -> bool:
    return value is not None and value < threshold


def _figure(
    basis: int,
    minimum: int,
    value: float | None,
    interval: tuple[float, float] | tuple[()],
    flagged: bool,
) -> Figure:
    if basis < minimum:
        reason = f"rests on {basis} of the {minimum} responses it needs ({minimum - basis} more)"
        return Figure("too_few", basis, minimum, reason=reason)
    if value is None:
        reason = "not defined: the answers it rests on do not vary"
        return Figure("undefined", basis, minimum, reason=reason)
    low, high = interval if interval else (None, None)
    return Figure("shown", basis, minimum, value, low, high, flagged)


FORMAT: Final = "eaism.validity-report/1"
DIGITS = 4  # figures are estimates; more digits would only suggest precision they lack


def validity_document(edition: Edition, report: ValidityReport) -> ValidityDocument:
    """The report as plain, JSON-ready data: the schema of `eaism round validity --format json`."""
    return {
        "format": FORMAT,
        "edition": report.edition,
        "min_group_size": report.min_group_size,
        "respondents": report.respondents,
        "calibration": report.calibration,
        "reviewed": report.reviewed,
        "thresholds": _thresholds(edition.validity),
        "items": [_item_entry(item) for item in report.items],
        "domains": {domain.domain: _domain_entry(domain) for domain in report.domains},
        "readings": [_reading_entry(reading) for reading in report.readings],
    }


def round_validity_document(
    edition: Edition, report: ValidityReport, name: str, closes_at: datetime | None
) -> RoundValidityDocument:
    """The report with the round it is about, as `eaism round validity` reads it from an export."""
    moment = None if closes_at is None else closes_at.isoformat().replace("+00:00", "Z")
    return {
        "format": FORMAT,
        "round": {"name": name, "closes_at": moment},
        **validity_document(edition, report),
    }


def figure_document(figure: Figure) -> FigureEntry:
    return {
        "status": figure.status,
        "value": _rounded(figure.value),
        "low": _rounded(figure.low),
        "high": _rounded(figure.high),
        "flagged": figure.flagged,
        "basis": figure.basis,
        "required": figure.required,
        "missing": figure.missing,
        "reason": figure.reason,
    }


def _thresholds(rule: ValidityParameters) -> Thresholds:
    return {
        "confidence_level": rule.confidence_level,
        "difficulty_min": rule.difficulty_min,
        "difficulty_max": rule.difficulty_max,
        "item_rest_min": rule.item_rest_min,
        "kappa_min": rule.kappa_min,
        "inflation_reading": rule.inflation_reading,
        "reproducibility_min": rule.reproducibility_min,
        "scalability_min": rule.scalability_min,
        "alpha_min": rule.alpha_min,
        "calibration_share": rule.calibration_share,
    }


def _item_entry(item: ItemFigures) -> ItemFiguresEntry:
    return {
        "id": item.item_id,
        "label": item.label,
        "domain": item.domain,
        "level": item.level,
        "asked": item.asked,
        "difficulty": figure_document(item.difficulty),
        "item_rest": figure_document(item.item_rest),
    }


def _domain_entry(domain: DomainFigures) -> DomainFiguresEntry:
    return {
        "name": domain.name,
        "reviewed": domain.reviewed,
        "calibration": domain.calibration,
        "kappa": figure_document(domain.kappa),
        "inflation": figure_document(domain.inflation),
        "reproducibility": figure_document(domain.reproducibility),
        "scalability": figure_document(domain.scalability),
        "alpha": figure_document(domain.alpha),
    }


def _reading_entry(reading: Reading) -> ReadingEntry:
    return {"kind": reading.kind, "domain": reading.domain, "text": reading.text}


def _rounded(value: float | None) -> float | None:
    return None if value is None else round(value, DIGITS)
