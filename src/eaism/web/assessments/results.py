"""The personal results page: radar, operating level and why, claimed vs demonstrated, reviews, roadmap."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any

from eaism.analysis.evidence_check import EvidencePiece, check_evidence
from eaism.charts.radar import radar_svg
from eaism.model.schema import ANSWER_VALUES, Edition, Item
from eaism.planning.roadmap import profile_of, roadmap
from eaism.reports.person_report import reviewed_levels, self_levels
from eaism.scoring.document import person_document
from eaism.scoring.person import NEEDS_EVIDENCE, STALE_EVIDENCE, STATUS_TEXT, DomainResult
from eaism.scoring.profile import PersonResult
from eaism.web.assessments.models import Answer, DomainReview, ItemReview, Response, Round
from eaism.web.assessments.review_queue import may_review
from eaism.web.assessments.scoring import round_edition
from eaism.web.labels import NOT_ASSESSED
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person


def results_context(
    access: Access,
    round_: Round,
    person: Person,
    result: PersonResult | None,
    refused: RefusedReply | None = None,
) -> dict[str, Any]:
    """The page's context; `refused` is a reply to a request for evidence that was not taken."""
    own = person.user_id == access.membership.user_id
    context: dict[str, Any] = {
        "access": access,
        "round": round_,
        "person": person,
        "result": None,
        "queue_link": own and may_review(access),
        "may_reopen": own
        and round_.is_open
        and Response.objects.filter(
            round=round_, person=person, source="self", submitted_at__isnull=False
        ).exists(),
    }
    if result is None:
        return context
    edition = round_edition(round_)
    document = person_document(edition, result)
    reviewed = reviewed_levels(document)
    notes = domain_notes(round_, person)
    # Domains not assessed (no level) stay off the radar: it would draw them at 0.
    charted = {
        d: level
        for d in edition.domain_ids
        if (level := document["domains"][d]["level"]) is not None
    }
    labels = [edition.domain(d).name for d in charted]
    profiles = [("Demonstrated", list(charted.values()))]
    if reviewed:
        profiles = [("Self-rated", self_levels(document, charted)), ("Reviewed", profiles[0][1])]
    role = person.role if person.role in {r.id for r in edition.roles} else None
    context.update(
        result=document,
        radar=radar_svg(labels, profiles, edition.level_numbers[-1]),
        rows=[
            {
                "id": d,
                **document["domains"][d],
                "reviewed": reviewed.get(d),
                "review_note": notes.get(d, ""),
                "levels": (0, *edition.domain(d).applicable_levels),
                "needs_evidence": needs_evidence(edition, result.domains[d]),
            }
            for d in edition.domain_ids
        ],
        roadmap=roadmap(edition, profile_of(result), role) if role else None,
        # Reviewers review on the review page; the results page links there.
        may_review=access.may_see_person(person) and not own,
        not_assessed=NOT_ASSESSED,
    )
    context["evidence_missing"] = any(row["needs_evidence"] for row in context["rows"])
    if own:
        context["item_reviews"] = item_reviews(round_, person, edition, refused)
        context["domain_reviews"] = domain_reviews(round_, person, edition)
        context["evidence_flags"] = flagged_answers(edition, round_, person)
        shown = any(entry["error"] and entry["requested"] for entry in context["item_reviews"])
        if refused is not None and not (shown and round_.is_open):
            context["reply_error"] = refused.message  # no form of its own to show it by
    context["may_answer_requests"] = own and round_.is_open
    return context


def domain_notes(round_: Round, person: Person) -> dict[str, str]:
    """The latest reviewer's note per domain rated as a whole."""
    rated = DomainReview.objects.filter(review__round=round_, review__person=person)
    return {rating.domain: rating.note for rating in rated.order_by("decided_at")}


@dataclass(frozen=True, slots=True)
class RefusedReply:
    """A reply to a request for evidence that `answer_request` refused, kept on the page."""

    item_id: str
    text: str
    message: str


