"""An admin runs a round in the browser: opens it for two teams with a closing date, sends the
invitations, which reach a real SMTP server; a person follows their single-use link, chooses a
password, answers part of the questionnaire and leaves; a "not submitted" reminder reaches only
that person; the rounds page and the dashboard show the response rates."""

from __future__ import annotations

import re
import threading
from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.db import connections
from django.utils import timezone
from playwright.sync_api import Page, expect
from pytest_django.live_server_helper import LiveServer

from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation, Person
from eaism.web.outbox.delivery import deliver_due
from tests.browser.test_every_page import violations
from tests.mail_server import MailServer, link_in, subject_of

OWNER = "owner@demo.example"
TEAMS = ("data", "platform")
PASSWORD = "a-long-pass-phrase-2026"


@pytest.fixture
def addressed_site(site: Organisation) -> Organisation:
    """The demo, with e-mail addresses for the people of two teams (not Sam, the demo member)."""
    people = Person.objects.filter(organisation=site, team__name__in=TEAMS, user__isnull=True)
    for person in people:
        person.email = f"{person.external_id}@demo.example"
        person.save(update_fields=["email"])
    return site


@pytest.fixture
def mail(settings: Any, mail_server: MailServer, live_server: LiveServer) -> MailServer:
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = mail_server.host, mail_server.port
    settings.EAISM_BASE_URL = live_server.url
    return mail_server


def deliver() -> int:
    """What the background worker does, in a thread of its own: the test's thread runs the
    browser's event loop, where Django allows no database queries."""
    sent: list[int] = []

    def work() -> None:
        try:
            sent.append(deliver_due())
        finally:
            connections.close_all()

    worker = threading.Thread(target=work)
    worker.start()
    worker.join(timeout=60)
    assert sent, "the delivery did not finish"
    return sent[0]


def both_widths(page: Page, shot: Callable[[Page, str], None], name: str) -> None:
    """A screenshot at desktop width and at 390 px, where the page must not scroll sideways."""
    shot(page, name)
    page.set_viewport_size({"width": 390, "height": 844})
    assert page.evaluate("document.documentElement.scrollWidth") <= 390, name
    shot(page, f"{name}-390")
    page.set_viewport_size({"width": 1280, "height": 900})


def test_an_admin_runs_a_round_and_a_person_answers_from_the_email(
    addressed_site: Organisation,
    mail: MailServer,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, OWNER)
    page.goto(f"/o/{DEMO_SLUG}/rounds/")
    both_widths(page, shot, "rounds")
    page.get_by_label("Name").fill("Spring 2027")
    closes = (timezone.localtime() + timedelta(days=21)).strftime("%Y-%m-%dT%H:%M")
    page.get_by_label("Closes").fill(closes)
    for team in TEAMS:
        page.get_by_label(team, exact=True).check()
    page.get_by_role("button", name="Open the round").click()
    # The demo's round is still open for everyone: the form asks what happens to drafts.
    expect(page.get_by_text("'Autumn 2026' is still open for 43 of these people")).to_be_visible()
    expect(page.get_by_label("Name")).to_have_value("Spring 2027")
    assert violations(page) == []
    shot(page, "drafts-question")
    page.get_by_label("Close the earlier round and start").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Spring 2027")
    expect(page.get_by_text("Round 'Spring 2027' is open.")).to_be_visible()

    page.get_by_role("button", name="Send invitations").click()
    expect(page.get_by_text("42 invitations queued for sending.")).to_be_visible()
    assert deliver() == 42
    assert len(mail.received) == 42
    page.reload()
    expect(page.get_by_text("0 submitted of 42 invited (0%)")).to_be_visible()
    both_widths(page, shot, "round-invited")

    invitation = mail.to("p0250@demo.example")
    assert len(invitation) == 1
    assert "Spring 2027" in subject_of(invitation[0])
    link = link_in(invitation[0])
    page.get_by_role("button", name="Sign out").click()
    page.goto(link)
    shot(page, "invitation")
    page.get_by_label(re.compile(r"^New password:?$")).fill(PASSWORD)
    page.get_by_label("New password confirmation").fill(PASSWORD)
    page.get_by_role("button", name="Join").click()
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/assess/"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Spring 2027")
    for item_id in ("prompting.l1.everyday_prompting", "prompting.l2.reusable_templates"):
        answer = page.locator("form.item").filter(has=page.locator(f'input[value="{item_id}"]'))
        answer.locator('input[type="radio"][value="1.0"]').check()
        expect(answer.get_by_role("status")).to_have_text("Saved")
    shot(page, "half-answered")
    page.get_by_role("button", name="Sign out").click()

    used = page.goto(link)
    assert used is not None
    assert used.status == 404
    expect(page.get_by_text("already been used")).to_be_visible()

    sign_in(page, OWNER)
    page.goto(f"/o/{DEMO_SLUG}/rounds/")
    page.get_by_role("link", name="Spring 2027").click()
    page.get_by_label("Whom to remind").select_option("not_submitted")
    page.get_by_role("button", name="Send reminders").click()
    expect(page.get_by_text("1 reminder queued for sending.")).to_be_visible()
    before = len(mail.received)
    assert deliver() == 1
    assert [message["To"] for message in mail.received[before:]] == ["p0250@demo.example"]
    assert "not submitted it yet" in str(mail.received[-1].get_payload(decode=True), "utf-8")
    page.reload()
    expect(page.get_by_text("0 submitted of 42 invited (0%); 1 started.")).to_be_visible()
    assert violations(page) == []
    both_widths(page, shot, "round-reminded")

    page.goto(f"/o/{DEMO_SLUG}/dashboard/")
    expect(page.get_by_text("Response rates: Spring 2027")).to_be_visible()
    expect(page.get_by_text("Responses so far: 0 of 42 invited")).to_be_visible()
    both_widths(page, shot, "dashboard-rates")
