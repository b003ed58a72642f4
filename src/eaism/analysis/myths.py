"""The three myths of the framework, each recognised by the condition that reveals it."""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from typing import Any

from eaism.analysis.facts import Facts

Evidence = dict[str, Any]


def prompt_engineer_role(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    pattern = re.compile(str(limits["title_pattern"]), re.IGNORECASE)
    titles = [title for title in facts.organisation.people.titles if pattern.search(title)]
    titles += [
        hire.title
        for hire in facts.organisation.planned_hires
        for _ in range(hire.count)
        if pattern.search(hire.title)
    ]
    return {"count": len(titles), "example": titles[0]} if titles else None


def platform_equals_production(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    if not facts.practice("ai_platform_adopted"):
        return None
    missing = sum(1 for item in facts.readiness if item.missing)
    stuck = not facts.readiness and facts.active_pilots > 0
    if not (missing or stuck or not facts.established(3)):
        return None
    return {
        "production_systems": len(facts.readiness),
        "systems_missing_checks": missing,
        "systems_engineers": facts.at_least[3],
    }


def chatbot_equals_maturity(facts: Facts, limits: Mapping[str, Any]) -> Evidence | None:
    active = [s for s in facts.organisation.systems if s.status in {"pilot", "production"}]
    chatbots = [s for s in active if s.kind == "chatbot"]
    if len(active) < limits["min_systems"] or len(chatbots) < limits["min_chatbot_share"] * len(
        active
    ):
        return None
    if facts.stage.number < limits["min_practice_stage"]:
        return None
    needed = set(facts.edition.diagnostic("MYTH_CHATBOT_EQUALS_MATURITY").checks)
    unready = any(not needed <= s.checks for s in chatbots if s.status == "production")
    if not unready and facts.established(3):
        return None
    return {"chatbots": len(chatbots), "systems": len(active), "practice_stage": facts.stage.number}


MYTH_RULES: dict[str, Callable[[Facts, Mapping[str, Any]], Evidence | None]] = {
    "MYTH_PROMPT_ENGINEER_ROLE": prompt_engineer_role,
    "MYTH_PLATFORM_EQUALS_PRODUCTION": platform_equals_production,
    "MYTH_CHATBOT_EQUALS_MATURITY": chatbot_equals_maturity,
}
