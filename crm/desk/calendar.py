"""A user's iCalendar feed (RFC 5545, SPEC §5.4), for Outlook, Google or Apple Calendar.

Public entry point::

    build_feed(user, today) -> bytes

served at ``/calendar/<user.calendar_token>.ics`` by :mod:`crm.desk.calendar_views`. The
feed holds, in the user's language:

* **anniversaries** of commemorated agreements from ``today`` to two years ahead
  (all-day; approximate dates say so), for partners whose relationship has not ended;
* **commitment due dates** — the user's own, or everyone's for managers and
  administrators — due from a year ago to two years ahead, plus older ones still
  open (overdue); closed ones stay, marked done or dropped;
* **visits** (all-day, start to end) and their **engagements** (timed ones at their
  own IANA time zone, with a VTIMEZONE; untimed ones all-day), **events** (all-day),
  overlapping the same window;
* **RSVP deadlines** of invitations the user owns (managers: all), not cancelled.

UIDs are stable (``anniversary-<agreement>-<year>@sister-city-crm``,
``commitment-<id>@…``, ``visit-<id>@…``, ``engagement-<id>@…``, ``event-<id>@…``,
``rsvp-<invitation>@…``), so re-subscribing never duplicates. ``DTSTAMP`` and
``LAST-MODIFIED`` are the row's ``updated_at`` (RFC 5545 §3.8.7.2: without METHOD,
DTSTAMP is the last revision), so two fetches of unchanged data give identical bytes.
The feed is read in a fixed number of queries whatever its size.
"""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db.models import Q
from icalendar import Calendar
from icalendar import Event as CalendarEvent

from crm.core.formatting import add_months, format_roc
from crm.core.roles import acts_for_everyone
from relations.anniversaries import anniversaries_between
from relations.models import Agreement
from visits.models import Commitment, CommitmentQuerySet, Engagement, Event, Invitation, Visit

UID_DOMAIN = "sister-city-crm"
HORIZON_MONTHS = 24
PAST_DAYS = 365
PRODID = "-//Sister City CRM//Calendar feed//EN"
ZH = "zh-hant"
EN = "en"

LABELS: dict[str, dict[str, str]] = {
    EN: {
        "calendar": "Sister City CRM — {user}",
        "anniversary": "{name} — {ordinal} anniversary",
        "milestone": " (milestone)",
        "approximate": " (approximate date)",
        "anniversary_description": "Anniversary of the agreement signed in {year}.",
        "approximate_description": (
            "The exact date is not on record: only the {precision} is known, so the "
            "anniversary is shown on {where}."
        ),
        "precision_month": "month",
        "precision_year": "year",
        "first_of_month": "the 1st of the month",
        "first_of_year": "1 January",
        "due": "Due: {title}",
        "done": " [done]",
        "dropped": " [dropped]",
        "owner": "Owner: {name}",
        "partner": "Partner: {name}",
        "visit_outbound": "Visit: {title}",
        "visit_inbound": "Incoming visit: {title}",
        "engagement_of": "Part of: {title}",
        "rsvp": "RSVP due: {invitee} — {event}",
        "event_on": "Event: {title} ({date})",
        "status": "Status: {status}",
    },
    ZH: {
        "calendar": "姊妹市關係管理 — {user}",
        "anniversary": "{name} — 締盟 {years} 週年",
        "milestone": "（逢五週年）",
        "approximate": "（日期約略）",
        "anniversary_description": "協定簽署於 {year} 年。",
        "approximate_description": "確切日期未有紀錄，僅知{precision}，週年日以{where}標示。",
        "precision_month": "年月",
        "precision_year": "年份",
        "first_of_month": "當月 1 日",
        "first_of_year": "1 月 1 日",
        "due": "到期：{title}",
        "done": "（已完成）",
        "dropped": "（不續辦）",
        "owner": "承辦人：{name}",
        "partner": "夥伴城市：{name}",
        "visit_outbound": "出訪：{title}",
        "visit_inbound": "來訪：{title}",
        "engagement_of": "所屬行程：{title}",
        "rsvp": "回覆期限：{invitee}（{event}）",
        "event_on": "活動：{title}（{date}）",
        "status": "狀態：{status}",
    },
}

