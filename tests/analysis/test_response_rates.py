"""Response rates: the overall counts are every team's sum, small teams are never shown alone,
and a team is flagged exactly when it submitted less than the target share."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

from eaism.analysis.response_rates import POOL_NAME, Counts, rates_document, response_rates


@st.composite
def counts(draw: st.DrawFn) -> Counts:
    invited = draw(st.integers(0, 60))
    started = draw(st.integers(0, invited))
    return Counts(invited, started, draw(st.integers(0, started)))


teams = st.dictionaries(st.text("abcdefgh", min_size=1, max_size=6), counts(), max_size=12)
minimum = st.integers(3, 10)


@given(teams, minimum)
def test_overall_is_the_sum_of_every_team(found: dict[str, Counts], threshold: int) -> None:
    rates = response_rates(found, threshold)
    assert rates.overall == sum(found.values(), Counts(0, 0, 0))


@given(teams, minimum)
def test_every_shown_group_reaches_the_threshold(found: dict[str, Counts], threshold: int) -> None:
    for team in response_rates(found, threshold).teams:
        assert team.counts.invited >= threshold
        assert team.pooled == (team.team == POOL_NAME)
        if not team.pooled:
            assert team.counts == found[team.team]


@given(teams, minimum)
def test_each_team_is_shown_pooled_or_withheld(found: dict[str, Counts], threshold: int) -> None:
    rates = response_rates(found, threshold)
    alone = sum(1 for team in rates.teams if not team.pooled)
    pools = sum(1 for team in rates.teams if team.pooled)
    not_alone = sum(1 for c in found.values() if c.invited) - alone
    assert pools <= 1
    assert rates.withheld_teams == (0 if pools else not_alone)


@given(teams, minimum, st.floats(0.1, 0.9))
def test_flagged_exactly_below_the_target(
    found: dict[str, Counts], threshold: int, target: float
) -> None:
    for team in response_rates(found, threshold, target).teams:
        share = team.counts.submitted / team.counts.invited
        assert team.below_target == (share < target)


def test_a_round_nobody_was_invited_to_has_no_rate() -> None:
    rates = response_rates({"ops": Counts(0, 0, 0)}, 5)
    assert rates.overall.share is None
    assert rates.teams == ()
    assert rates.withheld_teams == 0


@given(teams, minimum)
def test_a_total_of_fewer_than_the_threshold_is_withheld(
    found: dict[str, Counts], threshold: int
) -> None:
    rates = response_rates(found, threshold)
    document = rates_document(rates)
    assert rates.overall_withheld == (rates.overall.invited < threshold)
    assert (document["overall"] is None) == rates.overall_withheld
