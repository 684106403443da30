"""The visits' record pages in a real browser (Debian Chromium through Playwright): an
officer plans a visit and records what came of it entirely in the pages, and the admin's
visit form fits a laptop screen."""

from __future__ import annotations

import pytest

from tests.pages.conftest import assert_found, sign_in

pytestmark = pytest.mark.browser

FITS = "document.documentElement.scrollWidth <= window.innerWidth"
# What sticks out, for the failure message: the deepest elements past the right edge.
OVERFLOW = """() => [...document.querySelectorAll('body *')]
  .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.children.length)
  .slice(0, 8)
  .map(e => `${e.tagName.toLowerCase()}#${e.id}.${e.className} `
    + Math.round(e.getBoundingClientRect().right))
"""


def assert_fits(tab) -> None:
    assert tab.evaluate(FITS), (tab.url, tab.evaluate(OVERFLOW))


def test_the_admin_forms_of_visits_have_no_horizontal_scroll_at_1280(tab, demo_users):
    from visits.models import Commitment, DelegationMember, Engagement, Event, Gift, Visit

    sign_in(tab, "admin")
    assert tab.viewport_size["width"] == 1280
    for model in (Visit, DelegationMember, Engagement, Commitment, Event, Gift):
        row = model.objects.order_by("pk").first()
        opts = model._meta
        tab.goto(f"{tab.base}/admin/{opts.app_label}/{opts.model_name}/{row.pk}/change/")
        tab.locator(f"#{opts.model_name}_form").wait_for()
        assert_fits(tab)


def _submit(tab) -> None:
    tab.locator("form.record-form button[type=submit].primary").click()