def item_reviews(
    round_: Round, person: Person, edition: Edition, refused: RefusedReply | None = None
) -> list[dict[str, Any]]:
    """The reviewers' decisions on the person's answers, one entry per item in edition order."""
    decisions = ItemReview.objects.filter(review__round=round_, review__person=person)
    by_item: dict[str, list[ItemReview]] = {}
    for decision in decisions.order_by("decided_at", "id"):
        if decision.item_id in edition.item_index:
            by_item.setdefault(decision.item_id, []).append(decision)
    domains = {item.id: domain.name for domain in edition.domains for item in domain.items}
    entries = []
    for item_id in (item_id for item_id in edition.item_index if item_id in by_item):
        item, given = edition.item_index[item_id], by_item[item_id]
        requests = [d for d in given if d.decision == ItemReview.Decision.REQUEST_EVIDENCE]
        replied = next((d for d in requests if d.replied_at is not None), None)
        typed = refused if refused is not None and refused.item_id == item_id else None
        entries.append(
            {
                "id": item_id,
                "anchor": "request-" + re.sub(r"[^A-Za-z0-9_-]", "-", item_id),
                "statement": " ".join(item.statement.split()),
                "domain": domains[item_id],
                "level": item.level,
                "decisions": [
                    {"text": decision_text(edition, item, d), "note": d.note} for d in given
                ],
                "requested": bool(requests),
                "reply": replied.reply if replied else "",
                "replied_at": replied.replied_at if replied else None,
                "typed": typed.text if typed else "",
                "error": typed.message if typed else "",
            }
        )
    return entries


def decision_text(edition: Edition, item: Item, decision: ItemReview) -> str:
    """A decision in words: confirmed, lowered to a label of the scale, more evidence asked for."""
    if decision.decision == ItemReview.Decision.LOWER and decision.value in ANSWER_VALUES:
        return f"Lowered to “{edition.answer_label(item, decision.value)}”"
    return str(decision.get_decision_display())


def domain_reviews(round_: Round, person: Person, edition: Edition) -> list[dict[str, Any]]:
    """The levels reviewers gave whole domains, with their notes, in edition order."""
    order = {domain_id: index for index, domain_id in enumerate(edition.domain_ids)}
    rated = DomainReview.objects.filter(review__round=round_, review__person=person)
    return [
        {
            "domain": edition.domain(rating.domain).name,
            "level": rating.level,
            "level_name": (
                edition.level(rating.level).name if rating.level else edition.below_first_level
            ),
            "note": rating.note,
        }
        for rating in sorted(rated, key=lambda found: (order.get(found.domain, 99), found.id))
        if rating.domain in order
    ]


def evidence_flags(edition: Edition, round_: Round, person: Person) -> dict[str, tuple[str, ...]]:
    """The evidence check's reasons per answer of the person: it assists, and never changes a
    level. Other people's evidence takes part only where its text is the same as theirs."""
    found = list(
        Answer.objects.filter(response__round=round_, response__source="self")
        .exclude(evidence="")
        .values_list("response__person__external_id", "item_id", "evidence")
    )
    own = [piece for piece in found if piece[0] == person.external_id]
    texts = {_normalised(text) for _, _, text in own}
    pieces = [
        EvidencePiece(person_id, item_id, text)
        for person_id, item_id, text in found
        if item_id in edition.item_index
        and (person_id == person.external_id or _normalised(text) in texts)
    ]
    flags = check_evidence(edition, pieces)
    return {
        item_id: tuple(flag.reason for flag in flags[(person_id, item_id)])
        for person_id, item_id, _ in own
        if flags.get((person_id, item_id))
    }


def flagged_answers(edition: Edition, round_: Round, person: Person) -> list[dict[str, Any]]:
    """The person's answers whose evidence the check flags, with its reasons."""
    flags = evidence_flags(edition, round_, person)
    return [
        {
            "statement": " ".join(item.statement.split()),
            "level": item.level,
            "reasons": flags[item.id],
        }
        for item in edition.item_index.values()
        if item.id in flags
    ]


def _normalised(text: str) -> str:
    # The evidence check's own reading of "the same text": case, spaces and punctuation aside.
    return " ".join(re.findall(r"\w+", text.lower()))


def needs_evidence(edition: Edition, domain: DomainResult) -> list[dict[str, Any]]:
    """The positive answers that count toward the claimed level only: no evidence, or too old."""
    return [
        {
            "id": item.item_id,
            "level": cell.level,
            "statement": " ".join(edition.item_index[item.item_id].statement.split()),
            "why": STATUS_TEXT[item.status],
        }
        for cell in domain.cells
        for item in cell.items
        if item.status in (NEEDS_EVIDENCE, STALE_EVIDENCE)
    ]


def personal_report_pdf(round_: Round, person: Person, result: PersonResult) -> bytes:
    """The personal report as PDF: the same content as the page, for a career conversation."""
    from datetime import date

    from eaism.planning.document import roadmap_document
    from eaism.reports.pdf import html_to_pdf
    from eaism.reports.person_report import person_report_html

    edition = round_edition(round_)
    role = person.role if person.role in {r.id for r in edition.roles} else None
    plan = roadmap_document(edition, roadmap(edition, profile_of(result), role)) if role else None
    when = round_.closed_at.date() if round_.closed_at else date.today()
    html = person_report_html(edition, person_document(edition, result), plan, when)
    return html_to_pdf(html)
