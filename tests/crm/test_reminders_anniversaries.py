"""Anniversary reminders (SPEC §3.1): lead times, recipients, 29 February, catch-up."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.outbox.models import Notification
from relations.models import Partner
from tests.crm.reminders_support import (
    days,
    make_manager,
    manager_emails,
    notification_of,
    run_day,
    sister_cities,
)
from tests.factories import AgreementFactory, PartnerFactory, UserFactory
from visits.models import Gift

pytestmark = pytest.mark.django_db

D = dt.date


def anniversary_mail(messages, agreement, *, year=None) -> list[tuple[int, str]]:
    """``(lead_days, recipient address)`` of the anniversary emails about ``agreement``
    (for its anniversary in ``year`` only, if given)."""
    found = []
    for message in messages:
        notification = notification_of(message)
        if (
            notification.kind == Notification.Kind.ANNIVERSARY
            and notification.object_id == agreement.pk
            and (year is None or notification.occurrence.year == year)
        ):
            assert message.to == [notification.email]
            found.append((notification.lead_days, notification.email))
    return sorted(found)


@pytest.fixture
def cities():
    return sister_cities()


def test_tacoma_reminds_its_desk_officer_and_the_managers_exactly_on_19_june_and_12_july(cities):
    """Tacoma's 2025 anniversary is its 25th, a milestone: 30 and 7 days before (19 June,
    12 July) as for every anniversary, and also 365, 180 and 90 days before. A daily run
    over the whole year sends each exactly once, on its day and on no other day."""
    tacoma = cities["tacoma"]
    recipients = {tacoma.partner.owner.email} | manager_emails()
    assert len(recipients) >= 2
    # Gift reminders are tested elsewhere; the demo's keepsake (no value recorded) would
    # otherwise be reminded every day of the simulated year, ~740 emails to render here.
    Gift.objects.update(registered_on=D(2024, 7, 1))

    sent_on = {}
    for day in days(D(2024, 7, 1), D(2025, 7, 31)):
        found = anniversary_mail(run_day(day), tacoma, year=2025)
        if found:
            sent_on[day] = found

    def to_all(lead):
        return sorted((lead, address) for address in recipients)

    assert sent_on == {
        D(2024, 7, 19): to_all(365),  # the day of the 24th, a year before the 25th
        D(2025, 1, 20): to_all(180),
        D(2025, 4, 20): to_all(90),
        D(2025, 6, 19): to_all(30),
        D(2025, 7, 12): to_all(7),
    }
    assert Notification.objects.filter(
        object_id=tacoma.pk, kind="anniversary", occurrence=D(2025, 7, 19)
    ).count() == 5 * len(recipients)


def test_a_regular_anniversary_is_reminded_30_and_7_days_before_only(cities):
    tacoma = cities["tacoma"]  # 2024: its 24th, not a milestone

    sent_on = {}
    for day in days(D(2024, 5, 1), D(2024, 7, 19)):
        found = anniversary_mail(run_day(day), tacoma, year=2024)
        if found:
            sent_on[day] = {lead for lead, _ in found}

    assert sent_on == {D(2024, 6, 19): {30}, D(2024, 7, 12): {7}}


def test_san_diego_45th_in_2028_is_reminded_from_20_november_2027(cities):
    san_diego = cities["san_diego"]
    recipients = {san_diego.partner.owner.email} | manager_emails()

    def reminders_for_2028(messages):
        return [
            (notification_of(m).lead_days, m.to[0])
            for m in messages
            if notification_of(m).object_id == san_diego.pk
            and notification_of(m).occurrence == D(2028, 11, 19)
        ]

    assert reminders_for_2028(run_day(D(2027, 11, 19))) == []
    sent = reminders_for_2028(run_day(D(2027, 11, 20)))
    assert sorted(sent) == sorted((365, address) for address in recipients)
    assert reminders_for_2028(run_day(D(2027, 11, 21))) == []
    message = next(
        m for m in run_day(D(2028, 5, 23)) if notification_of(m).object_id == san_diego.pk
    )
    assert notification_of(message).lead_days == 180
    assert "45" in message.subject


def test_an_agreement_of_29_february_reminds_before_28_february_in_a_common_year(officer):
    leap = AgreementFactory(partner=PartnerFactory(owner=officer), signed_on=D(2004, 2, 29))

    def send_days(first, last):
        sent = {}
        for day in days(first, last):
            for message in run_day(day):
                notification = notification_of(message)
                if notification.object_id == leap.pk and notification.occurrence.year == day.year:
                    sent[day] = (notification.occurrence, notification.lead_days)
        return sent

    # 2025 is a common year: the anniversary is on 28 February, reminded 30 and 7 days before.
    assert send_days(D(2025, 1, 20), D(2025, 3, 5)) == {
        D(2025, 1, 29): (D(2025, 2, 28), 30),
        D(2025, 2, 21): (D(2025, 2, 28), 7),
    }
    # 2028 is a leap year: 29 February itself.
    assert send_days(D(2028, 1, 20), D(2028, 3, 5)) == {
        D(2028, 1, 30): (D(2028, 2, 29), 30),
        D(2028, 2, 22): (D(2028, 2, 29), 7),
    }


def test_an_approximate_date_email_says_the_exact_date_is_not_on_record():
    officer = UserFactory(role="officer", language="en")
    partner = PartnerFactory(name="Contra Costa County", owner=officer)
    AgreementFactory(partner=partner, signed_on=D(1983, 3, 1), signed_precision="month")

    (message,) = [m for m in run_day(D(2025, 2, 22)) if m.to == [officer.email]]

    html = message.alternatives[0][0]
    assert "(approximate date)" in message.subject
    for part in (message.body, html):
        assert "the exact date of the agreement is not on record" in part
        assert "March 1983" in part  # only the month is known
        assert "1 March 2025" in part  # the day it is shown on


def test_a_precise_date_email_does_not_say_approximate(officer):
    officer.language = "en"
    officer.save()
    AgreementFactory(partner=PartnerFactory(owner=officer), signed_on=D(2000, 7, 19))

    (message,) = [m for m in run_day(D(2025, 7, 12)) if m.to == [officer.email]]

    assert "approximate" not in message.subject
    assert "not on record" not in message.body


def test_ended_partners_and_users_without_email_get_no_reminders(officer, manager):
    ended = PartnerFactory(owner=officer, status=Partner.Status.ENDED)
    AgreementFactory(partner=ended, signed_on=D(2000, 7, 19))
    silent_manager = make_manager(email="")
    active = PartnerFactory(owner=UserFactory(email=""))
    AgreementFactory(partner=active, signed_on=D(2000, 7, 19))

    sent = [m for m in run_day(D(2025, 7, 12)) if notification_of(m).kind == "anniversary"]

    assert [m.to for m in sent] == [[manager.email]]  # the active partner, to the manager only
    assert not Notification.objects.filter(recipient=silent_manager).exists()


def test_after_five_days_without_a_run_one_run_sends_the_latest_owed_reminder_once(cities):
    tacoma = cities["tacoma"]
    recipients = {tacoma.partner.owner.email} | manager_emails()
    run_day(D(2025, 6, 19))  # the 30-day reminder went out on time
    # The job does not run from 10 to 14 July: the 7-day reminder (12 July) is missed.

    caught_up = anniversary_mail(run_day(D(2025, 7, 15)), tacoma)

    assert caught_up == sorted((7, address) for address in recipients)
    assert anniversary_mail(run_day(D(2025, 7, 16)), tacoma) == []


def test_a_partner_added_days_before_a_milestone_gets_one_reminder_not_a_burst(officer, manager):
    partner = PartnerFactory(owner=officer)
    agreement = AgreementFactory(partner=partner, signed_on=D(2005, 7, 20))  # 20th in 2025

    sent = anniversary_mail(run_day(D(2025, 7, 15)), agreement)

    # 365, 180, 90 and 30 days before were all missed: only the 7-day reminder is owed.
    assert sent == sorted([(7, officer.email), (7, manager.email)])
    assert anniversary_mail(run_day(D(2025, 7, 16)), agreement) == []


def test_scanning_twice_a_day_sends_each_reminder_once(officer, manager):
    AgreementFactory(partner=PartnerFactory(owner=officer), signed_on=D(2000, 7, 19))

    first = run_day(D(2025, 7, 12), hour=6)
    again = run_day(D(2025, 7, 12), hour=7)

    assert sorted((notification_of(m).kind, m.to[0]) for m in first) == sorted(
        [
            ("anniversary", officer.email),
            ("anniversary", manager.email),
            ("weekly_digest", manager.email),  # Saturday: this week's digest was owed too
        ]
    )
    assert again == []
    assert Notification.objects.count() == 3
