"""Agreement between two ratings of the same people: weighted kappa and the mean gap.

Kappa's standard error is the large-sample one of Fleiss, Cohen and Everitt (1969), "Large
sample standard errors of kappa and weighted kappa", Psychological Bulletin 72(5), 323-327,
the one SAS's PROC FREQ reports as ASE; its interval is the estimate plus or minus the normal
quantile times that error, kept within [-1, 1].
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from statistics import NormalDist

import numpy as np
from numpy.typing import NDArray

Matrix = NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Estimate:
    """A figure with its standard error; `value` is None where the figure is not defined."""

    value: float | None
    standard_error: float = 0.0

    def interval(self, confidence: float, bounds: tuple[float, float]) -> tuple[float, float]:
        """The normal-theory interval at `confidence`, clipped to the figure's range."""
        if self.value is None:
            return (math.nan, math.nan)
        spread = normal_quantile(confidence) * self.standard_error
        return (max(bounds[0], self.value - spread), min(bounds[1], self.value + spread))


def normal_quantile(confidence: float) -> float:
    """The two-sided standard normal quantile: 1.96 for 0.95."""
    return NormalDist().inv_cdf(0.5 + confidence / 2)


def quadratic_weights(categories: int) -> Matrix:
    """Fleiss-Cohen agreement weights 1 - (i - j)^2 / (k - 1)^2 for k ordered categories."""
    index = np.arange(categories, dtype=np.float64)
    return 1.0 - (index[:, None] - index[None, :]) ** 2 / max(categories - 1, 1) ** 2


def linear_weights(categories: int) -> Matrix:
    """Cicchetti-Allison agreement weights 1 - |i - j| / (k - 1)."""
    index = np.arange(categories, dtype=np.float64)
    return 1.0 - np.abs(index[:, None] - index[None, :]) / max(categories - 1, 1)


def agreement_table(first: NDArray[np.int_], second: NDArray[np.int_], categories: int) -> Matrix:
    """Counts of each (first, second) pair of ratings, both in 0 .. categories - 1."""
    pairs = np.bincount(first * categories + second, minlength=categories * categories)
    return pairs.reshape(categories, categories).astype(np.float64)


def weighted_kappa(table: Matrix, weights: Matrix) -> Estimate:
    """Cohen's weighted kappa of a table of counts, with its large-sample standard error.

    Undefined (value None) when chance alone explains every agreement, as when both ratings
    put everyone in one and the same category.
    """
    total = float(table.sum())
    if total == 0:
        return Estimate(None)
    share = table / total
    rows, columns = share.sum(axis=1), share.sum(axis=0)
    observed = float((weights * share).sum())
    expected = float(rows @ weights @ columns)
    if math.isclose(expected, 1.0):
        return Estimate(None)
    kappa = (observed - expected) / (1 - expected)
    row_means = weights @ columns  # the mean weight of each row category against the columns
    column_means = rows @ weights
    spread = weights - (row_means[:, None] + column_means[None, :]) * (1 - kappa)
    variance = (float((share * spread**2).sum()) - (kappa - expected * (1 - kappa)) ** 2) / (
        total * (1 - expected) ** 2
    )
    # Kappa lies in [-1, 1]; rounding can put perfect disagreement a hair below -1.
    return Estimate(min(max(kappa, -1.0), 1.0), math.sqrt(max(variance, 0.0)))


def mean_gap(first: NDArray[np.float64], second: NDArray[np.float64]) -> Estimate:
    """The mean of first minus second, with the standard error of that mean."""
    if first.size == 0:
        return Estimate(None)
    gaps = first - second
    error = float(gaps.std(ddof=1)) / math.sqrt(gaps.size) if gaps.size > 1 else 0.0
    return Estimate(float(gaps.mean()), error)
