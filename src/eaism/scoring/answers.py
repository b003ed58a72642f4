"""What a respondent said: answers to items, from one source, against one edition."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import datetime


@dataclass(frozen=True, slots=True)
class Answer:
    """A value on the answer scale, with the evidence that backs it."""

    value: float
    evidence: str = ""
    answered_at: datetime | None = None

    @property
    def has_evidence(self) -> bool:
        return bool(self.evidence.strip())


@dataclass(frozen=True, slots=True)
class Respondent:
    """Who the answers are about. Only `id` is required."""

    id: str
    role: str | None = None
    name: str | None = None
    team: str | None = None
    title: str | None = None


@dataclass(frozen=True, slots=True)
class Response:
    """One source's answers about one respondent. Unanswered items count as 0.

    A rater other than the person (a reviewer, an interviewer, a peer) rates what they checked:
    per item in `answers`, or a whole domain's level in `levels`. Whatever a rater leaves out is
    taken from the person's own (self) response, so a review of three items changes those three.
    """

    edition: str
    respondent: Respondent
    source: str = "self"
    answers: dict[str, Answer] = field(default_factory=dict)
    levels: dict[str, int] = field(default_factory=dict)  # domain id -> level given directly
    overlays: tuple[str, ...] = ()
    rater: str | None = None
    started_at: datetime | None = None
    updated_at: datetime | None = None
