"""Candidate scorecards: several interviewers' ratings combined per domain, with their spread.

The combined level of a domain is the lower median of the interviewers' levels, so a single
generous rating cannot lift it. Ratings two or more levels apart are flagged with both names,
and every number keeps the notes it came from.
"""

from __future__ import annotations

import statistics
from dataclasses import dataclass

from eaism.model.schema import Edition
from eaism.scoring.explanation import level_reason
from eaism.scoring.person import operating_level

DISAGREEMENT_SPREAD = 2


@dataclass(frozen=True)
class Rating:
    interviewer: str
    level: int
    notes: str = ""


@dataclass(frozen=True)
class Scorecard:
    """One interviewer's ratings of one candidate."""

    candidate: str
    interviewer: str
    target_level: int
    role: str
    ratings: dict[str, Rating]  # domain id -> rating


@dataclass(frozen=True)
class Disagreement:
    low: Rating
    high: Rating

    @property
    def spread(self) -> int:
        return self.high.level - self.low.level


@dataclass(frozen=True)
class DomainVerdict:
    domain: str
    level: int  # 0 when nobody rated the domain
    ratings: tuple[Rating, ...]
    disagreement: Disagreement | None

    @property
    def spread(self) -> int:
        levels = [rating.level for rating in self.ratings]
        return max(levels) - min(levels) if levels else 0


@dataclass(frozen=True)
class ScorecardResult:
    candidate: str
    role: str
    target_level: int
    interviewers: tuple[str, ...]
    domains: dict[str, DomainVerdict]
    operating_level: int
    meets_target: bool
    why: tuple[str, ...]


def combine(edition: Edition, cards: list[Scorecard]) -> ScorecardResult:
    first = cards[0]
    domains = {domain_id: _verdict(domain_id, cards) for domain_id in edition.domain_ids}
    levels = {domain_id: verdict.level for domain_id, verdict in domains.items()}
    reached = operating_level(edition, levels)
    return ScorecardResult(
        candidate=first.candidate,
        role=first.role,
        target_level=first.target_level,
        interviewers=tuple(card.interviewer for card in cards),
        domains=domains,
        operating_level=reached,
        meets_target=reached >= first.target_level,
        why=tuple(_why(edition, first.target_level, levels)),
    )


def _verdict(domain_id: str, cards: list[Scorecard]) -> DomainVerdict:
    ratings = tuple(card.ratings[domain_id] for card in cards if domain_id in card.ratings)
    if not ratings:
        return DomainVerdict(domain_id, 0, (), None)
    low = min(ratings, key=lambda rating: rating.level)
    high = max(ratings, key=lambda rating: rating.level)
    disagreement = (
        Disagreement(low, high) if high.level - low.level >= DISAGREEMENT_SPREAD else None
    )
    level = statistics.median_low(rating.level for rating in ratings)
    return DomainVerdict(domain_id, level, ratings, disagreement)


def _why(edition: Edition, target: int, levels: dict[str, int]) -> list[str]:
    return [level_reason(edition, number, levels) for number in range(1, target + 1)]
