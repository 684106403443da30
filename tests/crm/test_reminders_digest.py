"""The managers' weekly digest (SPEC §3.2): Monday 08:00 Taipei, once per manager per week."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine

from crm.outbox import tasks
from crm.outbox.models import Notification
from tests.crm.reminders_support import at, make_manager, notification_of, run_day
from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Commitment, Gift, Invitation, Visit

pytestmark = pytest.mark.django_db

D = dt.date
MONDAY = D(2025, 6, 16)


def digests(messages):
    return [m for m in messages if notification_of(m).kind == "weekly_digest"]


def test_each_manager_gets_one_digest_a_week_from_monday_0800_taipei():
    first, second = make_manager(), make_manager()
    make_manager(email="")  # no address: nothing to send to
    UserFactory(role="officer")  # not a manager

    assert digests(run_day(MONDAY, hour=6)) == []
    sent = digests(run_day(MONDAY, hour=8))
    assert sorted(m.to[0] for m in sent) == sorted([first.email, second.email])
    assert digests(run_day(MONDAY, hour=9)) == []
    assert digests(run_day(MONDAY + dt.timedelta(days=3))) == []

    next_week = digests(run_day(MONDAY + dt.timedelta(days=7), hour=8))
    assert len(next_week) == 2
    assert set(
        Notification.objects.filter(kind="weekly_digest").values_list("occurrence", flat=True)
    ) == {MONDAY, MONDAY + dt.timedelta(days=7)}


def test_a_missed_monday_digest_goes_out_with_the_next_scan_that_week():
    manager = make_manager()

    (late,) = digests(run_day(MONDAY + dt.timedelta(days=2)))  # Wednesday

    assert late.to == [manager.email]
    assert notification_of(late).occurrence == MONDAY


def test_the_digest_task_sends_this_weeks_digest_at_monday_0800_and_not_twice(settings):
    manager = make_manager()
    with time_machine.travel(at(MONDAY, 8), tick=False):
        assert tasks.send_weekly_digest() == 1
    with time_machine.travel(at(MONDAY, 8, 5), tick=False):
        assert tasks.send_weekly_digest() == 0  # e.g. a second beat, or a retry
    assert Notification.objects.get().recipient == manager


def test_the_digest_lists_what_managers_review(settings):
    settings.SITE_URL = "https://crm.example"
    manager = make_manager(language="en")
    officer = UserFactory(username="mei", first_name="Mei", last_name="Lin")

    tacoma = PartnerFactory(name="Tacoma", name_local="塔可瑪市", owner=officer)
    AgreementFactory(partner=tacoma, signed_on=D(2000, 7, 19))  # 25th on 19 July: milestone
    cupertino = PartnerFactory(name="Cupertino", name_local="", owner=officer)
    AgreementFactory(partner=cupertino, signed_on=D(2016, 1, 1), signed_precision="year")
    ContactFactory(partner=tacoma, occurred_on=D(2025, 5, 1))
    ContactFactory(partner=cupertino, occurred_on=D(2024, 1, 2))
    quiet = PartnerFactory(name="Quietville", name_local="")

    CommitmentFactory(owner=officer, title="Invite Deputy Mayor Hines", due_on=D(2025, 6, 1))
    CommitmentFactory(owner=officer, title="Send the library data", due_on=D(2025, 6, 20))
    CommitmentFactory(owner=officer, title="Next month's promise", due_on=D(2025, 7, 20))
    InvitationFactory(
        event=EventFactory(title="Library opening", starts_on=D(2025, 9, 1)),
        status="sent",
        sent_on=D(2025, 6, 1),
        rsvp_by=D(2025, 7, 1),
    )
    VisitFactory(title="US partner cities", report_due_on=D(2025, 6, 30))
    GiftFactory(description="Glass bowl", date=D(2025, 6, 2), value_twd=Decimal("6400"))
    GiftFactory(description="Silk scroll", date=D(2025, 6, 14), value_twd=None)

    (digest,) = digests(run_day(MONDAY, hour=8))
    text, html = digest.body, digest.alternatives[0][0]

    assert digest.to == [manager.email]
    assert digest.subject == "Weekly digest for the week of 16 June 2025"
    assert "- 19 July 2025: Tacoma (塔可瑪市), 25th anniversary ★ milestone" in text
    assert "Mei Lin:\n  - [overdue] 1 June 2025: Invite Deputy Mayor Hines" in text
    assert "  - 20 June 2025: Send the library data" in text
    assert "Next month's promise" not in text
    assert "Library opening (RSVP by 1 July 2025)" in text
    assert "- 30 June 2025: US partner cities" in text
    assert "- [overdue] 2 June 2025: Glass bowl (NT$6,400)" in text
    assert "- 14 June 2025: Silk scroll (value not recorded)" in text
    assert "- Quietville: no contact on record" in text
    assert "- Cupertino: last contact 2 January 2024" in text
    assert "Tacoma (塔可瑪市): last contact" not in text
    assert "Invite Deputy Mayor Hines</a>" in html
    # Every link goes to the page where the work is done, never the admin.
    assert f'href="https://crm.example/partners/{quiet.pk}/"' in html
    assert f'href="https://crm.example/partners/{tacoma.pk}/"' in html
    hines = Commitment.objects.get(title="Invite Deputy Mayor Hines")
    assert f'href="https://crm.example/follow-ups/#commitment-{hines.pk}"' in html
    report = Visit.objects.get(title="US partner cities")
    assert f'href="https://crm.example/visits/{report.pk}/"' in html
    bowl = Gift.objects.get(description="Glass bowl")
    assert f'href="https://crm.example/partners/{bowl.partner_id}/#gift-{bowl.pk}"' in html
    invitation = Invitation.objects.get()
    assert (
        f'href="https://crm.example/partners/{invitation.invitee.partner_id}/'
        f'#invitation-{invitation.pk}"'
    ) in html
    assert "/admin/" not in html + text


def test_a_chinese_managers_digest_reads_in_chinese_word_order(settings):
    make_manager(language="zh-hant")
    officer = UserFactory(username="mei")
    tacoma = PartnerFactory(name="Tacoma", name_local="塔可瑪市", owner=officer)
    AgreementFactory(partner=tacoma, signed_on=D(2000, 7, 19))
    CommitmentFactory(
        owner=officer,
        title="Invite Deputy Mayor Hines",
        title_local="邀請海因斯副市長訪臺",
        partner=tacoma,
        due_on=D(2025, 6, 20),
    )

    (digest,) = digests(run_day(MONDAY, hour=8))

    assert "- 民國114年7月19日：與塔可瑪市（Tacoma）締盟 25 週年 ★ 重要週年" in digest.body
    assert "- 民國114年6月20日：邀請海因斯副市長訪臺 — 塔可瑪市（Tacoma）" in digest.body
