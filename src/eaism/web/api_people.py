"""The API of people administration: teams, the people list, the roster import, reviewers.

Admin roles only. The same actions as the pages (organisations/roster.py, teams.py); an action's
`InputError` is a 400 naming the field, as everywhere in the API.
"""

from __future__ import annotations

from typing import Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import File, Form, Router, Schema, Status
from ninja.files import UploadedFile

from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person
from eaism.web.organisations.people_list import PeopleQuery, people_page
from eaism.web.organisations.roster import (
    DEFAULT_MODE,
    ImportPlan,
    apply_import,
    dry_run_summary,
    mode_of,
    plan_import,
)
from eaism.web.organisations.roster_file import read_upload, sheet_of, suffix_of
from eaism.web.organisations.teams import create_team, set_reviewers_by_email

router = Router(tags=["people"])


class TeamIn(Schema):
    name: str


class TeamOut(Schema):
    id: int
    name: str
    people: int  # active people
    managers: list[str]  # their e-mail addresses


class PersonOut(Schema):
    id: str
    name: str
    email: str
    team: str | None
    role: str
    title: str
    active: bool
    response: str  # not_invited, invited, started or submitted, for the latest open round


class PeopleOut(Schema):
    count: int
    page: int
    pages: int
    results: list[PersonOut]


class ImportProblem(Schema):
    row: int
    column: str
    message: str


class ImportOut(Schema):
    mode: str
    dry_run: bool
    batch: int | None
    created: int
    updated: int
    deactivated: int
    teams_created: int
    deactivate: list[str]  # the ids of the people a sync deactivates (or would)
    errors: list[ImportProblem]


class ReviewersIn(Schema):
    emails: list[str]


class ReviewersOut(Schema):
    person: str
    reviewers: list[str]


def _admin(request: HttpRequest, slug: str) -> Access:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    return access


@router.get("/{slug}/teams", response=list[TeamOut])
def teams(request: HttpRequest, slug: str) -> list[TeamOut]:
    access = _admin(request, slug)
    found = access.organisation.teams.annotate(
        size=Count("people", filter=Q(people__active=True))
    ).prefetch_related("managers__user")
    return [
        TeamOut(
            id=team.id,
            name=team.name,
            people=team.size,
            managers=sorted(m.user.email for m in team.managers.all()),
        )
        for team in found
    ]


@router.post("/{slug}/teams", response={201: TeamOut})
def add_team(request: HttpRequest, slug: str, payload: TeamIn) -> Any:
    access = _admin(request, slug)
    team = create_team(access.organisation, payload.name)
    record(request, "team_created", access.organisation, team.name, via="api")
    return Status(201, TeamOut(id=team.id, name=team.name, people=0, managers=[]))


@router.get("/{slug}/people", response=PeopleOut)
def people(
    request: HttpRequest,
    slug: str,
    q: str = "",
    team: str = "",
    role: str = "",
    status: str = "",
    response: str = "",
    sort: str = "id",
    page: int = 1,
) -> PeopleOut:
    access = _admin(request, slug)
    query = PeopleQuery.of(
        {
            "q": q,
            "team": team,
            "role": role,
            "status": status,
            "response": response,
            "sort": sort,
            "page": str(page),
        }
    )
    found = people_page(access.organisation, query)
    request.personal_data = True  # type: ignore[attr-defined]
    return PeopleOut(
        count=found.count,
        page=found.page.number,
        pages=found.page.paginator.num_pages,
        results=[
            PersonOut(
                id=row["external_id"],
                name=row["name"],
                email=row["email"],
                team=row["team__name"],
                role=row["role"],
                title=row["title"],
                active=row["active"],
                response=row["response"],
            )
            for row in found.rows
        ],
    )


@router.post("/{slug}/people/import", response={200: ImportOut, 400: ImportOut})
def import_people(
    request: HttpRequest,
    slug: str,
    file: File[UploadedFile],
    mode: Form[str] = DEFAULT_MODE,
    dry_run: Form[bool] = False,
    confirm_deactivate: Form[str] = "",
    confirm_large: Form[bool] = False,
) -> Any:
    """Plan (dry_run) or apply a CSV or XLSX roster; a sync that deactivates needs
    `confirm_deactivate` equal to their count, and `confirm_large` above 20 % of the active."""
    access = _admin(request, slug)
    content = read_upload(file.name or "", file, file.size, settings.MAX_UPLOAD_BYTES)
    plan = plan_import(
        access.organisation,
        current_edition(),
        sheet_of(content, suffix_of(file.name or "")),
        mode_of(mode),
    )
    if dry_run or plan.errors:
        return Status(400 if plan.errors and not dry_run else 200, _out(plan, None))
    summary = apply_import(
        access.organisation, plan, request.user, confirm_deactivate, confirm_large
    )
    record(
        request,
        "people_imported",
        access.organisation,
        plan.mode,
        via="api",
        batch=summary.batch_id,
        created=summary.created,
        changed=summary.updated,
        deactivated=summary.deactivated,
        teams_created=summary.teams_created,
    )
    return Status(200, _out(plan, summary.batch_id))


def _out(plan: ImportPlan, batch: int | None) -> ImportOut:
    summary = dry_run_summary(plan)
    return ImportOut(
        mode=plan.mode,
        dry_run=batch is None,
        batch=batch,
        created=summary.created,
        updated=summary.updated,
        deactivated=summary.deactivated,
        teams_created=summary.teams_created,
        deactivate=[person.id for person in plan.deactivate],
        errors=[ImportProblem(row=e.row, column=e.column, message=e.message) for e in plan.errors],
    )


@router.put("/{slug}/people/{person_id}/reviewers", response=ReviewersOut)
def reviewers(
    request: HttpRequest, slug: str, person_id: str, payload: ReviewersIn
) -> ReviewersOut:
    access = _admin(request, slug)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    chosen = set_reviewers_by_email(person, payload.emails)
    record(request, "reviewers_changed", access.organisation, person.external_id, via="api")
    return ReviewersOut(person=person.external_id, reviewers=sorted(m.user.email for m in chosen))
