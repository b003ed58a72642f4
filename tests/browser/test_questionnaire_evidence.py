"""Evidence in the browser: one field per level shared by its statements, a link being enough,
last round's evidence kept with one click ("Still true"), or replaced; with and without
JavaScript, at desktop width and on a 390-pixel phone."""

from __future__ import annotations

import re
from collections.abc import Callable
from datetime import timedelta

import pytest
from django.utils import timezone
from playwright.sync_api import Page, expect

from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.assessments.models import Answer, Response, Round
from eaism.web.organisations.models import Organisation, Person
from tests.browser.test_every_page import violations
from tests.browser.test_questionnaire import (
    ANSWERS_URL,
    choose,
    evidence,
    give_evidence,
    open_domain,
    settled,
)

MEMBER = "member@demo.example"
FIRST = "prompting.l1.everyday_prompting"
LEVEL_2 = "prompting.l2.reusable_templates"
EARLIER = "A prompt library the support team relies on"
PAIR = ("apis_integration.l3.retries_fallbacks", "apis_integration.l3.async_pipeline")
PHONE = {"width": 390, "height": 844}
DESKTOP = {"width": 1280, "height": 900}


@pytest.fixture
def returning(site: Organisation) -> int:
    """The member submitted a closed earlier round with evidence for Prompting and APIs level
    2, and has answered Prompting level 1 in the open round: the open round's id."""
    round_ = site.rounds.get()
    person = Person.objects.get(organisation=site, external_id="p-member")
    earlier = Round.objects.create(organisation=site, name="Spring 2026", status="closed")
    given_at = timezone.now() - timedelta(days=180)
    response = Response.objects.create(
        round=earlier, person=person, source="self", submitted_at=given_at
    )
    for item_id, text in {
        FIRST: "",
        LEVEL_2: EARLIER,
        "apis_integration.l2.function_calling": "https://example.com/old-demo",
    }.items():
        Answer.objects.create(
            response=response, item_id=item_id, value=1.0, evidence=text, answered_at=given_at
        )
    save_answer(round_, person, parse_answer(FIRST, 1.0, ""))
    return round_.id


def test_still_true_keeps_last_rounds_evidence_and_a_new_link_replaces_it(
    returning: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, MEMBER)
    expect(page.locator("#domain-heading")).to_have_text("Prompting")
    expect(evidence(page, "prompting-2")).to_have_count(0)  # nothing claimed at level 2 yet
    choose(page, LEVEL_2, "1.0", 2)
    offer = evidence(page, "prompting-2")
    expect(offer.locator(".still-true")).to_contain_text("Your evidence from Spring 2026")
    expect(offer.locator("q")).to_have_text(EARLIER)
    expect(offer).to_contain_text(
        "Or new evidence: a link is enough, or a sentence on what shipped"
    )
    assert violations(page) == []
    offer.scroll_into_view_if_needed()
    shot(page, "offer-desktop")
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"]
    shot(page, "offer-390px")
    page.set_viewport_size(DESKTOP)

    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        offer.get_by_role("button", name="Still true").click()
    settled(page)
    kept = evidence(page, "prompting-2")
    expect(kept.get_by_role("status")).to_have_text("Saved: kept from Spring 2026")
    expect(kept.locator("textarea")).to_have_value(EARLIER)
    expect(kept.get_by_role("button", name="Still true")).to_have_count(0)
    shot(page, "kept")

    # Level 3 done in a pilot only: its evidence is optional, folded away.
    choose(page, "prompting.l3.eval_driven_optimisation", "0.5", 3)
    optional = evidence(page, "prompting-3")
    expect(optional.locator("summary")).to_contain_text("optional")
    expect(optional.locator("textarea")).to_be_hidden()
    shot(page, "optional")

    # APIs: the earlier evidence is replaced by typing a new link instead.
    open_domain(page, "apis_integration")
    choose(page, "apis_integration.l1.ai_enabled_apps", "1.0", 4)
    choose(page, "apis_integration.l2.function_calling", "1.0", 5)
    expect(evidence(page, "apis_integration-2").locator("q")).to_have_text(
        "https://example.com/old-demo"
    )
    give_evidence(page, "apis_integration-2", "https://example.com/pull/42")
    expect(evidence(page, "apis_integration-2").locator(".still-true")).to_have_count(0)

    # A level with two statements: one field once both are answered, one piece of evidence
    # for both, and it stays when an answer changes afterwards.
    choose(page, "apis_integration.l3.retries_fallbacks", "1.0", 6)
    expect(evidence(page, "apis_integration-3")).to_have_count(0)
    choose(page, "apis_integration.l3.async_pipeline", "0.5", 7)
    pair = evidence(page, "apis_integration-3")
    expect(pair.locator("legend")).to_contain_text("Evidence for these 2 statements")
    give_evidence(page, "apis_integration-3", "https://example.com/runbook")
    choose(page, "apis_integration.l3.async_pipeline", "1.0", 7)
    expect(evidence(page, "apis_integration-3").locator("textarea")).to_have_value(
        "https://example.com/runbook"
    )
    shot(page, "shared")

    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(r"/rounds/\d+/results/$"))
    # The pilot at Prompting level 3 has no evidence: claimed, and said so; the rest counts.
    expect(page.locator('[id="needs-prompting.l3.eval_driven_optimisation"]')).to_be_visible()
    for item_id in (LEVEL_2, *PAIR):
        expect(page.locator(f'[id="needs-{item_id}"]')).to_have_count(0)
    shot(page, "results")


@pytest.mark.no_js
def test_still_true_works_without_javascript(
    returning: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, MEMBER)
    page.locator(f'input[type="radio"][value="1.0"][data-item="{LEVEL_2}"]').check()
    page.locator(f'form[id="item-{LEVEL_2}"]').get_by_role("button", name="Save answer").click()
    offer = evidence(page, "prompting-2")
    expect(offer.locator("q")).to_have_text(EARLIER)
    offer.get_by_role("button", name="Still true").click()
    expect(page).to_have_url(re.compile(r"/assess/\?domain=prompting$"))
    kept = evidence(page, "prompting-2")
    expect(kept.get_by_role("status")).to_have_text("Saved: kept from Spring 2026")
    expect(kept.locator("textarea")).to_have_value(EARLIER)
    expect(kept.get_by_role("button", name="Save evidence")).to_be_visible()
    shot(page, "kept-without-javascript")
