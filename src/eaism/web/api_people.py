"""The API of people administration: teams, the people list, the roster import, reviewers.

Admin roles only. The same actions as the pages (organisations/roster.py, teams.py); an action's
`InputError` is a 400 naming the field, as everywhere in the API.
"""

from __future__ import annotations

from typing import Annotated, Any

from django.conf import settings
from django.db.models import Count, Q
from django.http import HttpRequest
from django.shortcuts import get_object_or_404
from ninja import Field, File, Form, Query, Router, Schema, Status
from ninja.files import UploadedFile

from eaism.web.api_errors import (
    LARGEST_COUNT,
    NO_NUL,
    ErrorOut,
    PersonId,
    Slug,
    Text,
    TooLargeError,
    errors,
    one_of,
)
from eaism.web.audit.record import record
from eaism.web.edition import current_edition
from eaism.web.organisations.access import Access, access_for, require
from eaism.web.organisations.models import Person
from eaism.web.organisations.people_list import (
    PAGE_SIZE,
    RESPONSES,
    SORTS,
    STATUSES,
    PeopleQuery,
    people_page,
)
from eaism.web.organisations.roster import (
    DEFAULT_MODE,
    MODES,
    ImportPlan,
    apply_import,
    dry_run_summary,
    mode_of,
    plan_import,
)
from eaism.web.organisations.roster_file import read_upload, sheet_of, suffix_of
from eaism.web.organisations.teams import create_team, set_reviewers_by_email

router = Router(tags=["people"])
# The values the people list's filters take; anything else is a 400 naming the parameter.
SORT_VALUES = [*SORTS, *(f"-{sort}" for sort in SORTS)]
TEAM_FILTER = r"^([0-9]{1,18}|none)?$"  # a team id, "none" (no team), or empty (every team)
NonNegative = Annotated[int, Field(ge=0)]
ModeForm = Annotated[str, Form(pattern=one_of(MODES))]
ConfirmationForm = Annotated[str, Form(max_length=20, pattern=NO_NUL)]


class TeamIn(Schema):
    name: Text = Field(min_length=1, max_length=200)


class TeamOut(Schema):
    id: int = Field(ge=1)
    name: str
    people: NonNegative = Field(description="Active people")
    managers: list[str] = Field(description="Their e-mail addresses")


class PersonOut(Schema):
    id: str
    name: str
    email: str
    team: str | None
    role: str
    title: str
    active: bool
    response: str = Field(
        json_schema_extra={"enum": [value for value, _ in RESPONSES]},
        description="For the latest open round",
    )


class PeopleOut(Schema):
    count: NonNegative
    page: int = Field(ge=1)
    pages: int = Field(ge=1)
    results: list[PersonOut] = Field(max_length=PAGE_SIZE)


class ImportProblem(Schema):
    row: int = Field(ge=1)
    column: str
    message: str


class ImportOut(Schema):
    mode: str = Field(json_schema_extra={"enum": list(MODES)})
    dry_run: bool
    batch: int | None = Field(ge=1, description="The applied import's number; none: not applied")
    created: NonNegative
    updated: NonNegative
    deactivated: NonNegative
    teams_created: NonNegative
    deactivate: list[str] = Field(description="The people a sync deactivates (or would)")
    errors: list[ImportProblem]


class ReviewersIn(Schema):
    emails: list[Annotated[Text, Field(max_length=254)]]


class ReviewersOut(Schema):
    person: str
    reviewers: list[str]


def _admin(request: HttpRequest, slug: str) -> Access:
    access = access_for(request.user, slug)  # type: ignore[arg-type]
    require(access.is_admin)
    return access


@router.get("/{slug}/teams", response={200: list[TeamOut], **errors(400, 401, 403, 404)})
def teams(request: HttpRequest, slug: Slug) -> list[TeamOut]:
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


@router.post("/{slug}/teams", response={201: TeamOut, **errors(400, 401, 403, 404, 413)})
def add_team(request: HttpRequest, slug: Slug, payload: TeamIn) -> Any:
    access = _admin(request, slug)
    team = create_team(access.organisation, payload.name)
    record(request, "team_created", access.organisation, team.name, via="api")
    return Status(201, TeamOut(id=team.id, name=team.name, people=0, managers=[]))


@router.get("/{slug}/people", response={200: PeopleOut, **errors(400, 401, 403, 404)})
def people(
    request: HttpRequest,
    slug: Slug,
    q: Annotated[str, Query(max_length=200, pattern=NO_NUL)] = "",
    team: Annotated[str, Query(pattern=TEAM_FILTER)] = "",
    role: Annotated[str, Query(max_length=100, pattern=NO_NUL)] = "",
    status: Annotated[str, Query(pattern=one_of(["", *dict(STATUSES)]))] = "",
    response: Annotated[str, Query(pattern=one_of(["", *dict(RESPONSES)]))] = "",
    sort: Annotated[str, Query(pattern=one_of(SORT_VALUES))] = "id",
    page: Annotated[int, Query(ge=1, le=LARGEST_COUNT)] = 1,
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
    record(request, "people_list_viewed", access.organisation, query=request.GET.urlencode()[:500])
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


@router.post(
    "/{slug}/people/import",
    response={200: ImportOut, 400: ImportOut | ErrorOut, **errors(401, 403, 404, 413)},
)
def import_people(
    request: HttpRequest,
    slug: Slug,
    file: File[UploadedFile],
    mode: ModeForm = DEFAULT_MODE,
    dry_run: Form[bool] = False,
    confirm_deactivate: ConfirmationForm = "",
    confirm_large: Form[bool] = False,
) -> Any:
    """Plan (dry_run) or apply a CSV or XLSX roster; a sync that deactivates needs
    `confirm_deactivate` equal to their count, and `confirm_large` above 20 % of the active.
    A sheet with problems is a 400 listing them in `errors`; a file over the upload limit, 413."""
    access = _admin(request, slug)
    limit = settings.MAX_UPLOAD_BYTES
    if file.size is not None and file.size > limit:
        raise TooLargeError(
            "file", f"the file is {file.size:,} bytes, over the {limit:,}-byte limit"
        )
    content = read_upload(file.name or "", file, file.size, limit)
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


@router.put(
    "/{slug}/people/{person_id}/reviewers",
    response={200: ReviewersOut, **errors(400, 401, 403, 404, 413)},
)
def reviewers(
    request: HttpRequest, slug: Slug, person_id: PersonId, payload: ReviewersIn
) -> ReviewersOut:
    access = _admin(request, slug)
    person = get_object_or_404(Person, organisation=access.organisation, external_id=person_id)
    chosen = set_reviewers_by_email(person, payload.emails)
    record(request, "reviewers_changed", access.organisation, person.external_id, via="api")
    return ReviewersOut(person=person.external_id, reviewers=sorted(m.user.email for m in chosen))
