"""Differencing: no aggregate page, endpoint, report or export gives one person's answers away.

The attack replayed for each row of AGGREGATES: an analyst (who sees aggregates only) reads the
figures, one person submits, the analyst reads again. The figures must be the same; once as many
people as the minimum group size have submitted, they change. Every page and API operation is
either a row of AGGREGATES or named in NO_LEVEL_FIGURES with the reason, so a new aggregate
route fails here until it has its row.
"""

from __future__ import annotations

import io
import re
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any

import pytest
from django.test import Client
from openpyxl import load_workbook

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Round
from eaism.web.organisations.models import Membership, Organisation, Person, Team
from eaism.web.organisations.teams import set_managers

ANSWERS = (("prompting.l1.everyday_prompting", 1.0), ("prompting.l2.reusable_templates", 1.0))
# Fields of the dashboard document counted live, outside the published figures: who responded
# (not what they answered), as the rounds pages show it too.
LIVE_FIELDS = ("basis", "response_rates")


def _json(response: Any) -> Any:
    document = response.json()
    for field in LIVE_FIELDS:
        document.pop(field, None)
    document.get("publication", {}).pop("changed_since", None)
    return document


def _page(response: Any) -> str:
    """The page's figures: without the live response counts, the CSRF token and the nonce."""
    html = response.content.decode()
    html = re.sub(r'<section aria-labelledby="rates-heading">.*?</section>', "", html, flags=re.S)
    html = re.sub(r"<p class=\"basis\">Responses so far:.*?</p>", "", html, flags=re.S)
    html = re.sub(r"\(\d+ so far\)", "", html)
    html = re.sub(r'"X-CSRFToken": "[^"]*"', "", html)
    return re.sub(r'(nonce|value)="[^"]*"', "", html)


def _report(response: Any) -> str:
    return response.content.decode()


def _workbook(response: Any) -> list[list[Any]]:
    book = load_workbook(io.BytesIO(response.content), read_only=True)
    return [[sheet.title, *sheet.iter_rows(values_only=True)] for sheet in book.worksheets]


def _pdf(response: Any) -> bytes:
    """The PDF without what changes from one rendering to the next: its dates and id."""
    return re.sub(rb"/(CreationDate|ModDate) \([^)]*\)|/ID \[[^\]]*\]", b"", response.content)


@dataclass(frozen=True)
class Aggregate:
    url: str
    figures: Callable[[Any], Any]  # what of the response must not change
    api: bool = False  # read with the analyst's bearer token instead of the session
    role: str = "analyst"


# fmt: off
AGGREGATES = (
    Aggregate("/o/{slug}/dashboard/", _page),
    Aggregate("/o/{slug}/dashboard/?round={round}", _page),
    Aggregate("/o/{slug}/dashboard/?format=json", _json),
    Aggregate("/o/{slug}/dashboard/?round={round}&format=json", _json),
    Aggregate("/o/{slug}/dashboard/?format=json", _json, role="manager"),
    Aggregate("/o/{slug}/downloads/report.html", _report),
    Aggregate("/o/{slug}/downloads/report.pdf", _pdf),
    Aggregate("/o/{slug}/downloads/report.xlsx", _workbook),
    Aggregate("/api/organisations/{slug}/analysis", _json, api=True),
    Aggregate("/api/organisations/{slug}/analysis?round={round}", _json, api=True),
    Aggregate("/api/organisations/{slug}/analysis", _json, api=True, role="manager"),
)
# fmt: on

