"""Team breakdowns never show a group below the threshold, nor one that subtraction reveals."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.organisation import Organisation
from eaism.analysis.privacy import group_teams
from eaism.analysis.report import analyse
from eaism.errors import UsageError
from eaism.model.loader import load_edition
from eaism.model.schema import Edition
from tests.factories import people_at

EDITION = load_edition()
team_sizes = st.dictionaries(
    st.sampled_from([f"t{index}" for index in range(12)]), st.integers(1, 30), max_size=12
)


def test_small_teams_are_pooled_as_other_teams() -> None:
    grouping = group_teams({"a": 10, "b": 2, "c": 3, "d": 7}, 5)
    assert grouping.shown == ("a", "d")
    assert grouping.pooled == ("b", "c")
    assert grouping.pool_shown


def test_a_pool_of_one_small_team_takes_the_smallest_shown_team_along() -> None:
    grouping = group_teams({"a": 10, "b": 2, "d": 7}, 5)
    assert grouping.shown == ("a",)
    assert grouping.pooled == ("b", "d")
    assert grouping.pool_shown


def test_a_pool_that_cannot_be_made_safe_is_withheld() -> None:
    grouping = group_teams({"a": 2, "b": 1}, 5)
    assert grouping.shown == ()
    assert not grouping.pool_shown
    assert grouping.suppressed == ("a", "b")


def test_a_threshold_below_three_is_refused() -> None:
    with pytest.raises(UsageError, match="may not be below 3"):
        group_teams({"a": 5}, 2)


@given(team_sizes, st.integers(3, 10))
def test_no_shown_group_is_below_the_threshold(sizes: dict[str, int], minimum: int) -> None:
    grouping = group_teams(sizes, minimum)
    assert all(sizes[team] >= minimum for team in grouping.shown)
    assert set(grouping.shown) | set(grouping.pooled) == set(sizes)
    if grouping.pool_shown:
        assert len(grouping.pooled) >= 2
        assert sum(sizes[team] for team in grouping.pooled) >= minimum
    elif grouping.pooled:
        # Nothing shown beside a withheld pool, so the total cannot be used to subtract it out.
        assert grouping.shown == ()


@given(team_sizes, st.integers(3, 8))
def test_the_workforce_view_applies_the_grouping(
    any_edition: Edition, sizes: dict[str, int], minimum: int
) -> None:
    teams = [team for team, size in sizes.items() for _ in range(size)]
    organisation = Organisation(people=people_at(any_edition, [2] * len(teams), teams))
    figures = analyse(any_edition, organisation, min_group_size=minimum).workforce
    assert all(team.people >= minimum for team in figures.teams)
    shown = sum(team.people for team in figures.teams)
    assert shown == (0 if figures.suppressed_teams else len(teams))
