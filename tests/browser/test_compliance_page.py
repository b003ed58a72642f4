"""The compliance page in a browser: an owner reads the records of a system's people, plans an
action for a gap and sees it listed; an analyst sees counts only. WCAG 2.2 AA by axe-core at
1280 px and at 390 px, with no sideways scrolling on a phone."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from eaism.web.organisations.involvements import add_involvement
from eaism.web.organisations.models import Organisation, Person
from tests.browser.test_every_page import DESKTOP, PHONE, too_wide, violations
from tests.web.test_compliance import OVERSEER_NEEDS, measure


@pytest.fixture
def records(site: Organisation) -> Organisation:
    """prod-01 is a minimal-risk system: p0001 oversees it with what that needs, p0002 oversees
    it short of security, p0003 operates it unmeasured, and a contractor builds pilot-01."""
    round_ = site.rounds.get()
    site.systems.filter(system_id="prod-01").update(risk_class="minimal", model="vendor-model 4")
    site.systems.filter(system_id="pilot-01").update(risk_class="high")
    Person.objects.filter(organisation=site, external_id="p0004").update(kind="contractor")
    prod, pilot = site.systems.get(system_id="prod-01"), site.systems.get(system_id="pilot-01")
    for system, person_id, kind in (
        (prod, "p0001", "oversee"),
        (prod, "p0002", "oversee"),
        (prod, "p0003", "operate"),
        (pilot, "p0004", "build"),
    ):
        add_involvement(system, person_id, kind)
    people = Person.objects.filter(organisation=site, external_id__in=["p0001", "p0002"])
    people.update(role="")  # every domain asked
    measure(round_, people.get(external_id="p0001"), OVERSEER_NEEDS)
    measure(round_, people.get(external_id="p0002"), {"evaluation": 2})
    return site


def accessible_at_both_widths(page: Page, shot: Callable[[Page, str], None], name: str) -> None:
    page.set_viewport_size(DESKTOP)
    problems = violations(page)
    shot(page, f"{name}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= PHONE["width"], f"{width} px wide at 390 px: {too_wide(page)}"
    problems += violations(page)
    shot(page, f"{name}-390")
    assert not problems, "\n".join(problems)


def test_an_owner_plans_an_action_for_a_gap(
    records: Organisation,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "owner@demo.example")
    page.goto(f"/o/{records.slug}/dashboard/")
    page.get_by_role("navigation", name="Organisation").get_by_role(
        "link", name="Compliance"
    ).click()
    expect(page.get_by_role("heading", level=1)).to_contain_text("competence records")
    shortfalls = page.get_by_role("table", name="Oversight shortfalls")
    expect(shortfalls).to_contain_text("No overseer")  # pilot-01: high risk, no overseer
    expect(shortfalls).to_contain_text("An overseer falls short")
    gap = page.get_by_role("article").filter(has_text="(p0002)")
    expect(gap).to_contain_text("Gap")
    expect(page.get_by_role("article").filter(has_text="(p0004), contractor")).to_be_visible()
    accessible_at_both_widths(page, shot, "owner")
    page.set_viewport_size(DESKTOP)
    gap.get_by_label("Plan").select_option("mentor")
    gap.get_by_label("Note").fill("Pairs with the security lead")
    gap.get_by_role("button", name="Plan the action").click()
    planned = page.get_by_role("article").filter(has_text="(p0002)")
    expect(planned).to_contain_text("Mentor, planned")
    expect(planned).to_contain_text("Pairs with the security lead")
    expect(planned).to_contain_text("Not measured yet")
    shot(page, "planned")


def test_an_analyst_sees_counts_and_no_names(
    records: Organisation,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "analyst@demo.example")
    page.goto(f"/o/{records.slug}/compliance/")
    expect(page.get_by_role("heading", name="Overview")).to_be_visible()
    expect(page.get_by_role("article")).to_have_count(0)
    body = page.locator("main").inner_text()
    for hidden in ("p0001", "p0002", "p0003", "p0004", "Plan the action"):
        assert hidden not in body
    accessible_at_both_widths(page, shot, "analyst")


def test_an_owner_raises_a_required_cell_and_a_refusal_keeps_the_input(
    records: Organisation,
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    sign_in(page, "owner@demo.example")
    page.goto(f"/o/{records.slug}/compliance/")
    form = page.locator("form.raise")
    form.get_by_label("Involvement").select_option("oversee")
    form.get_by_label("Risk class").select_option("minimal")
    form.get_by_label("Domain").select_option("security")
    form.get_by_label("Level").select_option("1")  # minimal-risk oversight already asks for 2
    form.get_by_label("Why").fill("Our customers' data")
    form.get_by_role("button").click()
    refused = page.locator("form.raise")
    expect(refused.get_by_role("alert")).to_contain_text("a raised requirement must be higher")
    expect(refused.get_by_label("Why")).to_have_value("Our customers' data")
    accessible_at_both_widths(page, shot, "raise-refused")
    page.set_viewport_size(DESKTOP)
    refused.get_by_label("Level").select_option("3")
    refused.get_by_role("button").click()
    expect(page.get_by_role("table", name="Raised by the organisation")).to_contain_text(
        "Our customers' data"
    )
    raised = page.get_by_role("article").filter(has_text="(p0001)")
    expect(raised).to_contain_text("Gap")  # had what minimal-risk oversight asked, not Security 3
    shot(page, "raised")
