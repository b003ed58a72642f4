"""The questionnaire page: one domain at a time, adaptive, with progress across all domains.

The domain's questions come level by level; each level (a cell) that needs evidence has one
evidence field for all its statements, shown once they are answered and one is claimed.
Where the cell's answers cannot meet it, the field is optional (folded away): evidence there
shows progress only and cannot change a level. Last round's evidence is offered again; in a
round on a newer edition, last round's answers the migration carries are offered as a start.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from eaism.model.schema import ANSWER_VALUES, Domain, Edition, Item
from eaism.scoring.adaptive import (
    asked_domain_ids,
    domain_questions,
    next_question,
    questions,
    remaining_at_least,
    remaining_at_most,
)
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.web.assessments.answers import (
    MAX_EVIDENCE,
    Cell,
    EarlierEvidence,
    earlier_evidence,
    latest_evidence,
)
from eaism.web.assessments.carried import carried_notice, carried_offer, is_carried
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.assessments.reviews import calibration_drawn
from eaism.web.assessments.scoring import round_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.models import Person

ITEM_FIELDS = ("value",)
CELL_FIELDS = ("evidence", "still_true")


@dataclass(frozen=True)
class Rejected:
    """An answer, a cell's evidence or a submission the server refused: the error, and what was
    typed, kept. `cell` is set for the evidence form."""

    error: InputError
    item_id: str = ""
    value: str = ""
    evidence: str = ""
    cell: Cell | None = None


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
    edition = round_edition(round_)
    response = Response.objects.filter(round=round_, person=person, source="self").first()
    # The calibration share answers the whole item bank, every level of every domain.
    calibration = response.calibration if response else calibration_drawn(round_, person)
    adaptive = not calibration
    # unknown or empty role: the whole bank
    question_set = None if calibration else edition.question_set(person.role or None)
    domain_ids = asked_domain_ids(edition, question_set)
    stored = {a.item_id: a for a in response.answers.all()} if response else {}
    answers = {
        item_id: CoreAnswer(a.value, a.evidence, a.answered_at) for item_id, a in stored.items()
    }
    upcoming = next_question(edition, answers, question_set, adaptive)
    shown_domain = _shown_domain(edition, domain_ids, domain_id, rejected, upcoming)
    domain = edition.domain(shown_domain)
    index = domain_ids.index(shown_domain) if shown_domain in domain_ids else 0
    asked = domain_questions(edition, domain, answers, question_set, adaptive)
    first_open = next((item.id for item in asked if item.id not in answers), None)
    shown = {item.id for item in asked} | ({rejected.item_id} if rejected else set())
    earlier = earlier_evidence(round_, person) if response else {}
    cells = [
        _cell(edition, domain, level, stored, earlier, rejected)
        for level in domain.applicable_levels
        if any(item.id in shown for item in domain.items_at(level))
    ]
    for cell in cells:  # a refused item stays on the page with what was typed
        cell["items"] = [entry for entry in cell["items"] if entry["item"].id in shown]
    entries = [entry for cell in cells for entry in cell["items"]]
    offer = carried_offer(round_, person)  # last round on an older edition, migrated
    for entry in entries:
        item_id = entry["item"].id
        carried = offer is not None and is_carried(offer, item_id, stored.get(item_id))
        entry["carried"] = offer.label if offer and carried else None
    attached = any(entry["error"] for entry in entries) or any(
        cell["evidence"] and cell["evidence"]["error"] for cell in cells
    )
    submitted = bool(response and response.submitted_at)
    if focus and not attached and not submitted:
        for entry in entries:
            entry["focus"] = "value" if entry["item"].id == first_open else None
    asked_all = questions(edition, answers, question_set, adaptive)
    answered = sum(1 for item in asked_all if item.id in answers)
    at_least = remaining_at_least(edition, answers, question_set, adaptive)
    at_most = remaining_at_most(edition, answers, question_set, adaptive)
    return {
        "round": round_,
        "domain": domain,
        "domain_summary": " ".join(domain.summary.split()),
        "cells": cells,
        "items": entries,
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
        "carried": carried_notice(offer, edition, question_set, set(stored)),
    }


def _shown_domain(
    edition: Edition,
    domain_ids: tuple[str, ...],
    domain_id: str | None,
    rejected: Rejected | None,
    upcoming: Item | None,
) -> str:
    """The refused input's domain, else the chosen one, else that of the first open question."""
    if rejected and rejected.item_id in edition.item_index:
        return _domain_of(edition, rejected.item_id)
    if rejected and rejected.cell and rejected.cell[0] in edition.domain_ids:
        return rejected.cell[0]
    if domain_id in domain_ids:
        return str(domain_id)
    return _domain_of(edition, upcoming.id) if upcoming else domain_ids[0]


