"""A member answers the questionnaire in the browser: saved on change, resumed after closing the
tab, submitted, and shown as a radar and an operating level. Also by keyboard and without
JavaScript."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from eaism.web.organisations.demo import DEMO_SLUG

MEMBER = "member@demo.example"
ANSWERS_URL = re.compile(r"/rounds/\d+/answers/$")


def item(page: Page, item_id: str) -> Locator:
    """The form of one questionnaire item."""
    return page.locator("form.item").filter(has=page.locator(f'input[value="{item_id}"]'))


def radio(page: Page, item_id: str, value: str) -> Locator:
    return item(page, item_id).locator(f'input[type="radio"][value="{value}"]')


def answered(page: Page, count: int) -> None:
    """Wait until the progress line, redrawn by the server after a save, shows `count` answers."""
    expect(page.locator("#progress")).to_contain_text(f"· {count} answered")


def settled(page: Page) -> None:
    """No htmx request in flight: a saved answer's panel has been swapped in."""
    expect(page.locator(".htmx-request")).to_have_count(0)


def choose(page: Page, item_id: str, value: str, count: int) -> None:
    """Click an answer; htmx saves it on change, and the panel comes back with `count` answers."""
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        radio(page, item_id, value).check()
    answered(page, count)
    settled(page)
    expect(item(page, item_id).get_by_role("status")).to_have_text("Saved")


def evidence(page: Page, cell: str) -> Locator:
    """The evidence form of one level of a domain ("prompting-2"), shared by its statements."""
    return page.locator(f'form[id="evidence-{cell}"]')


def give_evidence(page: Page, cell: str, text: str) -> None:
    """Type the level's evidence and leave the field: the change event saves it for every
    answer of the level."""
    field = evidence(page, cell).locator("textarea")
    field.fill(text)
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        field.press("Tab")
    settled(page)
    expect(evidence(page, cell).locator("textarea")).to_have_value(text)
    expect(evidence(page, cell).get_by_role("status")).to_have_text("Saved")


def open_domain(page: Page, domain: str) -> None:
    page.goto(f"{questionnaire_path(page)}?domain={domain}")
    expect(page.locator("#domain-panel")).to_be_visible()


def questionnaire_path(page: Page) -> str:
    match = re.search(r"/o/[^/]+/rounds/\d+/assess/", page.url)
    assert match, f"not on the questionnaire: {page.url}"
    return match.group(0)


