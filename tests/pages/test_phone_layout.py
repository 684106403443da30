"""Every page fits a phone (390 px) and a laptop (1280 px), in Chinese and in English.

The pages come from the URLconf, filled with the demo data's ids
(tests/pages/every_page.py), so a page added later is checked without editing this test.
One browser context per language and width, signed in once and reused for every page:
at each page ``document.documentElement.scrollWidth <= window.innerWidth`` (no
horizontal scrolling of the whole page; a wide table turns into stacked rows), and at
390 px every button, navigation link and checkbox label is at least 40 px tall
(a finger-sized target). The 404 page is checked too. In Chinese at 390 px the main pages
are photographed to test-artifacts/screenshots/phone-<page>-390.png (copies in
docs/screenshots/, shown in the README).
"""

from __future__ import annotations

import pytest
from django.conf import settings

from tests.pages.conftest import PASSWORD, SCREENSHOTS
from tests.pages.every_page import page_urls

pytestmark = pytest.mark.browser

PHONE, LAPTOP = 390, 1280
#: Pages photographed on a phone: name → address (the first partner and visit of the demo).
PHOTOGRAPHED = {
    "dashboard": "/",
    "partners": "/partners/",
    "partner": "/partners/1/",
    "visits": "/visits/",
    "visit": "/visits/1/",
    "follow-ups": "/follow-ups/",
    "profile": "/profile/",
}
#: Targets a finger must hit at 390 px (visible ones only).
TARGETS = """
() => Array.from(document.querySelectorAll(
    'button, a.button, summary.button, .nav a, .lang button, .me, .pagination a, ' +
    'fieldset.choices label, .field.check label, .rail > summary, ' +
    'label:has(> input[type=checkbox]), label:has(> input[type=radio])'))
  .filter(e => e.offsetParent !== null && e.getClientRects().length)
  .map(e => [e.getBoundingClientRect().height, (e.innerText || e.outerHTML).trim().slice(0, 40)])
  .filter(([height]) => height < 39.5)
"""
#: What sticks out when the page is too wide: the widest elements past the right edge.
OVERFLOW = """
() => Array.from(document.querySelectorAll('body *'))
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1)
  .slice(0, 5)
  .map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right))
"""


@pytest.fixture
def every_page(client, demo_users):
    client.force_login(demo_users["manager"])
    pages, unreachable = page_urls(client)
    return pages, unreachable


def test_every_page_of_the_urlconf_is_found_with_demo_ids(every_page):
    pages, unreachable = every_page
    assert not unreachable, unreachable
    assert {"/", "/partners/", "/visits/", "/follow-ups/", "/profile/"} <= set(pages)
    assert any(url.startswith("/partners/") and url[10:].strip("/").isdigit() for url in pages)
    assert any(url.startswith("/visits/") and url[8:].strip("/").isdigit() for url in pages)


@pytest.mark.parametrize("language", ["zh-hant", "en"])
@pytest.mark.parametrize("width", [PHONE, LAPTOP])
def test_every_page_fits_the_screen_without_horizontal_scrolling(
    chromium, live_server, demo_users, every_page, language, width
):
    pages, _ = every_page
    manager = demo_users["manager"]
    manager.language = language
    manager.save(update_fields=["language"])
    context = chromium.new_context(viewport={"width": width, "height": 844})
    context.set_default_timeout(15_000)
    tab = context.new_page()
    try:
        tab.goto(f"{live_server.url}/accounts/login/")
        tab.fill("input[name=username]", "manager")
        tab.fill("input[name=password]", PASSWORD)
        tab.click("main form button[type=submit]")
        tab.wait_for_url(f"{live_server.url}/")
        assert tab.context.cookies()[0]  # signed in
        cookie = {"name": settings.LANGUAGE_COOKIE_NAME, "value": language}
        context.add_cookies([{**cookie, "url": live_server.url}])
        too_wide, small = {}, {}
        for url in [*pages, "/no-such-page/"]:
            tab.goto(f"{live_server.url}{url}")
            tab.wait_for_load_state("load")
            expected = "zh-Hant-TW" if language == "zh-hant" else "en"
            assert tab.evaluate("document.documentElement.lang") == expected, url
            fits = tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
            if not fits:
                too_wide[url] = (
                    tab.evaluate("document.documentElement.scrollWidth"),
                    tab.evaluate(OVERFLOW),
                )
            if width == PHONE:
                targets = tab.evaluate(TARGETS)
                if targets:
                    small[url] = targets[:5]
                if language == "zh-hant" and url in PHOTOGRAPHED.values():
                    name = next(k for k, v in PHOTOGRAPHED.items() if v == url)
                    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
                    path = SCREENSHOTS / f"phone-{name}-390.png"
                    tab.screenshot(path=str(path), full_page=True)
        assert not too_wide, f"wider than {width} px: {too_wide}"
        assert not small, f"touch targets under 40 px at {width} px: {small}"
    finally:
        context.close()
