"""One person's answers as their reviewer sees them: per domain, item by item, with the answer's
label, the evidence and its check, what the review policy asks, and the decisions made so far.

Independence: on a person drawn for a second review, a reviewer sees the other review's
decisions only once both reviews are marked done; an admin, who resolves disagreements, always
sees them.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field, fields
from typing import Any

from eaism.model.schema import ANSWER_VALUES, Edition, Item, Source
from eaism.scoring.document import person_document
from eaism.scoring.document_types import PersonDocument, ProfileDomainEntry
from eaism.scoring.review_policy import ReviewPlan
from eaism.web.assessments.models import Answer, DomainReview, ItemReview, Response, Review, Round
from eaism.web.assessments.results import decision_text, evidence_flags
from eaism.web.assessments.reviews import disagreements, result_for, review_plan_for
from eaism.web.assessments.scoring import round_edition
from eaism.web.input_error import InputError
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person

LINK = re.compile(r"https?://[^\s<>\"']+")


@dataclass(frozen=True, slots=True)
class Typed:
    """What the reviewer sent, kept on the page when it is refused."""

    action: str = ""
    item_id: str = ""
    value: str = ""
    note: str = ""
    domain: str = ""
    level: str = ""

    @classmethod
    def from_form(cls, data: Any) -> Typed:
        return cls(**{part.name: str(data.get(part.name, "")) for part in fields(cls)})


@dataclass(frozen=True, slots=True)
class Rejected:
    typed: Typed
    error: InputError


@dataclass
class Sheet:
    """Everything the review page shows; `rows` are the domains with answers."""

    person: Person
    submitted: bool
    plan: ReviewPlan
    own_review: Review | None
    others_visible: bool
    review_from_level: int  # every claim at this level and above is checked
    domains: list[dict[str, Any]] = field(default_factory=list)
    disagreements: list[dict[str, Any]] = field(default_factory=list)
    page_error: str = ""

    @property
    def sampled(self) -> int:
        """The claims below the review level drawn for a check."""
        return len(self.plan.items) - len(self.plan.required)

    def item(self, item_id: str) -> dict[str, Any] | None:
        rows = (row for domain in self.domains for row in domain["items"])
        return next((row for row in rows if row["id"] == item_id), None)


def anchor(item_id: str) -> str:
    """An element id for an item: item ids hold dots, which a CSS selector would misread."""
    return "item-" + re.sub(r"[^A-Za-z0-9_-]", "-", item_id)


def evidence_parts(text: str) -> list[tuple[str, bool]]:
    """The evidence as (text, is_link) parts, so a template links only http(s) addresses."""
    parts: list[tuple[str, bool]] = []
    position = 0
    for match in LINK.finditer(text):
        parts += [(text[position : match.start()], False), (match.group(), True)]
        position = match.end()
    parts.append((text[position:], False))
    return [part for part in parts if part[0]]


def decision_for_value(round_: Round, person: Person, item_id: str, value: float) -> str:
    """A reviewed value equal to the person's answer confirms it; a lower one lowers it."""
    own = Answer.objects.filter(
        response__round=round_, response__person=person, response__source="self", item_id=item_id
    ).first()
    same = own is not None and own.value == value
    return str(ItemReview.Decision.CONFIRM if same else ItemReview.Decision.LOWER)


def review_sheet(
    access: Access, round_: Round, person: Person, rejected: Rejected | None = None
) -> Sheet:
    edition = round_edition(round_)
    viewer = access.membership.user_id
    reviews = list(
        Review.objects.filter(round=round_, person=person)
        .select_related("reviewer")
        .prefetch_related("items", "domains")
    )
    own = next((r for r in reviews if r.reviewer_id == viewer and r.kind != "resolution"), None)
    plan = review_plan_for(round_, person)
    sheet = Sheet(
        person=person,
        submitted=Response.objects.filter(
            round=round_, person=person, source="self", submitted_at__isnull=False
        ).exists(),
        plan=plan,
        own_review=own,
        others_visible=_others_visible(access, plan, reviews, own),
        review_from_level=edition.scoring.review_from_level,
    )
    answers = {
        answer.item_id: answer
        for answer in Answer.objects.filter(
            response__round=round_, response__person=person, response__source="self"
        )
    }
    context = _Context(edition, answers, evidence_flags(edition, round_, person), reviews, rejected)
    result = result_for(access, round_, person)
    document = person_document(edition, result) if result is not None else None
    sheet.domains = [
        _domain(context, sheet, domain.id, document)
        for domain in edition.domains
        if any(item.id in answers for item in domain.items)
    ]
    if access.is_admin:
        sheet.disagreements = _disagreements(edition, round_, person, reviews, answers)
    if rejected is not None and not _shown_in_place(sheet, rejected):
        sheet.page_error = rejected.error.message
    return sheet


def _shown_in_place(sheet: Sheet, rejected: Rejected) -> bool:
    """Whether a refused input's error appears next to its own form (an item's or a domain's)."""
    typed = rejected.typed
    if rejected.error.field == "round" or typed.action in ("resolve", "done"):
        return False
    if typed.item_id:
        return sheet.item(typed.item_id) is not None
    return any(domain["id"] == typed.domain for domain in sheet.domains)


@dataclass(frozen=True, slots=True)
class _Context:
    edition: Edition
    answers: dict[str, Answer]
    flags: dict[str, tuple[str, ...]]
    reviews: list[Review]
    rejected: Rejected | None


