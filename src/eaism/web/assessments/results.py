"""The personal results page: radar, operating level and why, claimed vs demonstrated, reviews, roadmap."""

from __future__ import annotations

from typing import Any

from eaism.charts.radar import radar_svg
from eaism.model.schema import Edition
from eaism.planning.roadmap import profile_of, roadmap
from eaism.scoring.document import person_document
from eaism.scoring.person import NEEDS_EVIDENCE, STALE_EVIDENCE, STATUS_TEXT, DomainResult
from eaism.scoring.profile import PersonResult
from eaism.web.assessments.models import Response, Round
from eaism.web.assessments.scoring import reviewed_levels
from eaism.web.edition import current_edition
from eaism.web.labels import NOT_ASSESSED
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person


def results_context(
    access: Access, round_: Round, person: Person, result: PersonResult | None
) -> dict[str, Any]:
    own = person.user_id == access.membership.user_id
    context: dict[str, Any] = {
        "access": access,
        "round": round_,
        "person": person,
        "result": None,
        "may_reopen": own
        and round_.is_open
        and Response.objects.filter(
            round=round_, person=person, source="self", submitted_at__isnull=False
        ).exists(),
    }
    if result is None:
        return context
    edition = current_edition()
    document = person_document(edition, result)
    reviews = reviewed_levels(round_, person)
    # Domains not assessed (no level) stay off the radar: it would draw them at 0.
    charted = [d for d in edition.domain_ids if document["domains"][d]["assessed"]]
    labels = [edition.domain(d).name for d in charted]
    profiles = [("Demonstrated", [document["domains"][d]["level"] for d in charted])]
    if reviews:
        profiles.append(
            (
                "Reviewed",
                [
                    reviews[d].level if d in reviews else document["domains"][d]["level"]
                    for d in charted
                ],
            )
        )
    role = person.role if person.role in {r.id for r in edition.roles} else None
    context.update(
        result=document,
        radar=radar_svg(labels, profiles),
        rows=[
            {
                "id": d,
                **document["domains"][d],
                "review": reviews.get(d),
                "levels": (0, *edition.domain(d).applicable_levels),
                "needs_evidence": needs_evidence(edition, result.domains[d]),
            }
            for d in edition.domain_ids
        ],
        roadmap=roadmap(edition, profile_of(result), role) if role else None,
        may_review=access.may_see_person(person) and not own,
        not_assessed=NOT_ASSESSED,
    )
    context["evidence_missing"] = any(row["needs_evidence"] for row in context["rows"])
    return context


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

    edition = current_edition()
    role = person.role if person.role in {r.id for r in edition.roles} else None
    plan = roadmap_document(edition, roadmap(edition, profile_of(result), role)) if role else None
    reviewed = {domain: review.level for domain, review in reviewed_levels(round_, person).items()}
    html = person_report_html(
        edition, person_document(edition, result), plan, date.today(), reviewed or None
    )
    return html_to_pdf(html)
