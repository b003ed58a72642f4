"""Signing in through a real OpenID provider (oidc-provider, tests/oidc_provider.py) in a
browser: the account is made at the first sign-in with the role and team its groups give, and
found again at the next one."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from typing import Any

import pytest
from django.db import connections
from playwright.sync_api import BrowserContext, Page, expect
from pytest_django.live_server_helper import LiveServer

from eaism.web.accounts.models import User
from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation
from eaism.web.sso.models import GroupRule, SignInConfiguration
from tests.oidc_provider import PASSWORD, OidcProvider

ADA = "ada@demo.example"  # group ai-analysts: analyst, team data
LIN = "lin@demo.example"  # group ai-managers: manager of legal


@pytest.fixture
def provider(
    site: Organisation, live_server: LiveServer, oidc_provider_for: Callable[[str], OidcProvider]
) -> OidcProvider:
    """The demo organisation signs in through the test provider (made before the browser)."""
    started = oidc_provider_for(f"{live_server.url}/sso/callback/")
    configuration = SignInConfiguration.objects.create(
        organisation=site,
        issuer=started.issuer,
        client_id=started.client_id,
        client_secret=started.client_secret,
        employee_id_claim="employee_id",
    )
    teams = {team.name: team for team in site.teams.all()}
    for position, (group, role, team) in enumerate(
        (("ai-analysts", "analyst", "data"), ("ai-managers", "manager", "legal")), start=1
    ):
        GroupRule.objects.create(
            configuration=configuration, position=position, value=group, role=role, team=teams[team]
        )
    return started


def accounts(email: str) -> int:
    """Accounts of the address, counted in a thread of its own: the test's thread runs the
    browser's event loop, where Django allows no database queries."""
    counted: list[int] = []

    def count() -> None:
        try:
            counted.append(User.objects.filter(email=email).count())
        finally:
            connections.close_all()

    worker = threading.Thread(target=count)
    worker.start()
    worker.join(timeout=30)
    return counted[0]


def start(page: Page, shot: Callable[[Page, str], None], name: str) -> None:
    page.goto("/accounts/login/")
    page.get_by_label("Your organisation's short name").fill(DEMO_SLUG)
    shot(page, f"{name}-short-name")
    page.get_by_role("button", name="Continue to your identity provider").click()
    shot(page, f"{name}-continue")
    page.get_by_role("link", name="Continue to Harbor Retail (demo)'s identity provider").click()


def at_provider(page: Page, email: str, shot: Callable[[Page, str], None], name: str) -> None:
    expect(page.get_by_role("heading", name="Test identity provider")).to_be_visible()
    page.get_by_label("E-mail address").fill(email)
    page.get_by_label("Password").fill(PASSWORD)
    shot(page, f"{name}-provider")
    page.get_by_role("button", name="Sign in to the test provider").click()


def my_data(page: Page) -> Any:
    return page.request.get("/accounts/my-data/").json()


def test_people_sign_in_through_their_identity_provider_with_the_mapped_role_and_team(
    provider: OidcProvider,
    browser_context: BrowserContext,
    page: Page,
    shot: Callable[[Page, str], None],
) -> None:
    start(page, shot, "ada")
    at_provider(page, ADA, shot, "ada")
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/dashboard/"))
    expect(page.get_by_text(ADA)).to_be_visible()
    shot(page, "ada-signed-in")
    mine = my_data(page)
    assert mine["memberships"] == [{"organisation": "Harbor Retail (demo)", "role": "analyst"}]
    assert [person["team"] for person in mine["people"]] == ["data"]

    page.get_by_role("button", name="Sign out").click()
    expect(page.get_by_role("heading", name="Sign in", exact=True)).to_be_visible()
    assert page.request.get(f"/o/{DEMO_SLUG}/dashboard/", max_redirects=0).status == 302

    # Again: the provider still knows the browser, so it sends it straight back.
    start(page, shot, "ada-again")
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/dashboard/"))
    expect(page.get_by_text(ADA)).to_be_visible()
    assert accounts(ADA) == 1

    # Someone else on a fresh browser: the other group's role and team.
    page.get_by_role("button", name="Sign out").click()
    browser_context.clear_cookies()
    start(page, shot, "lin")
    at_provider(page, LIN, shot, "lin")
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/dashboard/"))
    expect(page.get_by_text(LIN)).to_be_visible()
    shot(page, "lin-signed-in")
    mine = my_data(page)
    assert mine["memberships"] == [{"organisation": "Harbor Retail (demo)", "role": "manager"}]
    assert [(person["id"], person["team"]) for person in mine["people"]] == [("p0002", "legal")]
    assert accounts(LIN) == 1
