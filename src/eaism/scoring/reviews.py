"""Reviews as a source: one or two reviewers' ratings, combined into the `reviewer` response.

A reviewer rates single answers (a value on the scale, with a note) or whole domains (a level).
Where two reviewers rated the same thing differently, neither rating counts until a resolution
(an admin's rating) decides it: nothing is resolved automatically.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field
from datetime import datetime

from eaism.scoring.answers import Answer, Respondent, Response

RESOLUTION = "resolution"


@dataclass(frozen=True, slots=True)
class Rating:
    """One reviewer's rating of one answer (a value) or one domain (a level)."""

    value: float
    note: str = ""
    at: datetime | None = None


@dataclass(frozen=True, slots=True)
class ReviewRatings:
    """What one review rated; `kind` is `first`, `second` or `resolution`."""

    reviewer: str
    kind: str = "first"
    items: Mapping[str, Rating] = field(default_factory=dict)
    domains: Mapping[str, Rating] = field(default_factory=dict)


@dataclass(frozen=True, slots=True)
class Disagreement:
    """Two reviews rated the same answer or domain differently; an admin decides."""

    key: str  # an item id, or a domain id when `domain` is true
    domain: bool
    ratings: tuple[tuple[str, float], ...]  # (reviewer, value or level), by reviewer


@dataclass(frozen=True, slots=True)
class CombinedReview:
    items: dict[str, Rating]
    domains: dict[str, Rating]
    disagreements: tuple[Disagreement, ...]

    @property
    def empty(self) -> bool:
        return not self.items and not self.domains


def combine_reviews(reviews: Sequence[ReviewRatings]) -> CombinedReview:
    """The ratings that count: a resolution's, else those every review that rated agrees on."""
    items, item_disputes = _combine(reviews, domain=False)
    domains, domain_disputes = _combine(reviews, domain=True)
    return CombinedReview(items, domains, (*item_disputes, *domain_disputes))


def reviewer_response(
    edition_id: str,
    respondent: Respondent,
    combined: CombinedReview,
    overlays: tuple[str, ...] = (),
) -> Response:
    """The combined reviews as the `reviewer` source of the scoring core."""
    answers = {
        item_id: Answer(rating.value, rating.note, rating.at)
        for item_id, rating in combined.items.items()
    }
    levels = {domain_id: int(rating.value) for domain_id, rating in combined.domains.items()}
    return Response(
        edition=edition_id,
        respondent=respondent,
        source="reviewer",
        answers=answers,
        levels=levels,
        overlays=overlays,
    )


def _combine(
    reviews: Sequence[ReviewRatings], domain: bool
) -> tuple[dict[str, Rating], list[Disagreement]]:
    ratings: dict[str, list[tuple[ReviewRatings, Rating]]] = {}
    for review in reviews:
        for key, rating in _ratings(review, domain).items():
            ratings.setdefault(key, []).append((review, rating))
    chosen: dict[str, Rating] = {}
    disputes: list[Disagreement] = []
    for key in sorted(ratings):
        given = ratings[key]
        resolutions = [rating for review, rating in given if review.kind == RESOLUTION]
        values = {rating.value for _, rating in given}
        if resolutions:
            chosen[key] = _latest(resolutions)
        elif len(values) == 1:
            chosen[key] = _latest([rating for _, rating in given])
        else:
            pairs = tuple(sorted((review.reviewer, rating.value) for review, rating in given))
            disputes.append(Disagreement(key, domain, pairs))
    return chosen, disputes


def _ratings(review: ReviewRatings, domain: bool) -> Mapping[str, Rating]:
    return review.domains if domain else review.items


def _latest(ratings: list[Rating]) -> Rating:
    """The latest rating, preferring one with a note: of agreeing ratings, or of resolutions."""
    noted = [rating for rating in ratings if rating.note.strip()] or ratings
    # Ties on the time (or no time) fall to the value and note, so the order never matters.
    return max(
        noted,
        key=lambda rating: (
            rating.at is not None,
            rating.at or datetime.min,
            rating.value,
            rating.note,
        ),
    )
