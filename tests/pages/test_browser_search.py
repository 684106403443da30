"""The header search in a real browser (Debian Chromium through Playwright): an officer
types into the box on any page and finds the demo's records in either script, and the
results page fits a phone (390 px) without horizontal scrolling."""

from __future__ import annotations

import pytest

from tests.pages.conftest import search_from_the_header, sign_in

pytestmark = pytest.mark.browser


def test_the_header_box_finds_hines_and_tacoma_in_both_scripts(tab, demo_users):
    from relations.models import Official, Partner

    hines = Official.objects.get(name="John Hines")
    tacoma = Partner.objects.get(name="Tacoma")
    sign_in(tab, "officer")  # the demo officer reads Chinese

    for query in ("海因斯", "Hines", "hines"):
        search_from_the_header(tab, query)
        officials = tab.locator("#found-officials")
        assert "海因斯" in officials.inner_text(), query
        assert officials.locator(f'[data-id="{hines.pk}"]').count() == 1
    # The box keeps the query on the results page.
    assert tab.locator("#top-search-q").input_value() == "hines"

    for query in ("塔可瑪", "塔可玛", "Tacoma", "TACOMA"):
        search_from_the_header(tab, query)
        partner = tab.locator(f'#found-partners [data-id="{tacoma.pk}"]')
        assert "塔可瑪市" in partner.inner_text(), query
    # A hit links to its page.
    tab.locator(f'#found-partners [data-id="{tacoma.pk}"] a').click()
    tab.wait_for_url(f"{tab.base}/partners/{tacoma.pk}/")

    # A country's name in Chinese finds the partners of that country.
    search_from_the_header(tab, "美國")
    assert tab.locator("#found-partners").get_by_text("塔可瑪市").count() == 1


def test_the_results_fit_a_phone_in_chinese_and_english(tab, demo_users):
    sign_in(tab, "officer")
    tab.set_viewport_size({"width": 390, "height": 844})
    for query in ("塔可瑪", "United States", "Taichung"):
        tab.goto(f"{tab.base}/search/?q={query}")
        assert tab.locator(".search-group").count() >= 1, query
        assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth"), query
    # The header box is there and usable at phone width too.
    box = tab.locator("#top-search-q")
    assert box.is_visible()
    assert box.bounding_box()["height"] >= 40
    tab.get_by_role("button", name="EN").click()
    tab.goto(f"{tab.base}/search/?q=Hines")
    assert tab.locator("h1").inner_text() == "Search"
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
