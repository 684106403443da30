"""Emails (SPEC §3.3, §3.4): text and HTML, the recipient's language and dates, links back."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.core.formatting import format_date
from crm.outbox.emails import message_id, relative_days, render_email
from crm.outbox.models import Notification
from tests.crm.reminders_support import notification_of, run_day
from tests.factories import AgreementFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db

D = dt.date


@pytest.fixture
def tacoma():
    officer = UserFactory(username="lin", role="officer", language="zh-hant", roc_dates=True)
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", owner=officer)
    return AgreementFactory(partner=partner, signed_on=D(2000, 7, 19))


def anniversary_mail_to(user, day=None):
    day = day or D(2025, 7, 12)
    (message,) = [
        m for m in run_day(day) if m.to == [user.email] and notification_of(m).kind == "anniversary"
    ]
    return message, message.alternatives[0][0]


def test_a_zh_hant_recipient_sees_roc_dates_and_an_en_recipient_does_not(tacoma):
    manager = UserFactory(username="chief", role="manager", language="en")

    text, html = anniversary_mail_to(tacoma.partner.owner)
    assert "民國114年7月19日" in text.body  # 2025-07-19
    assert "民國114年7月19日" in html
    assert "民國114年7月19日" in text.subject

    en = Notification.objects.get(recipient=manager, kind="anniversary")
    from django.core import mail

    (english,) = [m for m in mail.outbox if m.extra_headers["X-CRM-Notification"] == str(en.pk)]
    english_html = english.alternatives[0][0]
    assert "19 July 2025" in english.body
    assert "19 July 2025" in english_html
    for part in (english.subject, english.body, english_html):
        assert "民國" not in part


def test_a_zh_hant_recipient_without_the_roc_preference_sees_gregorian_years(tacoma):
    owner = tacoma.partner.owner
    owner.roc_dates = False
    owner.save()

    text, html = anniversary_mail_to(owner)

    assert "2025年7月19日" in text.body
    assert "2025年7月19日" in html
    assert "民國" not in text.body


def test_both_parts_render_with_the_partner_and_a_link_built_from_site_url(tacoma, settings):
    settings.SITE_URL = "https://crm.city.example.gov.tw"
    owner = tacoma.partner.owner
    owner.language = "en"
    owner.save()

    text, html = anniversary_mail_to(owner)

    link = f"https://crm.city.example.gov.tw/partners/{tacoma.partner_id}/"
    assert text.subject == "Milestone anniversary: Tacoma (塔可瑪市), 25th on 19 July 2025"
    assert (
        "Our partnership with Tacoma (塔可瑪市) reaches its 25th anniversary on 19 July 2025 "
        "(in 7 days)."
    ) in text.body
    assert link in text.body
    assert f'href="{link}"' in html
    assert html.lstrip().startswith("<!DOCTYPE html>")
    assert "<strong>Tacoma (塔可瑪市)</strong>" in html
    for part in (text.subject, text.body, html):
        assert "{%" not in part
        assert "{{" not in part


def test_a_chinese_reader_gets_the_anniversary_in_chinese_word_order(tacoma):
    text, html = anniversary_mail_to(tacoma.partner.owner)

    assert text.subject == "重要週年：與塔可瑪市（Tacoma）締盟 25 週年（民國114年7月19日）"
    assert "民國114年7月19日（7 天後）適逢本市與塔可瑪市（Tacoma）締盟 25 週年。" in text.body
    assert "協定：姊妹市協定" in text.body
    assert "<strong>塔可瑪市（Tacoma）</strong>締盟 <strong>25 週年</strong>" in html
    for part in (text.subject, text.body, html):
        assert "Tacoma · " not in part
        assert "屆滿" not in part


def test_html_part_escapes_what_users_typed_and_text_part_keeps_it_as_typed(settings):
    message = render_email(
        "commitment_due",
        to="someone@city.example",
        language="en",
        context={
            "recipient_name": "Lin",
            "title": "Invite <Hines> & team",
            "due": "1 May 2025",
            "when": "in 3 days",
            "priority": "high",
            "status": "open",
            "url": "https://crm.example/x",
        },
    )

    assert 'Your commitment "Invite <Hines> & team" is due on 1 May 2025' in message.body
    assert "Invite &lt;Hines&gt; &amp; team" in message.alternatives[0][0]
    assert message.subject == "Commitment due 1 May 2025: Invite <Hines> & team"


def test_each_email_has_a_stable_message_id_and_names_its_notification(tacoma):
    text, _ = anniversary_mail_to(tacoma.partner.owner)
    notification = notification_of(text)

    assert text.extra_headers["Message-ID"] == message_id(f"notification.{notification.pk}")
    assert text.extra_headers["Message-ID"].startswith("<notification.")


@pytest.mark.parametrize(
    ("language", "roc", "precision", "expected"),
    [
        ("zh-hant", True, "day", "民國113年7月19日"),
        ("zh-hant", False, "day", "2024年7月19日"),
        ("zh-hant", True, "month", "民國113年7月"),
        ("zh-hant", True, "year", "民國113年"),
        ("en", True, "day", "19 July 2024"),
        ("en", False, "month", "July 2024"),
        ("en", False, "year", "2024"),
    ],
)
def test_dates_are_formatted_for_the_reader(language, roc, precision, expected):
    assert format_date(D(2024, 7, 19), language=language, roc=roc, precision=precision) == expected


def test_relative_days_reads_naturally():
    from django.utils import translation

    with translation.override("en"):
        assert [relative_days(n) for n in (3, 1, 0, -1, -9)] == [
            "in 3 days",
            "in 1 day",
            "today",
            "1 day ago",
            "9 days ago",
        ]


MONDAY = D(2025, 6, 2)


def one_of_each_reminder(user) -> dict:
    """Rows that owe every kind of email on ``MONDAY`` to ``user`` (and the managers)."""
    from decimal import Decimal

    from tests.factories import (
        CommitmentFactory,
        EventFactory,
        GiftFactory,
        InvitationFactory,
        MemberFactory,
        OfficialFactory,
        VisitFactory,
    )

    day = MONDAY
    partner = PartnerFactory(owner=user, name="Tacoma", name_local="塔可瑪市")
    AgreementFactory(partner=partner, signed_on=D(1990, 6, 1), signed_precision="month")
    AgreementFactory(partner=partner, signed_on=D(2001, 6, 9))
    due = CommitmentFactory(
        owner=user,
        due_on=day,
        partner=partner,
        title="Invite Deputy Mayor Hines",
        title_local="邀請海因斯副市長訪臺",
    )
    overdue = CommitmentFactory(owner=user, due_on=D(2025, 5, 1))
    event = EventFactory(
        starts_on=D(2025, 6, 10), title="Library opening", title_local="綠美圖開幕"
    )
    hines = OfficialFactory(partner=partner, name="John Hines", name_local="海因斯")
    invitations = [
        InvitationFactory(
            event=event,
            invitee=hines,
            owner=user,
            status="sent",
            sent_on=D(2025, 5, 1),
            rsvp_by=day,
        ),
        InvitationFactory(event=event, owner=user, status="accepted", sent_on=D(2025, 5, 1)),
        InvitationFactory(event=EventFactory(starts_on=D(2025, 6, 30)), owner=user),
        InvitationFactory(
            event=event, owner=user, status="sent", sent_on=D(2025, 5, 1), rsvp_by=D(2025, 5, 20)
        ),
    ]
    report_due = VisitFactory(
        report_due_on=D(2025, 6, 9), title="US partner cities", title_local="赴美訪問"
    )
    MemberFactory(visit=report_due, role="leader", user=user)
    report_overdue = VisitFactory(report_due_on=D(2025, 5, 26), created_by=user)
    gift = GiftFactory(
        user=user,
        date=D(2025, 5, 28),
        value_twd=Decimal(6400),
        description="Glass bowl",
        description_local="玻璃碗",
    )
    return {
        "partner": partner,
        "commitments": (due, overdue),
        "invitations": invitations,
        "visits": (report_due, report_overdue),
        "gift": gift,
    }


@pytest.mark.parametrize("language", ["zh-hant", "en"])
def test_every_kind_of_email_renders_both_parts_in_both_languages(language):
    from tests.crm.reminders_support import make_manager

    user = UserFactory(language=language)
    make_manager(language=language)
    one_of_each_reminder(user)
    day = MONDAY

    sent = run_day(day, hour=9)

    assert {notification_of(m).kind for m in sent} == set(Notification.Kind.values)
    roc = "民國114年"
    for message in sent:
        html = message.alternatives[0][0]
        assert message.subject
        assert "\n" not in message.subject
        assert message.body.strip()
        assert html.lstrip().startswith("<!DOCTYPE html>")
        assert "http://" in message.body or "https://" in message.body
        if language == "zh-hant":
            assert roc in message.body + message.subject
        else:
            assert roc not in message.body + html


def test_every_link_goes_to_the_page_where_the_work_is_done(settings):
    settings.SITE_URL = "https://crm.example"
    user = UserFactory(language="en")
    rows = one_of_each_reminder(user)
    partner, (due, overdue) = rows["partner"], rows["commitments"]
    report_due, report_overdue = rows["visits"]
    rsvp_soon, logistics, draft, no_answer = rows["invitations"]
    site = "https://crm.example"

    links = {}
    for message in run_day(MONDAY, hour=9):
        notification = notification_of(message)
        links[(notification.kind, notification.object_id)] = message

    def link_of(kind, pk):
        message = links[(kind, pk)]
        urls = {line for line in message.body.split() if line.startswith(site)}
        urls.discard(f"{site}")  # the footer's site address
        assert "/admin/" not in message.body + message.alternatives[0][0]
        (url,) = urls
        assert f'href="{url}"' in message.alternatives[0][0]
        return url

    assert link_of("commitment_due", due.pk) == f"{site}/follow-ups/#commitment-{due.pk}"
    assert link_of("commitment_overdue", overdue.pk) == (
        f"{site}/follow-ups/#commitment-{overdue.pk}"
    )
    assert link_of("trip_report_due", report_due.pk) == f"{site}/visits/{report_due.pk}/"
    assert link_of("trip_report_overdue", report_overdue.pk) == (
        f"{site}/visits/{report_overdue.pk}/"
    )
    # An invitation and a gift: the partner's timeline, at the row.
    assert link_of("invitation_rsvp_soon", rsvp_soon.pk) == (
        f"{site}/partners/{partner.pk}/#invitation-{rsvp_soon.pk}"
    )
    for kind, invitation in (
        ("invitation_logistics", logistics),
        ("invitation_draft", draft),
        ("invitation_no_answer", no_answer),
    ):
        assert link_of(kind, invitation.pk) == (
            f"{site}/partners/{invitation.invitee.partner_id}/#invitation-{invitation.pk}"
        )
    gift = rows["gift"]
    assert link_of("gift_registration", gift.pk) == (
        f"{site}/partners/{gift.partner_id}/#gift-{gift.pk}"
    )
    anniversary = next(key for key in links if key[0] == "anniversary")
    assert link_of(*anniversary) == f"{site}/partners/{partner.pk}/"


def test_a_gift_without_a_partner_links_to_the_gifts_of_its_visit(settings):
    from tests.factories import EngagementFactory, GiftFactory
    from visits.reminders import gift_url

    settings.SITE_URL = "https://crm.example"
    engagement = EngagementFactory()
    gift = GiftFactory(partner=None, engagement=engagement)

    assert gift_url(gift) == f"https://crm.example/visits/{engagement.visit_id}/#gifts"


@pytest.mark.parametrize(
    ("language", "title", "description", "invitee", "event", "visit"),
    [
        (
            "zh-hant",
            "邀請海因斯副市長訪臺",
            "玻璃碗",
            "海因斯（John Hines）",
            "綠美圖開幕",
            "赴美訪問",
        ),
        (
            "en",
            "Invite Deputy Mayor Hines",
            "Glass bowl",
            "John Hines (海因斯)",
            "Library opening",
            "US partner cities",
        ),
    ],
)
def test_narratives_and_names_are_in_the_readers_language(
    language, title, description, invitee, event, visit
):
    user = UserFactory(language=language, roc_dates=False)
    rows = one_of_each_reminder(user)
    due, _ = rows["commitments"]
    rsvp_soon = rows["invitations"][0]

    by_object = {
        (notification_of(m).kind, notification_of(m).object_id): m for m in run_day(MONDAY, hour=9)
    }
    commitment = by_object[("commitment_due", due.pk)]
    gift = by_object[("gift_registration", rows["gift"].pk)]
    invitation = by_object[("invitation_rsvp_soon", rsvp_soon.pk)]
    report = by_object[("trip_report_due", rows["visits"][0].pk)]

    assert title in commitment.subject
    assert (
        "塔可瑪市（Tacoma）" if language == "zh-hant" else "Tacoma (塔可瑪市)"
    ) in commitment.body
    assert description in gift.subject
    assert invitee in invitation.subject
    assert event in invitation.subject
    assert visit in report.subject
