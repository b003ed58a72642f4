"""The people list: search, filters, sort and pages, fast for 10,000 people.

Rows are plain values (no model instances, no query per row); the response status is for the
latest open round: not invited, invited (an invitation or an account), started, submitted.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Any

from django.core.paginator import Page, Paginator
from django.db.models import Case, Exists, OuterRef, Q, QuerySet, Value, When

from eaism.web.assessments.models import Response, Round
from eaism.web.edition import current_edition
from eaism.web.organisations.models import Invitation, Organisation, Person

PAGE_SIZE = 50
STATUSES = (("active", "Active"), ("deactivated", "Deactivated"))
RESPONSES = (
    ("not_invited", "Not invited"),
    ("invited", "Invited"),
    ("started", "Started"),
    ("submitted", "Submitted"),
)
SORTS = {
    "id": "external_id",
    "name": "name",
    "team": "team__name",
    "email": "email",
    "status": "active",
}
SORT_CHOICES = (
    ("id", "Id"),
    ("name", "Name"),
    ("-name", "Name, Z to A"),
    ("team", "Team"),
    ("email", "E-mail"),
    ("status", "Deactivated first"),
)


@dataclass(frozen=True)
class PeopleQuery:
    q: str = ""
    team: str = ""
    role: str = ""
    status: str = ""
    response: str = ""
    sort: str = "id"
    page: str = "1"

    @classmethod
    def of(cls, params: Mapping[str, Any]) -> PeopleQuery:
        # Without NUL, which a PostgreSQL text cannot hold: a filter, not a database error.
        values = {
            name: str(params.get(name, "") or "").replace("\x00", "").strip()[:200]
            for name in cls.fields()
        }
        values["sort"] = values["sort"] if values["sort"].lstrip("-") in SORTS else "id"
        return cls(**{name: value for name, value in values.items() if value})

    @staticmethod
    def fields() -> tuple[str, ...]:
        return ("q", "team", "role", "status", "response", "sort", "page")


@dataclass(frozen=True)
class PeoplePage:
    count: int
    rows: list[dict[str, Any]]
    page: Page[Any]
    round: Round | None


def people_page(organisation: Organisation, query: PeopleQuery) -> PeoplePage:
    round_ = organisation.rounds.filter(status=Round.Status.OPEN).first()
    people = _filtered(organisation, query, round_)
    descending = query.sort.startswith("-")
    order = SORTS[query.sort.lstrip("-")]
    people = people.order_by(f"-{order}" if descending else order, "external_id")
    paginator = Paginator(
        people.values(
            "id",
            "external_id",
            "name",
            "email",
            "role",
            "title",
            "active",
            "team__name",
            "user_id",
            "kind",
        ),
        PAGE_SIZE,
    )
    page = paginator.get_page(query.page)
    rows = list(page.object_list)
    statuses = _response_statuses(round_, rows)
    roles = {role.id: role.name for role in current_edition().roles}
    for row in rows:
        row["response"] = statuses.get(row["id"], "not_invited")
        row["response_label"] = dict(RESPONSES)[row["response"]]
        row["role_label"] = roles.get(row["role"], row["role"])
    return PeoplePage(paginator.count, rows, page, round_)


def _filtered(
    organisation: Organisation, query: PeopleQuery, round_: Round | None
) -> QuerySet[Person]:
    people = Person.objects.filter(organisation=organisation)
    if query.q:
        people = people.filter(
            Q(name__icontains=query.q)
            | Q(email__icontains=query.q)
            | Q(external_id__icontains=query.q)
        )
    if query.team.isascii() and query.team.isdigit() and len(query.team) <= 18:  # not "²"
        people = people.filter(team_id=int(query.team))
    elif query.team == "none":
        people = people.filter(team__isnull=True)
    if query.role:
        people = people.filter(role=query.role)
    if query.status in {"active", "deactivated"}:
        people = people.filter(active=query.status == "active")
    if query.response in dict(RESPONSES):
        people = people.annotate(response_status=_status_expression(round_)).filter(
            response_status=query.response
        )
    return people


def _status_expression(round_: Round | None) -> Case:
    invited = Q(Exists(Invitation.objects.filter(person=OuterRef("pk")))) | Q(user__isnull=False)
    if round_ is None:
        return Case(When(invited, then=Value("invited")), default=Value("not_invited"))
    responses = Response.objects.filter(round=round_, person=OuterRef("pk"), source="self")
    return Case(
        When(Exists(responses.filter(submitted_at__isnull=False)), then=Value("submitted")),
        When(Exists(responses), then=Value("started")),
        When(invited, then=Value("invited")),
        default=Value("not_invited"),
    )


def _response_statuses(round_: Round | None, rows: list[dict[str, Any]]) -> dict[int, str]:
    """The status of each of the page's people, in two queries whatever the page size."""
    person_ids = [row["id"] for row in rows]
    invited = {row["id"] for row in rows if row["user_id"]} | set(
        Invitation.objects.filter(person_id__in=person_ids).values_list("person_id", flat=True)
    )
    statuses = dict.fromkeys(invited, "invited")
    if round_ is not None:
        for person_id, submitted in Response.objects.filter(
            round=round_, person_id__in=person_ids, source="self"
        ).values_list("person_id", "submitted_at"):
            statuses[person_id] = "submitted" if submitted else "started"
    return statuses
