"""A round on the newer edition in a real browser: the admin chooses 2026.2, the member starts
from last round's carried answers, and the analyst reads a trend across the two editions. Each
page passes axe and fits 390 px, with screenshots at both widths."""

from __future__ import annotations

from collections.abc import Callable
from datetime import timedelta
from typing import Any

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from eaism.web.assessments.models import Answer, Response, Round, Score
from eaism.web.edition import edition_with_id
from eaism.web.organisations.models import Organisation, Person
from tests.browser.test_every_page import DESKTOP, PHONE, too_wide, violations


@pytest.fixture
def history(site: Organisation) -> dict[str, Any]:
    """The member's submitted 2026.1 round, and a scored 2026.2 round for the trend."""
    member = Person.objects.get(organisation=site, external_id="p-member")
    spring = Round.objects.create(
        organisation=site, name="Spring 2026", edition="2026.1", status=Round.Status.CLOSED
    )
    given_at = timezone.now() - timedelta(days=100)
    Round.objects.filter(id=spring.id).update(opened_at=given_at)  # before the demo's round
    response = Response.objects.create(
        round=spring, person=member, source="self", submitted_at=given_at
    )
    Answer.objects.bulk_create(
        Answer(response=response, item_id=item_id, value=1.0, evidence="", answered_at=given_at)
        for item_id in edition_with_id("2026.1").item_index
    )
    scored = Round.objects.create(organisation=site, name="Spring 2027", edition="2026.2")
    Score.objects.bulk_create(
        Score(round=scored, person=person, levels=[5] * 8, progress=[0.0] * 8,
              operating_level=5, claimed_level=5)
        for person in Person.objects.filter(organisation=site, team__name="finance")[:20]
    )  # fmt: skip
    return {"slug": site.slug, "scored": scored.id}


def checked(page: Page, shot: Callable[[Page, str], None], name: str) -> None:
    """axe at both widths, no sideways scrolling at 390 px, and a screenshot at each."""
    page.set_viewport_size(DESKTOP)
    problems = list(violations(page))
    shot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{name}: {width} px wide at 390 px: {too_wide(page)}"
    problems += violations(page)
    shot(page, f"{name}-390")
    page.set_viewport_size(DESKTOP)
    assert not problems, f"{name}:\n" + "\n".join(problems)


def test_a_round_on_the_newer_edition_from_opening_to_the_trend(
    history: dict[str, Any],
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    slug = history["slug"]
    sign_in(page, "owner@demo.example")
    page.goto(f"/o/{slug}/rounds/")
    expect(page.get_by_text("the agentic shift")).to_be_visible()
    checked(page, shot, "open-round-editions")
    page.get_by_label("Name").fill("Agentic 2027")
    page.get_by_label("2026.2: Enterprise AI Skills Maturity Model", exact=False).check()
    page.get_by_role("button", name="Open the round").click()
    # The demo's round is open for the same people: the form asks about their drafts, keeping
    # the edition chosen.
    expect(page.get_by_label("2026.2: Enterprise AI Skills Maturity Model")).to_be_checked()
    page.get_by_label("Keep the earlier round open until it closes").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_role("heading", name="Agentic 2027")).to_be_visible()
    round_id = page.url.rstrip("/").split("/")[-1]

    page.context.clear_cookies()
    sign_in(page, "member@demo.example")
    page.goto(f"/o/{slug}/rounds/{round_id}/assess/")
    notice = page.locator("section.carried")
    expect(notice).to_contain_text("Your answers from Spring 2026 (edition 2026.1)")
    notice.get_by_text("questions of edition 2026.2 need an answer").click()
    expect(notice.get_by_text("new in edition 2026.2").first).to_be_visible()
    checked(page, shot, "carried-offer")
    page.get_by_role("button", name="Start from these answers").click()
    page.goto(f"/o/{slug}/rounds/{round_id}/assess/?domain=rag_retrieval")
    expect(page.get_by_text("carried from Spring 2026 (edition 2026.1)").first).to_be_visible()
    expect(page.get_by_role("button", name="Start from these answers")).to_have_count(0)
    checked(page, shot, "carried-answers")

    page.context.clear_cookies()
    sign_in(page, "analyst@demo.example")
    page.goto(f"/o/{slug}/dashboard/?round={history['scored']}")
    expect(page.locator("#trend-note")).to_contain_text(
        "Round Autumn 2026 used edition 2026.1 and round Spring 2027 2026.2"
    )
    checked(page, shot, "trend-across-editions")
