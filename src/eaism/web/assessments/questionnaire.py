"""The questionnaire page: one domain at a time, adaptive, with progress across all domains."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eaism.model.schema import ANSWER_VALUES, Edition, Item
from eaism.scoring.adaptive import (
    asked_domain_ids,
    domain_questions,
    next_question,
    questions,
    remaining_at_least,
    remaining_at_most,
)
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.web.assessments.answers import MAX_EVIDENCE
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.edition import current_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person

ITEM_FIELDS = ("value", "evidence")


@dataclass(frozen=True)
class Rejected:
    """An answer (or a submission) the server refused: the error, and what was typed, kept."""

    error: InputError
    item_id: str = ""
    value: str = ""
    evidence: str = ""


def progress_text(answered: int, at_least: int, at_most: int) -> str:
    """The progress line: never "0 to go" while a question is open, exact when the count is."""
    if at_least <= 0:
        return f"{answered} answered, none left to answer"
    if at_least >= at_most:
        return f"{answered} answered, {at_least} to go"
    return f"{answered} answered, between {at_least} and {at_most} to go"


def questionnaire_page(
    round_: Round,
    person: Person,
    domain_id: str | None,
    *,
    focus: bool = False,
    rejected: Rejected | None = None,
) -> dict[str, Any]:
    """The page's context. With no (known) domain it resumes at the first open question; with
    `focus` that question (or the refused field) takes the focus, so the page scrolls to it."""
    edition = current_edition()
    question_set = edition.question_set(person.role or None)  # unknown or empty: the whole bank
    domain_ids = asked_domain_ids(edition, question_set)
    response = Response.objects.filter(round=round_, person=person, source="self").first()
    stored = {a.item_id: a for a in response.answers.all()} if response else {}
    answers = {
        item_id: CoreAnswer(a.value, a.evidence, a.answered_at) for item_id, a in stored.items()
    }
    upcoming = next_question(edition, answers, question_set)
    if rejected and rejected.item_id in edition.item_index:
        shown_domain = _domain_of(edition, rejected.item_id)
    elif domain_id in domain_ids:
        shown_domain = str(domain_id)
    else:
        shown_domain = _domain_of(edition, upcoming.id) if upcoming else domain_ids[0]
    domain = edition.domain(shown_domain)
    index = domain_ids.index(shown_domain) if shown_domain in domain_ids else 0
    asked = domain_questions(edition, domain, answers, question_set)
    first_open = next((item.id for item in asked if item.id not in answers), None)
    shown = {item.id for item in asked} | ({rejected.item_id} if rejected else set())
    items = [
        _entry(edition, item, stored.get(item.id), rejected)
        for item in domain.items
        if item.id in shown  # a refused item stays on the page with what was typed
    ]
    attached = any(entry["error"] for entry in items)
    submitted = bool(response and response.submitted_at)
    if focus and not attached and not submitted:
        for entry in items:
            entry["focus"] = "value" if entry["item"].id == first_open else None
    answered = sum(1 for item in questions(edition, answers, question_set) if item.id in answers)
    at_least = remaining_at_least(edition, answers, question_set)
    at_most = remaining_at_most(edition, answers, question_set)
    return {
        "round": round_,
        "domain": domain,
        "domain_summary": " ".join(domain.summary.split()),
        "items": items,
        "position": index + 1,
        "domain_count": len(domain_ids),
        "previous_domain": domain_ids[index - 1] if index > 0 else None,
        "next_domain": domain_ids[index + 1] if index + 1 < len(domain_ids) else None,
        "answered": answered,
        "left": at_most,
        "progress_text": progress_text(answered, at_least, at_most),
        "first_open": first_open,
        "resume": (_domain_of(edition, upcoming.id), upcoming.id) if upcoming else None,
        "complete": upcoming is None,
        "submitted": submitted,
        "max_evidence": MAX_EVIDENCE,
        "percent": round(100 * answered / max(answered + at_most, 1)),
        "error": None if rejected is None or attached else rejected.error,
    }


def _domain_of(edition: Edition, item_id: str) -> str:
    return next(d.id for d in edition.domains if any(item.id == item_id for item in d.items))


def _entry(
    edition: Edition, item: Item, stored: Answer | None, rejected: Rejected | None
) -> dict[str, Any]:
    """One item's form: the stored answer, or what was typed when the server refused it."""
    refused = rejected if rejected is not None and rejected.item_id == item.id else None
    error = refused.error if refused and refused.error.field in ITEM_FIELDS else None
    chosen = stored.value if stored else None
    evidence = stored.evidence if stored else ""
    if refused:
        chosen = _scale_value(refused.value)
        evidence = refused.evidence
    return {
        "item": item,
        "statement": " ".join(item.statement.split()),
        "evidence_prompt": " ".join(item.evidence_prompt.split()),
        "needs_evidence": item.level >= edition.scoring.evidence_required_from_level,
        "answer": stored,
        "saved": stored is not None and refused is None,
        "chosen": chosen,
        "evidence": evidence,
        "error": error,
        "focus": error.field if error else None,
        "options": [(value, edition.answer_label(item, value)) for value in ANSWER_VALUES],
    }


def _scale_value(typed: str) -> float | None:
    try:
        number = float(typed)
    except ValueError:
        return None
    return number if number in ANSWER_VALUES else None
