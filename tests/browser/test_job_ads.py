"""A hiring manager checks a job ad in the browser: opens "Job ads" from the menu, pastes an ad
and reads the check, then uploads the ad as a file, without JavaScript; the page, a reading and
a refused upload (shown next to its field, the pasted text kept) pass axe and fit 390 px."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import FilePayload, Page, expect

from eaism.planning.document import job_description_document
from eaism.planning.job_description import check_job_description
from eaism.web.edition import current_edition
from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.job_ads import reading_of
from tests.browser.test_every_page import DESKTOP, PHONE, too_wide, violations

MANAGER = "manager@demo.example"
ROOT = Path(__file__).resolve().parents[2]
AD = (ROOT / "examples/job-descriptions/systems-engineer.txt").read_text(encoding="utf-8")
Shot = Callable[[Page, str], None]


def expected_headline(text: str) -> str:
    """What the page must say: the core's reading of the same text (no database involved)."""
    edition = current_edition()
    document = job_description_document(edition, check_job_description(edition, text))
    return reading_of(document).headline


def looks_right(page: Page, shot: Shot, step: str) -> None:
    """No axe violation at either width, no sideways scrolling at 390 px; a screenshot of each."""
    page.set_viewport_size(DESKTOP)
    assert violations(page) == []
    shot(page, f"{step}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{width} px wide at 390 px: {too_wide(page)}"
    assert violations(page) == []
    shot(page, f"{step}-390")
    page.set_viewport_size(DESKTOP)


@pytest.mark.no_js
def test_a_pasted_ad_then_an_uploaded_one_without_javascript(
    page: Page, sign_in: Callable[[Page, str], None], shot: Shot
) -> None:
    sign_in(page, MANAGER)
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="Job ads").click()
    expect(page.get_by_role("heading", level=1)).to_have_text("Job ads")
    page.get_by_label("The ad, pasted as text").fill(AD)
    page.get_by_role("button", name="Check the ad").click()
    expect(page.locator(".headline")).to_have_text(expected_headline(AD))
    expect(page.get_by_text("by the words “AI Systems Engineer”")).to_be_visible()
    expect(page.get_by_role("cell", name="Evaluation", exact=True)).to_be_visible()
    expect(page.get_by_label("The ad, pasted as text")).to_have_value(AD.replace("\r\n", "\n"))
    shot(page, "pasted")

    page.get_by_label("The ad, pasted as text").fill("")
    page.get_by_label("Or a plain-text file instead").set_input_files(
        files=FilePayload(name="ad.txt", mimeType="text/plain", buffer=AD.encode())
    )
    page.get_by_role("button", name="Check the ad").click()
    expect(page.locator(".headline")).to_have_text(expected_headline(AD))
    expect(page.get_by_text("Checked the file ad.txt.")).to_be_visible()
    shot(page, "uploaded")


def test_the_page_its_reading_and_a_refusal_pass_axe_and_fit_a_phone(
    page: Page, sign_in: Callable[[Page, str], None], shot: Shot
) -> None:
    """axe-core runs as a script in the page, so this one has JavaScript on."""
    sign_in(page, MANAGER)
    page.goto(f"/o/{DEMO_SLUG}/job-ads/")
    looks_right(page, shot, "empty")
    page.get_by_label("The ad, pasted as text").fill(AD)
    page.get_by_role("button", name="Check the ad").click()
    expect(page.locator(".headline")).to_have_text(expected_headline(AD))
    looks_right(page, shot, "pasted")

    page.get_by_label("Or a plain-text file instead").set_input_files(
        files=FilePayload(name="other.txt", mimeType="text/plain", buffer=b"Another ad")
    )
    with page.expect_response(lambda answer: answer.request.method == "POST") as answer:
        page.get_by_role("button", name="Check the ad").click()
    assert answer.value.status == 400
    expect(page.locator("#file-error")).to_contain_text("other.txt: was sent with a pasted ad")
    expect(page.get_by_label("Or a plain-text file instead")).to_have_attribute(
        "aria-invalid", "true"
    )
    expect(page.get_by_label("The ad, pasted as text")).to_have_value(AD.replace("\r\n", "\n"))
    expect(page.locator(".headline")).to_have_count(0)
    looks_right(page, shot, "refused")
