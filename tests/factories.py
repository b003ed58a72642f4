"""Builders of responses for tests."""

from __future__ import annotations

from eaism.model.schema import Edition
from eaism.scoring.answers import Answer, Respondent, Response


def answers_up_to(
    edition: Edition, level: int, value: float = 1.0, evidence: str = "shipped"
) -> dict[str, Answer]:
    return {
        item.id: Answer(value, evidence)
        for domain in edition.domains
        for item in domain.items
        if item.level <= level
    }


def response(
    answers: dict[str, Answer], source: str = "self", edition_id: str = "2026.1"
) -> Response:
    return Response(
        edition=edition_id,
        respondent=Respondent(id="p1", role="software_engineer"),
        source=source,
        answers=answers,
    )
