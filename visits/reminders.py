"""Reminders about what we do together (SPEC §3.2): commitments, invitations, trip reports, gifts.

Each ``due_*`` function is a reminder source of ``crm.outbox.notifications.scan``: one query
whatever the number of rows, then plain arithmetic per row to find the one reminder
owed today (catch-up: a missed day still gets the latest owed reminder, once). Each
``*_context`` function builds an email's context when it is sent, or returns None
when the reminder no longer applies (done, registered, answered, date moved).

Choices where the spec is silent:

* Overdue commitments and trip reports are reminded 7, 14, 21 … days after the due
  date (``lead_days`` −7, −14 …), as long as they stay open.
* "No answer yet" for an invitation is sent once, the day after the RSVP date, while
  the event is still ahead; afterwards the invitation shows in the managers' digest.
* Gifts: a received gift not registered and worth ``GIFT_REGISTRATION_THRESHOLD_TWD`` or
  more, or with no value in TWD recorded (someone must decide: record the value or
  register it; ``GiftQuerySet.unregistered``), is reminded daily from the day after
  receipt (SPEC §3.2), each day its own reminder (``lead_days`` = −days since receipt).
  ``GIFT_REGISTRATION_DAYS`` sets the deadline the email states (receipt + N days) and
  after which it says the registration is overdue; reminders do not wait for the deadline.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from django.conf import settings
from django.db.models import BigIntegerField, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from crm.core.formatting import format_number
from crm.outbox.emails import admin_url, relative_days
from crm.outbox.models import Notification
from crm.outbox.notifications import Due, series_lead
from visits.models import (
    Commitment,
    DelegationMember,
    Event,
    Gift,
    Invitation,
    Visit,
)

DateFormat = Callable[..., str]
Kind = Notification.Kind

OVERDUE_EVERY_DAYS = 7
RSVP_SOON_DAYS = 3
LOGISTICS_DAYS = 14
STILL_DRAFT_DAYS = 30
NO_ANSWER_LEAD = -1
TRIP_REPORT_DAYS = (30, 7)


def _days(n: int) -> dt.timedelta:
    return dt.timedelta(days=n)


def _twd(value) -> str:
    """``6,400``; "" when no value in TWD is recorded (the emails say so instead)."""
    return format_number(value, language=translation.get_language() or "")


# --- Sources --------------------------------------------------------------------------------


def due_commitments(today: dt.date) -> list[Due]:
    """To the owner: N days before due, on the due date, then weekly while overdue."""
    before = settings.COMMITMENT_REMINDER_DAYS
    rows = (
        Commitment.objects.open()
        .filter(due_on__lte=today + _days(before))
        .values_list("pk", "due_on", "owner_id")
    )
    due = []
    for pk, due_on, owner_id in rows:
        lead = series_lead(due_on, (before, 0), today, every=OVERDUE_EVERY_DAYS)
        if lead is None:
            continue
        kind = Kind.COMMITMENT_DUE if lead >= 0 else Kind.COMMITMENT_OVERDUE
        due.append(Due(kind, "visits.commitment", pk, due_on, lead, user_ids=(owner_id,)))
    return due


def due_invitations(today: dt.date) -> list[Due]:
    """To the owner: RSVP date in 3 days; RSVP date passed, no answer; event in 14 days and
    accepted (logistics); event in 30 days and still a draft. One query."""
    rows = Invitation.objects.filter(
        Q(
            status=Invitation.Status.SENT,
            rsvp_by__lte=today + _days(RSVP_SOON_DAYS),
            event__starts_on__gte=today,
        )
        | Q(
            status=Invitation.Status.ACCEPTED,
            event__starts_on__range=(today, today + _days(LOGISTICS_DAYS)),
        )
        | Q(
            status=Invitation.Status.DRAFT,
            event__starts_on__range=(today, today + _days(STILL_DRAFT_DAYS)),
        )
    ).values_list("pk", "status", "rsvp_by", "event__starts_on", "owner_id")
    due = []
    for pk, status, rsvp_by, starts_on, owner_id in rows:
        if status == Invitation.Status.SENT:
            if rsvp_by >= today:
                kind, occurrence, lead = Kind.INVITATION_RSVP_SOON, rsvp_by, RSVP_SOON_DAYS
            else:
                kind, occurrence, lead = Kind.INVITATION_NO_ANSWER, rsvp_by, NO_ANSWER_LEAD
        elif status == Invitation.Status.ACCEPTED:
            kind, occurrence, lead = Kind.INVITATION_LOGISTICS, starts_on, LOGISTICS_DAYS
        else:
            kind, occurrence, lead = Kind.INVITATION_DRAFT, starts_on, STILL_DRAFT_DAYS
        due.append(Due(kind, "visits.invitation", pk, occurrence, lead, user_ids=(owner_id,)))
    return due


def _leader_user():
    """The user of a visit's leader (first in protocol order), as a subquery."""
    return Subquery(
        DelegationMember.objects.filter(
            visit_id=OuterRef("pk"), role=DelegationMember.Role.LEADER, user__isnull=False
        )
        .order_by("order")
        .values("user_id")[:1]
    )


