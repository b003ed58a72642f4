"""Builders of responses for tests."""

from __future__ import annotations

import functools

import numpy as np

from eaism.analysis.organisation import Organisation, People, System
from eaism.analysis.whatif import uniform_levels
from eaism.model.loader import load_edition
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


def people_at(
    edition: Edition,
    levels: list[int],
    teams: list[str] | None = None,
    titles: list[str] | None = None,
) -> People:
    """People at the given operating levels, uniform across domains."""
    count = len(levels)
    rows = np.array([uniform_levels(edition, level) for level in levels], dtype=np.int8).reshape(
        count, len(edition.domains)
    )
    return People.from_levels(
        edition,
        tuple(f"p{index}" for index in range(count)),
        tuple(teams or ["team"] * count),
        ("",) * count,
        tuple(titles or [""] * count),
        rows,
    )


def pilot(
    identifier: str, months: float = 1, kind: str = "assistant", cost: float = 1000
) -> System:
    return System(
        identifier,
        identifier,
        kind=kind,
        status="pilot",
        months_in_status=months,
        monthly_cost=cost,
    )


def production(
    identifier: str,
    kind: str = "assistant",
    rate: float = 0.999,
    checks: frozenset[str] | None = None,  # every readiness check of the bundled edition
) -> System:
    if checks is None:
        checks = _bundled_checks()
    return System(
        identifier,
        identifier,
        kind=kind,
        status="production",
        months_in_status=12,
        success_rate=rate,
        checks=checks,
    )


@functools.cache
def _bundled_checks() -> frozenset[str]:
    return frozenset(load_edition().analysis.check_ids)


HEALTHY_PRACTICES = {
    "individual_ai_use": True,
    "ai_strategic_priority": True,
    "ai_usage_policy": True,
    "ai_platform_adopted": True,
    "reliability_standards": True,
}


def healthy_organisation(edition: Edition) -> Organisation:
    """About 60 people with a solid Level 3 layer and ready production systems."""
    levels = [1] * 20 + [2] * 20 + [3] * 15 + [4] * 3 + [5] * 1
    teams = [f"team-{index % 4}" for index in range(len(levels))]
    return Organisation(
        people=people_at(edition, levels, teams),
        systems=(
            production("search", checks=frozenset(edition.analysis.check_ids)),
            production("assistant", checks=frozenset(edition.analysis.check_ids)),
            pilot("agent", months=2),
        ),
        practices=dict(HEALTHY_PRACTICES),
    )
