"""The adaptive questionnaire: ask a domain's next level only once its current level is met.

Gating uses the answers as given (the claimed view), so every item that could change either
the claimed or the demonstrated level is asked: scoring the adaptive answers gives the same
levels as scoring the full item bank.
"""

from __future__ import annotations

from collections.abc import Mapping

from eaism.model.schema import Domain, Edition, Item
from eaism.scoring.answers import Answer


def questions(edition: Edition, answers: Mapping[str, Answer]) -> tuple[Item, ...]:
    """Every item that the answers so far call for, in the order to ask them."""
    return tuple(
        item for domain in edition.domains for item in domain_questions(edition, domain, answers)
    )


def domain_questions(edition: Edition, domain: Domain, answers: Mapping[str, Answer]) -> list[Item]:
    threshold = edition.scoring.cell_met_threshold
    asked: list[Item] = []
    for level in domain.applicable_levels:
        items = domain.items_at(level)
        asked.extend(items)
        if any(item.id not in answers for item in items):
            break
        if sum(answers[item.id].value for item in items) < threshold * len(items):
            break
    return asked


def next_question(edition: Edition, answers: Mapping[str, Answer]) -> Item | None:
    return next((item for item in questions(edition, answers) if item.id not in answers), None)


def remaining_at_most(edition: Edition, answers: Mapping[str, Answer]) -> int:
    """An upper bound on the questions still to come: every unanswered item not ruled out."""
    ruled_out = 0
    for domain in edition.domains:
        asked = {item.id for item in domain_questions(edition, domain, answers)}
        complete = all(item_id in answers for item_id in asked)
        if complete and len(asked) < len(domain.items):
            ruled_out += len(domain.items) - len(asked)
    unanswered = sum(1 for item_id in edition.item_index if item_id not in answers)
    return unanswered - ruled_out


def simulate(edition: Edition, full_answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers an adaptive run collects from someone whose full answers are known."""
    collected: dict[str, Answer] = {}
    while (item := next_question(edition, collected)) is not None:
        collected[item.id] = full_answers.get(item.id, Answer(0.0))
    return collected
