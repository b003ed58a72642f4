"""Weighted kappa and its standard error against published worked examples."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.agreement import (
    agreement_table,
    linear_weights,
    mean_gap,
    quadratic_weights,
    weighted_kappa,
)

# The SAS/STAT PROC FREQ agreement example as printed by SAS and quoted in statsmodels'
# statsmodels/stats/tests/test_inter_rater.py (table10, res10_sas and res10w_sas).
SAS_TABLE = np.array([[0, 4, 1], [0, 8, 0], [0, 1, 5]], dtype=np.float64)


def test_simple_kappa_matches_the_sas_example() -> None:
    """SAS: simple kappa 0.4842, ASE 0.1380, 95% limits 0.2137 to 0.7547."""
    estimate = weighted_kappa(SAS_TABLE, np.eye(3))
    assert estimate.value == pytest.approx(0.4842, abs=5e-5)
    assert estimate.standard_error == pytest.approx(0.1380, abs=5e-5)
    assert estimate.interval(0.95, (-1, 1)) == pytest.approx((0.2137, 0.7547), abs=5e-5)


def test_weighted_kappa_and_its_error_match_the_sas_example() -> None:
    """SAS, Cicchetti-Allison weights: weighted kappa 0.4701, ASE 0.1457, 0.1845 to 0.7558.

    The ASE is Fleiss, Cohen and Everitt's (1969), the one our interval uses."""
    estimate = weighted_kappa(SAS_TABLE, linear_weights(3))
    assert estimate.value == pytest.approx(0.4701, abs=5e-5)
    assert estimate.standard_error == pytest.approx(0.1457, abs=5e-5)
    assert estimate.interval(0.95, (-1, 1)) == pytest.approx((0.1845, 0.7558), abs=5e-5)


def test_quadratic_kappa_matches_r_irr_on_the_anxiety_ratings() -> None:
    """R's irr::kappa2(anxiety[, 2:3], "squared") gives 0.2520325 and unweighted -0.006289308
    (quoted in statsmodels' test_inter_rater.py); irr drops the unused category 5 first."""
    second = [3, 6, 4, 6, 2, 4, 2, 4, 3, 3, 2, 3, 3, 3, 2, 2, 1, 3, 3, 4]
    third = [2, 1, 4, 4, 3, 2, 1, 6, 1, 1, 1, 2, 3, 3, 1, 1, 3, 3, 2, 2]
    categories = sorted(set(second) | set(third))
    rank = {category: index for index, category in enumerate(categories)}
    table = agreement_table(
        np.array([rank[value] for value in second]),
        np.array([rank[value] for value in third]),
        len(categories),
    )
    assert weighted_kappa(table, quadratic_weights(len(categories))).value == pytest.approx(
        0.2520325, abs=1e-7
    )
    assert weighted_kappa(table, np.eye(len(categories))).value == pytest.approx(
        -0.006289308, abs=1e-9
    )


def test_two_categories_give_cohens_kappa_of_the_wikipedia_example() -> None:
    """Wikipedia, "Cohen's kappa", worked example: 50 grant proposals, 20 yes-yes, 5 yes-no,
    10 no-yes, 15 no-no; p_o = 0.7, p_e = 0.5, kappa = 0.4. With two categories the quadratic
    weights are the identity."""
    table = np.array([[20, 5], [10, 15]], dtype=np.float64)
    assert weighted_kappa(table, quadratic_weights(2)).value == pytest.approx(0.4)


def test_kappa_is_undefined_when_everyone_is_in_one_category() -> None:
    table = agreement_table(np.array([2, 2, 2]), np.array([2, 2, 2]), 6)
    assert weighted_kappa(table, quadratic_weights(6)).value is None


ratings = st.lists(st.integers(0, 5), min_size=2, max_size=60).filter(lambda r: len(set(r)) > 1)


@given(ratings)
def test_identical_ratings_with_some_variance_agree_perfectly(levels: list[int]) -> None:
    same = np.array(levels)
    estimate = weighted_kappa(agreement_table(same, same, 6), quadratic_weights(6))
    assert estimate.value == pytest.approx(1.0)
    assert estimate.standard_error == pytest.approx(0.0, abs=1e-6)


@given(st.lists(st.tuples(st.integers(0, 5), st.integers(0, 5)), min_size=2, max_size=60))
def test_kappa_lies_in_its_range_and_ignores_which_rater_is_first(
    pairs: list[tuple[int, int]],
) -> None:
    first, second = np.array(pairs).T
    forward = weighted_kappa(agreement_table(first, second, 6), quadratic_weights(6))
    backward = weighted_kappa(agreement_table(second, first, 6), quadratic_weights(6))
    if forward.value is None:
        assert backward.value is None
        return
    assert -1 - 1e-9 <= forward.value <= 1 + 1e-9
    assert backward.value == pytest.approx(forward.value)
    low, high = forward.interval(0.95, (-1, 1))
    assert -1 <= low <= forward.value <= high <= 1


def test_mean_gap_is_self_minus_reviewed_with_the_error_of_a_mean() -> None:
    # Gaps 1, 1, 0, 2: mean 1; sample sd sqrt(2/3); error sqrt(2/3) / 2.
    gap = mean_gap(np.array([3.0, 2, 1, 4]), np.array([2.0, 1, 1, 2]))
    assert gap.value == pytest.approx(1.0)
    assert gap.standard_error == pytest.approx((2 / 3) ** 0.5 / 2)
