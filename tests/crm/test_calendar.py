"""The secret iCalendar feed of SPEC §5.4."""

from __future__ import annotations

import datetime as dt
from zoneinfo import ZoneInfo

import pytest
import time_machine
from django.urls import reverse
from icalendar import Calendar

from crm.core.services import regenerate_calendar_token
from crm.desk.calendar import build_feed
from relations.models import Agreement, Partner
from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    EngagementFactory,
    EventFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Invitation, Visit

pytestmark = pytest.mark.django_db

TAIPEI = ZoneInfo("Asia/Taipei")
# 10 January 2025 in Taipei: Tacoma's next anniversary is its 25th, on 19 July 2025.
JANUARY_2025 = dt.datetime(2025, 1, 10, 9, 0, tzinfo=TAIPEI)
TODAY = JANUARY_2025.date()


def _fetch(client, user) -> bytes:
    response = client.get(reverse("calendar-feed", args=[user.calendar_token]))
    assert response.status_code == 200
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return response.content


def _events(content: bytes) -> dict[str, object]:
    calendar = Calendar.from_ical(content)
    return {str(event["UID"]): event for event in calendar.walk("VEVENT")}


def _uid_prefixed(events: dict, prefix: str) -> set[str]:
    return {uid for uid in events if uid.startswith(prefix)}


@pytest.fixture
def tacoma_agreement(demo) -> Agreement:
    return Agreement.objects.get(partner__name="Tacoma", commemorate=True)


@time_machine.travel(JANUARY_2025, tick=False)
def test_the_feed_parses_and_shows_tacomas_next_anniversary_as_an_all_day_event(
    client, tacoma_agreement, manager
):
    manager.language = "en"
    manager.save()

    events = _events(_fetch(client, manager))

    anniversary = events[f"anniversary-{tacoma_agreement.pk}-2025@sister-city-crm"]
    assert anniversary.decoded("DTSTART") == dt.date(2025, 7, 19)
    assert not isinstance(anniversary.decoded("DTSTART"), dt.datetime)
    assert anniversary.decoded("DTEND") == dt.date(2025, 7, 20)
    assert str(anniversary["SUMMARY"]) == "Tacoma (塔可瑪市) — 25th anniversary (milestone)"
    assert anniversary.decoded("LAST-MODIFIED") >= tacoma_agreement.updated_at.replace(
        microsecond=0
    )
    # Two years ahead: the 26th (2026) is in, the 27th (July 2027) is beyond the horizon.
    assert f"anniversary-{tacoma_agreement.pk}-2026@sister-city-crm" in events
    assert f"anniversary-{tacoma_agreement.pk}-2027@sister-city-crm" not in events


@time_machine.travel(JANUARY_2025, tick=False)
def test_summaries_are_in_the_users_language(client, tacoma_agreement, officer):
    officer.language = "zh-hant"
    officer.save()

    events = _events(_fetch(client, officer))

    summary = str(events[f"anniversary-{tacoma_agreement.pk}-2025@sister-city-crm"]["SUMMARY"])
    assert summary == "與塔可瑪市（Tacoma）締盟 25 週年（逢五週年）"
    visit = Visit.objects.get()
    assert str(events[f"visit-{visit.pk}@sister-city-crm"]["SUMMARY"]) == (
        f"出訪：{visit.title_local}"
    )


def test_two_fetches_give_the_same_uids_and_the_same_bytes(client, demo, officer):
    with time_machine.travel(JANUARY_2025, tick=False) as traveller:
        first = _fetch(client, officer)
        traveller.shift(dt.timedelta(minutes=30))
        second = _fetch(client, officer)

    assert set(_events(first)) == set(_events(second))
    assert len(_events(first)) > 5
    assert first == second


@time_machine.travel(JANUARY_2025, tick=False)
def test_an_unchanged_feed_is_answered_304_to_a_client_that_has_it(client, demo, officer):
    url = reverse("calendar-feed", args=[officer.calendar_token])
    etag = client.get(url)["ETag"]

    assert client.get(url, headers={"if-none-match": etag}).status_code == 304


def test_a_wrong_token_is_404(client, officer):
    assert client.get(reverse("calendar-feed", args=["not-a-token"])).status_code == 404


def test_an_inactive_users_feed_is_404(client, officer):
    officer.is_active = False
    officer.save()

    assert client.get(reverse("calendar-feed", args=[officer.calendar_token])).status_code == 404


def test_regenerating_the_token_revokes_the_old_url(client, officer):
    old_url = reverse("calendar-feed", args=[officer.calendar_token])
    assert client.get(old_url).status_code == 200

    new_token = regenerate_calendar_token(officer)

    officer.refresh_from_db()
    assert officer.calendar_token == new_token
    assert client.get(old_url).status_code == 404
    assert client.get(reverse("calendar-feed", args=[new_token])).status_code == 200