def test_an_officer_records_a_visit_and_what_came_of_it_entirely_in_the_pages(tab, demo_users):
    from relations.models import Official, Partner
    from visits.models import Commitment, Engagement, Event, Gift, Invitation, Visit

    tacoma = Partner.objects.get(name_local="塔可瑪市")
    hines = Official.objects.get(name_local="海因斯")
    sign_in(tab, "officer")

    # A new visit, from the visit list.
    tab.goto(f"{tab.base}/visits/")
    tab.locator("a[href='/visits/new/']").click()
    tab.wait_for_url(f"{tab.base}/visits/new/")
    tab.set_viewport_size({"width": 390, "height": 800})
    assert_fits(tab)
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.fill("[name=title_local]", "塔可瑪市教育交流訪問")
    tab.fill("[name=title]", "Education exchange visit to Tacoma")
    tab.select_option("[name=direction]", "outbound")
    tab.select_option("[name=category]", "exchange")
    tab.select_option("[name=partners]", str(tacoma.pk))
    tab.fill("[name=start_on]", "2026-04-13")
    tab.fill("[name=end_on]", "2026-04-17")
    tab.fill("[name=purpose_local]", "洽談高中交換學生計畫。")
    _submit(tab)
    tab.wait_for_url(f"{tab.base}/visits/*/")
    visit = Visit.objects.get(title_local="塔可瑪市教育交流訪問")
    assert list(visit.partners.all()) == [tacoma]
    assert visit.report_due_on.isoformat() == "2026-07-17"
    assert "塔可瑪市教育交流訪問" in tab.locator("h1").inner_text()

    # An engagement at 10:00 in Tacoma: the zone is the partner's, Taipei's time beside it.
    tab.locator("#add-engagement > summary").click()
    form = tab.locator("#add-engagement form")
    form.locator("[name=date]").fill("2026-04-14")
    form.locator("[name=start_time]").fill("10:00")
    form.locator("[name=kind]").select_option("meeting")
    form.locator("[name=title_local]").fill("拜會塔可瑪市教育局")
    form.locator("[name=partner]").select_option(str(tacoma.pk))
    form.locator("button[type=submit]").click()
    tab.wait_for_url(f"{tab.base}/visits/{visit.pk}/#itinerary")
    engagement = Engagement.objects.get(visit=visit)
    assert engagement.time_zone == "America/Los_Angeles"
    item = tab.locator(f"#engagement-{engagement.pk}")
    assert "10:00" in item.inner_text()
    assert "01:00 +1" in item.inner_text()  # Taipei, the next day (PDT is UTC-7)

    # A commitment without a due date.
    tab.locator("#add-commitment > summary").click()
    form = tab.locator("#add-commitment form")
    form.locator("[name=title_local]").fill("寄送交換學生計畫草案")
    form.locator("[name=kind]").select_option("information")
    form.locator("button[type=submit]").click()
    tab.wait_for_url(f"{tab.base}/visits/{visit.pk}/#commitments")
    commitment = Commitment.objects.get(visit=visit)
    assert commitment.due_on is None
    assert commitment.owner == demo_users["officer"]

    # A gift received, worth enough to be registered with the ethics office.
    tab.locator(f"a[href='/visits/{visit.pk}/gifts/new/']").click()
    tab.wait_for_url(f"{tab.base}/visits/{visit.pk}/gifts/new/")
    tab.set_viewport_size({"width": 390, "height": 800})
    assert_fits(tab)
    tab.set_viewport_size({"width": 1280, "height": 900})
    tab.select_option("[name=direction]", "received")
    tab.fill("[name=date]", "2026-04-14")
    tab.fill("[name=description_local]", "原住民木雕")
    tab.select_option("[name=partner]", str(tacoma.pk))
    tab.fill("[name=estimated_value]", "300")
    tab.fill("[name=currency]", "USD")
    _submit(tab)
    gift = Gift.objects.get(visit=visit)
    tab.wait_for_url(f"{tab.base}/visits/{visit.pk}/#gift-{gift.pk}")
    assert gift.needs_registration
    assert tab.locator(f"#gift-{gift.pk} .badge.red").count() == 1

    # An event of ours, and an invitation to it for Deputy Mayor Hines.
    tab.goto(f"{tab.base}/events/")
    tab.locator("a[href='/events/new/']").click()
    tab.fill("[name=title_local]", "臺中國際教育論壇")
    tab.fill("[name=title]", "Taichung International Education Forum")
    tab.fill("[name=starts_on]", "2026-10-20")
    _submit(tab)
    event = Event.objects.get(title_local="臺中國際教育論壇")
    tab.wait_for_url(f"{tab.base}/events/{event.pk}/")
    tab.locator(f"a[href='/events/{event.pk}/invitations/new/']").click()
    tab.set_viewport_size({"width": 390, "height": 800})
    assert_fits(tab)
    tab.set_viewport_size({"width": 1280, "height": 900})
    # The invitee is found by a search (100,000 officials are never listed at once).
    tab.fill("[name=invitee-search]", "海因斯")
    tab.locator(f"[name=invitee] option[value='{hines.pk}']").wait_for(state="attached")
    tab.select_option("[name=invitee]", str(hines.pk))
    tab.select_option("[name=status]", "sent")
    tab.fill("[name=sent_on]", "2026-05-01")
    tab.fill("[name=rsvp_by]", "2026-09-30")
    _submit(tab)
    invitation = Invitation.objects.get(event=event)
    tab.wait_for_url(f"{tab.base}/events/{event.pk}/#invitation-{invitation.pk}")
    assert invitation.invitee == hines
    assert "海因斯" in tab.locator(f"#invitation-{invitation.pk}").inner_text()

    # Its answer arrives: the RSVP is recorded on the invitation's page.
    tab.locator(f"a[href='/invitations/{invitation.pk}/edit/']").click()
    tab.select_option("[name=status]", "accepted")
    tab.fill("[name=responded_on]", "2026-05-20")
    _submit(tab)
    tab.wait_for_url(f"{tab.base}/events/{event.pk}/#invitation-{invitation.pk}")
    invitation.refresh_from_db()
    assert (invitation.status, invitation.version) == ("accepted", 2)

    # Everything recorded is found from the header search, in Traditional and Simplified
    # script (and in English where it was given).
    assert_found(
        tab, "visits", visit.pk, "塔可瑪市教育交流", "塔可玛市教育交流", "education exchange"
    )
    assert_found(tab, "commitments", commitment.pk, "寄送交換學生", "寄送交换学生")
    assert_found(tab, "gifts", gift.pk, "原住民木雕")
    assert_found(tab, "invitations", invitation.pk, "臺中國際教育論壇", "台中国际教育论坛")
