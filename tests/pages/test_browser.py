"""The pages in a real browser (Debian Chromium through Playwright, SPEC §7).

Each test loads the demo data (the July 2024 delegation of the reference trip report),
signs in through the login form and works the page as a person would. Screenshots of
the dashboard, partner, visit and review pages at 1280 and 768 px go to
test-artifacts/screenshots/.
"""

from __future__ import annotations

import datetime as dt

import pytest

from crm.core.formatting import local_today
from tests.pages.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser

TACOMA_LOCAL = "塔可瑪市"


def test_an_officer_logs_a_contact_on_tacoma_and_sees_it_at_the_top_of_the_timeline(
    tab, demo_users
):
    from relations.models import Contact, Partner

    tacoma = Partner.objects.get(name_local=TACOMA_LOCAL)
    sign_in(tab, "officer")
    tab.get_by_role("navigation", name="主選單").get_by_role("link", name="夥伴城市").click()
    tab.get_by_role("link", name=TACOMA_LOCAL).first.click()
    tab.wait_for_url(f"{tab.base}/partners/{tacoma.pk}/")
    # A marker on the window survives only if the page is not reloaded.
    tab.evaluate("window.__notReloaded = true")

    summary = tab.locator("#log-contact > summary")
    summary.focus()
    tab.keyboard.press("Enter")  # the form opens from the keyboard
    form = tab.locator("#log-contact form")
    assert form.locator("input[name=occurred_on]").input_value() == local_today().isoformat()
    # Officials offered are Tacoma's own, and only those.
    offered = form.locator("fieldset.choices").first.inner_text()
    assert "海因斯" in offered
    assert "黃祖成" not in offered  # Seattle's deputy mayor
    form.get_by_label("管道").select_option("email")
    form.get_by_label("海因斯", exact=False).check()
    # Chinese first (the office's language); the English fields beside them stay optional.
    form.locator("[name=subject_local]").fill("寄送爵士音樂節節目單給海因斯副市長")
    form.locator("[name=summary_local]").fill("以電子郵件寄出臺中爵士音樂節的節目單。")
    form.get_by_role("button", name="儲存").click()

    first = tab.locator("#timeline > li").first
    first.get_by_text("寄送爵士音樂節節目單給海因斯副市長").wait_for()
    assert "new" in first.get_attribute("class")
    assert tab.evaluate("window.__notReloaded") is True
    assert tab.locator("#log-contact-status").inner_text().strip() == "聯繫紀錄已儲存。"
    # The header follows: a contact today makes the partnership active again.
    assert "活躍" in tab.locator("#partner-head").inner_text()
    contact = Contact.objects.get(subject_local="寄送爵士音樂節節目單給海因斯副市長")
    assert contact.partner == tacoma
    assert contact.created_by == demo_users["officer"]
    assert [o.name_local for o in contact.officials.all()] == ["海因斯"]
    screenshot(tab, "partner")


def test_a_manager_completes_and_reviews_an_overdue_commitment(tab, demo_users):
    from visits.models import Commitment

    commitment = Commitment.objects.get(title="Invite Deputy Mayor John Hines to visit Taichung")
    Commitment.objects.filter(pk=commitment.pk).update(due_on=local_today() - dt.timedelta(days=12))
    Commitment.objects.filter(title__startswith="Invite Mayor").update(
        due_on=local_today() + dt.timedelta(days=5)
    )
    sign_in(tab, "manager")  # the demo manager works in English
    tab.get_by_role("link", name="Follow-ups").click()
    row = tab.locator(f"#overdue #commitment-{commitment.pk}")
    assert "overdue" in row.inner_text()
    screenshot(tab, "review")

    row.get_by_text("Complete", exact=True).first.click()
    # The office's language is the outcome asked for; English beside it stays optional.
    row.locator("[name=outcome_local]").fill("Invitation letter sent; Hines accepted for May.")
    row.get_by_role("button", name="Complete").click()
    row = tab.locator(f"#commitment-{commitment.pk}")
    row.get_by_text("awaiting review").wait_for()
    assert "Invitation letter sent" in row.inner_text()

    row.get_by_role("button", name="Mark reviewed").click()
    row.get_by_text("reviewed by manager").wait_for()
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert commitment.outcome_local == "Invitation letter sent; Hines accepted for May."
    assert commitment.reviewed_by == demo_users["manager"]


