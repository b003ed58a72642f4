"""An admin sets up a real roster in the browser: five new hires in update mode deactivate
nobody; a sync with a file that misses most people lists them and applies nothing without both
confirmations; a team is created, given its manager, and the manager reviews the team."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Locator, Page, expect

from eaism.web.organisations.demo import DEMO_SLUG
from eaism.web.organisations.models import Organisation
from tests.browser.test_every_page import violations

OWNER = "owner@demo.example"
HIRES = [
    ("h001", "ai-lab", "Ada Hire", "ada.hire@demo.example", "software_engineer", "AI Engineer"),
    ("h002", "ai-lab", "Ben Hire", "ben.hire@demo.example", "software_engineer", "ML Engineer"),
    ("h003", "ai-lab", "Cy Hire", "cy.hire@demo.example", "data_professional", "Data Scientist"),
    ("h004", "ai-lab", "Di Hire", "di.hire@demo.example", "product_manager", "AI PM"),
    ("h005", "ai-lab", "Ed Hire", "ed.hire@demo.example", "business_role", "Analyst"),
]


@pytest.fixture
def hires(site: Organisation, tmp_path: Path) -> Path:
    """Five new hires, as HR would send them: no one else is in the file."""
    lines = ["id,team,name,email,role,title", *(",".join(row) for row in HIRES)]
    path = tmp_path / "new-hires.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def to_people(page: Page) -> None:
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="People").click()


def preview(page: Page, sheet: Path, mode: str) -> None:
    page.get_by_label(re.compile("^CSV or XLSX")).set_input_files(sheet)
    page.get_by_role("radio", name=re.compile(f"^{mode}:")).check()
    page.get_by_role("button", name="Preview").click()


def test_new_hires_deactivate_nobody_and_an_unconfirmed_sync_applies_nothing(
    hires: Path,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, OWNER)
    to_people(page)
    preview(page, hires, "Update")
    expect(page.get_by_text("5 to create, 0 to change, 0 to deactivate.")).to_be_visible()
    expect(page.get_by_text("Teams to create: ai-lab.")).to_be_visible()
    shot(page, "update-preview")
    page.get_by_role("button", name="Apply the import").click()
    expect(
        page.get_by_text("5 created, 0 updated, 0 deactivated, 1 teams created.")
    ).to_be_visible()
    expect(page.get_by_text("296 people, page 1 of 6.")).to_be_visible()
    shot(page, "hired")

    preview(page, hires, "Sync")
    expect(page.get_by_text("0 to create, 0 to change, 291 to deactivate.")).to_be_visible()
    expect(page.get_by_text("Deactivate p0001 (Person 1)")).to_be_visible()
    shot(page, "sync-preview")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.locator("#confirm_deactivate-error")).to_be_visible()
    page.get_by_label("Type 291 to confirm deactivating 291 people").fill("291")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.locator("#confirm_large-error")).to_be_visible()
    expect(page.get_by_label("Type 291 to confirm deactivating 291 people")).to_have_value("291")
    assert violations(page) == []
    shot(page, "sync-refused")
    to_people(page)
    page.get_by_label("Status").select_option("deactivated")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("0 people.")).to_be_visible()


def test_an_admin_creates_a_team_gives_it_a_manager_who_reviews_it(
    site: Organisation,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, OWNER)
    page.goto(f"/o/{DEMO_SLUG}/teams/")
    page.get_by_label("Name", exact=True).fill("ai-lab")
    page.get_by_role("button", name="Create").click()
    lab = team_row(page, "ai-lab")
    expect(lab).to_contain_text("none")
    lab.get_by_text("Change ai-lab").click()
    lab.get_by_role("checkbox", name="manager@demo.example").check()
    lab.get_by_role("button", name="Save managers").click()
    expect(team_row(page, "ai-lab")).to_contain_text("manager@demo.example")
    legal = team_row(page, "legal")
    legal.get_by_text("Change legal").click()
    legal.get_by_label("Merge into").select_option(label="ai-lab")
    legal.get_by_role("button", name="Merge").click()
    expect(team_row(page, "legal")).to_have_count(0)
    lab = team_row(page, "ai-lab")
    expect(lab.get_by_role("cell").nth(1)).to_have_text("3")
    lab.get_by_text("Change ai-lab").click()
    lab.get_by_role("button", name="The team's managers review the team").click()
    assert violations(page) == []
    shot(page, "teams")
    page.goto(f"/o/{DEMO_SLUG}/people/p0290/")
    expect(page.get_by_text("manager@demo.example").first).to_be_visible()
    shot(page, "person-with-reviewer")


def team_row(page: Page, name: str) -> Locator:
    return page.locator("tbody tr").filter(has=page.get_by_role("cell", name=name, exact=True))
