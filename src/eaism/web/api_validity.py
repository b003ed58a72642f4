"""The API of a round's validity report: the same document as its page, its schema declared by
the document's own types."""

from __future__ import annotations

from django.http import HttpRequest
from ninja import Router

from eaism.analysis.validity import validity_document
from eaism.analysis.validity_types import ValidityDocument
from eaism.web.api_errors import RoundId, Slug, errors
from eaism.web.assessments.scoring import round_edition
from eaism.web.assessments.validity import may_read_validity, round_validity
from eaism.web.audit.record import record
from eaism.web.organisations.access import access_for, require

router = Router(tags=["validity"])


@router.get(
    "/organisations/{slug}/rounds/{round_id}/validity",
    response={200: ValidityDocument, **errors(400, 401, 403, 404)},
)
def validity(request: HttpRequest, slug: Slug, round_id: RoundId) -> ValidityDocument:
    """How well the round measured: owners and admins any round, analysts closed rounds."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    require(may_read_validity(access, round_))
    record(request, "validity_viewed", access.organisation, round_.name, round=round_.id)
    return validity_document(round_edition(round_), round_validity(round_))
