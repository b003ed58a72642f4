"""How well a domain's items hang together: item-rest correlation, Cronbach's alpha, and two
checks of the ladder's cumulative order, Guttman's reproducibility and Loevinger's H.

Each function takes a people x items matrix and returns None where its figure is not defined
(no variance, a single item), never a division by zero.
- alpha's standard error is the normal-theory one of van Zyl, Neudecker and Nel (2000), "On
  the distribution of the maximum likelihood estimator of Cronbach's alpha", Psychometrika 65,
  271-280; it needs only the items' covariance matrix and the number of people.
- reproducibility counts errors as Goodenough and Edwards do (Edwards 1957, "Techniques of
  attitude scale construction"): every cell where a person's pattern differs from the perfect
  pattern with the same total, items ordered from the most often to the least often met.
- H is Loevinger's scalability coefficient as Mokken (1971) uses it: one minus the observed
  Guttman errors over the errors expected if the items were independent, summed over pairs.
"""

from __future__ import annotations

import math

import numpy as np
from numpy.typing import NDArray

from eaism.analysis.agreement import Estimate

Matrix = NDArray[np.float64]


def item_rest_correlation(item: Matrix, rest: Matrix) -> float | None:
    """Pearson's correlation of an item with the sum of the other items of its domain."""
    if item.size < 2 or np.ptp(item) == 0 or np.ptp(rest) == 0:
        return None
    item_centred, rest_centred = item - item.mean(), rest - rest.mean()
    product = float(item_centred @ rest_centred)
    scale = math.sqrt(float(item_centred @ item_centred) * float(rest_centred @ rest_centred))
    return product / scale


def cronbach_alpha(scores: Matrix) -> Estimate:
    """Cronbach's alpha of a people x items matrix, with its asymptotic standard error."""
    people, items = scores.shape
    if items < 2 or people < 2:
        return Estimate(None)
    covariance = np.atleast_2d(np.cov(scores, rowvar=False))
    return alpha_from_covariance(covariance, people)


def alpha_from_covariance(covariance: Matrix, people: int) -> Estimate:
    """Alpha from the items' covariance matrix; the error is van Zyl, Neudecker and Nel's."""
    items = covariance.shape[0]
    total = float(covariance.sum())
    if items < 2 or total <= 0:
        return Estimate(None)
    trace = float(np.trace(covariance))
    alpha = items / (items - 1) * (1 - trace / total)
    square = covariance @ covariance
    spread = total * (float(np.trace(square)) + trace**2) - 2 * trace * float(square.sum())
    variance = 2 * items**2 / ((items - 1) ** 2 * total**3) * spread / people
    return Estimate(alpha, math.sqrt(max(variance, 0.0)))


def popularity_order(binary: Matrix) -> NDArray[np.intp]:
    """Items from the most often met to the least; ties keep the given (ladder) order."""
    return np.argsort(-binary.sum(axis=0), kind="stable")


def reproducibility(binary: Matrix) -> float | None:
    """Guttman's coefficient of reproducibility of a 0/1 people x items matrix."""
    people, items = binary.shape
    if people == 0 or items < 2:
        return None
    ordered = binary[:, popularity_order(binary)]
    totals = ordered.sum(axis=1)
    perfect = (np.arange(items)[None, :] < totals[:, None]).astype(np.float64)
    errors = float(np.abs(ordered - perfect).sum())
    return float(1 - errors / (people * items))


def loevinger_h(binary: Matrix) -> float | None:
    """Loevinger's H of a 0/1 people x items matrix: 1 for a perfect Guttman pattern."""
    people, items = binary.shape
    if people == 0 or items < 2:
        return None
    met = binary.sum(axis=0)
    both = binary.T @ binary
    easier = met[:, None] >= met[None, :]  # pair (i, j) with i met at least as often as j
    upper = np.triu(np.ones((items, items), dtype=bool), k=1)
    # An error is meeting the harder item while missing the easier one of a pair.
    harder = np.where(easier, met[None, :], met[:, None])
    easier_met = np.where(easier, met[:, None], met[None, :])
    observed = float(((harder - both) * upper).sum())
    expected = float(((people - easier_met) * harder * upper).sum()) / people
    if expected == 0:
        return None
    return float(1 - observed / expected)
