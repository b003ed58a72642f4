"""An admin syncs the roster from a sheet: the preview names who goes, the count is confirmed,
the summary shows, and the import is undone."""

from __future__ import annotations

import re
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from eaism.web.organisations.models import Organisation


@pytest.fixture
def roster(site: Organisation, tmp_path: Path) -> Path:
    """Everyone but the legal team's three people, and one newcomer; made before the browser."""
    lines = ["id,team,name"]
    for person in site.people.select_related("team").exclude(team__name="legal"):
        lines.append(f"{person.external_id},{person.team.name},{person.name}")  # type: ignore[union-attr]
    lines.append("n100,research,Noor Newcomer")
    path = tmp_path / "roster.csv"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def test_an_admin_syncs_the_roster_confirms_and_undoes(
    roster: Path,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "owner@demo.example")
    page.get_by_role("navigation", name="Organisation").get_by_role("link", name="People").click()
    page.get_by_label(re.compile("^CSV or XLSX")).set_input_files(roster)
    page.get_by_role("radio", name=re.compile("Sync")).check()
    page.get_by_role("button", name="Preview").click()
    expect(page.get_by_text("1 to create, 0 to change, 3 to deactivate.")).to_be_visible()
    expect(page.get_by_text("Deactivate p0290 (Person 290)")).to_be_visible()
    shot(page, "sync-preview")
    page.get_by_label("Type 3 to confirm deactivating 3 people").fill("2")
    page.get_by_role("button", name="Apply the import").click()
    expect(page.locator("#confirm_deactivate-error")).to_contain_text("type 3")
    expect(page.get_by_label("Type 3 to confirm deactivating 3 people")).to_have_value("2")
    shot(page, "sync-refused")
    page.get_by_label("Type 3 to confirm deactivating 3 people").fill("3")
    page.get_by_role("button", name="Apply the import").click()
    expect(
        page.get_by_text("1 created, 0 updated, 3 deactivated, 1 teams created.")
    ).to_be_visible()
    page.get_by_label("Status").select_option("deactivated")
    page.get_by_role("button", name="Show").click()
    expect(page.get_by_text("3 people.")).to_be_visible()
    shot(page, "synced")
    page.get_by_role("button", name="Undo the last import").click()
    expect(page.get_by_role("button", name="Undo the last import")).to_have_count(0)
    expect(page.get_by_text("291 people, page 1 of 6.")).to_be_visible()
    shot(page, "undone")
