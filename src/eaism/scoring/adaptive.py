"""The adaptive questionnaire: ask a domain's next level only once its current level is met.

Gating uses the answers as given (the claimed view), so every item that could change either
the claimed or the demonstrated level is asked: scoring the adaptive answers gives the same
levels as scoring the full item bank. With a question set (domain id -> highest level asked),
only the levels it asks are ever asked.
"""

from __future__ import annotations

from collections.abc import Mapping

from eaism.model.schema import Domain, Edition, Item
from eaism.scoring.answers import Answer
from eaism.scoring.person import QuestionSet


def questions(
    edition: Edition,
    answers: Mapping[str, Answer],
    question_set: QuestionSet | None = None,
    adaptive: bool = True,
) -> tuple[Item, ...]:
    """Every item that the answers so far call for, in the order to ask them.

    Not `adaptive` (a round's calibration share): every item of the levels asked.
    """
    return tuple(
        item
        for domain in edition.domains
        for item in domain_questions(edition, domain, answers, question_set, adaptive)
    )


def domain_questions(
    edition: Edition,
    domain: Domain,
    answers: Mapping[str, Answer],
    question_set: QuestionSet | None = None,
    adaptive: bool = True,
) -> list[Item]:
    threshold = edition.scoring.cell_met_threshold
    up_to = None if question_set is None else question_set.get(domain.id, 0)
    asked: list[Item] = []
    for level in domain.applicable_levels:
        if up_to is not None and level > up_to:
            break
        items = domain.items_at(level)
        asked.extend(items)
        if not adaptive:
            continue
        if any(item.id not in answers for item in items):
            break
        if sum(answers[item.id].value for item in items) < threshold * len(items):
            break
    return asked


def asked_domain_ids(edition: Edition, question_set: QuestionSet | None) -> tuple[str, ...]:
    """The domains with at least one level asked, in edition order (all without a question set)."""
    return tuple(
        domain.id
        for domain in edition.domains
        if question_set is None
        or any(level <= question_set.get(domain.id, 0) for level in domain.applicable_levels)
    )


def next_question(
    edition: Edition,
    answers: Mapping[str, Answer],
    question_set: QuestionSet | None = None,
    adaptive: bool = True,
) -> Item | None:
    asked = questions(edition, answers, question_set, adaptive)
    return next((item for item in asked if item.id not in answers), None)


def remaining_at_least(
    edition: Edition,
    answers: Mapping[str, Answer],
    question_set: QuestionSet | None = None,
    adaptive: bool = True,
) -> int:
    """A lower bound on the questions still to come: the items asked now and not yet answered."""
    asked = questions(edition, answers, question_set, adaptive)
    return sum(1 for item in asked if item.id not in answers)


def remaining_at_most(
    edition: Edition,
    answers: Mapping[str, Answer],
    question_set: QuestionSet | None = None,
    adaptive: bool = True,
) -> int:
    """The most questions still to come: those someone answering each of them fully is asked.

    A lower answer never makes a domain ask more, so no respondent is asked more than this.
    Answers given stay as given, including answers to items no longer asked (a lower level
    lowered since): they are neither counted nor do they rule anything out.
    """
    optimistic = {item_id: answers.get(item_id, Answer(1.0)) for item_id in edition.item_index}
    return sum(
        1
        for domain in edition.domains
        for item in domain_questions(edition, domain, optimistic, question_set, adaptive)
        if item.id not in answers
    )


def simulate(
    edition: Edition, full_answers: Mapping[str, Answer], question_set: QuestionSet | None = None
) -> dict[str, Answer]:
    """The answers an adaptive run collects from someone whose full answers are known."""
    collected: dict[str, Answer] = {}
    while (item := next_question(edition, collected, question_set)) is not None:
        collected[item.id] = full_answers.get(item.id, Answer(0.0))
    return collected
