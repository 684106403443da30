"""A user's iCalendar feed (RFC 5545, SPEC §5.4), for Outlook, Google or Apple Calendar.

Public entry point::

    build_feed(user, today) -> bytes

served at ``/calendar/<user.calendar_token>.ics`` by :mod:`crm.desk.calendar_views`. The
feed holds, in the user's language:

* **anniversaries** of commemorated agreements from ``today`` to two years ahead
  (all-day; approximate dates say so), for partners whose relationship has not ended;
* **commitment due dates** — the user's own, or everyone's for managers and
  administrators — due from a year ago to two years ahead, plus older ones still
  open (overdue); closed ones stay, marked done or dropped; open commitments with
  **no due date** are to-dos (VTODO without DUE: clients that read to-dos, Thunderbird
  for one, list them; others, Google Calendar among them, skip them);
* **visits** (all-day, start to end) and their **engagements** (timed ones at their
  own IANA time zone, with a VTIMEZONE; untimed ones all-day), **events** (all-day),
  overlapping the same window;
* **RSVP deadlines** of invitations the user owns (managers: all), not cancelled.

Names read as in a sentence of the user's language (``與塔可瑪市（Tacoma）締盟 25 週年`` /
``Tacoma (塔可瑪市) — 25th anniversary``); narratives (a commitment's title and details, a
visit's purpose, an engagement's notes, an event's description) are picked with
``pick_text``. Each item carries a ``URL`` to the page where the work is done (the
partner's page, the follow-ups page at the commitment, the visit's page at the
engagement, the partner's timeline at the invitation), built from ``SITE_URL``.

UIDs are stable (``anniversary-<agreement>-<year>@sister-city-crm``,
``commitment-<id>@…``, ``commitment-todo-<id>@…``, ``visit-<id>@…``, ``engagement-<id>@…``,
``event-<id>@…``, ``rsvp-<invitation>@…``), so re-subscribing never duplicates. ``DTSTAMP`` and
``LAST-MODIFIED`` are the row's ``updated_at`` (RFC 5545 §3.8.7.2: without METHOD,
DTSTAMP is the last revision), so two fetches of unchanged data give identical bytes.
The feed is read in a fixed number of queries whatever its size.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.db.models import F, Q
from django.utils import translation
from django.utils.translation import pgettext_lazy
from icalendar import Calendar, Todo
from icalendar import Event as CalendarEvent

from crm.core.formatting import (
    ISO,
    YEAR,
    DateFormat,
    add_months,
    bilingual_name,
    choice_label,
    format_anniversary,
    format_date,
    pick_name,
    pick_text,
)
from crm.core.roles import acts_for_everyone
from relations.anniversaries import anniversaries_between
from relations.models import Agreement
from relations.reminders import partner_url
from visits.models import Commitment, CommitmentQuerySet, Engagement, Event, Invitation, Visit
from visits.reminders import commitment_url, invitation_url, visit_url

UID_DOMAIN = "sister-city-crm"
HORIZON_MONTHS = 24
PAST_DAYS = 365
PRODID = "-//Sister City CRM//Calendar feed//EN"
ZH = "zh-hant"
EN = "en"

# The fixed words of the feed: English message ids, translated by the gettext catalog
# (context "calendar feed") in the user's language; statuses are the models' choice labels.
LABELS = {
    "calendar": pgettext_lazy("calendar feed", "Sister City CRM — %(user)s"),
    "anniversary": pgettext_lazy("calendar feed", "%(name)s — %(nth)s anniversary"),
    "milestone": pgettext_lazy("calendar feed", "%(summary)s (milestone)"),
    "approximate": pgettext_lazy("calendar feed", "%(summary)s (approximate date)"),
    "anniversary_description": pgettext_lazy(
        "calendar feed", "Anniversary of the agreement signed in %(year)s."
    ),
    "approximate_month": pgettext_lazy(
        "calendar feed",
        "The exact date is not on record: only the month is known, so the anniversary "
        "is shown on the 1st of the month.",
    ),
    "approximate_year": pgettext_lazy(
        "calendar feed",
        "The exact date is not on record: only the year is known, so the anniversary "
        "is shown on 1 January.",
    ),
    "due": pgettext_lazy("calendar feed", "Due: %(title)s"),
    "due_closed": pgettext_lazy("calendar feed", "Due: %(title)s [%(status)s]"),
    "undated": pgettext_lazy("calendar feed", "To do (no due date): %(title)s"),
    "owner": pgettext_lazy("calendar feed", "Owner: %(name)s"),
    "partner": pgettext_lazy("calendar feed", "Partner: %(name)s"),
    "visit_outbound": pgettext_lazy("calendar feed", "Visit: %(title)s"),
    "visit_inbound": pgettext_lazy("calendar feed", "Incoming visit: %(title)s"),
    "engagement_of": pgettext_lazy("calendar feed", "Part of: %(title)s"),
    "rsvp": pgettext_lazy("calendar feed", "RSVP due: %(invitee)s — %(event)s"),
    "event_on": pgettext_lazy("calendar feed", "Event: %(title)s (%(date)s)"),
    "status": pgettext_lazy("calendar feed", "Status: %(status)s"),
}


def _labels(language: str) -> dict[str, str]:
    """The fixed words of the feed in ``language``."""
    with translation.override(language):
        return {key: str(text) for key, text in LABELS.items()}


def _language(user) -> str:
    return EN if (getattr(user, "language", "") or "").lower().startswith("en") else ZH


def _pick(language: str, local: str, english: str) -> str:
    return pick_name(local, english, language=language)


def _both(language: str, local: str, english: str) -> str:
    """Both scripts, the user's first, as a sentence names them: ``塔可瑪市（Tacoma）`` /
    ``Tacoma (塔可瑪市)``."""
    return bilingual_name(local, english, language=language, parentheses=True)


def _dates(user, language: str) -> DateFormat:
    """ROC dates for Chinese readers who chose them, ISO dates otherwise."""
    return DateFormat(language, roc=getattr(user, "roc_dates", True), style=ISO)


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
    url: str = "",
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
    if url:
        event.add("url", url)
    return event


def _all_day(start: dt.date, last_day: dt.date | None = None) -> tuple[dt.date, dt.date]:
    """DATE values; DTEND is exclusive (the day after the last day)."""
    return start, (last_day or start) + dt.timedelta(days=1)


def _anniversaries(user, language: str, today: dt.date, horizon: dt.date) -> list:
    labels = _labels(language)
    found = anniversaries_between(today, horizon)
    stamps = {
        agreement_id: max(agreement_updated, partner_updated)
        for agreement_id, agreement_updated, partner_updated in Agreement.objects.filter(
            id__in={a.agreement_id for a in found}
        ).values_list("id", "updated_at", "partner__updated_at")
    }
    roc = _dates(user, language).roc

    # Thousands of anniversaries share a few dozen numbers and years of signing: each is
    # worded once.
    @functools.cache
    def nth(years: int) -> str:
        return format_anniversary(years, language=language)

    @functools.cache
    def signed_in(year: int) -> str:
        # The year of signing in words, ROC for those who chose it: 民國89年 / 2000年 / 2000.
        signed = format_date(dt.date(year, 1, 1), language=language, roc=roc, precision=YEAR)
        return labels["anniversary_description"] % {"year": signed}

    components = []
    for anniversary in found:
        summary = labels["anniversary"] % {
            "name": _both(language, anniversary.partner_name_local, anniversary.partner_name),
            "nth": nth(anniversary.years),
        }
        if anniversary.is_milestone:
            summary = labels["milestone"] % {"summary": summary}
        description = signed_in(anniversary.date.year - anniversary.years)
        if anniversary.approximate:
            summary = labels["approximate"] % {"summary": summary}
            by_month = anniversary.date.month != 1 or anniversary.date.day != 1
            description += " " + labels["approximate_month" if by_month else "approximate_year"]
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
                url=partner_url(anniversary.partner_id),
            )
        )
    return components


def _commitments(user, language, manager: bool, past: dt.date, horizon: dt.date) -> list:
    labels = _labels(language)
    dated = Q(due_on__isnull=False, due_on__lte=horizon) & (
        Q(due_on__gte=past) | CommitmentQuerySet.open_q()
    )
    rows = (
        Commitment.objects.filter(dated | CommitmentQuerySet.undated_q())
        .select_related("partner", "owner")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    if not manager:
        rows = rows.filter(owner=user)
    components = []
    for commitment in rows:
        if commitment.due_on is None:
            components.append(_undated_commitment(commitment, language, labels))
            continue
        title = pick_text(commitment, "title", language=language)
        summary = labels["due"] % {"title": title}
        if not commitment.is_open:
            status = choice_label(Commitment.Status, commitment.status, language=language)
            summary = labels["due_closed"] % {"title": title, "status": status}
        start, end = _all_day(commitment.due_on)
        components.append(
            _component(
                _uid("commitment", commitment.pk),
                summary,
                start,
                end,
                commitment.updated_at,
                description=_commitment_description(commitment, language, labels),
                status="CANCELLED" if commitment.status == Commitment.Status.DROPPED else "",
                category="commitment",
                url=commitment_url(commitment.pk),
            )
        )
    return components


def _commitment_description(commitment: Commitment, language: str, labels: dict) -> str:
    """A commitment's details, its partner and its owner, a line each."""
    details = pick_text(commitment, "details", language=language)
    lines = [details] if details else []
    if commitment.partner:
        partner = commitment.partner
        lines.append(
            labels["partner"] % {"name": _both(language, partner.name_local, partner.name)}
        )
    owner = commitment.owner
    lines.append(labels["owner"] % {"name": owner.get_full_name() or owner.username})
    return "\n".join(lines)