# Every other page and API operation, with why it publishes no figure of anyone's levels.
PARTICIPATION = "who was invited, started and submitted: participation, never what anyone answered"
INDIVIDUAL = "one person's own data, or individual results for admins and assigned reviewers"
ACTION = "an action or a form: it changes data and answers with no aggregate figures"
ACCOUNT = "the signed-in account: sign-in, password, tokens, own data"
NO_FIGURES = "no head counts: the organisation's own data, settings or the API description"
VALIDITY = "a round's validity figures: admins while it is open, analysts once it is closed"
JOB_AD = "the reading of the ad the member sends: no one's levels, nothing stored"
SCIM = "SCIM provisioning: the roster and teams, for the identity provider's token; no levels"
COMPLIANCE = "competence records: admins any round, analysts the counts of closed rounds"
NO_LEVEL_FIGURES = {
    "": "a redirect", "o/*": "a redirect or the reviewer's list of people to review",
    "accounts/delete": ACCOUNT, "accounts/login": ACCOUNT, "accounts/logout": ACCOUNT,
    "accounts/my-data": ACCOUNT, "accounts/password-reset": ACCOUNT,
    "accounts/password-reset/sent": ACCOUNT, "accounts/reset/*/*": ACCOUNT,
    "accounts/reset/done": ACCOUNT, "accounts/tokens": ACCOUNT, "accounts/tokens/*/revoke": ACCOUNT,
    "api/tokens": ACCOUNT, "api/tokens/*": ACCOUNT, "invite/*": ACCOUNT,
    "api/organisations": "the caller's memberships",
    "o/*/downloads/*": "report.* are rows above; people-results and answers are " + INDIVIDUAL,
    "o/*/audit": "the audit log, admins only", "o/*/imports/undo": ACTION,
    "o/*/inventory": NO_FIGURES, "o/*/inventory/*": NO_FIGURES, "systems": NO_FIGURES,
    "o/*/inventory/*/people": ACTION,
    # Competence records: names for owners and admins, who read individual results anyway;
    # analysts read the counts of closed rounds only, which no one's answers move any more.
    "o/*/compliance": COMPLIANCE, "compliance": COMPLIANCE,
    "o/*/compliance/requirements": ACTION, "compliance/requirements": ACTION,
    "o/*/practices": NO_FIGURES, "o/*/settings": NO_FIGURES,
    "o/*/job-ads": JOB_AD, "api/jd/check": JOB_AD,
    "o/*/members/*/role": ACTION, "o/*/people": INDIVIDUAL, "o/*/people/*": INDIVIDUAL,
    "o/*/people/*/invite": ACTION, "people": INDIVIDUAL, "people/*/reviewers": ACTION,
    "people/import": ACTION,
    "o/*/teams": "team names and sizes as the roster has them, admins only", "o/*/teams/*": ACTION,
    "teams": "team names and sizes as the roster has them, admins only",
    "o/*/rounds": PARTICIPATION, "o/*/rounds/*": PARTICIPATION, "rounds": "the rounds' names and dates",
    "rounds/*/response-rates": PARTICIPATION,
    "o/*/rounds/*/answers": ACTION, "o/*/rounds/*/assess": INDIVIDUAL, "o/*/rounds/*/close": ACTION,
    "o/*/rounds/*/invitations": ACTION, "o/*/rounds/*/reminders": ACTION,
    "o/*/rounds/*/reopen": ACTION, "o/*/rounds/*/submit": ACTION, "o/*/rounds/*/carried": ACTION,
    "o/*/rounds/*/results": INDIVIDUAL, "o/*/rounds/*/people/*": INDIVIDUAL,
    "o/*/rounds/*/people/*/review": INDIVIDUAL, "rounds/*/people/*/review": ACTION,
    "o/*/reviews": "a redirect to the round's review queue",
    "o/*/rounds/*/reviews": INDIVIDUAL, "reviews": INDIVIDUAL,
    "o/*/rounds/*/requests/*": ACTION, "rounds/*/requests/*": ACTION, "rounds/*/evidence": ACTION,
    # Figures of how well the round measured, each resting on the minimum group size. An open
    # round's are for owners and admins alone (who read individual results anyway); analysts
    # read a closed round's, which never change, so there is no before and after to compare.
    "o/*/rounds/*/validity": VALIDITY, "rounds/*/validity": VALIDITY,
    "rounds/*/answers": ACTION, "rounds/*/invitations": ACTION, "rounds/*/reminders": ACTION,
    "rounds/*/reopen": ACTION, "rounds/*/submit": ACTION, "rounds/*/results": INDIVIDUAL,
    "rounds/*/people/*": INDIVIDUAL,
    "api/openapi.json": NO_FIGURES, "api/docs": NO_FIGURES,
    "o/*/settings/scim": NO_FIGURES, "o/*/settings/scim/*/revoke": ACTION,
    "scim/v2/Users": SCIM, "scim/v2/Users/*": SCIM, "scim/v2/Groups": SCIM,
    "scim/v2/Groups/*": SCIM, "scim/v2/ServiceProviderConfig": SCIM, "scim/v2/ResourceTypes": SCIM,
    "scim/v2/ResourceTypes/*": SCIM, "scim/v2/Schemas": SCIM, "scim/v2/Schemas/*": SCIM,
    "scim/v2/.search": SCIM, "scim/v2/*": SCIM,
    "sso/callback": ACCOUNT, "sso/find": ACCOUNT, "o/*/sign-in": ACCOUNT,
    "o/*/settings/sign-in": NO_FIGURES,
}  # fmt: skip


