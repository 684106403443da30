"""Commitment, invitation, trip report and gift reminders (SPEC §3.2), with catch-up."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crm.outbox.models import Notification
from tests.crm.reminders_support import days, make_manager, notification_of, run_day
from tests.factories import (
    CommitmentFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    MemberFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Commitment, Invitation

pytestmark = pytest.mark.django_db

D = dt.date


def sent_between(first, last, *, kinds=None, object_id=None):
    """``{day: [(kind, lead_days, address)]}`` of the emails a daily run sends."""
    sent = {}
    for day in days(first, last):
        for message in run_day(day):
            n = notification_of(message)
            if n.kind == "weekly_digest" or (kinds and n.kind not in kinds):
                continue
            if object_id is not None and n.object_id != object_id:
                continue
            sent.setdefault(day, []).append((n.kind, n.lead_days, message.to[0]))
    return {day: sorted(found) for day, found in sent.items()}


# --- Commitments ----------------------------------------------------------------------------


def test_a_commitment_reminds_its_owner_3_days_before_on_the_due_date_and_weekly_when_overdue():
    owner = UserFactory()
    CommitmentFactory(owner=owner, due_on=D(2025, 3, 10))

    assert sent_between(D(2025, 3, 1), D(2025, 4, 5)) == {
        D(2025, 3, 7): [("commitment_due", 3, owner.email)],
        D(2025, 3, 10): [("commitment_due", 0, owner.email)],
        D(2025, 3, 17): [("commitment_overdue", -7, owner.email)],
        D(2025, 3, 24): [("commitment_overdue", -14, owner.email)],
        D(2025, 3, 31): [("commitment_overdue", -21, owner.email)],
    }


def test_a_done_commitment_is_no_longer_reminded():
    commitment = CommitmentFactory(due_on=D(2025, 3, 10))
    run_day(D(2025, 3, 10))
    Commitment.objects.filter(pk=commitment.pk).update(
        status="done", outcome="Invitation letter sent.", completed_on=D(2025, 3, 12)
    )

    assert sent_between(D(2025, 3, 11), D(2025, 4, 5)) == {}


def test_a_missed_due_date_reminder_is_sent_late_once_then_the_weekly_ones_follow():
    owner = UserFactory(language="en")
    CommitmentFactory(owner=owner, title="Send the MOU draft", due_on=D(2025, 3, 10))
    run_day(D(2025, 3, 7))
    # No run from 8 to 11 March.

    (late,) = run_day(D(2025, 3, 12))
    assert (notification_of(late).kind, notification_of(late).lead_days) == ("commitment_due", 0)
    assert "is due on 10 March 2025 (2 days ago)" in late.body
    assert sent_between(D(2025, 3, 13), D(2025, 3, 20)) == {
        D(2025, 3, 17): [("commitment_overdue", -7, owner.email)]
    }


def test_a_commitment_closed_after_the_scan_is_cancelled_not_sent():
    from crm.outbox import notifications

    commitment = CommitmentFactory(due_on=D(2025, 3, 10))
    notifications.scan(today=D(2025, 3, 10))
    Commitment.objects.filter(pk=commitment.pk).update(
        status="dropped", outcome="Partner withdrew.", completed_on=D(2025, 3, 10)
    )

    (pk,) = notifications.due_ids()
    assert notifications.deliver(pk).status == "cancelled"
    assert Notification.objects.get(pk=pk).status == "cancelled"


# --- Invitations ----------------------------------------------------------------------------


def test_a_sent_invitation_reminds_3_days_before_the_rsvp_date_and_once_when_it_passed():
    owner = UserFactory()
    event = EventFactory(starts_on=D(2025, 6, 1))
    invitation = InvitationFactory(
        event=event, owner=owner, status="sent", sent_on=D(2025, 4, 1), rsvp_by=D(2025, 5, 10)
    )

    assert sent_between(D(2025, 4, 20), D(2025, 6, 3), object_id=invitation.pk) == {
        D(2025, 5, 7): [("invitation_rsvp_soon", 3, owner.email)],
        D(2025, 5, 11): [("invitation_no_answer", -1, owner.email)],
    }


def test_an_answered_invitation_gets_no_rsvp_reminders():
    InvitationFactory(
        event=EventFactory(starts_on=D(2025, 9, 1)),
        status="declined",
        sent_on=D(2025, 4, 1),
        rsvp_by=D(2025, 5, 10),
        responded_on=D(2025, 4, 20),
    )

    assert sent_between(D(2025, 5, 1), D(2025, 5, 20)) == {}


def test_an_accepted_invitation_reminds_logistics_14_days_before_the_event():
    owner = UserFactory()
    invitation = InvitationFactory(
        event=EventFactory(starts_on=D(2025, 6, 1)),
        owner=owner,
        status="accepted",
        sent_on=D(2025, 4, 1),
        responded_on=D(2025, 4, 10),
    )

    assert sent_between(D(2025, 5, 1), D(2025, 6, 2), object_id=invitation.pk) == {
        D(2025, 5, 18): [("invitation_logistics", 14, owner.email)]
    }


def test_an_invitation_still_in_draft_reminds_30_days_before_the_event():
    owner = UserFactory(language="en")
    invitation = InvitationFactory(
        event=EventFactory(title="Library opening", starts_on=D(2025, 6, 1)), owner=owner
    )

    assert sent_between(D(2025, 4, 20), D(2025, 6, 2), object_id=invitation.pk) == {
        D(2025, 5, 2): [("invitation_draft", 30, owner.email)]
    }
    Invitation.objects.filter(pk=invitation.pk).update(status="sent", sent_on=D(2025, 5, 3))
    assert Notification.objects.filter(kind="invitation_draft").count() == 1


# --- Trip reports ---------------------------------------------------------------------------


def test_a_trip_report_reminds_the_leader_and_managers_30_and_7_days_before_and_weekly_after():
    manager = make_manager()
    leader = UserFactory()
    visit = VisitFactory(report_due_on=D(2025, 4, 30))
    MemberFactory(visit=visit, order=1, role="leader", user=leader)
    MemberFactory(visit=visit, order=2, role="member", user=UserFactory())

    def to_both(kind, lead):
        return sorted([(kind, lead, leader.email), (kind, lead, manager.email)])

    assert sent_between(D(2025, 3, 25), D(2025, 5, 20)) == {
        D(2025, 3, 31): to_both("trip_report_due", 30),
        D(2025, 4, 23): to_both("trip_report_due", 7),
        D(2025, 5, 7): to_both("trip_report_overdue", -7),
        D(2025, 5, 14): to_both("trip_report_overdue", -14),
    }
    visit.report_submitted_on = D(2025, 5, 15)
    visit.save()
    assert sent_between(D(2025, 5, 16), D(2025, 6, 1)) == {}


def test_a_trip_report_without_a_leader_user_reminds_whoever_created_the_visit():
    creator = UserFactory()
    visit = VisitFactory(report_due_on=D(2025, 4, 30), created_by=creator)
    MemberFactory(visit=visit, order=1, role="leader", user=None, name_local="市長")

    assert sent_between(D(2025, 4, 23), D(2025, 4, 23)) == {
        D(2025, 4, 23): [("trip_report_due", 7, creator.email)]
    }


def test_a_trip_report_with_no_leader_user_and_no_creator_reminds_the_managers_if_any():
    visit = VisitFactory(report_due_on=D(2025, 4, 30), created_by=None)
    MemberFactory(visit=visit, order=1, role="leader", user=None, name_local="市長")
    make_manager(email="")  # a manager without an email address gets nothing

    assert sent_between(D(2025, 4, 23), D(2025, 4, 23)) == {}
    manager = make_manager()
    assert sent_between(D(2025, 4, 24), D(2025, 4, 24)) == {
        D(2025, 4, 24): [("trip_report_due", 7, manager.email)]
    }


# --- Gifts ----------------------------------------------------------------------------------


def test_an_unregistered_gift_over_the_threshold_is_reminded_daily_from_the_day_after_receipt():
    person = UserFactory()
    gift = GiftFactory(
        user=person,
        date=D(2025, 5, 1),
        estimated_value=Decimal("200"),
        currency="USD",
        value_twd=Decimal("6400"),
    )

    sent = sent_between(D(2025, 5, 1), D(2025, 5, 5))
    assert sent == {
        D(2025, 5, 2): [("gift_registration", -1, person.email)],
        D(2025, 5, 3): [("gift_registration", -2, person.email)],
        D(2025, 5, 4): [("gift_registration", -3, person.email)],
        D(2025, 5, 5): [("gift_registration", -4, person.email)],
    }
    gift.registered_on = D(2025, 5, 5)
    gift.save()
    assert sent_between(D(2025, 5, 6), D(2025, 5, 8)) == {}


def test_the_gift_email_states_the_registration_deadline_and_when_it_has_passed():
    person = UserFactory(language="en")
    GiftFactory(user=person, date=D(2025, 5, 1), value_twd=Decimal("3000"), description="Vase")

    (on_time,) = run_day(D(2025, 5, 2))
    (late,) = run_day(D(2025, 5, 5))

    assert "must be registered with the ethics office by 4 May 2025" in on_time.body
    assert "deadline has passed" not in on_time.body
    assert "The registration deadline has passed." in late.body
    assert late.subject.startswith("Overdue:")


def test_gifts_under_the_threshold_given_or_registered_are_not_reminded():
    GiftFactory(user=UserFactory(), date=D(2025, 5, 1), value_twd=Decimal("2999.99"))
    GiftFactory(user=UserFactory(), date=D(2025, 5, 1), value_twd=9000, direction="given")
    GiftFactory(user=UserFactory(), date=D(2025, 5, 1), value_twd=9000, registered_on=D(2025, 5, 1))
    GiftFactory(user=UserFactory(), date=D(2025, 5, 1), value_twd=None, direction="given")
    GiftFactory(user=UserFactory(), date=D(2025, 5, 1), value_twd=None, registered_on=D(2025, 5, 1))

    assert sent_between(D(2025, 5, 2), D(2025, 5, 3)) == {}


def test_a_received_gift_with_no_value_recorded_is_reminded_to_record_it_or_register_it():
    # Someone must decide (SPEC: a gift whose value is not recorded needs a decision too).
    person = UserFactory(language="en")
    gift = GiftFactory(
        user=person, date=D(2025, 5, 1), value_twd=None, description="Scroll", partner=None
    )

    (message,) = run_day(D(2025, 5, 2))

    assert (notification_of(message).kind, message.to) == ("gift_registration", [person.email])
    assert (
        'The gift "Scroll", received on 1 May 2025, has no value recorded: gifts worth '
        "NT$3,000 or more must be registered with the ethics office. Record its estimated "
        "value, or register it by 4 May 2025."
    ) in " ".join(message.body.split())
    assert "worth about" not in message.body
    gift.value_twd = Decimal("2999")  # its value recorded, under the threshold: no more
    gift.save()
    assert sent_between(D(2025, 5, 3), D(2025, 5, 4)) == {}


def test_a_gift_reminder_goes_to_the_members_user_or_else_to_whoever_recorded_it():
    member_user, recorder = UserFactory(), UserFactory()
    GiftFactory(
        member=MemberFactory(user=member_user), date=D(2025, 5, 1), value_twd=Decimal("5000")
    )
    GiftFactory(created_by=recorder, date=D(2025, 5, 1), value_twd=Decimal("5000"))

    assert sorted(m.to[0] for m in run_day(D(2025, 5, 2))) == sorted(
        [member_user.email, recorder.email]
    )