def _domain_of(edition: Edition, item_id: str) -> str:
    return next(d.id for d in edition.domains if any(item.id == item_id for item in d.items))


def _cell(
    edition: Edition,
    domain: Domain,
    level: int,
    stored: dict[str, Answer],
    earlier: dict[Cell, EarlierEvidence],
    rejected: Rejected | None,
) -> dict[str, Any]:
    """One level of the domain: its statements, and the one evidence field they share."""
    items = domain.items_at(level)
    entries = [_entry(edition, item, stored.get(item.id), rejected) for item in items]
    needs_evidence = level >= edition.scoring.evidence_required_from_level
    return {
        "level": level,
        "items": entries,
        "evidence": _evidence_field(edition, domain, level, entries, stored, earlier, rejected)
        if needs_evidence
        else None,
    }


def _evidence_field(
    edition: Edition,
    domain: Domain,
    level: int,
    entries: list[dict[str, Any]],
    stored: dict[str, Answer],
    earlier: dict[Cell, EarlierEvidence],
    rejected: Rejected | None,
) -> dict[str, Any] | None:
    """The cell's evidence form: once all its statements are answered and one is claimed
    (above "not yet"), or while it holds evidence; None before."""
    items = domain.items_at(level)
    given = [stored[item.id] for item in items if item.id in stored]
    evidence = latest_evidence(given)
    item_ids = {item.id for item in items}
    refused = rejected is not None and (
        rejected.cell == (domain.id, level) or rejected.item_id in item_ids
    )
    error = rejected.error if refused and rejected and rejected.error.field in CELL_FIELDS else None
    if error and rejected:
        evidence = rejected.evidence
    chosen = [entry["chosen"] for entry in entries]
    claimed = all(value is not None for value in chosen) and any(chosen)
    if not (claimed or evidence or error):
        return None
    offer = earlier.get((domain.id, level))
    kept = offer is not None and bool(evidence) and evidence == offer.evidence
    return {
        "id": f"{domain.id}-{level}",
        "statements": len(items),
        "prompts": [" ".join(item.evidence_prompt.split()) for item in items],
        "evidence": evidence,
        "saved": bool(evidence) and error is None,
        "error": error,
        "focus": error is not None,
        "open": bool(evidence or error or offer) or _can_be_met(edition, items, stored),
        "offer": offer if offer and not evidence else None,
        "kept": offer if kept else None,
    }


def _can_be_met(edition: Edition, items: tuple[Item, ...], stored: dict[str, Answer]) -> bool:
    """Whether the cell's answers meet it, or still can with the unanswered ones at the top:
    only then can evidence change a level (elsewhere it shows progress only)."""
    best = sum(stored[item.id].value if item.id in stored else 1.0 for item in items)
    return best >= edition.scoring.cell_met_threshold * len(items)


def _entry(
    edition: Edition, item: Item, stored: Answer | None, rejected: Rejected | None
) -> dict[str, Any]:
    """One item's form: the stored answer, or what was typed when the server refused it."""
    refused = rejected if rejected is not None and rejected.item_id == item.id else None
    error = refused.error if refused and refused.error.field in ITEM_FIELDS else None
    chosen = stored.value if stored else None
    if refused:
        chosen = _scale_value(refused.value)
    return {
        "item": item,
        "statement": " ".join(item.statement.split()),
        "answer": stored,
        "saved": stored is not None and refused is None,
        "chosen": chosen,
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