def _key(route: str) -> str:
    """A route with every variable part as '*', without a query or the slashes around it; API
    paths without their /api/organisations/{slug}/ prefix."""
    path = re.sub(r"<[^>]+>|\{[^}]+\}", "*", route.split("?")[0]).strip("/")
    return re.sub(r"^(api/)?organisations/\*/", "", path)


def _routes() -> Iterator[str]:
    from django.urls import URLPattern, URLResolver, get_resolver

    from eaism.web.api import api

    def walk(patterns: list[Any], prefix: str = "") -> Iterator[str]:
        for pattern in patterns:
            if isinstance(pattern, URLResolver):
                yield from walk(pattern.url_patterns, prefix + str(pattern.pattern))
            elif isinstance(pattern, URLPattern):
                yield prefix + str(pattern.pattern)

    yield from (route for route in walk(get_resolver().url_patterns) if not route.startswith("api"))
    yield from api.get_openapi_schema()["paths"]
    yield from ("api/openapi.json", "api/docs")


def test_every_route_is_a_replayed_aggregate_or_shows_no_level_figures() -> None:
    """A new page or API operation must get its row: in AGGREGATES when it shows figures."""
    known = {_key(row.url) for row in AGGREGATES} | NO_LEVEL_FIGURES.keys()
    unknown = sorted(set(map(_key, _routes())) - known)
    assert not unknown, f"routes neither replayed here nor named as showing no figures: {unknown}"


@pytest.fixture
def analyst_views(demo: Organisation) -> Callable[[], list[Any]]:
    """Reads every aggregate as its role; the manager manages the customer-care team (80 people)."""
    demo_round = demo.rounds.get()
    manager = Membership.objects.get(organisation=demo, user__email="manager@demo.example")
    set_managers(Team.objects.get(organisation=demo, name="customer-care"), [manager.id])
    tokens = {
        role: ApiToken.issue(User.objects.get(email=f"{role}@demo.example"), "differencing")[1]
        for role in ("analyst", "manager")
    }

    def client(row: Aggregate) -> Client:
        if row.api:
            return Client(headers={"Authorization": f"Bearer {tokens[row.role]}"})
        signed_in = Client()
        signed_in.force_login(User.objects.get(email=f"{row.role}@demo.example"))
        return signed_in

    def read() -> list[Any]:
        figures = []
        for row in AGGREGATES:
            response = client(row).get(row.url.format(slug=demo.slug, round=demo_round.id))
            assert response.status_code == 200, (row.url, response.status_code)
            figures.append(row.figures(response))
        return figures

    return read


def _submit(round_: Round, people: list[Person]) -> None:
    for person in people:
        for item_id, value in ANSWERS:
            save_answer(round_, person, parse_answer(item_id, value, "shipped to real users"))
        submit_response(round_, person)


def _customer_care(demo: Organisation, count: int) -> list[Person]:
    """People of the team in the manager's view, so every row's figures rest on them."""
    found = Person.objects.filter(organisation=demo, team__name="customer-care")
    return list(found.order_by("external_id")[:count])


