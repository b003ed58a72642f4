"""A review in the browser, from both sides: the reviewer confirms one answer, lowers another and
asks for more evidence on a third; the person signs in, sees the review and answers the request;
the reviewer sees the answer. With JavaScript (htmx swaps one item's row) and without it (each
form posts and comes back to the item's anchor). Screenshots at 1280 px and 390 px."""

from __future__ import annotations

import re
from collections.abc import Callable

import pytest
from playwright.sync_api import Locator, Page, expect

from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.review_sheet import anchor
from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation, Person
from tests.browser.test_every_page import PHONE, violations

REVIEWER = "reviewer@demo.example"
MEMBER = "member@demo.example"
FIRST = "prompting.l1.everyday_prompting"
SECOND = "prompting.l2.reusable_templates"
THIRD = "prompting.l3.eval_driven_optimisation"
REPLY = "Eval set evals/support-v3.csv, 412 cases; accuracy went from 71% to 88%."


@pytest.fixture
def submitted(site: Organisation) -> int:
    """Sam's submitted answers, with evidence (one a link): the round's id."""
    round_ = site.rounds.get()
    person = Person.objects.get(organisation=site, external_id="p-member")
    save_answer(round_, person, parse_answer(FIRST, 1, "I draft customer replies daily"))
    save_answer(round_, person, parse_answer(SECOND, 1, "https://wiki.example/prompt-library"))
    save_answer(round_, person, parse_answer(THIRD, 0.5, "tuned prompts against an eval set"))
    submit_response(round_, person)
    return round_.id


def row(page: Page, item_id: str) -> Locator:
    return page.locator(f"#{anchor(item_id)}")


def fits_a_phone(page: Page, shot: Callable[[Page, str], None], name: str) -> None:
    """No sideways scroll at 390 px, no serious axe violation, and a screenshot of each width."""
    shot(page, f"{name}-desktop")
    size = page.viewport_size
    page.set_viewport_size(PHONE)
    assert page.evaluate("document.documentElement.scrollWidth") <= PHONE["width"], name
    assert violations(page) == [], name
    shot(page, f"{name}-390")
    if size is not None:
        page.set_viewport_size(size)


def review_three_answers(page: Page) -> None:
    with page.expect_response(re.compile(r"/review/$")):
        row(page, FIRST).get_by_role("button", name="Confirm").click()
    expect(page.locator(f"#{anchor(FIRST)}-decision")).to_have_text("Confirmed")
    row(page, SECOND).get_by_label("Lower to").select_option(label="Done in a prototype or pilot")
    row(page, SECOND).get_by_label(re.compile("^Note for")).fill("the library is a pilot so far")
    with page.expect_response(re.compile(r"/review/$")):
        row(page, SECOND).get_by_role("button", name="Lower").click()
    expect(row(page, SECOND)).to_contain_text("the library is a pilot so far")
    row(page, THIRD).get_by_label(re.compile("^Note for")).fill("Which eval set, and what changed?")
    with page.expect_response(re.compile(r"/review/$")):
        row(page, THIRD).get_by_role("button", name="Ask for more evidence").click()
    expect(row(page, THIRD)).to_contain_text("Waiting for Sam Rivera's answer")


def test_a_review_goes_to_the_person_and_their_answer_comes_back(
    submitted: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, REVIEWER)
    expect(page).to_have_url(re.compile(rf"/rounds/{submitted}/reviews/$"))  # the queue first
    expect(page.get_by_role("row", name=re.compile("Sam Rivera"))).to_contain_text("Submitted")
    fits_a_phone(page, shot, "queue")
    page.get_by_role("link", name="Sam Rivera").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Reviewing Sam Rivera's answers")
    review_three_answers(page)
    expect(page.get_by_role("heading", level=1)).to_have_count(1)  # rows swapped, not pages
    fits_a_phone(page, shot, "review-page")
    page.get_by_role("button", name="Mark review as done").click()
    expect(page.locator("#done")).to_contain_text("You marked your review done")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, MEMBER)
    page.goto(f"/o/{DEMO_SLUG}/rounds/{submitted}/results/")
    review = page.locator("#your-review")
    expect(review).to_contain_text("Confirmed")
    expect(review).to_contain_text("the library is a pilot so far")
    expect(review).to_contain_text(
        "More evidence asked for. Note: Which eval set, and what changed?"
    )
    fits_a_phone(page, shot, "your-review")
    request = review.locator(f"#request-{anchor(THIRD).removeprefix('item-')}")
    request.get_by_label(re.compile("^Your evidence")).fill(REPLY)
    request.get_by_role("button", name="Send the evidence").click()
    expect(page).to_have_url(re.compile(r"/results/#your-review$"))
    expect(page.locator("#your-review")).to_contain_text("You answered on")
    page.get_by_role("button", name="Sign out").click()

    sign_in(page, REVIEWER)
    page.goto(f"/o/{DEMO_SLUG}/rounds/{submitted}/people/p-member/review/")
    expect(row(page, THIRD)).to_contain_text("Sam Rivera answered on")
    expect(row(page, THIRD)).to_contain_text(REPLY)
    shot(page, "answer-seen")


@pytest.mark.no_js
def test_each_form_works_without_javascript(
    submitted: int,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, REVIEWER)
    page.goto(f"/o/{DEMO_SLUG}/rounds/{submitted}/reviews/?status=submitted")
    expect(page.get_by_role("link", name="Sam Rivera")).to_be_visible()
    page.get_by_label("Status").select_option(label="Reviewed")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("No one matches these filters.")).to_be_visible()
    page.goto(f"/o/{DEMO_SLUG}/rounds/{submitted}/people/p-member/review/")
    row(page, SECOND).get_by_role("button", name="Lower").click()  # no value chosen
    expect(row(page, SECOND).locator(".error")).to_contain_text("is not a lower value")
    review_three_answers(page)
    expect(page).to_have_url(re.compile(rf"#{anchor(THIRD)}$"))
    page.get_by_label("Reviewed level of Prompting").select_option(label="1: AI Consumer")
    page.get_by_role("button", name="Save the level of Prompting").click()
    expect(page).to_have_url(re.compile(r"#domain-prompting$"))
    expect(page.locator("#domain-prompting")).to_contain_text("Your rating: 1")
    shot(page, "no-js")
