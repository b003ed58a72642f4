"""Response rates of a round: invited, started and submitted, overall and per team.

A team's counts are shown only when at least the reporting threshold were invited; smaller
teams are pooled as the privacy rule pools them elsewhere, and a pool too small is withheld.
So is the total of a round that fewer than the threshold were invited to.
Teams that submitted less than the target share are flagged.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING

from eaism.analysis.privacy import group_teams

if TYPE_CHECKING:
    from eaism.analysis.document_types import ResponseCounts, ResponseRatesDocument

# Engagement surveys reach a median of about 75 %; below 60 % a team's figures are weak.
TARGET_SHARE = 0.6
POOL_NAME = "other teams"


@dataclass(frozen=True)
class Counts:
    invited: int
    started: int  # includes those who submitted
    submitted: int

    @property
    def share(self) -> float | None:
        """Submitted of invited; None when nobody was invited."""
        return self.submitted / self.invited if self.invited else None

    def __add__(self, other: Counts) -> Counts:
        return Counts(
            self.invited + other.invited,
            self.started + other.started,
            self.submitted + other.submitted,
        )


@dataclass(frozen=True)
class TeamRate:
    team: str
    counts: Counts
    below_target: bool
    pooled: bool = False  # the pool of teams too small to show alone


@dataclass(frozen=True)
class ResponseRates:
    overall: Counts
    teams: tuple[TeamRate, ...]
    withheld_teams: int  # small teams whose pool is too small to show
    min_group_size: int
    target: float = TARGET_SHARE

    @property
    def overall_withheld(self) -> bool:
        """Fewer invited than the threshold: even the total could point to a person."""
        return self.overall.invited < self.min_group_size


def response_rates(
    counts: Mapping[str, Counts], min_group_size: int, target: float = TARGET_SHARE
) -> ResponseRates:
    """Rates from each team's counts; the overall counts are always the sum of every team's."""
    overall = sum(counts.values(), Counts(0, 0, 0))
    invited = {team: c.invited for team, c in counts.items() if c.invited}
    grouping = group_teams(invited, min_group_size)
    teams = [_rate(team, counts[team], target) for team in grouping.shown]
    if grouping.pool_shown:
        pool = sum((counts[team] for team in grouping.pooled), Counts(0, 0, 0))
        teams.append(_rate(POOL_NAME, pool, target, pooled=True))
    withheld = 0 if grouping.pool_shown else len(grouping.pooled)
    return ResponseRates(overall, tuple(teams), withheld, min_group_size, target)


def _rate(team: str, counts: Counts, target: float, pooled: bool = False) -> TeamRate:
    share = counts.share
    return TeamRate(team, counts, share is not None and share < target, pooled)


def rates_document(rates: ResponseRates) -> ResponseRatesDocument:
    """The rates as a JSON-ready document, as the API and the dashboard's JSON give them."""
    return {
        "overall": None if rates.overall_withheld else _counts_document(rates.overall),
        "teams": [
            {
                "team": team.team,
                **_counts_document(team.counts),
                "below_target": team.below_target,
                "pooled": team.pooled,
            }
            for team in rates.teams
        ],
        "withheld_teams": rates.withheld_teams,
        "min_group_size": rates.min_group_size,
        "target": rates.target,
    }


def _counts_document(counts: Counts) -> ResponseCounts:
    return {
        "invited": counts.invited,
        "started": counts.started,
        "submitted": counts.submitted,
        "rate": counts.share,
    }
