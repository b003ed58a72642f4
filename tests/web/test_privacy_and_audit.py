"""Privacy and audit: small groups show no figures, views of others' results and sign-ins are
recorded in an append-only log, people can take or erase their data, and the security basics
(no-store on personal pages, a strict content security policy, no state change by GET, CSRF,
no production start with a placeholder secret key)."""

from __future__ import annotations

import io
import os
import re
import secrets
import socket
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import openpyxl
import pytest
from django.db import DatabaseError, transaction
from django.test import Client

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.assessments.scoring import store_score
from eaism.web.audit.models import AuditEvent
from eaism.web.audit.record import record
from eaism.web.config import DEVELOPMENT_KEY
from eaism.web.organisations.demo import DEMO_PASSWORD
from eaism.web.organisations.models import Membership, Organisation, Person, Team

EAISM = Path(sys.executable).parent / "eaism"
ITEM = "prompting.l1.everyday_prompting"
SignedIn = Callable[[str], Client]


def member_person(organisation: Organisation) -> Person:
    return Person.objects.get(organisation=organisation, external_id="p-member")


def give_answer(round_: Round, person: Person, item_id: str = ITEM, evidence: str = "") -> None:
    save_answer(round_, person, parse_answer(item_id, 1, evidence))


def bearer(email: str) -> Client:
    _, secret = ApiToken.issue(User.objects.get(email=email), "tests")
    return Client(headers={"Authorization": f"Bearer {secret}"})


# --- small groups ---------------------------------------------------------------------------------


def test_the_manager_of_the_three_person_team_sees_no_team_figures(
    client_for: SignedIn, demo: Organisation
) -> None:
    manager = client_for("manager")
    page = manager.get(f"/o/{demo.slug}/dashboard/")
    assert page.status_code == 200
    text = page.content.decode()
    assert "No figures are shown" in text
    assert "<svg" not in text  # no pyramid
    assert "Workforce by operating level" not in text
    for twin in (
        manager.get(f"/o/{demo.slug}/dashboard/?format=json").json(),
        bearer("manager@demo.example").get(f"/api/organisations/{demo.slug}/analysis").json(),
    ):
        assert twin["suppressed"] is True
        assert twin["people"] is None
        assert not {"workforce", "heatmap", "stage", "training", "hiring"} & set(twin)


def team_sizes(organisation: Organisation) -> Counter[str]:
    """Sizes of the teams as the dashboard counts them: active people with levels."""
    people = Person.objects.filter(organisation=organisation, active=True).exclude(
        given_levels=None
    )
    return Counter(people.values_list("team__name", flat=True))


@pytest.mark.parametrize("minimum", [3, 5, 13, 50, 400])
def test_team_breakdowns_never_show_a_team_below_the_threshold(
    client_for: SignedIn, demo: Organisation, minimum: int
) -> None:
    demo.min_group_size = minimum
    demo.save()
    sizes = team_sizes(demo)
    owner = client_for("owner")
    for document in (
        owner.get(f"/o/{demo.slug}/dashboard/?format=json").json(),
        bearer("analyst@demo.example").get(f"/api/organisations/{demo.slug}/analysis").json(),
    ):
        if sum(sizes.values()) < minimum:  # the whole organisation is a small group
            assert document["suppressed"] is True
            assert "workforce" not in document
            continue
        workforce = document["workforce"]
        assert workforce["min_group_size"] == minimum
        shown = [team for team in workforce["teams"] if team["team"] != "other teams"]
        for team in workforce["teams"]:
            assert team["people"] >= minimum, team
        for team in shown:
            assert sizes[team["team"]] >= minimum, team
        # no differencing: what the shown teams leave over is nothing or a safe group
        left_over = workforce["people"] - sum(team["people"] for team in shown)
        assert left_over == 0 or left_over >= minimum
    rounds = owner.get(f"/o/{demo.slug}/rounds/").content.decode()
    for team, size in sizes.items():
        if size < minimum:
            assert f"{team}:" not in rounds


def test_downloaded_reports_apply_the_threshold_too(
    client_for: SignedIn, demo: Organisation
) -> None:
    sizes = team_sizes(demo)
    small = [team for team, size in sizes.items() if size < demo.min_group_size]
    assert small == ["legal"]
    analyst = client_for("analyst")
    html = analyst.get(f"/o/{demo.slug}/downloads/report.html").content.decode()
    assert ">legal<" not in html
    workbook = openpyxl.load_workbook(
        io.BytesIO(analyst.get(f"/o/{demo.slug}/downloads/report.xlsx").content), read_only=True
    )
    teams = [row for row in workbook["Teams"].iter_rows(values_only=True) if row and row[0]]
    shown = {str(row[0]): int(row[1]) for row in teams if isinstance(row[1], int)}
    assert shown, teams
    for team, people in shown.items():
        assert people >= demo.min_group_size, (team, people)
        assert team == "other teams" or sizes[team] >= demo.min_group_size, team
    workbook.close()
    assert client_for("manager").get(f"/o/{demo.slug}/downloads/report.html").status_code == 403


