"""Reminders about partners (SPEC §3.1): anniversaries, and the partners' part of the digest.

``due_anniversaries`` is a reminder source of ``crm.outbox.notifications.scan``: three
queries whatever the number of partners (the regular anniversaries and the milestones
within their lead times, and their desk officers). ``anniversary_context`` builds an
email's context when it is sent, in the recipient's words: the partner local name first
for Chinese readers (塔可瑪市（Tacoma）), the anniversary as the language counts it
(25 週年 / 25th), and a link to the partner's page (``partner_url``), where the desk
officer works.
"""

from __future__ import annotations

import datetime as dt
import functools

from django.conf import settings
from django.db.models import F, Q

from crm.core.formatting import (
    DateFormat,
    bilingual_name,
    choice_label,
    format_anniversary,
    pick_name,
)
from crm.outbox.emails import page_url, relative_days
from crm.outbox.models import Notification
from crm.outbox.notifications import Due, owed_lead
from relations.anniversaries import (
    Anniversary,
    anniversaries_between,
    anniversary_in_year,
    is_milestone,
)
from relations.models import Agreement, DatePrecision, Partner

AGREEMENT = "relations.agreement"


def partner_url(partner_id: int, *, fragment: str = "") -> str:
    """The partner's page (facts, officials, agreements, timeline), for links in emails;
    ``fragment`` points at a row of its timeline (``invitation-7``, ``gift-3``)."""
    return page_url("relations:partner-detail", partner_id, fragment=fragment)


def partner_name(local: str, english: str, *, language: str) -> str:
    """``塔可瑪市（Tacoma）`` / ``Tacoma (塔可瑪市)``: a partner named in a sentence."""
    return bilingual_name(local, english, language=language, parentheses=True)


def due_anniversaries(today: dt.date) -> list[Due]:
    """For each upcoming anniversary, the one reminder it owes today (catch-up included).

    To the partner's desk officer and the managers; ended partners are left out by
    ``anniversaries_between``. Milestones (every 5th year) use the milestone lead times.
    Each kind is read only as far ahead as its longest lead time: a regular anniversary
    owes nothing further ahead (30 days by default), and most of a year's are regular.
    """
    owed: list[tuple[Anniversary, int]] = []
    for milestone, leads in (
        (False, settings.ANNIVERSARY_REMINDER_DAYS),
        (True, settings.ANNIVERSARY_MILESTONE_REMINDER_DAYS),
    ):
        horizon = today + dt.timedelta(days=max(leads))
        for anniversary in anniversaries_between(today, horizon, milestone=milestone):
            lead = owed_lead(anniversary.date, leads, today)
            if lead is not None:
                owed.append((anniversary, lead))
    if not owed:
        return []
    owners = dict(
        Partner.objects.filter(pk__in={a.partner_id for a, _ in owed}).values_list("pk", "owner_id")
    )
    return [
        Due(
            kind=Notification.Kind.ANNIVERSARY,
            object_type=AGREEMENT,
            object_id=anniversary.agreement_id,
            occurrence=anniversary.date,
            lead_days=lead,
            user_ids=(owners.get(anniversary.partner_id),),
            managers=True,
        )
        for anniversary, lead in owed
    ]


def anniversary_context(notification: Notification, fmt: DateFormat) -> dict | None:
    """What the anniversary email says; None if the agreement or the date changed since."""
    agreement = (
        Agreement.objects.select_related("partner").filter(pk=notification.object_id).first()
    )
    if agreement is None or not agreement.commemorate:
        return None
    partner = agreement.partner
    if partner.status == Partner.Status.ENDED:
        return None
    found = anniversary_in_year(
        agreement.signed_on, agreement.signed_precision, notification.occurrence.year
    )
    if found is None or found[0] != notification.occurrence:
        return None
    date, years = found
    language = fmt.language
    return {
        "partner": partner,
        "partner_name": partner_name(partner.name_local, partner.name, language=language),
        "years": years,
        "nth": format_anniversary(years, language=language),
        "is_milestone": is_milestone(years),
        "approximate": agreement.signed_precision != DatePrecision.DAY,
        "precision": agreement.signed_precision,
        "date": fmt(date),
        "days_left": (date - notification.scheduled_for).days,
        "when": relative_days((date - notification.scheduled_for).days),
        "agreement_kind": choice_label(Agreement.Kind, agreement.kind, language=language),
        "agreement_title": pick_name(agreement.title_local, agreement.title, language=language),
        "reference": agreement.reference,
        "signed_on": fmt(agreement.signed_on, precision=agreement.signed_precision),
        "url": partner_url(partner.pk),
    }


# --- The managers' weekly digest ------------------------------------------------------------


def digest_anniversaries(today: dt.date, fmt: DateFormat, *, days: int = 90) -> list[dict]:
    """Anniversaries in the next ``days`` days, milestones marked (one query)."""
    # Thousands of rows share a few dozen dates and numbers: each is worded once.
    date = functools.cache(fmt)

    @functools.cache
    def nth(years: int) -> str:
        return format_anniversary(years, language=fmt.language)

    return [
        {
            "partner_name": partner_name(
                a.partner_name_local, a.partner_name, language=fmt.language
            ),
            "date": date(a.date),
            "years": a.years,
            "nth": nth(a.years),
            "is_milestone": a.is_milestone,
            "approximate": a.approximate,
            "url": partner_url(a.partner_id),
        }
        for a in anniversaries_between(today, today + dt.timedelta(days=days))
    ]


def quiet_partners(
    today: dt.date, fmt: DateFormat, *, days: int = 365, limit: int = 50
) -> tuple[list[dict], int]:
    """Partners (not ended) with no contact or visit for over ``days`` days, or never.

    Longest silence first; at most ``limit`` rows and the total (two queries).
    """
    partners = (
        Partner.objects.exclude(status=Partner.Status.ENDED)
        .with_activity(today)
        .filter(
            Q(last_activity_on__isnull=True)
            | Q(last_activity_on__lt=today - dt.timedelta(days=days))
        )
    )
    total = partners.count()
    rows = [
        {
            "partner_name": partner_name(p.name_local, p.name, language=fmt.language),
            "last_seen": fmt(p.last_activity_on) if p.last_activity_on else None,
            "url": partner_url(p.pk),
        }
        for p in partners.order_by(F("last_activity_on").asc(nulls_first=True), "name")[:limit]
    ]
    return rows, total


def digest_section(today: dt.date, fmt: DateFormat) -> dict:
    """The partners' part of the managers' weekly digest: anniversaries and quiet partners."""
    quiet, quiet_total = quiet_partners(today, fmt)
    return {
        "anniversaries": digest_anniversaries(today, fmt),
        "quiet_partners": quiet,
        "quiet_partners_more": quiet_total - len(quiet),
    }
