"""Alpha against published examples; reproducibility and H against matrices worked by hand."""

from __future__ import annotations

import numpy as np
import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.reliability import (
    alpha_from_covariance,
    cronbach_alpha,
    item_rest_correlation,
    loevinger_h,
    reproducibility,
)

# Four people, three 0/1 items: person 3 meets B without A, the one Guttman error.
#   items  A B C
#   p1     1 1 0
#   p2     1 0 0
#   p3     0 1 0
#   p4     1 1 1
ONE_ERROR = np.array([[1, 1, 0], [1, 0, 0], [0, 1, 0], [1, 1, 1]], dtype=np.float64)


def test_alpha_of_the_statsbase_covariance_example() -> None:
    """StatsBase.jl's documented `cronbachalpha` example: the covariance matrix
    [10 6 6 6; 6 11 6 6; 6 6 12 6; 6 6 6 13] has alpha 0.8136 (= 4/3 * (1 - 46/118))."""
    covariance = np.array(
        [[10, 6, 6, 6], [6, 11, 6, 6], [6, 6, 12, 6], [6, 6, 6, 13]], dtype=np.float64
    )
    assert alpha_from_covariance(covariance, 100).value == pytest.approx(0.8136, abs=5e-5)


def test_alpha_error_reduces_to_the_published_form_for_parallel_items() -> None:
    """van Zyl, Neudecker and Nel (2000): for k items of equal variance and equal covariance
    the asymptotic variance of alpha is 2k / (k - 1) * (1 - alpha)^2 (the alphaci package's
    avar_parallel_elliptical under normality). Alpha itself is then Spearman-Brown's
    k rho / (1 + (k - 1) rho): 4 * 0.3 / 1.9 for k = 4 and rho = 0.3."""
    items, correlation, people = 4, 0.3, 250
    covariance = 2.0 * ((1 - correlation) * np.eye(items) + correlation * np.ones((items, items)))
    estimate = alpha_from_covariance(covariance, people)
    assert estimate.value == pytest.approx(4 * 0.3 / 1.9)
    expected = 2 * items / (items - 1) * (1 - estimate.value) ** 2
    assert estimate.standard_error**2 * people == pytest.approx(expected)


def test_alpha_of_raw_scores_by_hand() -> None:
    # Items 0,1,2,3 | 0,1,2,3 | 0,2,1,3: each sample variance 5/3, summed 5; totals 0,4,5,9
    # have variance 41/3; alpha = 3/2 * (1 - 5 / (41/3)) = 39/41.
    scores = np.array([[0, 0, 0], [1, 1, 2], [2, 2, 1], [3, 3, 3]], dtype=np.float64)
    assert cronbach_alpha(scores).value == pytest.approx(39 / 41)


def test_alpha_is_undefined_without_variance_or_with_one_item() -> None:
    assert cronbach_alpha(np.ones((5, 3))).value is None
    assert cronbach_alpha(np.arange(5.0).reshape(5, 1)).value is None


def test_reproducibility_by_hand() -> None:
    # Items met 3, 3, 1 times: order A, B, C. Perfect patterns for totals 2, 1, 1, 3 are
    # 110, 100, 100, 111; only p3 (010 against 100) differs, in 2 cells: 1 - 2/12.
    assert reproducibility(ONE_ERROR) == pytest.approx(1 - 2 / 12)


def test_loevinger_h_by_hand() -> None:
    # n = 4; met A 3, B 3, C 1. Pairs (easier, harder): errors = harder met, easier missed.
    #   (A, B): observed 1 (p3); expected (4 - 3) * 3 / 4 = 0.75
    #   (A, C): observed 0;      expected (4 - 3) * 1 / 4 = 0.25
    #   (B, C): observed 0;      expected (4 - 3) * 1 / 4 = 0.25
    # H = 1 - 1 / 1.25 = 0.2
    assert loevinger_h(ONE_ERROR) == pytest.approx(0.2)


def test_item_rest_correlation_by_hand() -> None:
    # item 0,1,1,2 against rest 1,1,2,2: deviations -1,0,0,1 and -.5,-.5,.5,.5;
    # products sum 1; sqrt(2 * 1) -> 1 / sqrt(2).
    item, rest = np.array([0.0, 1, 1, 2]), np.array([1.0, 1, 2, 2])
    assert item_rest_correlation(item, rest) == pytest.approx(2**-0.5)
    assert item_rest_correlation(np.ones(4), rest) is None


@st.composite
def perfect_guttman(draw: st.DrawFn) -> np.ndarray:
    """People who each meet the first t items of a ladder, with at least two totals."""
    items = draw(st.integers(2, 8))
    totals = draw(st.lists(st.integers(0, items), min_size=2, max_size=40))
    matrix = (np.arange(items)[None, :] < np.array(totals)[:, None]).astype(np.float64)
    order = draw(st.permutations(range(items)))
    return matrix[:, list(order)]  # the items' order must not matter


@given(perfect_guttman())
def test_a_perfect_guttman_pattern_reproduces_perfectly(matrix: np.ndarray) -> None:
    assert reproducibility(matrix) == pytest.approx(1.0)


@given(perfect_guttman())
def test_h_is_one_for_a_perfect_guttman_pattern(matrix: np.ndarray) -> None:
    scale = loevinger_h(matrix)
    if (matrix.std(axis=0) > 0).sum() < 2:  # no pair of items both vary: H is not defined
        assert scale is None
    else:
        assert scale == pytest.approx(1.0)


@given(st.lists(st.lists(st.sampled_from([0.0, 1.0]), min_size=3, max_size=3), min_size=2))
def test_reproducibility_and_h_stay_in_range(rows: list[list[float]]) -> None:
    matrix = np.array(rows)
    guttman, scale = reproducibility(matrix), loevinger_h(matrix)
    assert guttman is not None
    assert 0 <= guttman <= 1
    assert scale is None or scale <= 1 + 1e-9