def test_the_feed_needs_no_session(client, officer):
    client.logout()

    response = client.get(reverse("calendar-feed", args=[officer.calendar_token]))

    assert response.status_code == 200
    assert b"BEGIN:VCALENDAR" in response.content


def test_an_officer_sees_only_their_own_commitments_and_a_manager_sees_all(
    officer, manager, admin_user
):
    colleague = UserFactory(role="officer")
    mine = CommitmentFactory(owner=officer, due_on=dt.date(2025, 2, 1))
    theirs = CommitmentFactory(owner=colleague, due_on=dt.date(2025, 2, 1))
    mine_uid = f"commitment-{mine.pk}@sister-city-crm"
    theirs_uid = f"commitment-{theirs.pk}@sister-city-crm"

    officer_feed = _events(build_feed(officer, TODAY))
    manager_feed = _events(build_feed(manager, TODAY))
    admin_feed = _events(build_feed(admin_user, TODAY))

    assert _uid_prefixed(officer_feed, "commitment-") == {mine_uid}
    assert _uid_prefixed(manager_feed, "commitment-") == {mine_uid, theirs_uid}
    assert _uid_prefixed(admin_feed, "commitment-") == {mine_uid, theirs_uid}
    assert officer_feed[mine_uid].decoded("DTSTART") == dt.date(2025, 2, 1)


def test_commitments_long_overdue_stay_while_open_and_closed_old_ones_drop_out(officer):
    overdue = CommitmentFactory(owner=officer, due_on=dt.date(2023, 1, 1))
    done_long_ago = CommitmentFactory(
        owner=officer,
        due_on=dt.date(2023, 1, 1),
        status="done",
        outcome="Sent",
        completed_on=dt.date(2023, 1, 1),
    )
    done_recently = CommitmentFactory(
        owner=officer,
        due_on=dt.date(2024, 12, 1),
        status="done",
        outcome="Sent",
        completed_on=dt.date(2024, 12, 1),
    )
    officer.language = "en"

    events = _events(build_feed(officer, TODAY))

    assert f"commitment-{overdue.pk}@sister-city-crm" in events
    assert f"commitment-{done_long_ago.pk}@sister-city-crm" not in events
    recent = events[f"commitment-{done_recently.pk}@sister-city-crm"]
    assert str(recent["SUMMARY"]) == f"Due: {done_recently.title} [done]"


def test_a_visit_is_an_all_day_event_with_an_exclusive_end(officer):
    visit = VisitFactory(start_on=dt.date(2025, 3, 3), end_on=dt.date(2025, 3, 7))

    event = _events(build_feed(officer, TODAY))[f"visit-{visit.pk}@sister-city-crm"]

    assert event.decoded("DTSTART") == dt.date(2025, 3, 3)
    assert event.decoded("DTEND") == dt.date(2025, 3, 8)
    assert str(event["STATUS"]) == "TENTATIVE"


def test_a_timed_engagement_keeps_its_own_time_zone_with_a_vtimezone(officer):
    visit = VisitFactory(start_on=dt.date(2025, 3, 3), end_on=dt.date(2025, 3, 7))
    engagement = EngagementFactory(
        visit=visit,
        date=dt.date(2025, 3, 4),
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        time_zone="America/Los_Angeles",
    )
    untimed = EngagementFactory(visit=visit, date=dt.date(2025, 3, 5))

    content = build_feed(officer, TODAY)
    events = _events(content)

    timed = events[f"engagement-{engagement.pk}@sister-city-crm"]
    start = timed.decoded("DTSTART")
    assert start == dt.datetime(2025, 3, 4, 10, 0, tzinfo=ZoneInfo("America/Los_Angeles"))
    assert start.astimezone(TAIPEI) == dt.datetime(2025, 3, 5, 2, 0, tzinfo=TAIPEI)
    assert timed.decoded("DTEND") == dt.datetime(
        2025, 3, 4, 11, 30, tzinfo=ZoneInfo("America/Los_Angeles")
    )
    assert b"DTSTART;TZID=America/Los_Angeles:20250304T100000" in content
    zones = [str(tz["TZID"]) for tz in Calendar.from_ical(content).walk("VTIMEZONE")]
    assert zones == ["America/Los_Angeles"]
    assert events[f"engagement-{untimed.pk}@sister-city-crm"].decoded("DTSTART") == dt.date(
        2025, 3, 5
    )


