"""Browser fixtures: the demo organisation behind a live server, and Debian's Chromium driven by
Playwright's sync API, with a screenshot of each step saved under test-artifacts/screenshots/.

Playwright's sync API runs an event loop in the test's thread, and Django refuses database
queries from a thread with a running loop. So everything that touches the database (the demo,
a people sheet) is made by fixtures that the browser fixtures depend on or that a test asks for
before `page`; while the browser runs, the tests look at the database only through the pages.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Generator
from pathlib import Path

import pytest
from playwright.sync_api import (
    BrowserContext,
    ConsoleMessage,
    Page,
    Response,
    WebError,
    expect,
    sync_playwright,
)
from pytest_django.live_server_helper import LiveServer

from eaism.web.organisations.demo import DEMO_PASSWORD, load_demo
from eaism.web.organisations.models import Organisation

ROOT = Path(__file__).resolve().parents[2]
SCREENSHOTS = ROOT / "test-artifacts" / "screenshots"
CHROMIUM = Path("/usr/bin/chromium")
# Debian's Chromium, offline: Playwright's own browser download cannot work here.
CHROMIUM_FLAGS = [
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
TIMEOUT_MS = 15_000

expect.set_options(timeout=TIMEOUT_MS)


@pytest.fixture
def site(live_server: LiveServer, transactional_db: None) -> Organisation:
    """The demo organisation, served by a live server on a real database."""
    organisation: Organisation = load_demo(history=False)
    return organisation


@pytest.fixture
def browser_context(
    request: pytest.FixtureRequest, site: Organisation, live_server: LiveServer, tmp_path: Path
) -> Generator[BrowserContext]:
    """A fresh Chromium with its own profile folder; JavaScript off with `@pytest.mark.no_js`."""
    if not CHROMIUM.exists():
        pytest.fail(f"{CHROMIUM} is missing: install Debian's Chromium (apt-get install chromium)")
    javascript = request.node.get_closest_marker("no_js") is None
    with sync_playwright() as playwright:
        context = playwright.chromium.launch_persistent_context(
            tmp_path / "profile",
            executable_path=CHROMIUM,
            args=CHROMIUM_FLAGS,
            headless=True,
            base_url=live_server.url,
            java_script_enabled=javascript,
            viewport={"width": 1280, "height": 900},
        )
        context.set_default_timeout(TIMEOUT_MS)
        problems = _watch(context)
        try:
            yield context
        finally:
            if _failed(request):
                for number, page in enumerate(context.pages):
                    _save(page, f"{_test_name(request)}-failure-{number}")
            context.close()
    assert not problems, "the browser saw problems:\n" + "\n".join(problems)


@pytest.fixture
def page(browser_context: BrowserContext) -> Page:
    return browser_context.pages[0] if browser_context.pages else browser_context.new_page()


@pytest.fixture
def shot(request: pytest.FixtureRequest) -> Callable[[Page, str], None]:
    """`shot(page, "step")` saves test-artifacts/screenshots/<test>-<step>.png."""

    def save(page: Page, step: str) -> None:
        _save(page, f"{_test_name(request)}-{step}")

    return save


@pytest.fixture
def sign_in(shot: Callable[[Page, str], None]) -> Callable[[Page, str], None]:
    """Sign a page in with a demo account through the sign-in form."""

    def signed_in(page: Page, email: str) -> None:
        page.goto("/accounts/login/")
        shot(page, "sign-in")
        page.get_by_label("E-mail address").fill(email)
        page.get_by_label("Password").fill(DEMO_PASSWORD)
        page.get_by_role("button", name="Sign in").click()
        expect(page.get_by_text(email)).to_be_visible()

    return signed_in


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(
    item: pytest.Item,
) -> Generator[None, pytest.TestReport, pytest.TestReport]:
    report = yield
    item.stash.setdefault(REPORTS, {})[report.when] = report
    return report


REPORTS = pytest.StashKey[dict[str, pytest.TestReport]]()


def _watch(context: BrowserContext) -> list[str]:
    """Script errors, scripts refused by the content security policy and missing static files:
    each one breaks a page in a way its text alone does not show."""
    problems: list[str] = []

    def script_error(error: WebError) -> None:
        problems.append(f"script error: {error.error}")

    def console(message: ConsoleMessage) -> None:
        if "Content Security Policy directive 'script-src" in message.text:
            problems.append(f"refused: {message.text} ({message.location['url']})")

    def response(answer: Response) -> None:
        # 304 Not Modified is a cached copy, not a failure; 4xx and 5xx are.
        if "/static/" in answer.url and answer.status >= 400:
            problems.append(f"{answer.status} for {answer.url}")

    context.on("weberror", script_error)
    context.on("console", console)
    context.on("response", response)
    return problems


def _failed(request: pytest.FixtureRequest) -> bool:
    reports = request.node.stash.get(REPORTS, {})
    return any(report.failed for report in reports.values())


def _test_name(request: pytest.FixtureRequest) -> str:
    return re.sub(r"[^A-Za-z0-9_.-]+", "-", request.node.name).strip("-")


def _save(page: Page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=SCREENSHOTS / f"{name}.png", full_page=True)
