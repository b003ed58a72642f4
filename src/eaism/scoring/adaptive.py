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


def remaining_at_least(edition: Edition, answers: Mapping[str, Answer]) -> int:
    """A lower bound on the questions still to come: the items asked now and not yet answered."""
    return sum(1 for item in questions(edition, answers) if item.id not in answers)


def remaining_at_most(edition: Edition, answers: Mapping[str, Answer]) -> int:
    """The most questions still to come: those someone answering each of them fully is asked.

    A lower answer never makes a domain ask more, so no respondent is asked more than this.
    Answers given stay as given, including answers to items no longer asked (a lower level
    lowered since): they are neither counted nor do they rule anything out.
    """
    optimistic = {item_id: answers.get(item_id, Answer(1.0)) for item_id in edition.item_index}
    return sum(
        1
        for domain in edition.domains
        for item in domain_questions(edition, domain, optimistic)
        if item.id not in answers
    )


def simulate(edition: Edition, full_answers: Mapping[str, Answer]) -> dict[str, Answer]:
    """The answers an adaptive run collects from someone whose full answers are known."""
    collected: dict[str, Answer] = {}
    while (item := next_question(edition, collected)) is not None:
        collected[item.id] = full_answers.get(item.id, Answer(0.0))
    return collected