def test_a_manager_of_a_small_and_a_large_team_sees_no_small_team(
    client_for: SignedIn, demo: Organisation
) -> None:
    membership = Membership.objects.get(organisation=demo, role="manager")
    membership.teams.add(Team.objects.get(organisation=demo, name="platform"))
    document = client_for("manager").get(f"/o/{demo.slug}/dashboard/?format=json").json()
    assert document["suppressed"] is False
    assert document["workforce"]["people"] == 15  # legal 3 + platform 12, pooled
    assert "legal" not in {team["team"] for team in document["workforce"]["teams"]}
    assert "platform" not in {team["team"] for team in document["workforce"]["teams"]}


# --- the audit log --------------------------------------------------------------------------------


def test_viewing_another_persons_result_is_recorded(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    give_answer(demo_round, member_person(demo))
    url = f"/o/{demo.slug}/rounds/{demo_round.id}/people/p-member/"
    assert client_for("owner").get(url).status_code == 200
    assert client_for("reviewer").get(url).status_code == 200
    api = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/people/p-member"
    assert bearer("owner@demo.example").get(api).status_code == 200
    viewed = AuditEvent.objects.filter(action="result_viewed", target="p-member")
    assert sorted(event.actor_label for event in viewed) == [
        "owner@demo.example",
        "owner@demo.example",
        "reviewer@demo.example",
    ]
    assert all(event.organisation_id == demo.id for event in viewed)
    assert client_for("member").get(url).status_code == 200  # one's own result: not recorded
    assert viewed.count() == 3


def test_sign_ins_and_failed_sign_ins_are_recorded(demo: Organisation) -> None:
    client = Client()
    wrong = client.post(
        "/accounts/login/", {"username": "member@demo.example", "password": "not-the-password"}
    )
    assert wrong.status_code == 200  # the form again, with an error
    failed = AuditEvent.objects.get(action="sign_in_failed")
    assert failed.target == "member@demo.example"
    assert failed.actor is None
    assert failed.ip_address == "127.0.0.1"
    right = client.post(
        "/accounts/login/", {"username": "member@demo.example", "password": DEMO_PASSWORD}
    )
    assert right.status_code == 302
    signed_in = AuditEvent.objects.get(action="sign_in")
    assert signed_in.target == "member@demo.example"
    assert signed_in.actor == User.objects.get(email="member@demo.example")
    assert "not-the-password" not in str(failed.detail)
    assert DEMO_PASSWORD not in str(signed_in.detail)


def test_audit_events_cannot_be_changed_or_deleted(demo: Organisation) -> None:
    record(None, "round_opened", demo, "Spring")
    event = AuditEvent.objects.get(action="round_opened")
    event.target = "Autumn"
    with pytest.raises(ValueError, match="append-only"):
        event.save()
    with pytest.raises(ValueError, match="append-only"):
        event.delete()
    for change in (
        lambda: AuditEvent.objects.filter(id=event.id).update(target="Autumn"),
        lambda: AuditEvent.objects.filter(id=event.id).delete(),
        lambda: AuditEvent.objects.all().delete(),
    ):
        with pytest.raises((ValueError, DatabaseError)), transaction.atomic():
            change()
    stored = AuditEvent.objects.get(id=event.id)
    assert (stored.action, stored.target) == ("round_opened", "Spring")


def test_admins_read_and_export_the_audit_log(client_for: SignedIn, demo: Organisation) -> None:
    record(None, "round_opened", demo, "Spring")
    owner = client_for("owner")
    assert b"Opened a round" in owner.get(f"/o/{demo.slug}/audit/").content
    exported = owner.get(f"/o/{demo.slug}/audit/?format=csv")
    assert exported["Content-Type"].startswith("text/csv")
    assert "round_opened" in exported.content.decode()
    assert AuditEvent.objects.filter(action="audit_exported").count() == 1


# --- a person's own data --------------------------------------------------------------------------


def test_a_person_downloads_all_their_data(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    give_answer(demo_round, member_person(demo), evidence="ran the support pilot")
    download = client_for("member").get("/accounts/my-data/")
    assert download.status_code == 200
    assert download["Cache-Control"] == "no-store"
    assert "attachment" in download["Content-Disposition"]
    document = download.json()
    assert document["account"]["email"] == "member@demo.example"
    assert [m["organisation"] for m in document["memberships"]] == [demo.name]
    (person,) = document["people"]
    assert (person["id"], person["name"], person["team"]) == ("p-member", "Sam Rivera", "data")
    (response,) = person["responses"]
    assert response["answers"][ITEM]["value"] == 1.0
    assert response["answers"][ITEM]["evidence"] == "ran the support pilot"
    assert AuditEvent.objects.filter(action="personal_data_exported").count() == 1


def test_a_person_deletes_their_account_and_their_answers_go(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    person = member_person(demo)
    closed = Round.objects.create(organisation=demo, name="Spring 2026")
    for round_ in (demo_round, closed):
        give_answer(round_, person, evidence="ran the support pilot")
        Response.objects.filter(round=round_, person=person).update(submitted_at=round_.opened_at)
        store_score(round_, person)
    closed.status = Round.Status.CLOSED
    closed.save()
    other = Person.objects.get(organisation=demo, external_id="p0001")
    give_answer(demo_round, other)
    member = client_for("member")
    assert member.get("/accounts/delete/").status_code == 200  # asks first; nothing gone yet
    assert User.objects.filter(email="member@demo.example").exists()
    deleted = member.post("/accounts/delete/")
    assert deleted.status_code == 302
    assert deleted["Location"].startswith("/accounts/login")
    assert not User.objects.filter(email="member@demo.example").exists()
    assert not Answer.objects.filter(response__person=person).exists()
    assert not Response.objects.filter(person=person).exists()
    person.refresh_from_db()
    assert (person.name, person.email, person.user, person.given_levels) == ("", "", None, None)
    assert person.external_id != "p-member"
    assert not Score.objects.filter(round=demo_round, person=person).exists()
    assert Score.objects.filter(round=closed).count() == 1  # a closed round keeps its count
    assert Answer.objects.filter(response__person=other).count() == 1  # others untouched
    assert AuditEvent.objects.filter(action="account_deleted").count() == 1
    assert member.get("/accounts/my-data/").status_code == 302  # signed out


# --- security basics ------------------------------------------------------------------------------


def personal_urls(demo: Organisation, round_: Round) -> list[str]:
    base = f"/o/{demo.slug}/rounds/{round_.id}"
    return [
        f"{base}/assess/",
        f"{base}/assess/?domain=prompting",
        f"{base}/results/",
        f"{base}/results/?format=json",
        f"{base}/people/p-member/",
        f"{base}/people/p-member/?format=json",
        "/accounts/my-data/",
    ]


def test_personal_pages_are_not_stored_by_caches(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    give_answer(demo_round, member_person(demo))
    member = client_for("member")
    for url in personal_urls(demo, demo_round):
        response = member.get(url)
        assert response.status_code == 200, url
        assert response["Cache-Control"] == "no-store", url
    api = bearer("member@demo.example")
    for url in (
        f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/results",
        f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/people/p-member",
    ):
        response = api.get(url)
        assert response.status_code == 200, url
        assert response.get("Cache-Control") == "no-store", url


INLINE = (
    re.compile(r"<script\b(?![^>]*\bsrc=)(?![^>]*application/json)[^>]*>", re.IGNORECASE),
    re.compile(r"<style\b", re.IGNORECASE),
    re.compile(r"\sstyle\s*=", re.IGNORECASE),
    re.compile(r"\son[a-z]+\s*=", re.IGNORECASE),
    re.compile(r"(src|href)\s*=\s*[\"']?(https?:)?//", re.IGNORECASE),
)


def test_every_response_has_a_strict_content_security_policy(
    client_for: SignedIn, demo: Organisation, demo_round: Round
) -> None:
    give_answer(demo_round, member_person(demo))
    owner, member = client_for("owner"), client_for("member")
    base = f"/o/{demo.slug}"
    requests: list[tuple[Client, str]] = [
        (Client(), "/accounts/login/"),
        (Client(), "/accounts/password-reset/"),
        (Client(), "/o/harbor-retail/dashboard/"),  # a redirect
        (Client(), "/api/organisations"),  # a 401
        (Client(), "/api/openapi.json"),
        (Client(), "/api/docs"),
        (Client(), "/no/such/page/"),  # a 404
        (owner, f"{base}/dashboard/"),
        (owner, f"{base}/inventory/"),
        (owner, f"{base}/inventory/pilot-01/"),
        (owner, f"{base}/practices/"),
        (owner, f"{base}/people/"),
        (owner, f"{base}/audit/"),
        (owner, f"{base}/rounds/"),
        (owner, f"{base}/rounds/{demo_round.id}/people/p-member/"),
        (member, f"{base}/rounds/{demo_round.id}/assess/"),
        (member, f"{base}/rounds/{demo_round.id}/results/"),
        (member, f"{base}/dashboard/"),  # a 403
        (member, "/accounts/delete/"),
    ]
    login_page = Client().get("/accounts/login/").content.decode()
    assets = re.findall(r'(?:src|href)="(/static/[^"]+)"', login_page)
    assert len(assets) >= 2, "the stylesheet and htmx are served by the app itself"
    requests += [(Client(), asset) for asset in assets]
    problems = []
    for client, url in requests:
        response = client.get(url)
        if url.startswith("/static/") and response.status_code != 200:
            problems.append(f"{url}: {response.status_code}; the page's own asset is not served")
        policy = response.get("Content-Security-Policy", "")
        if not policy:
            problems.append(f"{url} ({response.status_code}): no Content-Security-Policy")
        elif "unsafe-inline" in policy or "unsafe-eval" in policy:
            problems.append(f"{url}: the policy allows inline code: {policy}")
        elif "script-src 'self'" not in policy and "default-src 'self'" not in policy:
            problems.append(f"{url}: the policy does not limit scripts: {policy}")
        if response.get("Content-Type", "").startswith("text/html"):
            page = b"".join(response) if response.streaming else response.content
            blocked = [
                match.group(0) for p in INLINE for match in [p.search(page.decode())] if match
            ]
            if blocked:
                problems.append(f"{url}: the page needs what the policy blocks: {blocked}")
    assert not problems, "\n".join(problems)


@pytest.mark.parametrize(
    "path",
    [
        "rounds/{round}/close/",
        "rounds/{round}/answers/?item_id=" + ITEM + "&value=1",
        "rounds/{round}/submit/",
        "rounds/{round}/requests/" + ITEM + "/?evidence=x",
        "people/p0001/invite/",
        "members/{membership}/role/?role=owner",
    ],
)
def test_state_changes_by_get_are_refused(
    client_for: SignedIn, demo: Organisation, demo_round: Round, path: str
) -> None:
    membership = Membership.objects.get(organisation=demo, role="member")
    url = f"/o/{demo.slug}/" + path.format(round=demo_round.id, membership=membership.id)
    for role in ("owner", "member", "reviewer"):
        assert client_for(role).get(url).status_code == 405, (role, url)
    demo_round.refresh_from_db()
    membership.refresh_from_db()
    assert demo_round.is_open
    assert membership.role == "member"
    assert not Answer.objects.exists()
    assert not AuditEvent.objects.filter(action__in=["person_invited", "role_changed"]).exists()


def test_api_state_changes_by_get_are_refused(demo: Organisation, demo_round: Round) -> None:
    api = bearer("member@demo.example")
    base = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}"
    assert api.get(f"{base}/answers?item_id={ITEM}&value=1").status_code == 405
    assert api.get(f"{base}/submit").status_code == 405
    assert Client().get("/accounts/logout/").status_code == 405
    assert not Answer.objects.exists()


def strict(email: str) -> Client:
    client = Client(enforce_csrf_checks=True)
    client.force_login(User.objects.get(email=email))
    return client


def test_a_post_without_a_csrf_token_is_refused(demo: Organisation, demo_round: Round) -> None:
    base = f"/o/{demo.slug}"
    posts = [
        ("owner", f"{base}/rounds/", {"name": "Spring"}),
        ("owner", f"{base}/rounds/{demo_round.id}/close/", {}),
        ("owner", f"{base}/inventory/", {"system_id": "x", "name": "X", "kind": "chatbot"}),
        ("owner", f"{base}/practices/", {"individual_ai_use": "no"}),
        ("owner", f"{base}/people/p0001/invite/", {}),
        ("member", f"{base}/rounds/{demo_round.id}/answers/", {"item_id": ITEM, "value": "1"}),
        ("member", f"{base}/rounds/{demo_round.id}/submit/", {}),
        ("member", "/accounts/delete/", {}),
        ("member", "/accounts/logout/", {}),
    ]
    before = (Round.objects.count(), AuditEvent.objects.exclude(action="sign_in").count())
    for role, url, data in posts:
        assert strict(f"{role}@demo.example").post(url, data).status_code == 403, url
    anonymous = Client(enforce_csrf_checks=True)
    login = {"username": "member@demo.example", "password": DEMO_PASSWORD}
    assert anonymous.post("/accounts/login/", login).status_code == 403
    api = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/answers"
    by_session = strict("member@demo.example").post(
        api, {"item_id": ITEM, "value": 1}, content_type="application/json"
    )
    assert by_session.status_code == 403  # the browser session needs the token for the API too
    assert strict("member@demo.example").post("/api/tokens").status_code == 403
    demo_round.refresh_from_db()
    assert demo_round.is_open
    assert not Answer.objects.exists()
    assert User.objects.filter(email="member@demo.example").exists()
    assert not ApiToken.objects.exists()
    assert (Round.objects.count(), AuditEvent.objects.exclude(action="sign_in").count()) == before


def test_a_bearer_token_needs_no_csrf_token(demo: Organisation, demo_round: Round) -> None:
    _, secret = ApiToken.issue(User.objects.get(email="member@demo.example"), "tests")
    client = Client(enforce_csrf_checks=True, headers={"Authorization": f"Bearer {secret}"})
    api = f"/api/organisations/{demo.slug}/rounds/{demo_round.id}/answers"
    saved = client.post(api, {"item_id": ITEM, "value": 1}, content_type="application/json")
    assert saved.status_code == 200
    assert Answer.objects.count() == 1


def test_a_post_with_the_csrf_token_is_accepted(demo: Organisation, demo_round: Round) -> None:
    member = strict("member@demo.example")
    page = member.get(f"/o/{demo.slug}/rounds/{demo_round.id}/assess/")
    token = page.cookies["csrftoken"].value
    saved = member.post(
        f"/o/{demo.slug}/rounds/{demo_round.id}/answers/",
        {"item_id": ITEM, "value": "1", "csrfmiddlewaretoken": token},
    )
    assert saved.status_code == 302
    assert Answer.objects.count() == 1


# --- production settings --------------------------------------------------------------------------


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def production_environment(tmp_path: Path, key: str | None) -> dict[str, str]:
    environment = {
        name: value
        for name, value in os.environ.items()
        if not name.startswith(("EAISM_", "DJANGO_", "DATABASE_URL"))
    }
    environment |= {
        "EAISM_ENV": "production",
        "EAISM_DATA_DIR": str(tmp_path / "data"),
        "EAISM_CACHE_DIR": "off",
    }
    if key is not None:
        environment["EAISM_SECRET_KEY"] = key
    return environment


@pytest.mark.parametrize(
    "key",
    [
        None,
        "",
        "changeme",
        "secret",
        DEVELOPMENT_KEY,
        "short-but-random-Zq81",
        DEVELOPMENT_KEY + "Zq81xY3vT0pL",  # long enough, but a padded development key
    ],
)
def test_production_refuses_to_serve_with_a_placeholder_secret_key(
    tmp_path: Path, key: str | None
) -> None:
    started = subprocess.run(
        [str(EAISM), "serve", "--host", "127.0.0.1", "--port", str(free_port())],
        env=production_environment(tmp_path, key),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert started.returncode != 0
    assert "EAISM_SECRET_KEY" in started.stderr
    assert "Traceback" not in started.stderr
    assert "is running" not in started.stdout
    assert not (tmp_path / "data" / "eaism.sqlite3").exists()  # stopped before touching data


def test_production_settings_are_secure(tmp_path: Path) -> None:
    environment = production_environment(tmp_path, secrets.token_urlsafe(64))
    environment["DJANGO_SETTINGS_MODULE"] = "eaism.web.settings"
    script = (
        "from django.conf import settings as s; "
        "print(s.DEBUG, s.SESSION_COOKIE_SECURE, s.CSRF_COOKIE_SECURE, "
        "s.SECURE_HSTS_SECONDS >= 31536000, s.SESSION_COOKIE_HTTPONLY, "
        "s.SESSION_COOKIE_NAME, s.CSRF_COOKIE_NAME)"
    )
    shown = subprocess.run(
        [sys.executable, "-c", script],
        env=environment | {"EAISM_DEBUG": "1"},
        capture_output=True,
        text=True,
        timeout=60,
        check=True,
    )
    assert shown.stdout.split() == [
        "False",
        "True",
        "True",
        "True",
        "True",
        "__Host-sessionid",
        "__Host-csrftoken",
    ]


def test_production_refuses_the_demo_and_its_published_password(tmp_path: Path) -> None:
    started = subprocess.run(
        [str(EAISM), "serve", "--demo", "--host", "127.0.0.1", "--port", str(free_port())],
        env=production_environment(tmp_path, secrets.token_urlsafe(64)),
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert started.returncode != 0
    assert "--demo" in started.stderr
    assert "refused in production" in started.stderr
    assert "Traceback" not in started.stderr
    assert not (tmp_path / "data" / "eaism.sqlite3").exists()  # refused before touching data