def due_trip_reports(today: dt.date) -> list[Due]:
    """30 and 7 days before the report is due, weekly when overdue, until submitted.

    To the leader's user (or whoever created the visit) and the managers. One query.
    """
    rows = (
        Visit.objects.report_due_by(today + _days(max(TRIP_REPORT_DAYS)))
        .annotate(person=Coalesce(_leader_user(), "created_by_id", output_field=BigIntegerField()))
        .values_list("pk", "report_due_on", "person")
    )
    due = []
    for pk, due_on, person in rows:
        lead = series_lead(due_on, TRIP_REPORT_DAYS, today, every=OVERDUE_EVERY_DAYS)
        if lead is None:
            continue
        kind = Kind.TRIP_REPORT_DUE if lead >= 0 else Kind.TRIP_REPORT_OVERDUE
        due.append(Due(kind, "visits.visit", pk, due_on, lead, user_ids=(person,), managers=True))
    return due


def due_gifts(today: dt.date) -> list[Due]:
    """Daily from the day after receipt until registered: to our person (the gift's user,
    else the delegation member's user) or whoever recorded it. One query."""
    rows = (
        Gift.objects.unregistered()
        .filter(date__lt=today)
        .annotate(
            person=Coalesce(
                "user_id", "member__user_id", "created_by_id", output_field=BigIntegerField()
            )
        )
        .values_list("pk", "date", "person")
    )
    return [
        Due(
            Kind.GIFT_REGISTRATION,
            "visits.gift",
            pk,
            received,
            -(today - received).days,
            user_ids=(person,),
        )
        for pk, received, person in rows
    ]


# --- Email contexts -------------------------------------------------------------------------


def commitment_context(notification: Notification, fmt: DateFormat) -> dict | None:
    commitment = (
        Commitment.objects.select_related("partner", "visit")
        .filter(pk=notification.object_id)
        .first()
    )
    if commitment is None or not commitment.is_open or commitment.due_on != notification.occurrence:
        return None
    return {
        "commitment": commitment,
        "title": commitment.title,
        "partner_name": str(commitment.partner) if commitment.partner else "",
        "visit_title": str(commitment.visit) if commitment.visit else "",
        "due": fmt(commitment.due_on),
        "days_left": (commitment.due_on - notification.scheduled_for).days,
        "days_overdue": (notification.scheduled_for - commitment.due_on).days,
        "when": relative_days((commitment.due_on - notification.scheduled_for).days),
        "priority": commitment.get_priority_display(),
        "status": commitment.get_status_display(),
        "url": admin_url("visits", "commitment", commitment.pk),
    }


_INVITATION_STATUS = {
    Kind.INVITATION_RSVP_SOON: Invitation.Status.SENT,
    Kind.INVITATION_NO_ANSWER: Invitation.Status.SENT,
    Kind.INVITATION_LOGISTICS: Invitation.Status.ACCEPTED,
    Kind.INVITATION_DRAFT: Invitation.Status.DRAFT,
}


def invitation_context(notification: Notification, fmt: DateFormat) -> dict | None:
    invitation = (
        Invitation.objects.select_related("event", "invitee")
        .filter(pk=notification.object_id)
        .first()
    )
    if invitation is None or invitation.status != _INVITATION_STATUS[notification.kind]:
        return None
    event: Event = invitation.event
    on_rsvp = notification.kind in (Kind.INVITATION_RSVP_SOON, Kind.INVITATION_NO_ANSWER)
    if (invitation.rsvp_by if on_rsvp else event.starts_on) != notification.occurrence:
        return None
    return {
        "invitee": str(invitation.invitee),
        "event_title": str(event),
        "event_date": fmt(event.starts_on),
        "event_when": relative_days((event.starts_on - notification.scheduled_for).days),
        "rsvp_by": fmt(invitation.rsvp_by) if invitation.rsvp_by else "",
        "rsvp_when": relative_days((invitation.rsvp_by - notification.scheduled_for).days)
        if invitation.rsvp_by
        else "",
        "sent_on": fmt(invitation.sent_on) if invitation.sent_on else "",
        "url": admin_url("visits", "invitation", invitation.pk),
    }


