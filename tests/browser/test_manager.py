"""A manager of a team below the reporting threshold sees no team figures."""

from __future__ import annotations

from collections.abc import Callable

from playwright.sync_api import Page, expect


def test_the_manager_of_a_three_person_team_sees_no_figures(
    page: Page, sign_in: Callable[[Page, str], None], shot: Callable[[Page, str], None]
) -> None:
    sign_in(page, "manager@demo.example")
    page.get_by_role("link", name="Dashboard").click()
    expect(page.get_by_role("heading", name="dashboard")).to_be_visible()
    expect(page.get_by_role("status")).to_contain_text("No figures are shown")
    expect(page.locator("table.heatmap")).to_have_count(0)
    expect(page.locator("[data-code]")).to_have_count(0)
    expect(page.locator("svg")).to_have_count(0)
    shot(page, "dashboard")
