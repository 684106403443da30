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

Emails speak the recipient's language: narratives through ``pick_text`` (the office's
text for Chinese readers, English when filled for English ones), names of people and
places local first for Chinese readers (塔可瑪市（Tacoma）), statuses through
``choice_label``. Their links go to the page where the work is done (``*_url``): the
follow-ups page at the commitment, the visit's page, the partner's timeline at the
invitation or gift — never the admin.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import BigIntegerField, Exists, F, OuterRef, Q, Subquery
from django.db.models.functions import Coalesce
from django.utils import translation

from crm.core.formatting import (
    DateFormat,
    bilingual_name,
    choice_label,
    format_number,
    pick_name,
    pick_text,
)
from crm.outbox.emails import page_url, relative_days
from crm.outbox.models import Notification
from crm.outbox.notifications import Due, managers_reachable, series_lead
from relations.reminders import partner_url
from visits.models import (
    Commitment,
    DelegationMember,
    Event,
    Gift,
    Invitation,
    Visit,
)

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


def _name(row, language: str) -> str:
    """A person, place or body named in a sentence: ``海因斯（John Hines）`` /
    ``John Hines (海因斯)``; "" for None."""
    if row is None:
        return ""
    return bilingual_name(row.name_local, row.name, language=language, parentheses=True)


def _title(row, language: str) -> str:
    """A visit's or event's title in the reader's language (the other when it is missing)."""
    return pick_name(row.title_local, row.title, language=language) if row is not None else ""


# --- Links: the page where the work is done ---------------------------------------------


def commitment_url(commitment_id: int) -> str:
    """The follow-ups page, at the commitment (complete, change the due date, reassign)."""
    return page_url("visits:follow-ups", fragment=f"commitment-{commitment_id}")


def visit_url(visit_id: int, *, fragment: str = "") -> str:
    """The visit's page (delegation, itinerary, commitments, gifts, the trip report);
    ``fragment`` points at a part of it (``engagement-7``, ``gifts``)."""
    return page_url("visits:visit-detail", visit_id, fragment=fragment)


def invitation_url(invitation: Invitation) -> str:
    """The invitee's partner's timeline at the invitation; else the follow-up it fulfils;
    else the dashboard's invitations awaiting an answer. Reads ``invitation.invitee``."""
    partner_id = invitation.invitee.partner_id
    if partner_id:
        return partner_url(partner_id, fragment=f"invitation-{invitation.pk}")
    if invitation.commitment_id:
        return commitment_url(invitation.commitment_id)
    return page_url("pages:dashboard", fragment="invitations")


def gift_url(gift: Gift) -> str:
    """The partner's timeline at the gift; else the gifts of the visit it was received on;
    else the dashboard. Reads ``gift.engagement`` when the gift names no visit itself."""
    if gift.partner_id:
        return partner_url(gift.partner_id, fragment=f"gift-{gift.pk}")
    visit_id = gift.visit_id or (gift.engagement.visit_id if gift.engagement_id else None)
    if visit_id:
        return visit_url(visit_id, fragment="gifts")
    return page_url("pages:dashboard")


# --- Sources --------------------------------------------------------------------------------


