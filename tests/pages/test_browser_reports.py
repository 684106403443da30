"""The reports page in a real browser (Debian Chromium through Playwright, SPEC §5.7, §7).

A viewer (zh-Hant) opens the reports from the header, reads the demo's 2024 activity as a
server-drawn SVG chart and a table, and at 390 px every report fits the phone: no
horizontal page scroll (a wide table scrolls inside its own box). Screenshots at 1280 and
390 px go to test-artifacts/screenshots/ and, for the README, docs/screenshots/.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pytest

from tests.pages.conftest import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser

DOCS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
REPORTS = ("activity", "reciprocity", "follow-ups", "anniversaries")


def _shoot(page, name: str) -> None:
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    DOCS.mkdir(parents=True, exist_ok=True)
    path = SCREENSHOTS / f"{name}.png"
    page.screenshot(path=str(path), full_page=True)
    shutil.copyfile(path, DOCS / path.name)


def _fits(page) -> bool:
    return page.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_viewer_reads_the_reports_as_chart_and_table_on_a_laptop_and_a_phone(tab, demo_users):
    sign_in(tab, "viewer")
    tab.get_by_role("navigation", name="主選單").get_by_role("link", name="報表").click()
    tab.wait_for_url(f"{tab.base}/reports/")
    tab.get_by_label("年度").fill("2024")
    tab.get_by_role("button", name="顯示").click()
    tab.wait_for_url(re.compile(r"/reports/\?year=2024&"))

    chart = tab.locator("svg.chart-svg")
    assert chart.is_visible()
    # The bars are drawn with classes (the CSP allows no inline styles) and carry numbers.
    assert chart.locator("rect").count() > 0
    assert tab.locator("svg.chart-svg [style]").count() == 0
    assert "聖地牙哥市 · 聯繫紀錄: 2" in chart.locator("rect title").all_text_contents()
    rows = tab.locator("#table-partners tbody tr")
    assert rows.count() == 5
    assert rows.first.inner_text().split("\t")[:2] == ["聖地牙哥市 · San Diego", "2"]
    tab.set_viewport_size({"width": 1280, "height": 900})
    _shoot(tab, "reports-1280")

    tab.set_viewport_size({"width": 390, "height": 844})
    for name in REPORTS:
        tab.goto(
            f"{tab.base}/reports/{name}/?year=2024"
            if name != "follow-ups"
            else f"{tab.base}/reports/{name}/"
        )
        assert tab.locator("svg.chart-svg").is_visible(), name
        assert _fits(tab), f"{name} scrolls sideways at 390 px"
        box = tab.locator("svg.chart-svg").bounding_box()
        assert box["width"] <= 390, name
        SCREENSHOTS.mkdir(parents=True, exist_ok=True)
        tab.screenshot(path=str(SCREENSHOTS / f"reports-{name}-390.png"), full_page=True)
    tab.goto(f"{tab.base}/reports/?year=2024")
    assert _fits(tab)
    _shoot(tab, "reports-390")