def trip_report_context(notification: Notification, fmt: DateFormat) -> dict | None:
    visit = Visit.objects.filter(pk=notification.object_id).first()
    if (
        visit is None
        or visit.report_submitted_on is not None
        or visit.status == Visit.Status.CANCELLED
        or visit.report_due_on != notification.occurrence
    ):
        return None
    return {
        "visit_title": visit.title_local or visit.title,
        "period": fmt.range(visit.start_on, visit.end_on),
        "due": fmt(visit.report_due_on),
        "days_left": (visit.report_due_on - notification.scheduled_for).days,
        "days_overdue": (notification.scheduled_for - visit.report_due_on).days,
        "when": relative_days((visit.report_due_on - notification.scheduled_for).days),
        "url": admin_url("visits", "visit", visit.pk),
    }


def gift_context(notification: Notification, fmt: DateFormat) -> dict | None:
    gift = (
        Gift.objects.select_related("partner", "official", "organization")
        .filter(pk=notification.object_id)
        .first()
    )
    if gift is None or not gift.needs_registration or gift.date != notification.occurrence:
        return None
    deadline = gift.date + _days(settings.GIFT_REGISTRATION_DAYS)
    counterpart = gift.official or gift.organization or gift.partner
    return {
        "description": gift.description_local or gift.description,
        "counterpart": str(counterpart) if counterpart else "",
        "received": fmt(gift.date),
        "value_twd": _twd(gift.value_twd),
        "threshold_twd": _twd(settings.GIFT_REGISTRATION_THRESHOLD_TWD),
        "deadline": fmt(deadline),
        "overdue": notification.scheduled_for > deadline,
        "url": admin_url("visits", "gift", gift.pk),
    }


# --- The managers' weekly digest ------------------------------------------------------------


def digest_commitments(
    today: dt.date, fmt: DateFormat, *, limit: int = 100
) -> tuple[list[dict], int]:
    """Open commitments overdue or due by the end of this ISO week, by owner (two queries)."""
    week_end = today + _days(6 - today.weekday())
    pending = Commitment.objects.open().filter(due_on__lte=week_end)
    rows = [
        {
            "owner": str(c.owner),
            "title": c.title,
            "partner_name": str(c.partner) if c.partner else "",
            "due": fmt(c.due_on),
            "overdue": c.is_overdue(today),
            "url": admin_url("visits", "commitment", c.pk),
        }
        for c in pending.select_related("owner", "partner").order_by(
            "owner__username", "due_on", "pk"
        )[:limit]
    ]
    return rows, pending.count()


def digest_invitations(fmt: DateFormat, *, limit: int = 50) -> tuple[list[dict], int]:
    """Invitations sent and not answered yet, earliest RSVP date first (two queries)."""
    waiting = Invitation.objects.filter(status=Invitation.Status.SENT)
    rows = [
        {
            "invitee": str(i.invitee),
            "event_title": str(i.event),
            "owner": str(i.owner),
            "rsvp_by": fmt(i.rsvp_by) if i.rsvp_by else "",
            "url": admin_url("visits", "invitation", i.pk),
        }
        for i in waiting.select_related("invitee", "event", "owner").order_by(
            F("rsvp_by").asc(nulls_last=True), "pk"
        )[:limit]
    ]
    return rows, waiting.count()


def digest_trip_reports(
    today: dt.date, fmt: DateFormat, *, days: int = 30, limit: int = 50
) -> tuple[list[dict], int]:
    """Trip reports not submitted, overdue or due within ``days`` days (two queries)."""
    waiting = Visit.objects.report_due_by(today + _days(days))
    rows = [
        {
            "visit_title": v.title_local or v.title,
            "due": fmt(v.report_due_on),
            "overdue": v.report_is_overdue(today),
            "url": admin_url("visits", "visit", v.pk),
        }
        for v in waiting.order_by("report_due_on", "pk")[:limit]
    ]
    return rows, waiting.count()


def digest_gifts(today: dt.date, fmt: DateFormat, *, limit: int = 50) -> tuple[list[dict], int]:
    """Received gifts still to register (``GiftQuerySet.unregistered``), oldest first (two
    queries)."""
    waiting = Gift.objects.unregistered()
    rows = [
        {
            "description": g.description_local or g.description,
            "received": fmt(g.date),
            "value_twd": _twd(g.value_twd),
            "overdue": g.date + _days(settings.GIFT_REGISTRATION_DAYS) < today,
            "url": admin_url("visits", "gift", g.pk),
        }
        for g in waiting.order_by("date", "pk")[:limit]
    ]
    return rows, waiting.count()


def digest_section(today: dt.date, fmt: DateFormat) -> dict:
    """The visits' part of the managers' weekly digest: follow-ups, answers, reports, gifts."""
    section = {}
    for name, (rows, total) in (
        ("commitments", digest_commitments(today, fmt)),
        ("invitations", digest_invitations(fmt)),
        ("trip_reports", digest_trip_reports(today, fmt)),
        ("gifts", digest_gifts(today, fmt)),
    ):
        section[name] = rows
        section[f"{name}_more"] = total - len(rows)
    return section
