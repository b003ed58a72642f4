"""The API of running a round: opening it, inviting, reminding, and its response rates.

The same actions as the rounds pages (assessments.rounds and assessments.outreach); an
`InputError` from them is the API's 400 naming the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Annotated, Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status
from pydantic import AfterValidator, BeforeValidator

from eaism.analysis.response_rates import rates_document
from eaism.web.api_errors import RoundId, Slug, Text, errors
from eaism.web.assessments.outreach import (
    queue_invitations,
    queue_reminders,
    round_response_rates,
)
from eaism.web.assessments.rounds import RoundRequest, open_round
from eaism.web.edition import current_edition
from eaism.web.organisations.access import access_for, require

router = Router(tags=["rounds"])


def _text_only(value: Any) -> Any:
    # pydantic would take a number as seconds since 1970; the contract says an ISO 8601 text.
    if not isinstance(value, str | datetime):
        raise ValueError("expected a date and time such as 2027-04-30T17:00:00Z")
    return value


def _with_zone(value: datetime) -> datetime:
    if value.tzinfo is None:
        raise ValueError("needs a time zone, such as Z or +01:00")
    return value


Moment = Annotated[datetime, BeforeValidator(_text_only), AfterValidator(_with_zone)]
TeamName = Annotated[Text, Field(min_length=1, max_length=200)]
NonNegative = Annotated[int, Field(ge=0)]


class RoundIn(Schema):
    name: Text = Field(min_length=1, max_length=200)
    edition: str | None = Field(
        default=None, max_length=200, description="A bundled edition's id; default: the current one"
    )
    opens_at: Moment | None = None
    closes_at: Moment | None = None
    teams: list[TeamName] = Field(default_factory=list, description="Team names; none: everyone")
    reminder_days: int | None = Field(default=None, ge=1, le=90, strict=True)
    drafts: Literal["", "keep", "carry_over"] = Field(
        default="", description="What happens to drafts in an earlier round open for them"
    )
    review_share: float | None = Field(
        default=None, ge=0, le=1, description="Of the claims below level 3; default 0.1"
    )
    double_review_share: float | None = Field(
        default=None, ge=0, le=1, description="Of the people reviewed; default 0.1"
    )
    calibration_share: float | None = Field(
        default=None, ge=0, le=1, description="Of respondents, on the whole item bank"
    )


class RoundOut(Schema):
    id: int = Field(ge=1)
    name: str
    status: Literal["open", "closed"]
    edition: str
    opens_at: datetime | None
    closes_at: datetime | None
    teams: list[str] = Field(description="Team names; empty: everyone")
    review_share: float
    double_review_share: float
    calibration_share: float


class InvitationsIn(Schema):
    team: TeamName | None = Field(default=None, description="Invite this team's people")
    person_ids: list[Annotated[Text, Field(min_length=1, max_length=100)]] | None = Field(
        default=None, description="Invite these people"
    )


class QueuedOut(Schema):
    queued: NonNegative
    without_address: NonNegative = 0
    already_invited: NonNegative = 0


class RemindersIn(Schema):
    kind: Literal["not_started", "not_submitted"]


class CountsOut(Schema):
    invited: NonNegative
    started: NonNegative
    submitted: NonNegative
    rate: float | None = Field(ge=0, le=1, description="Submitted of invited, from 0 to 1")


class TeamRateOut(CountsOut):
    team: str
    below_target: bool
    pooled: bool


class ResponseRatesOut(Schema):
    overall: CountsOut | None = Field(
        description="None when fewer than min_group_size were invited"
    )
    teams: list[TeamRateOut]
    withheld_teams: NonNegative
    min_group_size: int = Field(ge=1)
    target: float = Field(ge=0, le=1)


@router.get("/organisations/{slug}/rounds", response={200: list[RoundOut], **errors(400, 401, 404)})
def rounds(request: HttpRequest, slug: Slug) -> Any:
    """The organisation's rounds, newest first; every member may list them."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    return [_round(round_) for round_ in access.organisation.rounds.prefetch_related("teams")]


@router.post(
    "/organisations/{slug}/rounds",
    response={201: RoundOut, **errors(400, 401, 403, 404, 413)},
)
def create_round(request: HttpRequest, slug: Slug, payload: RoundIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    fields = payload.dict()
    edition_id = fields.pop("edition") or current_edition().id
    created = open_round(access.organisation, RoundRequest(**fields), edition_id, request)
    return Status(201, _round(created))


@router.post(
    "/organisations/{slug}/rounds/{round_id}/invitations",
    response={200: QueuedOut, **errors(400, 401, 403, 404, 413)},
)
def invite(request: HttpRequest, slug: Slug, round_id: RoundId, payload: InvitationsIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    return queue_invitations(
        round_, team=payload.team, person_ids=payload.person_ids, request=request
    )


@router.post(
    "/organisations/{slug}/rounds/{round_id}/reminders",
    response={200: QueuedOut, **errors(400, 401, 403, 404, 413)},
)
def remind(request: HttpRequest, slug: Slug, round_id: RoundId, payload: RemindersIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    return queue_reminders(round_, payload.kind, request=request)


@router.get(
    "/organisations/{slug}/rounds/{round_id}/response-rates",
    response={200: ResponseRatesOut, **errors(400, 401, 403, 404)},
)
def rates(request: HttpRequest, slug: Slug, round_id: RoundId) -> Any:
    """Overall and per team; a manager sees their own teams, each only when large enough."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.sees_aggregates)
    return rates_document(round_response_rates(access.round(round_id), access.managed_team_ids()))


def _round(round_: Any) -> dict[str, Any]:
    return {
        "id": round_.id,
        "name": round_.name,
        "status": round_.status,
        "edition": round_.edition,
        "opens_at": round_.opens_at,
        "closes_at": round_.closes_at,
        "teams": [team.name for team in round_.teams.all()],
        "review_share": round_.review_share,
        "double_review_share": round_.double_review_share,
        "calibration_share": round_.calibration_share,
    }
