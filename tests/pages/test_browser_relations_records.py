"""Creating a partner's records in a real browser (Debian Chromium, issue 13): an officer
creates a partner and then an official of it entirely in the pages, on a laptop and on a
phone; the admin's partner change form fits a 1280 px screen."""

from __future__ import annotations

import pytest

from tests.pages.conftest import assert_found, screenshot, sign_in

pytestmark = pytest.mark.browser

FITS = "document.documentElement.scrollWidth <= window.innerWidth"


@pytest.mark.parametrize("width", [1280, 390])
def test_an_officer_creates_a_partner_and_its_official_in_the_pages(tab, demo_users, width):
    from relations.models import Official, Partner

    tab.set_viewport_size({"width": width, "height": 900})
    sign_in(tab, "officer")
    tab.goto(f"{tab.base}/partners/")
    tab.get_by_role("link", name="新增夥伴城市").click()
    tab.wait_for_url(f"{tab.base}/partners/new/")
    assert tab.evaluate(FITS), "the new-partner form scrolls sideways"
    tab.locator("[name=name_local]").fill("奧林匹亞市")
    tab.locator("[name=name]").fill("Olympia")
    tab.get_by_label("類別").select_option("friendship")
    tab.get_by_label("國家").select_option("US")
    tab.get_by_label("地區或州").fill("Washington")
    tab.get_by_role("button", name="建立").click()

    partner = Partner.objects.get(name="Olympia")
    tab.wait_for_url(f"{tab.base}/partners/{partner.pk}/")
    assert "已建立" in tab.locator("body").inner_text()

    tab.locator("#add-official").click()
    tab.wait_for_url(f"{tab.base}/partners/{partner.pk}/officials/new/")
    assert tab.evaluate(FITS), "the new-official form scrolls sideways"
    tab.locator("[name=name_local]").fill("彭雪萊")
    tab.locator("[name=name]").fill("Shelley Kennedy")
    tab.get_by_label("職稱", exact=True).fill("市長")
    tab.get_by_label("角色").select_option("mayor")
    tab.get_by_label("任期開始").fill("2024-01-01")
    tab.get_by_role("button", name="建立").click()
    tab.wait_for_url(f"{tab.base}/partners/{partner.pk}/")

    official = Official.objects.get(name="Shelley Kennedy")
    assert (official.partner, official.created_by.username) == (partner, "officer")
    assert "彭雪萊" in tab.locator("#current-officials").inner_text()
    assert tab.evaluate(FITS), "the partner page scrolls sideways"
    if width == 390:
        screenshot(tab, "official-created")

    # Both are found from the header search: Traditional, Simplified and English.
    assert_found(tab, "partners", partner.pk, "奧林匹亞", "奥林匹亚", "olympia")
    assert_found(tab, "officials", official.pk, "彭雪萊", "彭雪莱", "Kennedy")


def test_a_second_official_of_the_same_name_is_confirmed_first(tab, demo_users):
    from relations.models import Official, Partner

    tacoma = Partner.objects.get(name_local="塔可瑪市")
    hines = Official.objects.filter(partner=tacoma, name_local__contains="海因斯").first()
    count = Official.objects.count()
    sign_in(tab, "officer")
    tab.goto(f"{tab.base}/partners/{tacoma.pk}/officials/new/")
    tab.locator("[name=name_local]").fill(hines.name_local)
    tab.get_by_role("button", name="建立").click()
    tab.locator("#similar").wait_for()
    assert hines.name_local in tab.locator("#similar").inner_text()
    assert Official.objects.count() == count
    tab.get_by_role("button", name="建立新紀錄").click()
    tab.wait_for_url(f"{tab.base}/partners/{tacoma.pk}/")
    assert Official.objects.count() == count + 1


def test_the_admin_partner_change_form_fits_1280_px(tab, demo_users):
    from relations.models import Partner

    tacoma = Partner.objects.get(name_local="塔可瑪市")
    sign_in(tab, "admin")
    tab.goto(f"{tab.base}/admin/relations/partner/{tacoma.pk}/change/")
    tab.locator("#partner_form").wait_for()
    widths = tab.evaluate("[document.documentElement.scrollWidth, window.innerWidth]")
    assert widths[0] <= widths[1], f"the admin's partner form is {widths[0]} px wide"
    # The agreements and officials are there, with a link to their full forms.
    assert tab.locator(".inline-group").count() >= 2
