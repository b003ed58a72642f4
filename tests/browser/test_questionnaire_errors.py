"""Refused input in the browser: shown next to its field, inside the page, with what was typed
kept; answers without evidence shown as claimed."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from eaism.web.assessments.answers import parse_answer, save_answer
from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation, Person
from tests.browser.test_every_page import violations
from tests.browser.test_questionnaire import ANSWERS_URL, evidence, item, radio

MEMBER = "member@demo.example"
FIRST = "prompting.l1.everyday_prompting"
LEVEL_2 = "prompting.l2.reusable_templates"


@pytest.fixture
def started(site: Organisation) -> int:
    """The member has answered the first item fully (so level 2 is asked): the round's id."""
    round_ = site.rounds.get()
    person = Person.objects.get(organisation=site, external_id="p-member")
    save_answer(round_, person, parse_answer(FIRST, 1.0, ""))
    return round_.id


def test_too_long_evidence_is_refused_next_to_the_field_with_the_text_kept(
    started: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, MEMBER)
    expect(page.locator("#domain-heading")).to_have_text("Prompting")  # resumed at level 2
    expect(radio(page, LEVEL_2, "0.0")).to_be_focused()
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        radio(page, LEVEL_2, "1.0").check()  # saved at once, without evidence
    expect(item(page, LEVEL_2).get_by_role("status")).to_have_text("Saved")
    expect(page.locator(".htmx-request")).to_have_count(0)
    field = evidence(page, "prompting-2").locator("textarea")
    expect(field).to_have_attribute("maxlength", "4000")
    # A client that ignores the form's limit, as the 20,000 characters did.
    field.evaluate("field => field.removeAttribute('maxlength')")
    typed = "x" * 20_000
    field.fill(typed)
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url))) as answer:
        field.press("Tab")
    assert answer.value.status == 400
    refused = evidence(page, "prompting-2")
    expect(refused.locator(".error")).to_have_text("at most 4000 characters; this has 20000")
    expect(refused.locator("textarea")).to_have_value(typed)
    expect(refused.locator("textarea")).to_be_focused()
    expect(radio(page, LEVEL_2, "1.0")).to_be_checked()
    expect(refused.get_by_role("status")).to_have_count(0)  # not "Saved"
    assert violations(page) == []
    shot(page, "evidence-refused")

    refused.locator("textarea").fill("A prompt library used by the support team")
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        refused.locator("textarea").press("Tab")
    expect(evidence(page, "prompting-2").get_by_role("status")).to_have_text("Saved")
    expect(evidence(page, "prompting-2").locator(".error")).to_have_count(0)


@pytest.mark.no_js
def test_answers_without_evidence_are_claimed_and_can_be_reopened_without_javascript(
    started: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, MEMBER)
    radio(page, LEVEL_2, "1.0").check()
    item(page, LEVEL_2).get_by_role("button", name="Save answer").click()  # no evidence
    expect(item(page, LEVEL_2).get_by_role("status")).to_have_text("Saved")
    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/results/$"))
    row = page.get_by_role("row", name=re.compile("^Prompting"))
    expect(row).to_contain_text("claimed, needs evidence")
    expect(page.get_by_role("heading", name="Claimed, needs evidence")).to_be_visible()
    expect(page.locator(f'[id="needs-{LEVEL_2}"]')).to_contain_text("Prompting, level 2")
    shot(page, "claimed")

    page.get_by_role("button", name="Reopen my answers").click()
    expect(page).to_have_url(re.compile(r"/assess/$"))
    page.goto(re.sub(r"assess/$", "assess/?domain=prompting", page.url))
    evidence(page, "prompting-2").locator("textarea").fill("https://example.com/prompt-library")
    evidence(page, "prompting-2").get_by_role("button", name="Save evidence").click()
    page.get_by_role("button", name="Submit my answers").click()
    expect(page.get_by_role("row", name=re.compile("^Prompting"))).not_to_contain_text(
        "needs evidence"
    )
    shot(page, "evidenced")