def test_a_member_answers_closes_the_tab_resumes_submits_and_sees_results(
    page: Page, sign_in: Callable[[Page, str], None], shot: Callable[[Page, str], None]
) -> None:
    sign_in(page, MEMBER)
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/assess/"))
    expect(page.locator("#domain-heading")).to_have_text("Prompting")
    expect(page.locator("#progress")).to_have_text(
        "Domain 1 of 8 · 0 answered, between 8 and 41 to go"
    )
    expect(radio(page, "prompting.l1.everyday_prompting", "0.0")).to_be_focused()
    # htmx saves on change: the Save buttons are for pages without JavaScript only.
    expect(page.locator("form.item button.save")).to_have_count(1)
    expect(page.locator("form.item button.save")).to_be_hidden()
    shot(page, "questionnaire")

    choose(page, "prompting.l1.everyday_prompting", "1.0", 1)
    choose(page, "prompting.l2.reusable_templates", "1.0", 2)  # level 1 met: level 2 is asked
    give_evidence(page, "prompting-2", "A prompt library used by the support team")
    shot(page, "prompting-answered")

    # Keyboard: Tab from the level-2 evidence into the level-3 radios (past the hidden Save
    # button), arrow to choose.
    level3 = "prompting.l3.eval_driven_optimisation"
    evidence(page, "prompting-2").locator("textarea").focus()
    page.keyboard.press("Tab")
    expect(radio(page, level3, "0.0")).to_be_focused()
    with page.expect_response(lambda r: bool(ANSWERS_URL.search(r.url)) and r.ok):
        page.keyboard.press("ArrowDown")
    answered(page, 3)
    settled(page)
    expect(radio(page, level3, "0.25")).to_be_checked()
    shot(page, "keyboard")

    with page.expect_response(lambda r: "domain=apis_integration" in r.url):
        page.get_by_role("link", name="Next domain").click()
    expect(page.locator("#domain-heading")).to_have_text("APIs & Integration")
    choose(page, "apis_integration.l1.ai_enabled_apps", "1.0", 4)
    choose(page, "apis_integration.l2.function_calling", "0.5", 5)
    # A pilot cannot meet level 2: its evidence is optional, folded away until opened.
    evidence(page, "apis_integration-2").locator("summary").click()
    give_evidence(page, "apis_integration-2", "https://example.com/pull/42")  # a link is enough
    shot(page, "midway")
    given = {
        "prompting.l1.everyday_prompting": "1.0",
        "prompting.l2.reusable_templates": "1.0",
        level3: "0.25",
        "apis_integration.l1.ai_enabled_apps": "1.0",
        "apis_integration.l2.function_calling": "0.5",
    }
    given_evidence = {
        "prompting-2": "A prompt library used by the support team",
        "apis_integration-2": "https://example.com/pull/42",
    }
    path = questionnaire_path(page)
    context = page.context
    page.close()  # the tab is closed midway

    page = context.new_page()
    page.goto(f"/o/{DEMO_SLUG}/")  # back in: the questionnaire opens where the member left off
    expect(page).to_have_url(re.compile(re.escape(path)))
    answered(page, 5)
    # Prompting and APIs are finished (their next levels are not met): the first open question
    # is RAG & Retrieval's first item, and it has the focus.
    expect(page.locator("#domain-heading")).to_have_text("RAG & Retrieval")
    expect(radio(page, "rag_retrieval.l2.vector_search", "0.0")).to_be_focused()
    expect(page.locator("#progress")).not_to_have_text(re.compile(r"\b0 to go"))
    shot(page, "resumed")
    for domain in ("prompting", "apis_integration"):
        open_domain(page, domain)
        for item_id, value in given.items():
            if item_id.startswith(domain + "."):
                expect(radio(page, item_id, value)).to_be_checked()
        for cell, text in given_evidence.items():
            if cell.startswith(domain + "-"):
                expect(evidence(page, cell).locator("textarea")).to_have_value(text)
        shot(page, f"resumed-{domain}")

    open_domain(page, "security")
    choose(page, "security.l1.data_hygiene", "1.0", 6)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/results/$"))
    expect(page.locator("svg.radar")).to_be_visible()
    expect(page.locator("#operating-level")).to_have_text(re.compile(r"^Operating level \d"))
    expect(page.get_by_role("row", name=re.compile("^Prompting"))).to_be_visible()
    shot(page, "results")

    # Reopened while the round is open: answers change, and it is submitted again.
    page.get_by_role("button", name="Reopen my answers").click()
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/assess/$"))
    expect(page.get_by_role("button", name="Submit my answers")).to_be_visible()
    open_domain(page, "security")
    choose(page, "security.l2.key_management", "0.5", 7)
    page.get_by_role("button", name="Submit my answers").click()
    expect(page).to_have_url(re.compile(rf"/o/{DEMO_SLUG}/rounds/\d+/results/$"))
    expect(page.get_by_role("button", name="Reopen my answers")).to_be_visible()
    shot(page, "resubmitted")


@pytest.mark.no_js
def test_the_questionnaire_saves_without_javascript(
    page: Page, sign_in: Callable[[Page, str], None], shot: Callable[[Page, str], None]
) -> None:
    sign_in(page, MEMBER)
    expect(page.locator("#domain-heading")).to_have_text("Prompting")
    first = "prompting.l1.everyday_prompting"
    expect(item(page, first).get_by_role("button", name="Save answer")).to_be_visible()
    expect(radio(page, first, "0.0")).to_be_focused()
    radio(page, first, "1.0").check()
    item(page, first).get_by_role("button", name="Save answer").click()
    expect(page).to_have_url(re.compile(r"/assess/\?domain=prompting$"))
    answered(page, 1)
    expect(radio(page, first, "1.0")).to_be_checked()
    expect(item(page, first).get_by_role("status")).to_have_text("Saved")
    expect(item(page, "prompting.l2.reusable_templates")).to_be_visible()
    shot(page, "saved")
