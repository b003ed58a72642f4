"""Every page, as each role sees it: WCAG 2.2 AA by axe-core, and usable 390 px wide.

For each page of the table below, the test signs in as the page's role (once per role, one
browser per role), opens the page and
- runs axe-core and fails on any violation of impact "serious" or "critical";
- at 390 px wide, checks that the page does not scroll sideways (a wide table scrolls in its
  own box instead);
- saves a screenshot at 1280 px and at 390 px under test-artifacts/screenshots/.

To check a new page, add one line to PAGES: the role, the path (with `{slug}`, `{round}`,
`{closed}` (the demo's earlier, closed round), `{system}`, `{person}`, `{answered}` (a
person with submitted answers) or `{invitation}` where needed) and a short name for the screenshots.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any, NamedTuple

import pytest
from axe_playwright_python.sync_playwright import Axe  # type: ignore[import-untyped]
from playwright.sync_api import Page, ViewportSize

from eaism.web.accounts.models import ApiToken, User
from eaism.web.assessments.answers import parse_answer, save_answer, submit_response
from eaism.web.assessments.models import Round
from eaism.web.assessments.reviews import review_domain, review_item
from eaism.web.edition import current_edition
from eaism.web.organisations.demo_history import add_earlier_round
from eaism.web.organisations.invitations import invite
from eaism.web.organisations.models import Organisation, Person
from eaism.web.provisioning.tokens import create_token

PHONE: ViewportSize = {"width": 390, "height": 844}
DESKTOP: ViewportSize = {"width": 1280, "height": 900}
BLOCKING = {"serious", "critical"}
# WCAG 2.0, 2.1 and 2.2, levels A and AA, and axe's best practices.
AXE_OPTIONS = {
    "resultTypes": ["violations"],
    "runOnly": {
        "type": "tag",
        "values": ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"],
    },
}


class Visit(NamedTuple):
    role: str  # "anonymous", or a demo account: owner, analyst, manager, reviewer, member
    path: str
    name: str


PAGES = [
    Visit("anonymous", "/accounts/login/", "sign-in"),
    Visit("anonymous", "/accounts/password-reset/", "password-reset"),
    Visit("anonymous", "/accounts/password-reset/sent/", "password-reset-sent"),
    Visit("anonymous", "/accounts/reset/MQ/not-a-token/", "password-reset-link-invalid"),
    Visit("anonymous", "/invite/{invitation}/", "invitation"),
    Visit("anonymous", "/invite/not-a-valid-token/", "invitation-invalid"),
    Visit("anonymous", "/no-such-page/", "not-found"),
    Visit("anonymous", "/api/docs", "api-docs"),
    Visit("anonymous", "/sso/callback/?code=x&state=y", "sign-in-failed"),
    Visit("anonymous", "/sso/find/?organisation=nowhere", "sign-in-organisation-unknown"),
    Visit("owner", "/o/{slug}/dashboard/", "dashboard"),
    Visit("owner", "/o/{slug}/rounds/", "rounds"),
    Visit("owner", "/o/{slug}/rounds/{round}/", "round"),
    Visit("owner", "/o/{slug}/rounds/{round}/validity/", "validity-open-round"),
    Visit("owner", "/o/{slug}/inventory/", "inventory"),
    Visit("owner", "/o/{slug}/inventory/{system}/", "system-edit"),
    Visit("owner", "/o/{slug}/compliance/", "compliance"),
    Visit("owner", "/o/{slug}/practices/", "practices"),
    Visit("owner", "/o/{slug}/settings/", "settings"),
    Visit("owner", "/o/{slug}/settings/scim/", "scim-tokens"),
    Visit("owner", "/o/{slug}/settings/sign-in/", "sign-in-settings"),
    Visit("owner", "/o/{slug}/people/", "people"),
    Visit("owner", "/o/{slug}/people/?q=Person&status=active&page=2", "people-searched"),
    Visit("owner", "/o/{slug}/people/{person}/", "person"),
    Visit("owner", "/o/{slug}/teams/", "teams"),
    Visit("owner", "/o/{slug}/audit/", "audit-log"),
    Visit("owner", "/o/{slug}/rounds/{round}/people/{answered}/", "person-results"),
    Visit("owner", "/o/{slug}/rounds/{round}/reviews/", "review-queue-everyone"),
    Visit("owner", "/o/{slug}/rounds/{round}/people/{answered}/review/", "review-person-full"),
    Visit("owner", "/o/{slug}/no-such-page/", "not-found-in-organisation"),
    Visit("owner", "/o/no-such-organisation/dashboard/", "not-found-organisation"),
    Visit("owner", "/accounts/delete/", "delete-account"),
    Visit("analyst", "/o/{slug}/dashboard/", "dashboard"),
    Visit("analyst", "/o/{slug}/inventory/", "inventory"),
    Visit("analyst", "/o/{slug}/compliance/", "compliance"),
    Visit("analyst", "/o/{slug}/practices/", "practices"),
    Visit("analyst", "/o/{slug}/rounds/{round}/", "round"),
    Visit("analyst", "/o/{slug}/rounds/{closed}/validity/", "validity"),
    Visit("analyst", "/o/{slug}/dashboard/?round={closed}", "dashboard-earlier-round"),
    Visit("analyst", "/o/{slug}/people/", "forbidden"),
    Visit("manager", "/o/{slug}/dashboard/", "dashboard-withheld"),
    Visit("reviewer", "/o/{slug}/", "reviews"),
    Visit("reviewer", "/o/{slug}/rounds/{round}/people/{person}/", "member-results"),
    Visit("reviewer", "/o/{slug}/rounds/{round}/reviews/", "review-queue"),
    Visit("reviewer", "/o/{slug}/rounds/{round}/people/{person}/review/", "review-person"),
    Visit("member", "/o/{slug}/job-ads/", "job-ads"),
    Visit("member", "/o/{slug}/rounds/{round}/assess/", "questionnaire"),
    Visit("member", "/o/{slug}/rounds/{round}/results/", "results"),
    Visit("member", "/o/{slug}/dashboard/", "forbidden"),
    Visit("member", "/accounts/tokens/", "api-tokens"),
]
ROLES = sorted({visit.role for visit in PAGES})


@pytest.fixture
def placeholders(site: Organisation) -> dict[str, Any]:
    """The ids the paths need, read before the browser starts (see conftest.py)."""
    newcomer = Person.objects.create(organisation=site, external_id="n-axe", name="New Person")
    round_ = site.rounds.get()
    answered = Person.objects.create(organisation=site, external_id="n-answered", name="Ann Swered")
    for item_id in list(current_edition().item_index)[::2]:
        save_answer(round_, answered, parse_answer(item_id, 1, "Shipped it; see the wiki page."))
    submit_response(round_, answered)
    reviewed(round_, Person.objects.get(organisation=site, external_id="p-member"))
    reviewer = User.objects.get(email="reviewer@demo.example")
    closed = add_earlier_round(site, current_edition(), reviewer)  # the demo's history
    ApiToken.issue(User.objects.get(email="member@demo.example"), "nightly export")  # a listed one
    create_token(None, site, "Microsoft Entra ID")  # a SCIM token the owner's page lists
    return {
        "slug": site.slug,
        "round": round_.id,
        "closed": closed.id,
        "system": site.systems.order_by("system_id")[0].system_id,
        "person": "p-member",
        "answered": answered.external_id,
        "invitation": invite(site, newcomer),
    }


def reviewed(round_: Round, person: Person) -> None:
    """The member's answers with a reviewer's decisions, so both sides of a review are shown."""
    decided = ("confirm", "lower", "request_evidence")
    reviewer = User.objects.get(email="reviewer@demo.example")
    for (item_id, value), decision in zip(REVIEWED_ANSWERS, decided, strict=True):
        evidence = "Shipped; see https://wiki.example/x"
        save_answer(round_, person, parse_answer(item_id, value, evidence))
        lowered = 0.25 if decision == "lower" else None
        review_item(round_, person, reviewer, item_id, decision, lowered, "why")
    review_domain(round_, person, reviewer, "prompting", 1, "seen in the support team")


REVIEWED_ANSWERS = (
    ("prompting.l1.everyday_prompting", 1.0),
    ("prompting.l2.reusable_templates", 1.0),
    ("prompting.l3.eval_driven_optimisation", 0.5),
)


@pytest.mark.parametrize("role", ROLES)
def test_every_page_passes_axe_and_fits_a_phone(
    role: str,
    placeholders: dict[str, Any],
    page: Page,
    sign_in: Callable[[Page, str], None],
    shot: Callable[[Page, str], None],
) -> None:
    if role != "anonymous":
        sign_in(page, f"{role}@demo.example")
    problems: list[str] = []
    for visit in (visit for visit in PAGES if visit.role == role):
        problems += check(page, visit, visit.path.format(**placeholders), shot)
    assert not problems, f"{len(problems)} problems:\n" + "\n".join(problems)


def check(page: Page, visit: Visit, path: str, shot: Callable[[Page, str], None]) -> list[str]:
    page.set_viewport_size(DESKTOP)
    page.goto(path)
    page.wait_for_load_state("networkidle")
    problems = [f"{visit.name} ({path}): {line}" for line in violations(page)]
    shot(page, f"{visit.name}-desktop")
    page.set_viewport_size(PHONE)
    width = page.evaluate("document.documentElement.scrollWidth")
    if width > PHONE["width"]:
        problems.append(f"{visit.name} ({path}): {width} px wide at 390 px: {too_wide(page)}")
    problems += [f"{visit.name} ({path}) at 390 px: {line}" for line in violations(page)]
    shot(page, f"{visit.name}-390")
    return problems


def violations(page: Page) -> list[str]:
    """One line per serious or critical violation: rule, impact, the elements and the help."""
    results = Axe().run(page, options=AXE_OPTIONS)
    return [
        f"{v['id']} ({v['impact']}): {', '.join(str(n['target']) for n in v['nodes'][:5])}"
        f" - {v['help']}"
        for v in results.response["violations"]
        if v["impact"] in BLOCKING
    ]


def too_wide(page: Page) -> str:
    """The elements that stick out past the right edge, to say what to fix."""
    found: list[str] = page.evaluate(
        """() => [...document.querySelectorAll('body *')]
            .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1)
            .filter(e => !e.closest('.table-scroll'))
            .slice(0, 5)
            .map(e => e.tagName.toLowerCase() + (e.id ? '#' + e.id : '') +
                      (e.className && typeof e.className === 'string' ? '.' + e.className.split(' ').join('.') : ''))"""
    )
    return ", ".join(found) or "nothing in particular"
