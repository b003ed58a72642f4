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
    """One source's answers about one respondent. Unanswered items count as 0."""

    edition: str
    respondent: Respondent
    source: str = "self"
    answers: dict[str, Answer] = field(default_factory=dict)
    overlays: tuple[str, ...] = ()
    rater: str | None = None
    started_at: datetime | None = None
    updated_at: datetime | None = None
