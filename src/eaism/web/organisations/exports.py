"""Downloads: the organisation report, people results and raw answers, each written to the audit log.

The report takes every figure from the published document (organisations.publication), so it
says what the dashboard says and changes only when the dashboard does.
"""

from __future__ import annotations

from datetime import date

from eaism.analysis.document_types import ShownCohortEntry, ShownFigures, ShownTrainingPlan
from eaism.analysis.protection import shown
from eaism.model.schema import Edition
from eaism.reports.organisation_report import organisation_report_html
from eaism.reports.spreadsheet import Sheets, analysis_sheets
from eaism.web.assessments.models import Answer, Round, Score
from eaism.web.edition import edition_with_id
from eaism.web.organisations.access import Access
from eaism.web.organisations.dashboard_types import DashboardFigures


def report_parts(
    access: Access, round_: Round | None, document: DashboardFigures
) -> tuple[str, Sheets]:
    """The report's HTML and its spreadsheet tables, from the published document alone."""
    edition = edition_with_id(document["edition"])
    display = shown(document)
    training = training_cohorts(edition, display, access.organisation.min_group_size)
    appendix = validity_appendix(access, round_)
    html = organisation_report_html(edition, display, training, date.today(), appendix)
    return html, analysis_sheets(display, training)


def validity_appendix(access: Access, round_: Round | None) -> str | None:
    """The round's validity report, for whoever may read it (a closed round, for analysts)."""
    from eaism.reports.validity_html import validity_html
    from eaism.web.assessments.scoring import round_edition
    from eaism.web.assessments.validity import may_read_validity, round_validity

    if round_ is None or not may_read_validity(access, round_):
        return None
    report = round_validity(round_)
    return str(validity_html(round_edition(round_), report, round_.name, round_.closed_at))


def training_cohorts(edition: Edition, document: ShownFigures, minimum: int) -> ShownTrainingPlan:
    """The training plan of the published needs: cohorts of at least `minimum` people, in the
    edition's priority (as planning.training_plan orders them); smaller ones could point to
    individuals, and withheld ones are left out."""
    priority = {level: rank for rank, level in enumerate(edition.analysis.training_priority)}
    cohorts: list[ShownCohortEntry] = [
        {
            "domain": need["domain"],
            "level": need["level"],
            "descriptor": " ".join(
                edition.domain(need["domain"]).cell(need["level"]).descriptor.split()
            ),
            "people": people,
            "in_progress": need["in_progress"],
        }
        for need in document["training"]
        if isinstance(people := need["one_step_away"], int) and people >= minimum
    ]
    cohorts.sort(key=lambda c: (priority.get(c["level"], len(priority)), -c["people"], c["domain"]))
    return {"format": "eaism.training-plan/1", "cohorts": cohorts}


def people_results(round_: Round) -> Sheets:
    edition = edition_with_id(round_.edition)
    header = ["Person", "Team", "Operating level", "Claimed level", *edition.domain_ids]
    rows = [
        [
            score.person.external_id,
            score.person.team.name if score.person.team else "",
            score.operating_level,
            score.claimed_level,
            *score.levels,
        ]
        for score in Score.objects.filter(round=round_)
        .select_related("person__team")
        .order_by("person__external_id")
    ]
    return {"People results": (header, rows)}


def raw_answers(round_: Round) -> Sheets:
    header = ["Person", "Source", "Item", "Value", "Evidence", "Answered at"]
    rows = [
        [
            a.response.person.external_id,
            a.response.source,
            a.item_id,
            a.value,
            a.evidence,
            a.answered_at.isoformat(),
        ]
        for a in Answer.objects.filter(response__round=round_)
        .select_related("response__person")
        .order_by("response__person__external_id", "item_id")
    ]
    return {"Answers": (header, rows)}
