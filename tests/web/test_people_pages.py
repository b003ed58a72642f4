"""People administration pages: the list's search and filters, a person, teams, roles."""

from __future__ import annotations

from collections.abc import Callable

from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Round
from eaism.web.audit.models import AuditEvent
from eaism.web.organisations.invitations import invite
from eaism.web.organisations.models import Membership, Organisation, Person, Role, Team


def test_the_list_has_50_a_page_and_searches_by_name_email_or_id(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    first = owner.get(f"/o/{demo.slug}/people/")
    assert first.context["found"].count == 291
    assert len(first.context["found"].rows) == 50
    assert "291 people, page 1 of 6." in first.content.decode()
    assert '<div class="table-scroll"><table>' in first.content.decode()
    last = owner.get(f"/o/{demo.slug}/people/?page=6")
    assert len(last.context["found"].rows) == 41
    for term in ("Sam Riv", "p-mem"):
        found = owner.get(f"/o/{demo.slug}/people/", {"q": term}).context["found"]
        assert [row["external_id"] for row in found.rows] == ["p-member"]
    Person.objects.filter(organisation=demo, external_id="p0003").update(email="kim@demo.example")
    found = owner.get(f"/o/{demo.slug}/people/", {"q": "KIM@demo"}).context["found"]
    assert [row["external_id"] for row in found.rows] == ["p0003"]


def test_the_list_filters_by_team_role_status_and_response(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round
) -> None:
    owner = client_for("owner")
    legal = Team.objects.get(organisation=demo, name="legal")

    def ids(**query: str) -> list[str]:
        found = owner.get(f"/o/{demo.slug}/people/", query).context["found"]
        return [row["external_id"] for row in found.rows]

    assert ids(team=str(legal.id)) == ["p0288", "p0289", "p0290"]
    Person.objects.filter(organisation=demo, external_id="p0289").update(active=False)
    assert ids(team=str(legal.id), status="deactivated") == ["p0289"]
    assert ids(team=str(legal.id), status="active", sort="-name") == ["p0290", "p0288"]
    assert len(ids(role="software_engineer")) > 0
    p1, p2 = (Person.objects.get(organisation=demo, external_id=i) for i in ("p0001", "p0002"))
    invite(demo, p1)
    save_answer(demo_round, p2, parse_answer("prompting.l1.everyday_prompting", 1, ""))
    assert ids(response="started") == ["p0002"]
    assert "p0001" in ids(response="invited")
    assert "p-member" in ids(response="invited")
    assert ids(response="submitted") == []
    rows = owner.get(f"/o/{demo.slug}/people/", {"q": "p000"}).context["found"].rows
    assert {row["external_id"]: row["response"] for row in rows}["p0001"] == "invited"


def test_the_list_takes_the_same_few_queries_whatever_the_page(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    with CaptureQueriesContext(connection) as small:
        owner.get(f"/o/{demo.slug}/people/?q=p028")
    with CaptureQueriesContext(connection) as full:
        owner.get(f"/o/{demo.slug}/people/")
    assert len(full.captured_queries) == len(small.captured_queries) < 25


def test_a_person_page_shows_memberships_invitations_responses_and_reviewers(
    client_for: Callable[[str], Client], demo: Organisation, demo_round: Round
) -> None:
    owner = client_for("owner")
    member = Person.objects.get(organisation=demo, external_id="p-member")
    save_answer(demo_round, member, parse_answer("prompting.l1.everyday_prompting", 1, ""))
    page = owner.get(f"/o/{demo.slug}/people/p-member/")
    body = page.content.decode()
    assert "Sam Rivera" in body
    assert "member@demo.example (Member)" in body
    assert demo_round.name in body
    assert "reviewer@demo.example" in body
    analyst = Membership.objects.get(organisation=demo, role=Role.ANALYST)
    owner.post(f"/o/{demo.slug}/people/p-member/", {"reviewers": [analyst.id]})
    assert list(member.reviewers.all()) == [analyst]
    refused = owner.post(f"/o/{demo.slug}/people/p-member/", {"reviewers": ["999999"]})
    assert refused.status_code == 400
    assert 'id="reviewers-error"' in refused.content.decode()
    assert AuditEvent.objects.filter(action="reviewers_changed").count() == 1


def test_teams_are_created_renamed_merged_and_deleted(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    url = f"/o/{demo.slug}/teams/"
    assert owner.post(url, {"name": "research"}).status_code == 302
    taken = owner.post(url, {"name": "legal"})
    assert taken.status_code == 400
    body = taken.content.decode()
    assert "there is already a team named &#x27;legal&#x27;" in body
    assert 'value="legal"' in body
    research = Team.objects.get(organisation=demo, name="research")
    owner.post(f"{url}{research.id}/", {"action": "rename", "name": "science"})
    research.refresh_from_db()
    assert research.name == "science"
    legal = Team.objects.get(organisation=demo, name="legal")
    refused = owner.post(f"{url}{legal.id}/", {"action": "delete"})
    assert refused.status_code == 400
    assert "still has people" in refused.content.decode()
    manager = Membership.objects.get(organisation=demo, role=Role.MANAGER)
    owner.post(f"{url}{legal.id}/", {"action": "merge", "into": research.id})
    assert not Team.objects.filter(id=legal.id).exists()
    assert research.people.count() == 3
    assert research in manager.teams.all()
    owner.post(f"{url}{research.id}/", {"action": "merge", "into": research.id})
    assert Team.objects.filter(id=research.id).exists()
    empty = Team.objects.create(organisation=demo, name="empty")
    assert owner.post(f"{url}{empty.id}/", {"action": "delete"}).status_code == 302
    assert not Team.objects.filter(id=empty.id).exists()
    actions = set(AuditEvent.objects.values_list("action", flat=True))
    assert {"team_created", "team_rename", "team_merge", "team_delete"} <= actions


def test_managers_are_assigned_and_review_their_team(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    data = Team.objects.get(organisation=demo, name="data")
    analyst = Membership.objects.get(organisation=demo, role=Role.ANALYST)
    manager = Membership.objects.get(organisation=demo, role=Role.MANAGER)
    url = f"/o/{demo.slug}/teams/{data.id}/"
    owner.post(url, {"action": "managers", "managers": [analyst.id, manager.id]})
    assert set(data.managers.all()) == {analyst, manager}
    owner.post(url, {"action": "managers_review"})
    for membership in (analyst, manager):
        assert membership.reviews.count() == data.people.filter(active=True).count() == 31
    owner.post(url, {"action": "managers_review"})  # twice is the same as once
    assert manager.reviews.count() == 31
    page = owner.get(f"/o/{demo.slug}/teams/").content.decode()
    assert "analyst@demo.example, manager@demo.example" in page


def test_a_role_change_error_is_shown_inline_and_the_last_owner_stays(
    client_for: Callable[[str], Client], demo: Organisation
) -> None:
    owner = client_for("owner")
    mine = Membership.objects.get(organisation=demo, role=Role.OWNER)
    refused = owner.post(f"/o/{demo.slug}/members/{mine.id}/role/", {"role": "member"})
    assert refused.status_code == 400
    assert refused["Content-Type"].startswith("text/html")
    body = refused.content.decode()
    assert f'id="role-{mine.id}-error"' in body
    assert "at least one owner" in body
    mine.refresh_from_db()
    assert mine.role == Role.OWNER
    bad = owner.post(f"/o/{demo.slug}/members/{mine.id}/role/", {"role": "emperor"})
    assert bad.status_code == 400
    assert "&#x27;emperor&#x27; is not a role" in bad.content.decode()