def test_the_visit_page_shows_the_july_2024_delegation_and_both_times(tab, demo_users):
    from crm.core.services import update_object
    from visits.models import Engagement, Visit

    visit = Visit.objects.get(start_on=dt.date(2024, 7, 22))
    # The reference report gives no clock times; give the Tacoma call one to show both.
    call = Engagement.objects.get(visit=visit, date=dt.date(2024, 7, 23), kind="courtesy_call")
    update_object(call, user=None, fields={"start_time": dt.time(10, 0)})

    sign_in(tab, "viewer")
    tab.goto(f"{tab.base}/visits/{visit.pk}/")
    members = tab.locator("#delegation tbody tr")
    assert members.count() == 11
    assert members.nth(0).inner_text().split()[:2] == ["1", "盧秀燕"]
    assert members.nth(1).inner_text().split()[:2] == ["2", "黃國榮"]
    # The mayor flew home for Typhoon Gaemi and came back (partial participation).
    assert "113/07/23 → 113/07/26" in members.nth(0).inner_text()
    assert "盧秀燕" in tab.locator("#itinerary .day").nth(1).locator(".away").inner_text()

    slot = tab.locator(f"#engagement-{call.pk} .time")
    assert "10:00" in slot.inner_text()
    assert "PDT" in slot.inner_text()
    assert "臺北 01:00 +1" in slot.inner_text()
    assert tab.locator("#itinerary .day").count() == 10  # 22 to 31 July
    link = tab.get_by_role("link", name="下載出國報告")
    assert link.get_attribute("href") == f"/api/v1/visits/{visit.pk}/report.docx"
    screenshot(tab, "visit")


def test_the_language_switch_turns_the_dashboard_english_and_back(tab, demo_users):
    officer = demo_users["officer"]
    sign_in(tab, "officer")
    assert tab.locator("h1").inner_text() == "儀表板"
    assert tab.locator("html").get_attribute("lang") == "zh-Hant-TW"
    screenshot(tab, "dashboard")

    tab.get_by_role("button", name="EN").click()
    tab.locator("h1", has_text="Dashboard").wait_for()
    assert tab.get_by_role("heading", name="My follow-ups").is_visible()
    officer.refresh_from_db()
    assert officer.language == "en"

    tab.get_by_role("button", name="中文").click()
    tab.locator("h1", has_text="儀表板").wait_for()
    officer.refresh_from_db()
    assert officer.language == "zh-hant"


def test_a_viewer_sees_no_edit_controls(tab, demo_users):
    from relations.models import Partner
    from visits.models import Visit

    tacoma = Partner.objects.get(name_local=TACOMA_LOCAL)
    visit = Visit.objects.get(start_on=dt.date(2024, 7, 22))
    sign_in(tab, "viewer")
    for path in (f"/partners/{tacoma.pk}/", f"/visits/{visit.pk}/", "/follow-ups/"):
        tab.goto(f"{tab.base}{path}")
        assert tab.locator("main form[method=post]").count() == 0, path
        assert tab.locator("main details.panel").count() == 0, path
        assert tab.locator(".fu-actions").count() == 0, path
    # What viewers can read is all there.
    tab.goto(f"{tab.base}/partners/{tacoma.pk}/")
    assert tab.locator("#timeline > li").count() > 0


UNLABELLED = """() => Array.from(document.querySelectorAll(
    'main input:not([type=hidden]), main select, main textarea'))
  .filter(e => e.labels.length === 0 && !e.getAttribute('aria-label'))
  .map(e => e.name || e.id)"""


def test_every_field_has_a_label_and_the_forms_open_from_the_keyboard(tab, demo_users):
    from relations.models import Partner
    from visits.models import Commitment, Visit

    Commitment.objects.filter(title__startswith="Invite Mayor").update(due_on=local_today())
    tacoma = Partner.objects.get(name_local=TACOMA_LOCAL)
    visit = Visit.objects.get(start_on=dt.date(2024, 7, 22))
    sign_in(tab, "officer")
    for path in (
        "/",
        "/partners/",
        f"/partners/{tacoma.pk}/",
        "/visits/",
        f"/visits/{visit.pk}/",
        "/follow-ups/",
        "/profile/",
    ):
        tab.goto(f"{tab.base}{path}")
        # Open every folded form from the keyboard: focus its summary, press Enter.
        closed = tab.locator("main details:not([open]) > summary")
        for _ in range(closed.count()):
            closed.first.focus()
            tab.keyboard.press("Enter")
        assert closed.count() == 0, path
        assert tab.evaluate(UNLABELLED) == [], path


def test_the_profile_secrets_work_in_chinese_at_390_px_without_horizontal_scroll(
    tab, demo_users, live_server
):
    sign_in(tab, "officer")
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{live_server.url}/profile/")
    old_address = tab.locator("#calendar-url").inner_text()
    tab.get_by_role("button", name="更換為新網址").click()
    tab.locator("#calendar-url").wait_for()
    assert tab.locator("#calendar-url").inner_text() != old_address
    tab.get_by_role("button", name="全部撤銷並核發新權杖").click()
    tab.locator("#new-token").wait_for()
    assert "僅顯示這一次" in tab.locator("body").inner_text()
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")
