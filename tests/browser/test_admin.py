"""An admin opens a round, imports people from a CSV sheet, and reads the dashboard's diagnostics."""

from __future__ import annotations

import csv
import io
import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from eaism.web.edition import current_edition
from eaism.web.organisations.models import Organisation

NEWCOMERS = [
    ("n001", "platform", "Ada Newcomer", "ada@demo.example", "software_engineer", "AI Engineer"),
    ("n002", "platform", "Ben Newcomer", "ben@demo.example", "software_engineer", "ML Engineer"),
    ("n003", "research", "Cy Newcomer", "cy@demo.example", "business_role", "Analyst"),
]


@pytest.fixture
def people_sheet(site: Organisation, tmp_path: Path) -> Path:
    """Everyone the demo has, as an HR export would list them, plus three newcomers.

    Made before the browser starts: the database is not to be read while it runs."""
    domains = list(current_edition().domain_ids)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(["id", "team", "name", "email", "role", "title", *domains])
    for person in site.people.select_related("team").order_by("external_id"):
        levels = person.given_levels or {}
        writer.writerow(
            [person.external_id, person.team.name if person.team else "", person.name]
            + [person.email, person.role, person.title]
            + [levels.get(domain, "") for domain in domains]
        )
    for row in NEWCOMERS:
        writer.writerow([*row, *([""] * len(domains))])
    path = tmp_path / "people.csv"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    return path


def go_to(page: Page, link: str) -> None:
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name=link).click()


def test_an_admin_opens_a_round_imports_people_and_reads_the_diagnostics(
    people_sheet: Path,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "owner@demo.example")
    shot(page, "dashboard-before")

    go_to(page, "Rounds")
    expect(page.get_by_role("heading", name="Assessment rounds")).to_be_visible()
    page.get_by_label("Name").fill("Spring 2027")
    page.get_by_role("button", name="Open the round").click()
    # The demo's round is open for everyone: keep it open, and the new round follows it.
    page.get_by_label("Keep the earlier round open until it closes").check()
    page.get_by_role("button", name="Open the round").click()
    expect(page.get_by_text("Round 'Spring 2027' is open.")).to_be_visible()
    go_to(page, "Rounds")
    expect(page.get_by_role("row", name=re.compile(r"^Spring 2027 Open"))).to_be_visible()
    shot(page, "round-opened")

    go_to(page, "People")
    expect(page.get_by_role("heading", name="People", exact=True)).to_be_visible()
    page.get_by_label(re.compile("^CSV or XLSX")).set_input_files(people_sheet)
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_role("heading", name="Preview")).to_be_visible()
    expect(page.get_by_text("3 to create, 0 to change, 0 to deactivate.")).to_be_visible()
    expect(page.get_by_text("Create n003 (research)")).to_be_visible()
    shot(page, "import-preview")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.get_by_role("heading", name="Preview")).to_have_count(0)
    for person_id, team, name, *_ in NEWCOMERS:
        expect(page.get_by_role("row", name=f"{person_id} {name} {team}")).to_be_visible()
    shot(page, "imported")

    go_to(page, "Dashboard")
    expect(page.get_by_label("Round")).to_have_value(re.compile(r"\d+"))
    expect(page.locator("#round option:checked")).to_have_text("Spring 2027 (Open)")
    diagnostic = page.locator('[data-code="LEVEL3_BOTTLENECK"]')
    expect(diagnostic).to_be_visible()
    expect(diagnostic.get_by_text("Recommendation:")).to_be_visible()
    expect(page.locator("table.heatmap")).to_be_visible()
    shot(page, "dashboard")
