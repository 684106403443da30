"""The gift register in a real browser: a phone without horizontal scroll, the print
layout, and the XLSX downloaded from its link (Debian Chromium through Playwright)."""

from __future__ import annotations

import io

import openpyxl
import pytest

from tests.pages.conftest import SCREENSHOTS, sign_in

pytestmark = pytest.mark.browser


def test_the_gift_register_reads_on_a_phone_prints_clean_and_downloads_as_xlsx(
    tab, demo_users, live_server
):
    sign_in(tab, "viewer")
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{live_server.url}/gifts/register/?year=2024")

    body = tab.locator("main").inner_text()
    assert "2024 年受贈財物登錄" in body
    assert "友誼之焰" in body
    assert "登錄門檻：新臺幣 3,000 元" in body
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    tab.screenshot(path=str(SCREENSHOTS / "gift-register-390.png"), full_page=True)

    with tab.expect_download() as download:
        tab.get_by_role("link", name="Excel（XLSX）").click()
    path = download.value.path()
    assert download.value.suggested_filename == "gift-register-2024.xlsx"
    workbook = openpyxl.load_workbook(io.BytesIO(path.read_bytes()))
    rows = list(workbook.active.iter_rows(values_only=True))
    assert rows[0][0] == "2024 年受贈財物登錄"
    assert [row[2] for row in rows[3:]] == ["康他哥斯大郡議會第 2024-275 號決議文", "友誼之焰"]

    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.emulate_media(media="print")
    hidden = "el => getComputedStyle(el).display === 'none'"
    assert tab.locator("header.top").evaluate(hidden)
    assert tab.locator("main .export-links").evaluate(hidden)
    assert tab.locator("#gift-register thead").evaluate(
        "el => getComputedStyle(el).display === 'table-header-group'"
    )
    tab.screenshot(path=str(SCREENSHOTS / "gift-register-print.png"), full_page=True)
