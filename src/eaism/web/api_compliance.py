"""The API of the competence evidence pack: the compliance page's document, its schema declared
by the document's own types. Names for owners and admins; analysts get counts. Owners and admins
raise required cells above the edition's, and remove them, as on the page."""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any

from django.http import HttpRequest
from ninja import Field, Query, Router, Schema, Status

from eaism.analysis.competence import INVOLVEMENTS, RISK_CLASSES
from eaism.analysis.compliance_types import ComplianceDocument
from eaism.web.api_errors import LARGEST_ID, NO_NUL, Slug, Text, errors, one_of
from eaism.web.audit.record import record
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.compliance import compliance_for, readable_round
from eaism.web.organisations.requirements import MAX_WHY, raise_requirement, remove_requirement

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


Involvement = Annotated[str, Field(pattern=one_of(INVOLVEMENTS), description="The involvement")]
RiskClass = Annotated[str, Field(pattern=one_of(RISK_CLASSES), description="The risk class")]
DomainId = Annotated[Text, Field(min_length=1, max_length=100, description="A domain id")]


class RequirementIn(Schema):
    involvement: Involvement
    risk_class: RiskClass
    domain: DomainId
    level: int = Field(ge=1, le=100, description="A cell of the domain, above the edition's")
    why: Text = Field(
        min_length=1, max_length=MAX_WHY, description="Why the organisation asks more"
    )


class RequirementOut(RequirementIn):
    created_at: datetime


@router.post(
    "/organisations/{slug}/compliance/requirements",
    response={201: RequirementOut, **errors(400, 401, 403, 404, 413)},
)
def raise_cell(request: HttpRequest, slug: Slug, payload: RequirementIn) -> Any:
    """Raise a required cell for an involvement and risk class; raising it again sets the level."""
    access = _admin(request, slug)
    cell = (payload.involvement, payload.risk_class, payload.domain, payload.level, payload.why)
    entry = raise_requirement(access.organisation, *cell, request)
    return Status(
        201,
        RequirementOut(
            involvement=entry.involvement,
            risk_class=entry.risk_class,
            domain=entry.domain,
            level=entry.level,
            why=entry.why,
            created_at=entry.created_at,
        ),
    )


@router.delete(
    "/organisations/{slug}/compliance/requirements",
    response={204: None, **errors(400, 401, 403, 404)},
)
def remove_cell(
    request: HttpRequest,
    slug: Slug,
    involvement: Annotated[str, Query(pattern=one_of(INVOLVEMENTS))],
    risk_class: Annotated[str, Query(pattern=one_of(RISK_CLASSES))],
    domain: Annotated[str, Query(min_length=1, max_length=100, pattern=NO_NUL)],
) -> Any:
    """Remove a raised cell: the edition's level applies there again."""
    access = _admin(request, slug)
    remove_requirement(access.organisation, involvement, risk_class, domain, request)
    return Status(204, None)


def _admin(request: HttpRequest, slug: str) -> Access:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    return access
