"""The API of the competence evidence pack: the compliance page's document, its schema declared
by the document's own types. Names for owners and admins; analysts get counts."""

from __future__ import annotations

from typing import Annotated

from django.http import HttpRequest
from ninja import Query, Router

from eaism.analysis.compliance_types import ComplianceDocument
from eaism.web.api_errors import LARGEST_ID, Slug, errors
from eaism.web.audit.record import record
from eaism.web.organisations.access import access_for, require
from eaism.web.organisations.compliance import compliance_for, readable_round

router = Router(tags=["compliance"])


@router.get(
    "/organisations/{slug}/compliance",
    response={200: ComplianceDocument, **errors(400, 401, 403, 404)},
)
def compliance(
    request: HttpRequest,
    slug: Slug,
    round: Annotated[
        int | None,
        Query(
            ge=1,
            le=LARGEST_ID,
            description="The round the levels come from; default: the latest with a submitted "
            "response (for analysts: the latest closed round, the only ones they may read)",
        ),
    ] = None,
) -> ComplianceDocument:
    """Competence records per AI system, person and involvement, with coverage and shortfalls."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_all_aggregates)
    round_ = readable_round(access, round)
    document = compliance_for(access, round_)
    if document["names"]:
        round_id = round_.id if round_ is not None else None
        record(request, "competence_records_viewed", access.organisation, round=round_id, via="api")
    return document
