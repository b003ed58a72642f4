"""A round's review policy: which claims a reviewer checks, and who gets a second reviewer.

Every claim (a positive answer) at the edition's review level and above is reviewed; of the
other claims a random share is. A random share of the people reviewed get a second,
independent reviewer, and a random share of respondents answer the whole item bank
(calibration). The draws hash the round and the person, so they are the same on every read and
need no stored state, and no one can choose who is drawn.
"""

from __future__ import annotations

import hashlib
from collections.abc import Mapping
from dataclasses import dataclass

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer


@dataclass(frozen=True, slots=True)
class ReviewPolicy:
    share: float = 0.10  # of the claims below the review level
    double_share: float = 0.10  # of the people with a claim to review
    calibration_share: float = 0.05  # of respondents, who answer the whole item bank


@dataclass(frozen=True, slots=True)
class ReviewPlan:
    """What the policy asks reviewers to check for one person."""

    items: tuple[str, ...]  # item ids to review, in the edition's order
    required: tuple[str, ...]  # those at the review level or above
    double: bool  # a second, independent reviewer

    @property
    def needed(self) -> bool:
        return bool(self.items)


def drawn(key: str, share: float) -> bool:
    """A draw with probability `share` that depends only on `key`."""
    digest = hashlib.sha256(key.encode()).digest()
    return int.from_bytes(digest[:8], "big") < share * 2**64


def review_plan(
    edition: Edition,
    policy: ReviewPolicy,
    round_key: str,
    person_id: str,
    answers: Mapping[str, Answer],
) -> ReviewPlan:
    """The claims to review for one person's answers in one round."""
    from_level = edition.scoring.review_from_level
    claims = [
        item
        for domain in edition.domains
        for item in domain.items
        if item.id in answers and answers[item.id].value > 0
    ]
    required = tuple(item.id for item in claims if item.level >= from_level)
    sampled = {
        item.id
        for item in claims
        if item.level < from_level
        and drawn(f"{round_key}:review:{person_id}:{item.id}", policy.share)
    }
    items = tuple(item.id for item in claims if item.id in required or item.id in sampled)
    double = bool(items) and drawn(f"{round_key}:double:{person_id}", policy.double_share)
    return ReviewPlan(items, required, double)


def in_calibration(policy: ReviewPolicy, round_key: str, person_id: str) -> bool:
    """Whether the person is drawn to answer the whole item bank in this round."""
    return drawn(f"{round_key}:calibration:{person_id}", policy.calibration_share)