# A to-do's PRIORITY (RFC 5545 §3.8.1.9): 1 highest, 5 medium, 9 lowest.
TODO_PRIORITY = {
    Commitment.Priority.HIGH: 1,
    Commitment.Priority.NORMAL: 5,
    Commitment.Priority.LOW: 9,
}


def _undated_commitment(commitment: Commitment, language: str, labels: dict) -> Todo:
    """An open commitment without a due date: a VTODO without DUE (a task list shows it; a
    calendar grid has no day to put it on). Its UID differs from the dated commitment's
    VEVENT, so a date set later replaces the to-do with an event instead of changing the
    component type under one UID."""
    todo = Todo()
    todo.add("uid", _uid("commitment-todo", commitment.pk))
    todo.add("dtstamp", _stamp(commitment.updated_at))
    todo.add("last-modified", _stamp(commitment.updated_at))
    title = pick_text(commitment, "title", language=language)
    todo.add("summary", labels["undated"] % {"title": title})
    todo.add("description", _commitment_description(commitment, language, labels))
    in_progress = commitment.status == Commitment.Status.IN_PROGRESS
    todo.add("status", "IN-PROCESS" if in_progress else "NEEDS-ACTION")
    todo.add("priority", TODO_PRIORITY.get(commitment.priority, 5))
    todo.add("categories", ["commitment"])
    todo.add("url", commitment_url(commitment.pk))
    return todo