def due_commitments(today: dt.date) -> list[Due]:
    """To the owner: N days before due, on the due date, then weekly while overdue."""
    before = settings.COMMITMENT_REMINDER_DAYS
    rows = (
        Commitment.objects.open()
        .filter(due_on__lte=today + _days(before))
        .order_by()
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


def _leaders_with_user():
    """The leaders of a visit (``OuterRef("pk")``) who are users of the CRM."""
    return DelegationMember.objects.filter(
        visit_id=OuterRef("pk"), role=DelegationMember.Role.LEADER, user__isnull=False
    )


def _leader_user():
    """The user of a visit's leader (first in protocol order), as a subquery."""
    return Subquery(_leaders_with_user().order_by("order").values("user_id")[:1])


def due_trip_reports(today: dt.date) -> list[Due]:
    """30 and 7 days before the report is due, weekly when overdue, until submitted.

    To the leader's user (or whoever created the visit) and the managers. One query.
    """
    rows = (
        Visit.objects.report_due_by(today + _days(max(TRIP_REPORT_DAYS)))
        # Only visits whose reminder goes to someone: the person below is null exactly when
        # the visit has no leader who is a user and no creator; then only the managers are
        # left. Tested without computing the person, which costs a subquery per visit.
        .filter(Exists(_leaders_with_user()) | Q(created_by__isnull=False) | managers_reachable())
        .annotate(person=Coalesce(_leader_user(), "created_by_id", output_field=BigIntegerField()))
        .order_by()
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
        .filter(person__isnull=False)  # a gift no one recorded has no one to remind
        .order_by()
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
    language = fmt.language
    return {
        "commitment": commitment,
        "title": pick_text(commitment, "title", language=language),
        "partner_name": _name(commitment.partner, language),
        "visit_title": _title(commitment.visit, language),
        "due": fmt(commitment.due_on),
        "days_left": (commitment.due_on - notification.scheduled_for).days,
        "days_overdue": (notification.scheduled_for - commitment.due_on).days,
        "when": relative_days((commitment.due_on - notification.scheduled_for).days),
        "priority": choice_label(Commitment.Priority, commitment.priority, language=language),
        "status": choice_label(Commitment.Status, commitment.status, language=language),
        "url": commitment_url(commitment.pk),
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
        "invitee": _name(invitation.invitee, fmt.language),
        "event_title": _title(event, fmt.language),
        "event_date": fmt(event.starts_on),
        "event_when": relative_days((event.starts_on - notification.scheduled_for).days),
        "rsvp_by": fmt(invitation.rsvp_by) if invitation.rsvp_by else "",
        "rsvp_when": relative_days((invitation.rsvp_by - notification.scheduled_for).days)
        if invitation.rsvp_by
        else "",
        "sent_on": fmt(invitation.sent_on) if invitation.sent_on else "",
        "url": invitation_url(invitation),
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
        "visit_title": _title(visit, fmt.language),
        "period": fmt.range(visit.start_on, visit.end_on, precision=visit.date_precision),
        "due": fmt(visit.report_due_on),
        "days_left": (visit.report_due_on - notification.scheduled_for).days,
        "days_overdue": (notification.scheduled_for - visit.report_due_on).days,
        "when": relative_days((visit.report_due_on - notification.scheduled_for).days),
        "url": visit_url(visit.pk),
    }


def gift_context(notification: Notification, fmt: DateFormat) -> dict | None:
    gift = (
        Gift.objects.select_related("partner", "official", "organization", "engagement")
        .filter(pk=notification.object_id)
        .first()
    )
    if gift is None or not gift.needs_registration or gift.date != notification.occurrence:
        return None
    deadline = gift.date + _days(settings.GIFT_REGISTRATION_DAYS)
    return {
        "description": pick_text(gift, "description", language=fmt.language),
        "counterpart": _name(gift.official or gift.organization or gift.partner, fmt.language),
        "received": fmt(gift.date),
        "value_twd": _twd(gift.value_twd),
        "threshold_twd": _twd(settings.GIFT_REGISTRATION_THRESHOLD_TWD),
        "deadline": fmt(deadline),
        "overdue": notification.scheduled_for > deadline,
        "url": gift_url(gift),
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
            "title": pick_text(c, "title", language=fmt.language),
            "partner_name": _name(c.partner, fmt.language),
            "due": fmt(c.due_on),
            "overdue": c.is_overdue(today),
            "url": commitment_url(c.pk),
        }
        for c in pending.select_related("owner", "partner").order_by(
            "owner__username", "due_on", "pk"
        )[:limit]
    ]
    return rows, pending.count()


def digest_undated_commitments(fmt: DateFormat, *, limit: int = 100) -> tuple[list[dict], int]:
    """Open commitments with no due date, by owner, oldest first (two queries): no reminder
    ever falls due for them, so the digest is where a manager sees them."""
    undated = Commitment.objects.undated()
    rows = [
        {
            "owner": str(c.owner),
            "title": pick_text(c, "title", language=fmt.language),
            "partner_name": _name(c.partner, fmt.language),
            "url": commitment_url(c.pk),
        }
        for c in undated.select_related("owner", "partner").order_by("owner__username", "pk")[
            :limit
        ]
    ]
    return rows, undated.count()


def digest_invitations(fmt: DateFormat, *, limit: int = 50) -> tuple[list[dict], int]:
    """Invitations sent and not answered yet, earliest RSVP date first (two queries)."""
    waiting = Invitation.objects.filter(status=Invitation.Status.SENT)
    rows = [
        {
            "invitee": _name(i.invitee, fmt.language),
            "event_title": _title(i.event, fmt.language),
            "owner": str(i.owner),
            "rsvp_by": fmt(i.rsvp_by) if i.rsvp_by else "",
            "url": invitation_url(i),
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
            "visit_title": _title(v, fmt.language),
            "due": fmt(v.report_due_on),
            "overdue": v.report_is_overdue(today),
            "url": visit_url(v.pk),
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
            "description": pick_text(g, "description", language=fmt.language),
            "received": fmt(g.date),
            "value_twd": _twd(g.value_twd),
            "overdue": g.date + _days(settings.GIFT_REGISTRATION_DAYS) < today,
            "url": gift_url(g),
        }
        for g in waiting.select_related("engagement").order_by("date", "pk")[:limit]
    ]
    return rows, waiting.count()


def digest_section(today: dt.date, fmt: DateFormat) -> dict:
    """The visits' part of the managers' weekly digest: follow-ups, answers, reports, gifts."""
    section = {}
    for name, (rows, total) in (
        ("commitments", digest_commitments(today, fmt)),
        ("undated_commitments", digest_undated_commitments(fmt)),
        ("invitations", digest_invitations(fmt)),
        ("trip_reports", digest_trip_reports(today, fmt)),
        ("gifts", digest_gifts(today, fmt)),
    ):
        section[name] = rows
        section[f"{name}_more"] = total - len(rows)
    return section
