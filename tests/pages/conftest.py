"""Fixtures of the page tests: signed-in clients, and a real Chromium driven by Playwright.

Browser tests use Debian's Chromium at /usr/bin/chromium (SPEC §7; ``.ci/run`` installs
it when missing). On a machine without it they are skipped, and the terminal summary
says so loudly, so a green run without a browser cannot pass unnoticed.
"""

from __future__ import annotations

import os
from pathlib import Path

import pytest

# Overridable only to exercise the "no browser" path; CI and developers use Debian's.
CHROMIUM = Path(os.environ.get("CRM_TEST_CHROMIUM", "/usr/bin/chromium"))
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
]
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
PASSWORD = "pages-test-Password-42"
WIDTHS = (1280, 768)

# Playwright's sync API runs an event loop in the test thread; Django's ORM refuses to
# run there unless told that this is deliberate (the ORM calls are ordinary sync code).
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

_skipped_browser_tests: list[str] = []


def pytest_runtest_logreport(report):
    if report.skipped and "browser" in report.keywords and report.when in ("setup", "call"):
        _skipped_browser_tests.append(report.nodeid)


def pytest_terminal_summary(terminalreporter):
    if _skipped_browser_tests:
        terminalreporter.write_sep("!", "BROWSER TESTS SKIPPED", red=True, bold=True)
        terminalreporter.write_line(
            f"BROWSER TESTS SKIPPED: {CHROMIUM} not found "
            f"({len(_skipped_browser_tests)} tests). Install Debian's chromium package.",
            red=True,
            bold=True,
        )


@pytest.fixture(scope="session")
def chromium():
    """One headless Chromium for the session (Debian's, never a downloaded build)."""
    if not CHROMIUM.exists():
        pytest.skip(f"BROWSER TESTS SKIPPED: {CHROMIUM} not found")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(
            executable_path=str(CHROMIUM), headless=True, args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


@pytest.fixture
def tab(chromium, live_server):
    """A fresh browser context (no cookies) at laptop width; ``page.base`` is the server."""
    context = chromium.new_context(viewport={"width": WIDTHS[0], "height": 900}, locale="zh-TW")
    context.set_default_timeout(15_000)
    tab = context.new_page()
    tab.base = live_server.url
    yield tab
    context.close()


def sign_in(page, username: str, password: str = PASSWORD) -> None:
    """Sign in through the login form, as a person would."""
    page.goto(f"{page.base}/accounts/login/")
    page.fill("input[name=username]", username)
    page.fill("input[name=password]", password)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{page.base}/")


def screenshot(page, name: str) -> None:
    """Full-page screenshots at 1280 and 768 px under test-artifacts/screenshots/."""
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    original = page.viewport_size
    for width in WIDTHS:
        page.set_viewport_size({"width": width, "height": 900})
        page.wait_for_timeout(100)
        page.screenshot(path=str(SCREENSHOTS / f"{name}-{width}.png"), full_page=True)
    page.set_viewport_size(original)


@pytest.fixture
def demo_users(demo):
    """The demo data with known passwords for the demo users."""
    from crm.core.models import User

    users = {}
    for user in User.objects.filter(username__in=["officer", "manager", "viewer", "admin"]):
        user.set_password(PASSWORD)
        user.save(update_fields=["password"])
        users[user.username] = user
    return users


def text(html: str) -> str:
    """The visible text of an HTML fragment, tags removed and spaces collapsed."""
    import re
    from html import unescape

    return re.sub(r"\s+", " ", unescape(re.sub(r"<[^>]+>", " ", html))).strip()


def search_from_the_header(page, query: str) -> None:
    """Type ``query`` into the search box in the page header and submit it."""
    box = page.get_by_role("search").first.get_by_role("searchbox")
    box.fill(query)
    box.press("Enter")
    page.wait_for_url(f"{page.base}/search/?q=*")


def assert_found(page, kind: str, pk: int, *queries: str) -> None:
    """Each query, typed into the header box, lists the record among the hits of its kind."""
    for query in queries:
        search_from_the_header(page, query)
        hit = page.locator(f'#found-{kind} [data-id="{pk}"]')
        assert hit.count() == 1, (kind, pk, query)