VISIT_STATUS = {
    Visit.Status.PLANNED: "TENTATIVE",
    Visit.Status.APPROVED: "CONFIRMED",
    Visit.Status.ONGOING: "CONFIRMED",
    Visit.Status.COMPLETED: "CONFIRMED",
    Visit.Status.CANCELLED: "CANCELLED",
}


def _visits(language: str, past: dt.date, horizon: dt.date) -> list:
    labels = _labels(language)
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
                labels[key] % {"title": _pick(language, visit.title_local, visit.title)},
                start,
                end,
                visit.updated_at,
                description=pick_text(visit, "purpose", language=language),
                status=VISIT_STATUS.get(visit.status, ""),
                category="visit",
                url=visit_url(visit.pk),
            )
        )
    return components


def _engagements(language: str, past: dt.date, horizon: dt.date) -> list:
    labels = _labels(language)
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
            place = _both(
                language, engagement.organization.name_local, engagement.organization.name
            )
        if not place and engagement.partner:
            place = _both(language, engagement.partner.name_local, engagement.partner.name)
        visit = engagement.visit
        lines = [
            labels["engagement_of"] % {"title": _pick(language, visit.title_local, visit.title)}
        ]
        notes = pick_text(engagement, "notes", language=language)
        if notes:
            lines.append(notes)
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
                url=visit_url(visit.pk, fragment=f"engagement-{engagement.pk}"),
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
                description=pick_text(event, "description", language=language),
                location=event.location,
                category="event",
            )
        )
    return components


def _rsvp_deadlines(user, language, manager: bool, past: dt.date, horizon: dt.date) -> list:
    labels = _labels(language)
    dates = _dates(user, language)
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
        summary = labels["rsvp"] % {
            "invitee": _both(language, invitee.name_local, invitee.name),
            "event": _pick(language, event.title_local, event.title),
        }
        owner = invitation.owner
        status = choice_label(Invitation.Status, invitation.status, language=language)
        lines = [
            labels["event_on"]
            % {
                "title": _pick(language, event.title_local, event.title),
                "date": dates(event.starts_on),
            },
            labels["status"] % {"status": status},
            labels["owner"] % {"name": owner.get_full_name() or owner.username},
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
                url=invitation_url(invitation),
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
    calendar.add("x-wr-calname", _labels(language)["calendar"] % {"user": user.get_username()})
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


__all__ = ["build_feed"]
