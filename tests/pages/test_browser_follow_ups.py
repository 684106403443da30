"""The follow-up page in a real browser: a manager gives three follow-ups one due date at
once (an officer rotating out), with no script needed for it."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.core.formatting import local_today
from tests.pages.conftest import screenshot, sign_in

pytestmark = pytest.mark.browser


def test_a_manager_sets_the_due_date_of_three_commitments_at_once(tab, demo_users):
    from visits.models import Commitment

    undated = list(Commitment.objects.undated().order_by("pk")[:3])
    others = list(Commitment.objects.undated().order_by("pk")[3:])
    new_due = local_today() + dt.timedelta(days=30)

    sign_in(tab, "manager")  # the demo manager works in English
    tab.get_by_role("link", name="Follow-ups").click()
    # Nothing hidden: the demo's promises have no due date yet, and all are listed.
    section = tab.locator("#undated")
    assert section.locator("li.fu").count() == Commitment.objects.undated().count()
    by_owner = tab.locator("table.fu-by-owner").inner_text()
    assert "officer" in by_owner

    for commitment in undated:
        tab.locator(f"#tick-{commitment.pk}").check()
    bulk = tab.locator("form#bulk")
    bulk.get_by_label("New due date").fill(new_due.isoformat())
    screenshot(tab, "follow-ups")
    bulk.get_by_role("button", name="Set due date").click()

    tab.get_by_text("3 follow-ups changed.").wait_for()
    for commitment in undated:
        assert tab.locator(f"#later #commitment-{commitment.pk}").count() == 1
    assert {c.due_on for c in Commitment.objects.filter(pk__in=[c.pk for c in undated])} == {
        new_due
    }
    assert Commitment.objects.filter(pk__in=[c.pk for c in others], due_on=None).count() == len(
        others
    )


def test_the_follow_up_page_fits_a_phone_in_chinese(tab, demo_users):
    sign_in(tab, "officer")
    tab.set_viewport_size({"width": 390, "height": 844})
    tab.goto(f"{tab.base}/follow-ups/")
    assert tab.locator("h1").inner_text() == "我的追蹤事項"
    assert tab.evaluate("document.documentElement.scrollWidth <= window.innerWidth")


def test_a_manager_hands_over_a_colleagues_follow_ups_with_tick_all(tab, demo_users):
    from crm.core.models import User
    from visits.models import Commitment

    officer = demo_users["officer"]
    successor = User.objects.get(username="manager")
    count = Commitment.objects.open().filter(owner=officer).count()

    sign_in(tab, "manager")
    tab.goto(f"{tab.base}/follow-ups/?owner={officer.pk}")
    section = tab.locator("#undated")
    section.get_by_label("Tick all shown").check()
    assert section.locator("input.fu-tick:checked").count() == count
    bulk = tab.locator("form#bulk")
    bulk.get_by_label("New owner").select_option(str(successor.pk))
    bulk.get_by_role("button", name="Reassign").click()

    tab.get_by_text(f"{count} follow-ups changed.").wait_for()
    assert Commitment.objects.open().filter(owner=officer).count() == 0
    assert Commitment.objects.open().filter(owner=successor).count() == count
