"""The competence evidence pack of an organisation: one document for the page, the downloads and
the API, with names for owners and admins only and counts for analysts."""

from __future__ import annotations

from datetime import date
from typing import TYPE_CHECKING

from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils import timezone

from eaism.analysis.competence import competence_pack, compliance_document
from eaism.model.schema import Edition
from eaism.reports.compliance_report import compliance_report_html, compliance_sheets
from eaism.reports.pdf import html_to_pdf
from eaism.reports.spreadsheet import workbook_bytes
from eaism.web.assessments.models import Round
from eaism.web.organisations.access import Access
from eaism.web.organisations.competence_store import competence_inputs, measured_round
from eaism.web.organisations.store import analysed_edition

if TYPE_CHECKING:
    from eaism.analysis.compliance_types import ComplianceDocument

FORMATS = {
    "pdf": "application/pdf",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "json": "application/json",
}


def readable_round(access: Access, wanted: int | None) -> Round | None:
    """The round the pack rests on. Analysts read closed rounds only, whose records never move
    with one person's answers, so no one's result can be read from a change in the counts; their
    default is the latest closed round. A round of another organisation is the uniform 404."""
    closed_only = not access.is_admin
    found = measured_round(access.organisation, wanted, closed_only)
    if wanted is not None and found is None:
        raise Http404("not found")
    if found is not None and closed_only and found.status != Round.Status.CLOSED:
        raise PermissionDenied("analysts read the competence records of closed rounds")
    return found


def compliance_for(
    access: Access, round_: Round | None, as_of: date | None = None
) -> ComplianceDocument:
    """The pack as this reader may see it: records with names for owners and admins."""
    organisation = access.organisation
    edition = analysed_edition(round_)
    inputs = competence_inputs(organisation, round_)
    pack = competence_pack(edition, inputs, as_of or timezone.localdate())
    return compliance_document(edition, pack, access.is_admin, organisation.min_group_size)


def pack_pdf(
    edition: Edition, document: ComplianceDocument, validity: str | None, name: str
) -> bytes:
    as_of = date.fromisoformat(document["as_of"])
    return html_to_pdf(compliance_report_html(edition, document, as_of, validity, name))


def pack_workbook(document: ComplianceDocument) -> bytes:
    return workbook_bytes(compliance_sheets(document))