def test_one_submission_changes_no_published_figure(
    demo: Organisation, analyst_views: Callable[[], list[Any]]
) -> None:
    before = analyst_views()
    _submit(demo.rounds.get(), _customer_care(demo, 1))
    after = analyst_views()
    changed = [
        row.url for row, old, new in zip(AGGREGATES, before, after, strict=True) if old != new
    ]
    assert not changed, f"one person's submission shows in: {changed}"


def test_fewer_submissions_than_the_threshold_change_nothing_and_the_threshold_does(
    demo: Organisation, analyst_views: Callable[[], list[Any]]
) -> None:
    before = analyst_views()
    people = _customer_care(demo, demo.min_group_size)
    _submit(demo.rounds.get(), people[:-1])
    assert analyst_views() == before
    _submit(demo.rounds.get(), people[-1:])
    after = analyst_views()
    unchanged = [
        row.url for row, old, new in zip(AGGREGATES, before, after, strict=True) if old == new
    ]
    assert not unchanged, f"still the old figures after {len(people)} submissions: {unchanged}"


def test_a_reopened_and_changed_response_counts_as_a_change(
    demo: Organisation, client_for: Callable[[str], Client]
) -> None:
    from eaism.web.assessments.answers import reopen_response

    round_ = demo.rounds.get()
    people = _customer_care(demo, demo.min_group_size)
    _submit(round_, people)
    url = f"/o/{demo.slug}/dashboard/?format=json"
    published = client_for("analyst").get(url).json()["publication"]
    reopen_response(round_, people[0])
    again = client_for("analyst").get(url).json()["publication"]
    assert again["published_at"] == published["published_at"]
    assert again["changed_since"] == 1


def _cells(document: dict[str, Any]) -> Iterator[tuple[str, Any]]:
    """Every published head count of the document, named by where it is."""
    workforce = document["workforce"]
    yield from (("by_level " + level, count) for level, count in workforce["by_level"].items())
    for team in workforce["teams"]:
        yield from ((f"team {team['team']} {lv}", c) for lv, c in team["by_level"].items())
    for domain, counts in document["heatmap"].items():
        yield from ((f"heatmap {domain} {lv}", c) for lv, c in counts.items())
    for need in document["training"]:
        where = f"training {need['domain']} {need['level']}"
        yield where, need["one_step_away"]
        yield where + " under way", need["in_progress"]
    for phase in document["hiring"]["phases"]:
        yield f"hiring phase {phase['number']}", phase["people_at_or_above"]


def test_no_cell_of_fewer_than_the_threshold_is_published(
    demo: Organisation, client_for: Callable[[str], Client]
) -> None:
    document = client_for("analyst").get(f"/o/{demo.slug}/dashboard/?format=json").json()
    small = [
        (where, count)
        for where, count in _cells(document)
        if count is not None and 0 < count < demo.min_group_size
    ]
    assert not small, f"cells of fewer than {demo.min_group_size} people: {small}"
    # The demo has a handful of people at Level 4: their cell is withheld, and named as such.
    assert document["workforce"]["by_level"]["4"] is None
    assert "4" in document["withheld"]["by_level"]
    page = client_for("analyst").get(f"/o/{demo.slug}/dashboard/").content.decode()
    assert "withheld" in page


def test_a_round_with_a_few_responses_publishes_nothing_until_the_threshold(
    demo: Organisation, client_for: Callable[[str], Client]
) -> None:
    """A new round's figures would be the given levels plus the first responses: its first
    publication waits until no one or at least the threshold responded."""
    newer = Round.objects.create(organisation=demo, name="Spring 2027")
    people = _customer_care(demo, demo.min_group_size)
    _submit(newer, people[:1])
    url = f"/o/{demo.slug}/dashboard/?round={newer.id}&format=json"
    waiting = client_for("analyst").get(url).json()
    assert waiting["suppressed"] is True
    assert waiting["reason"] == "awaiting_responses"
    assert waiting["responses_needed"] == demo.min_group_size - 1
    _submit(newer, people[1:])
    shown = client_for("analyst").get(url).json()
    assert shown["suppressed"] is False
    assert shown["publication"]["responses"] == demo.min_group_size
