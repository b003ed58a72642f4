"""The personal results page: radar, operating level and why, claimed vs demonstrated, reviews, roadmap."""

from __future__ import annotations

from typing import Any

from eaism.charts.radar import radar_svg
from eaism.planning.roadmap import profile_of, roadmap
from eaism.scoring.document import person_document
from eaism.scoring.profile import PersonResult
from eaism.web.assessments.models import Round
from eaism.web.assessments.scoring import reviewed_levels
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access
from eaism.web.organisations.models import Person


def results_context(
    access: Access, round_: Round, person: Person, result: PersonResult | None
) -> dict[str, Any]:
    context: dict[str, Any] = {"access": access, "round": round_, "person": person, "result": None}
    if result is None:
        return context
    edition = current_edition()
    document = person_document(edition, result)
    reviews = reviewed_levels(round_, person)
    labels = [domain.name for domain in edition.domains]
    profiles = [("Demonstrated", [document["domains"][d]["level"] for d in edition.domain_ids])]
    if reviews:
        profiles.append(
            (
                "Reviewed",
                [
                    reviews[d].level if d in reviews else document["domains"][d]["level"]
                    for d in edition.domain_ids
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
            }
            for d in edition.domain_ids
        ],
        roadmap=roadmap(edition, profile_of(result), role) if role else None,
        may_review=access.may_see_person(person) and person.user_id != access.membership.user_id,
    )
    return context


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