def test_events_and_the_users_rsvp_deadlines_are_in_the_feed(officer, manager):
    event = EventFactory(starts_on=dt.date(2025, 12, 1), ends_on=dt.date(2025, 12, 3))
    own = InvitationFactory(
        event=event, owner=officer, status="sent", sent_on=TODAY, rsvp_by=dt.date(2025, 10, 1)
    )
    others = InvitationFactory(
        event=event, status="sent", sent_on=TODAY, rsvp_by=dt.date(2025, 10, 2)
    )
    cancelled = InvitationFactory(
        event=event, owner=officer, status=Invitation.Status.CANCELLED, rsvp_by=TODAY
    )

    officer_feed = _events(build_feed(officer, TODAY))
    manager_feed = _events(build_feed(manager, TODAY))

    calendar_event = officer_feed[f"event-{event.pk}@sister-city-crm"]
    assert calendar_event.decoded("DTSTART") == dt.date(2025, 12, 1)
    assert calendar_event.decoded("DTEND") == dt.date(2025, 12, 4)
    assert _uid_prefixed(officer_feed, "rsvp-") == {f"rsvp-{own.pk}@sister-city-crm"}
    assert _uid_prefixed(manager_feed, "rsvp-") == {
        f"rsvp-{own.pk}@sister-city-crm",
        f"rsvp-{others.pk}@sister-city-crm",
    }
    assert f"rsvp-{cancelled.pk}@sister-city-crm" not in manager_feed
    assert officer_feed[f"rsvp-{own.pk}@sister-city-crm"].decoded("DTSTART") == dt.date(2025, 10, 1)


def test_an_approximate_anniversary_says_the_exact_date_is_not_on_record(officer):
    officer.language = "en"
    agreement = AgreementFactory(
        partner=PartnerFactory(name="Contra Costa County", name_local="康他哥斯大郡"),
        signed_on=dt.date(1983, 3, 1),
        signed_precision="month",
    )

    event = _events(build_feed(officer, TODAY))[f"anniversary-{agreement.pk}-2025@sister-city-crm"]

    assert event.decoded("DTSTART") == dt.date(2025, 3, 1)
    assert str(event["SUMMARY"]) == (
        "Contra Costa County (康他哥斯大郡) — 42nd anniversary (approximate date)"
    )
    assert "exact date is not on record" in str(event["DESCRIPTION"])


def test_ended_partnerships_have_no_anniversaries_in_the_feed(officer):
    agreement = AgreementFactory(partner=PartnerFactory(status=Partner.Status.ENDED))

    events = _events(build_feed(officer, TODAY))

    assert not _uid_prefixed(events, f"anniversary-{agreement.pk}-")


def test_last_modified_and_dtstamp_follow_the_rows_updated_at(officer):
    commitment = CommitmentFactory(owner=officer, due_on=dt.date(2025, 2, 1))

    event = _events(build_feed(officer, TODAY))[f"commitment-{commitment.pk}@sister-city-crm"]

    expected = commitment.updated_at.astimezone(dt.UTC).replace(microsecond=0)
    assert event.decoded("LAST-MODIFIED") == expected
    assert event.decoded("DTSTAMP") == expected


def test_the_feed_is_read_in_a_fixed_number_of_queries(manager, django_assert_num_queries):
    def add_rows(count: int) -> None:
        for _ in range(count):
            AgreementFactory()
            CommitmentFactory(due_on=dt.date(2025, 2, 1))
            visit = VisitFactory(start_on=dt.date(2025, 3, 3), end_on=dt.date(2025, 3, 7))
            EngagementFactory(visit=visit, date=dt.date(2025, 3, 4), start_time=dt.time(9))
            InvitationFactory(status="sent", sent_on=TODAY, rsvp_by=dt.date(2025, 2, 1))

    add_rows(1)
    with django_assert_num_queries(8):
        build_feed(manager, TODAY)
    add_rows(10)
    with django_assert_num_queries(8):
        content = build_feed(manager, TODAY)
    assert len(_uid_prefixed(_events(content), "commitment-")) == 11


def test_a_closed_commitment_is_marked_with_the_catalogs_word_for_its_status(officer):
    closed = {"owner": officer, "due_on": TODAY, "outcome": "Settled", "completed_on": TODAY}
    dropped = CommitmentFactory(title="Send the festival programme", status="dropped", **closed)
    done = CommitmentFactory(title="Book the hall", status="done", **closed)

    officer.language = "zh-hant"
    zh = _events(build_feed(officer, TODAY))
    officer.language = "en"
    en = _events(build_feed(officer, TODAY))

    uid = f"commitment-{dropped.pk}@sister-city-crm"
    assert str(zh[uid]["SUMMARY"]) == "到期：Send the festival programme（已撤銷）"
    assert str(en[uid]["SUMMARY"]) == "Due: Send the festival programme [dropped]"
    assert str(zh[uid]["STATUS"]) == "CANCELLED"
    assert (
        str(zh[f"commitment-{done.pk}@sister-city-crm"]["SUMMARY"])
        == "到期：Book the hall（已完成）"
    )


