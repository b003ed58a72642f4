"""Downloads: the organisation report, people results and raw answers, each written to the audit log."""

from __future__ import annotations

from datetime import date
from typing import Any

from eaism.planning.document import training_document
from eaism.planning.training import training_plan
from eaism.reports.organisation_report import organisation_report_html
from eaism.reports.spreadsheet import analysis_sheets
from eaism.web.assessments.models import Answer, Round, Score
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access
from eaism.web.organisations.store import core_organisation

Sheets = dict[str, tuple[list[str], list[list[Any]]]]


def report_parts(
    access: Access, round_: Round | None, document: dict[str, Any]
) -> tuple[str, Sheets]:
    """The report's HTML and its spreadsheet tables for what the viewer may see."""
    edition = current_edition()
    core = core_organisation(access.organisation, round_, access.managed_team_ids())
    # Cohorts smaller than the reporting threshold could point to individuals, so they are left out.
    cohorts = training_plan(edition, core.people, access.organisation.min_group_size)
    training = training_document(cohorts, with_members=False)
    html = organisation_report_html(edition, document, training, date.today())
    return html, analysis_sheets(document, training)


def people_results(round_: Round) -> Sheets:
    edition = current_edition()
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