def _others_visible(
    access: Access, plan: ReviewPlan, reviews: list[Review], own: Review | None
) -> bool:
    if access.is_admin or not plan.double:
        return True
    ratings = [review for review in reviews if review.kind != "resolution"]
    done = [review for review in ratings if review.completed_at is not None]
    return own is not None and own.completed_at is not None and len(done) >= 2


def _domain(
    context: _Context, sheet: Sheet, domain_id: str, document: PersonDocument | None
) -> dict[str, Any]:
    edition = context.edition
    domain = edition.domain(domain_id)
    own_rating = _own_domain_rating(sheet.own_review, domain_id)
    rejected = context.rejected
    typed = rejected.typed if rejected and rejected.typed.domain == domain_id else None
    levels = (0, *domain.applicable_levels)
    self_rated = _rated_domain(document, "self", domain_id)
    reviewed = _rated_domain(document, "reviewer", domain_id)
    return {
        "id": domain_id,
        "name": domain.name,
        "self_level": self_rated["level"] if self_rated else None,
        "reviewed_level": reviewed["level"] if reviewed and reviewed["rated"] else None,
        "levels": [(level, _level_name(edition, level)) for level in levels],
        "own": own_rating,
        "chosen": typed.level if typed else (str(own_rating.level) if own_rating else ""),
        "note": typed.note if typed else (own_rating.note if own_rating else ""),
        "error": rejected.error if typed and rejected and typed.action != "resolve" else None,
        "items": [
            _item(context, sheet, item) for item in domain.items if item.id in context.answers
        ],
    }


def _rated_domain(
    document: PersonDocument | None, source: Source, domain_id: str
) -> ProfileDomainEntry | None:
    """One source's rating of a domain; None without a result, that source or that domain."""
    profile = document["profiles"].get(source) if document else None
    return profile["domains"].get(domain_id) if profile else None


def _own_domain_rating(review: Review | None, domain_id: str) -> DomainReview | None:
    if review is None:
        return None
    return next((rating for rating in review.domains.all() if rating.domain == domain_id), None)


def _item(context: _Context, sheet: Sheet, item: Item) -> dict[str, Any]:
    edition, answer = context.edition, context.answers[item.id]
    own = _decisions(sheet.own_review, item.id)
    others = [
        (review, decision)
        for review in context.reviews
        if review is not sheet.own_review
        for decision in _decisions(review, item.id)
    ]
    rejected = context.rejected
    typed = rejected.typed if rejected and rejected.typed.item_id == item.id else None
    mine = own[0] if own else None
    return {
        "id": item.id,
        "anchor": anchor(item.id),
        "level": item.level,
        "statement": " ".join(item.statement.split()),
        "answer": edition.answer_label(item, answer.value) if answer.value in ANSWER_VALUES else "",
        "value": answer.value,
        "evidence": evidence_parts(answer.evidence),
        "flags": context.flags.get(item.id, ()),
        "required": item.id in sheet.plan.required,
        "sampled": item.id in sheet.plan.items and item.id not in sheet.plan.required,
        "lower": [
            (f"{value:g}", edition.answer_label(item, value))
            for value in ANSWER_VALUES
            if value < answer.value
        ],
        "mine": mine,
        "mine_text": decision_text(edition, item, mine) if mine else "",
        "others": [
            {
                "reviewer": _reviewer(review),
                "kind": review.get_kind_display(),
                "text": decision_text(edition, item, decision),
                "decision": decision,
            }
            for review, decision in others
            if sheet.others_visible or review.kind == "resolution"
        ],
        "chosen": typed.value
        if typed
        else (f"{mine.value:g}" if mine and mine.value is not None else ""),
        "note": typed.note if typed else (mine.note if mine else ""),
        "error": rejected.error if typed and rejected and typed.action != "resolve" else None,
    }


def _decisions(review: Review | None, item_id: str) -> list[ItemReview]:
    if review is None:
        return []
    return [decision for decision in review.items.all() if decision.item_id == item_id]


def _reviewer(review: Review) -> str:
    return review.reviewer.email if review.reviewer is not None else "a former reviewer"


def _level_name(edition: Edition, level: int) -> str:
    name = edition.level(level).name if level else edition.below_first_level
    return f"{level}: {name}"


def _disagreements(
    edition: Edition,
    round_: Round,
    person: Person,
    reviews: list[Review],
    answers: dict[str, Answer],
) -> list[dict[str, Any]]:
    """Each disagreement in words, with the values an admin may decide between."""
    names = {str(review.reviewer_id): _reviewer(review) for review in reviews}
    found = []
    for disagreement in disagreements(round_, person):
        if disagreement.domain:
            domain = edition.domain(disagreement.key)
            options = [
                (str(level), _level_name(edition, level))
                for level in (0, *domain.applicable_levels)
            ]
            ratings = [
                (names.get(who, who), _level_name(edition, int(level)))
                for who, level in disagreement.ratings
            ]
            found.append(
                {
                    "domain": domain.id,
                    "what": f"{domain.name} as a whole",
                    "ratings": ratings,
                    "options": options,
                }
            )
            continue
        item = edition.item_index.get(disagreement.key)
        answer = answers.get(disagreement.key)
        if item is None or answer is None:
            continue
        options = [
            (f"{v:g}", edition.answer_label(item, v)) for v in ANSWER_VALUES if v <= answer.value
        ]
        ratings = [
            (names.get(who, who), edition.answer_label(item, value))
            for who, value in disagreement.ratings
            if value in ANSWER_VALUES
        ]
        found.append(
            {
                "item": item.id,
                "anchor": anchor(item.id),
                "what": " ".join(item.statement.split()),
                "ratings": ratings,
                "options": options,
            }
        )
    return found
