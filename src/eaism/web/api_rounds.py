"""The API of running a round: opening it, inviting, reminding, and its response rates.

The same actions as the rounds pages (assessments.rounds and assessments.outreach); an
`InputError` from them is the API's 400 naming the field.
"""

from __future__ import annotations

from datetime import datetime
from typing import Any, Literal

from django.http import HttpRequest
from ninja import Field, Router, Schema, Status

from eaism.analysis.response_rates import rates_document
from eaism.web.assessments.outreach import (
    queue_invitations,
    queue_reminders,
    round_response_rates,
)
from eaism.web.assessments.rounds import RoundRequest, open_round
from eaism.web.edition import current_edition
from eaism.web.organisations.access import access_for, require

router = Router(tags=["rounds"])


class RoundIn(Schema):
    name: str = Field(min_length=1, max_length=200)
    opens_at: datetime | None = None
    closes_at: datetime | None = None
    teams: list[str] = Field(default_factory=list, description="Team names; none: everyone")
    reminder_days: int | None = Field(default=None, ge=1, le=90)
    drafts: Literal["", "keep", "carry_over"] = Field(
        default="", description="What happens to drafts in an earlier round open for them"
    )


class RoundOut(Schema):
    id: int
    name: str
    status: str
    edition: str
    opens_at: datetime | None
    closes_at: datetime | None
    teams: list[str]


class InvitationsIn(Schema):
    team: str | None = Field(default=None, description="Invite this team's people")
    person_ids: list[str] | None = Field(default=None, description="Invite these people")


class QueuedOut(Schema):
    queued: int
    without_address: int = 0
    already_invited: int = 0


class RemindersIn(Schema):
    kind: Literal["not_started", "not_submitted"]


class CountsOut(Schema):
    invited: int
    started: int
    submitted: int
    rate: float | None = Field(description="Submitted of invited, from 0 to 1")


class TeamRateOut(CountsOut):
    team: str
    below_target: bool
    pooled: bool


class ResponseRatesOut(Schema):
    overall: CountsOut | None = Field(
        description="None when fewer than min_group_size were invited"
    )
    teams: list[TeamRateOut]
    withheld_teams: int
    min_group_size: int
    target: float


@router.get("/organisations/{slug}/rounds", response=list[RoundOut])
def rounds(request: HttpRequest, slug: str) -> Any:
    """The organisation's rounds, newest first; every member may list them."""
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    return [_round(round_) for round_ in access.organisation.rounds.prefetch_related("teams")]


@router.post("/organisations/{slug}/rounds", response={201: RoundOut})
def create_round(request: HttpRequest, slug: str, payload: RoundIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    created = open_round(
        access.organisation,
        RoundRequest(**payload.dict()),
        current_edition().id,
        request,
    )
    return Status(201, _round(created))


@router.post("/organisations/{slug}/rounds/{round_id}/invitations", response=QueuedOut)
def invite(request: HttpRequest, slug: str, round_id: int, payload: InvitationsIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    return queue_invitations(
        round_, team=payload.team, person_ids=payload.person_ids, request=request
    )


@router.post("/organisations/{slug}/rounds/{round_id}/reminders", response=QueuedOut)
def remind(request: HttpRequest, slug: str, round_id: int, payload: RemindersIn) -> Any:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    round_ = access.round(round_id)
    return queue_reminders(round_, payload.kind, request=request)


@router.get("/organisations/{slug}/rounds/{round_id}/response-rates", response=ResponseRatesOut)
def rates(request: HttpRequest, slug: str, round_id: int) -> Any:
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
    }
