"""The questionnaire page: one domain at a time, adaptive, with progress across all domains."""

from __future__ import annotations

from typing import Any

from eaism.model.schema import ANSWER_VALUES
from eaism.scoring.adaptive import domain_questions, next_question, remaining_at_most
from eaism.scoring.answers import Answer as CoreAnswer
from eaism.web.assessments.models import Response, Round
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Person


def questionnaire_page(round_: Round, person: Person, domain_id: str | None) -> dict[str, Any]:
    edition = current_edition()
    response = Response.objects.filter(round=round_, person=person, source="self").first()
    stored = {a.item_id: a for a in response.answers.all()} if response else {}
    answers = {
        item_id: CoreAnswer(a.value, a.evidence, a.answered_at) for item_id, a in stored.items()
    }
    if domain_id not in edition.domain_ids:
        upcoming = next_question(edition, answers)
        domain_id = (
            next((d.id for d in edition.domains if upcoming in d.items), edition.domain_ids[0])
            if upcoming
            else edition.domain_ids[0]
        )
    domain = edition.domain(domain_id)
    index = edition.domain_ids.index(domain_id)
    items = [
        {
            "item": item,
            "statement": " ".join(item.statement.split()),
            "evidence_prompt": " ".join(item.evidence_prompt.split()),
            "needs_evidence": item.level >= edition.scoring.evidence_required_from_level,
            "answer": stored.get(item.id),
            "options": [(value, edition.answer_label(item, value)) for value in ANSWER_VALUES],
        }
        for item in domain_questions(edition, domain, answers)
    ]
    left = remaining_at_most(edition, answers)
    return {
        "round": round_,
        "domain": domain,
        "domain_summary": " ".join(domain.summary.split()),
        "items": items,
        "position": index + 1,
        "domain_count": len(edition.domains),
        "previous_domain": edition.domain_ids[index - 1] if index > 0 else None,
        "next_domain": edition.domain_ids[index + 1] if index + 1 < len(edition.domains) else None,
        "answered": len(answers),
        "left": left,
        "complete": next_question(edition, answers) is None,
        "submitted": bool(response and response.submitted_at),
        "percent": round(100 * len(answers) / max(len(answers) + left, 1)),
    }
