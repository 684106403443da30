"""Feedback in a real browser: a failed submit lands on its first bad field, a save says so,
and the calendar address is copied with one press (Debian Chromium through Playwright)."""

from __future__ import annotations

import pytest

from tests.pages.conftest import sign_in

pytestmark = pytest.mark.browser

IN_VIEW = """
(element) => {
  const box = element.getBoundingClientRect();
  return box.top >= 0 && box.bottom <= window.innerHeight;
}
"""


def test_a_failed_add_commitment_focuses_its_first_bad_field_and_a_good_one_says_saved(
    tab, demo_users
):
    from visits.models import Visit

    visit = Visit.objects.order_by("pk").first()
    manager = demo_users["manager"]
    manager.language = "zh-hant"
    manager.save(update_fields=["language"])
    sign_in(tab, "manager")
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{tab.base}/visits/{visit.pk}/")
    panel = tab.locator("#add-commitment")
    panel.locator("summary").click()
    panel.locator("button[type=submit]").click()  # nothing filled in
    tab.wait_for_load_state("load")
    # The page came back with the error far down the page: the field is open, in view and
    # has the keyboard focus.
    field = tab.locator("#add-commitment [name=title_local]")
    field.wait_for()
    assert tab.evaluate("document.activeElement.name") == "title_local"
    assert field.evaluate(IN_VIEW)
    assert tab.evaluate("window.scrollY") > 0

    field.fill("寄送市長感謝函")
    tab.locator("#add-commitment button[type=submit]").click()
    tab.wait_for_load_state("load")
    assert tab.locator(".messages .msg.success").inner_text().strip() == "已新增承諾事項。"
    assert tab.locator(".messages").evaluate(IN_VIEW)  # kept in sight at the anchor


def test_the_calendar_address_is_shown_whole_and_copied_with_one_press(tab, demo_users):
    officer = demo_users["officer"]
    officer.language = "zh-hant"
    officer.save(update_fields=["language"])
    sign_in(tab, "officer")
    tab.context.grant_permissions(["clipboard-read", "clipboard-write"], origin=tab.base)
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{tab.base}/profile/")
    address = tab.locator("#calendar-url")
    text = address.inner_text().strip()
    assert text.startswith("http")
    assert text.endswith(".ics")
    # Whole, wrapped inside the screen rather than cut off.
    assert address.evaluate("e => e.scrollWidth <= e.clientWidth")
    tab.get_by_role("button", name="複製").first.click()
    tab.locator("#calendar-url-status").get_by_text("已複製").wait_for()
    assert tab.evaluate("navigator.clipboard.readText()") == text
