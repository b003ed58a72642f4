"""The API of a round's validity report: the same figures as its page, typed."""

from __future__ import annotations

from typing import Any, Literal

from django.http import HttpRequest
from ninja import Router, Schema

from eaism.analysis.validity import validity_document
from eaism.web.api_errors import RoundId, Slug, errors
from eaism.web.assessments.scoring import round_edition
from eaism.web.assessments.validity import may_read_validity, round_validity
from eaism.web.audit.record import record
from eaism.web.organisations.access import access_for, require

router = Router(tags=["validity"])


class FigureOut(Schema):
    status: Literal["shown", "too_few", "undefined"]
    value: float | None
    low: float | None  # the 95 % interval, where the figure has one
    high: float | None
    flagged: bool
    basis: int  # the people it rests on
    required: int  # the people it needs: the reporting threshold
    missing: int  # how many more it needs to be shown
    reason: str


class ItemFiguresOut(Schema):
    id: str
    label: str
    domain: str
    level: int
    asked: int
    difficulty: FigureOut
    item_rest: FigureOut


class DomainFiguresOut(Schema):
    name: str
    reviewed: int
    calibration: int
    kappa: FigureOut
    inflation: FigureOut
    reproducibility: FigureOut
    scalability: FigureOut
    alpha: FigureOut


class ReadingOut(Schema):
    kind: str
    domain: str | None
    text: str


class ValidityOut(Schema):
    format: str
    edition: str
    min_group_size: int
    respondents: int
    calibration: int
    reviewed: int
    thresholds: dict[str, float | int]
    items: list[ItemFiguresOut]
    domains: dict[str, DomainFiguresOut]
    readings: list[ReadingOut]


@router.get(
    "/organisations/{slug}/rounds/{round_id}/validity",
    response={200: ValidityOut, **errors(400, 401, 403, 404)},
)
def validity(request: HttpRequest, slug: Slug, round_id: RoundId) -> Any:
    """How well the round measured: owners and admins any round, analysts closed rounds."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    round_ = access.round(round_id)
    require(may_read_validity(access, round_))
    record(request, "validity_viewed", access.organisation, round_.name, round=round_.id)
    return validity_document(round_edition(round_), round_validity(round_))