def test_rsvp_deadlines_give_the_event_date_and_status_in_the_users_form(officer):
    event = EventFactory(
        title="Lantern Festival", title_local="燈會", starts_on=dt.date(2025, 2, 12)
    )
    invitation = InvitationFactory(
        event=event, owner=officer, status="sent", sent_on=TODAY, rsvp_by=dt.date(2025, 1, 31)
    )
    uid = f"rsvp-{invitation.pk}@sister-city-crm"

    officer.language, officer.roc_dates = "zh-hant", True
    roc = str(_events(build_feed(officer, TODAY))[uid]["DESCRIPTION"]).splitlines()
    officer.roc_dates = False
    gregorian = str(_events(build_feed(officer, TODAY))[uid]["DESCRIPTION"]).splitlines()
    officer.language = "en"
    english = str(_events(build_feed(officer, TODAY))[uid]["DESCRIPTION"]).splitlines()

    assert roc[:2] == ["活動：燈會（民國114年2月12日）", "狀態：已寄出"]
    assert gregorian[0] == "活動：燈會（2025-02-12）"
    assert english[:2] == ["Event: Lantern Festival (2025-02-12)", "Status: sent"]


def test_narratives_are_in_the_users_language_and_each_item_links_to_its_page(officer, settings):
    settings.SITE_URL = "https://crm.example"
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    agreement = AgreementFactory(partner=partner)
    commitment = CommitmentFactory(
        owner=officer,
        due_on=dt.date(2025, 2, 1),
        partner=partner,
        title="Invite Deputy Mayor Hines",
        title_local="邀請海因斯副市長訪臺",
        details="In person, in Tacoma.",
        details_local="於塔可瑪當面邀請。",
    )
    visit = VisitFactory(
        start_on=dt.date(2025, 3, 3),
        end_on=dt.date(2025, 3, 7),
        purpose="City diplomacy.",
        purpose_local="推動城市外交。",
    )
    engagement = EngagementFactory(
        visit=visit,
        date=dt.date(2025, 3, 4),
        partner=partner,
        notes="Education exchange.",
        notes_local="交流教育議題。",
    )
    event = EventFactory(description="", description_local="開幕系列活動。")
    invitation = InvitationFactory(
        event=event,
        invitee=OfficialFactory(partner=partner),
        owner=officer,
        status="sent",
        sent_on=TODAY,
        rsvp_by=dt.date(2025, 10, 1),
    )

    officer.language = "zh-hant"
    zh = _events(build_feed(officer, TODAY))
    officer.language = "en"
    en = _events(build_feed(officer, TODAY))

    def item(feed, kind, pk, *parts):
        return feed["-".join([kind, str(pk), *parts]) + "@sister-city-crm"]

    assert str(item(zh, "commitment", commitment.pk)["SUMMARY"]) == "到期：邀請海因斯副市長訪臺"
    assert str(item(en, "commitment", commitment.pk)["SUMMARY"]) == (
        "Due: Invite Deputy Mayor Hines"
    )
    assert str(item(zh, "commitment", commitment.pk)["DESCRIPTION"]).splitlines()[:2] == [
        "於塔可瑪當面邀請。",
        "夥伴城市：塔可瑪市（Tacoma）",
    ]
    assert str(item(zh, "visit", visit.pk)["DESCRIPTION"]) == "推動城市外交。"
    assert str(item(en, "visit", visit.pk)["DESCRIPTION"]) == "City diplomacy."
    assert "交流教育議題。" in str(item(zh, "engagement", engagement.pk)["DESCRIPTION"])
    assert str(item(zh, "engagement", engagement.pk)["LOCATION"]) == "塔可瑪市（Tacoma）"
    # No English description on record: the office's text.
    assert str(item(en, "event", event.pk)["DESCRIPTION"]) == "開幕系列活動。"

    site = "https://crm.example"
    assert {
        str(item(zh, "anniversary", agreement.pk, "2025")["URL"]),
        str(item(zh, "commitment", commitment.pk)["URL"]),
        str(item(zh, "visit", visit.pk)["URL"]),
        str(item(zh, "engagement", engagement.pk)["URL"]),
        str(item(zh, "rsvp", invitation.pk)["URL"]),
    } == {
        f"{site}/partners/{partner.pk}/",
        f"{site}/follow-ups/#commitment-{commitment.pk}",
        f"{site}/visits/{visit.pk}/",
        f"{site}/visits/{visit.pk}/#engagement-{engagement.pk}",
        f"{site}/partners/{partner.pk}/#invitation-{invitation.pk}",
    }