INVITATION_STATUS = {
    EN: {
        "draft": "draft",
        "sent": "sent",
        "accepted": "accepted",
        "declined": "declined",
        "no_response": "no response",
    },
    ZH: {
        "draft": "草稿",
        "sent": "已寄出",
        "accepted": "已接受",
        "declined": "已婉拒",
        "no_response": "未回覆",
    },
}


def _language(user) -> str:
    return EN if (getattr(user, "language", "") or "").lower().startswith("en") else ZH


def _pick(language: str, local: str, english: str) -> str:
    return (local or english) if language == ZH else (english or local)


def _both(language: str, local: str, english: str) -> str:
    """Both scripts, the user's first: ``Tacoma · 塔可瑪市`` / ``塔可瑪市 · Tacoma``."""
    first, second = (local, english) if language == ZH else (english, local)
    return " · ".join(part for part in (first, second) if part)


def ordinal(number: int) -> str:
    """``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``, ``25th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def _date_text(user, language: str, value: dt.date) -> str:
    if language == ZH and getattr(user, "roc_dates", True):
        return format_roc(value)
    return value.isoformat()


def _uid(kind: str, *parts) -> str:
    return f"{kind}-{'-'.join(str(p) for p in parts)}@{UID_DOMAIN}"


def _stamp(value: dt.datetime) -> dt.datetime:
    """UTC, whole seconds: what RFC 5545 DTSTAMP / LAST-MODIFIED carry."""
    return value.astimezone(dt.UTC).replace(microsecond=0)


def _component(
    uid: str,
    summary: str,
    start: dt.date | dt.datetime,
    end: dt.date | dt.datetime,
    modified: dt.datetime,
    *,
    description: str = "",
    location: str = "",
    status: str = "",
    category: str = "",
) -> CalendarEvent:
    event = CalendarEvent()
    event.add("uid", uid)
    event.add("dtstamp", _stamp(modified))
    event.add("last-modified", _stamp(modified))
    event.add("summary", summary)
    event.add("dtstart", start)
    event.add("dtend", end)
    if not isinstance(start, dt.datetime):
        event.add("transp", "TRANSPARENT")  # an all-day reminder does not block the day
    if description:
        event.add("description", description)
    if location:
        event.add("location", location)
    if status:
        event.add("status", status)
    if category:
        event.add("categories", [category])
    return event


def _all_day(start: dt.date, last_day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """DATE values; DTEND is exclusive (the day after the last day)."""
    return start, (last_day or start) + dt.timedelta(days=1)


def _anniversaries(user, language: str, today: dt.date, horizon: dt.date) -> list:
    labels = LABELS[language]
    found = anniversaries_between(today, horizon)
    stamps = {
        agreement_id: max(agreement_updated, partner_updated)
        for agreement_id, agreement_updated, partner_updated in Agreement.objects.filter(
            id__in={a.agreement_id for a in found}
        ).values_list("id", "updated_at", "partner__updated_at")
    }
    components = []
    for anniversary in found:
        summary = labels["anniversary"].format(
            name=_both(language, anniversary.partner_name_local, anniversary.partner_name),
            ordinal=ordinal(anniversary.years),
            years=anniversary.years,
        )
        if anniversary.is_milestone:
            summary += labels["milestone"]
        description = labels["anniversary_description"].format(
            year=anniversary.date.year - anniversary.years
        )
        if anniversary.approximate:
            summary += labels["approximate"]
            by_month = anniversary.date.month != 1 or anniversary.date.day != 1
            description += " " + labels["approximate_description"].format(
                precision=labels["precision_month" if by_month else "precision_year"],
                where=labels["first_of_month" if by_month else "first_of_year"],
            )
        start, end = _all_day(anniversary.date)
        components.append(
            _component(
                _uid("anniversary", anniversary.agreement_id, anniversary.date.year),
                summary,
                start,
                end,
                stamps[anniversary.agreement_id],
                description=description,
                category="anniversary",
            )
        )
    return components


def _commitments(user, language, manager: bool, past: dt.date, horizon: dt.date) -> list:
    labels = LABELS[language]
    rows = (
        Commitment.objects.filter(due_on__isnull=False, due_on__lte=horizon)
        .filter(Q(due_on__gte=past) | CommitmentQuerySet.open_q())
        .select_related("partner", "owner")
        .order_by("due_on", "id")
    )
    if not manager:
        rows = rows.filter(owner=user)
    components = []
    for commitment in rows:
        summary = labels["due"].format(title=commitment.title)
        if not commitment.is_open:
            summary += labels[commitment.status]
        lines = [commitment.details] if commitment.details else []
        if commitment.partner:
            partner = commitment.partner
            lines.append(
                labels["partner"].format(name=_both(language, partner.name_local, partner.name))
            )
        owner = commitment.owner
        lines.append(labels["owner"].format(name=owner.get_full_name() or owner.username))
        start, end = _all_day(commitment.due_on)
        components.append(
            _component(
                _uid("commitment", commitment.pk),
                summary,
                start,
                end,
                commitment.updated_at,
                description="\n".join(lines),
                status="CANCELLED" if commitment.status == Commitment.Status.DROPPED else "",
                category="commitment",
            )
        )
    return components


VISIT_STATUS = {
    Visit.Status.PLANNED: "TENTATIVE",
    Visit.Status.APPROVED: "CONFIRMED",
    Visit.Status.ONGOING: "CONFIRMED",
    Visit.Status.COMPLETED: "CONFIRMED",
    Visit.Status.CANCELLED: "CANCELLED",
}


def _visits(language: str, past: dt.date, horizon: dt.date) -> list:
    labels = LABELS[language]
    components = []
    visits = Visit.objects.filter(end_on__gte=past, start_on__lte=horizon).order_by(
        "start_on", "id"
    )
    for visit in visits:
        key = "visit_outbound" if visit.direction == Visit.Direction.OUTBOUND else "visit_inbound"
        start, end = _all_day(visit.start_on, visit.end_on)
        components.append(
            _component(
                _uid("visit", visit.pk),
                labels[key].format(title=_pick(language, visit.title_local, visit.title)),
                start,
                end,
                visit.updated_at,
                description=visit.purpose,
                status=VISIT_STATUS.get(visit.status, ""),
                category="visit",
            )
        )
    return components


def _engagements(language: str, past: dt.date, horizon: dt.date) -> list:
    labels = LABELS[language]
    components = []
    rows = (
        Engagement.objects.filter(date__gte=past, date__lte=horizon)
        .select_related("visit", "partner", "organization")
        .order_by("date", "order", "start_time", "id")
    )
    for engagement in rows:
        if engagement.start_time is not None:
            zone = engagement.zone
            start = dt.datetime.combine(engagement.date, engagement.start_time, zone)
            if engagement.end_time is not None:
                end = dt.datetime.combine(engagement.date, engagement.end_time, zone)
            else:
                end = start + dt.timedelta(hours=1)
        else:
            start, end = _all_day(engagement.date)
        place = engagement.location
        if not place and engagement.organization:
            place = _pick(
                language, engagement.organization.name_local, engagement.organization.name
            )
        if not place and engagement.partner:
            place = _pick(language, engagement.partner.name_local, engagement.partner.name)
        visit = engagement.visit
        lines = [
            labels["engagement_of"].format(title=_pick(language, visit.title_local, visit.title))
        ]
        if engagement.notes:
            lines.append(engagement.notes)
        components.append(
            _component(
                _uid("engagement", engagement.pk),
                _pick(language, engagement.title_local, engagement.title),
                start,
                end,
                engagement.updated_at,
                description="\n\n".join(lines),
                location=place,
                status="CANCELLED" if visit.status == Visit.Status.CANCELLED else "",
                category="engagement",
            )
        )
    return components


def _events(language: str, past: dt.date, horizon: dt.date) -> list:
    rows = (
        Event.objects.filter(starts_on__lte=horizon)
        .filter(Q(ends_on__gte=past) | Q(ends_on__isnull=True, starts_on__gte=past))
        .order_by("starts_on", "id")
    )
    components = []
    for event in rows:
        start, end = _all_day(event.starts_on, event.ends_on)
        components.append(
            _component(
                _uid("event", event.pk),
                _pick(language, event.title_local, event.title),
                start,
                end,
                event.updated_at,
                description=event.description,
                location=event.location,
                category="event",
            )
        )
    return components


def _rsvp_deadlines(user, language, manager: bool, past: dt.date, horizon: dt.date) -> list:
    labels = LABELS[language]
    rows = (
        Invitation.objects.filter(rsvp_by__gte=past, rsvp_by__lte=horizon)
        .exclude(status=Invitation.Status.CANCELLED)
        .select_related("event", "invitee", "owner")
        .order_by("rsvp_by", "id")
    )
    if not manager:
        rows = rows.filter(owner=user)
    components = []
    for invitation in rows:
        invitee, event = invitation.invitee, invitation.event
        summary = labels["rsvp"].format(
            invitee=_pick(language, invitee.name_local, invitee.name),
            event=_pick(language, event.title_local, event.title),
        )
        owner = invitation.owner
        lines = [
            labels["event_on"].format(
                title=_pick(language, event.title_local, event.title),
                date=_date_text(user, language, event.starts_on),
            ),
            labels["status"].format(
                status=INVITATION_STATUS[language].get(invitation.status, invitation.status)
            ),
            labels["owner"].format(name=owner.get_full_name() or owner.username),
        ]
        start, end = _all_day(invitation.rsvp_by)
        components.append(
            _component(
                _uid("rsvp", invitation.pk),
                summary,
                start,
                end,
                invitation.updated_at,
                description="\n".join(lines),
                category="rsvp",
            )
        )
    return components


def build_feed(user, today: dt.date) -> bytes:
    """The user's calendar as RFC 5545 bytes (``text/calendar``), as seen on ``today``."""
    language = _language(user)
    manager = acts_for_everyone(user)
    horizon = add_months(today, HORIZON_MONTHS)
    past = today - dt.timedelta(days=PAST_DAYS)

    calendar = Calendar()
    calendar.add("prodid", PRODID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("x-wr-calname", LABELS[language]["calendar"].format(user=user.get_username()))
    calendar.add("x-wr-timezone", settings.TIME_ZONE)
    # Hints for clients that honour them (Apple, Outlook); Google polls on its own schedule.
    calendar.add("refresh-interval", dt.timedelta(hours=1), parameters={"VALUE": "DURATION"})
    calendar.add("x-published-ttl", "PT1H")

    for component in (
        *_anniversaries(user, language, today, horizon),
        *_commitments(user, language, manager, past, horizon),
        *_visits(language, past, horizon),
        *_engagements(language, past, horizon),
        *_events(language, past, horizon),
        *_rsvp_deadlines(user, language, manager, past, horizon),
    ):
        calendar.add_component(component)
    # VTIMEZONE for every TZID used, covering whole years around the window so the
    # bytes stay the same from one day to the next.
    calendar.add_missing_timezones(
        first_date=dt.date(past.year, 1, 1), last_date=dt.date(horizon.year + 1, 1, 1)
    )
    return calendar.to_ical()


__all__ = ["build_feed", "ordinal"]
