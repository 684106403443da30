"""Reports for managers and viewers (SPEC §5.7): the numbers, aggregated in SQL.

Each report is a fixed, small number of aggregate queries whatever the amount of data
(one per source table, grouped by partner, owner or visit), merged in Python by key:

* ``activity``: per partner, in one calendar year — contacts, delegations out and in,
  our events its officials were invited to, commitments opened and closed (5 queries);
* ``reciprocity``: per partner, all time up to today — delegations we sent and received,
  gifts given and received (count and recorded TWD value), invitations sent and
  accepted, and when each side last visited (4 queries);
* ``follow-ups``: per owner (every commitment) and per visit (those begun in one year) —
  open, overdue, closed, closed on time and the median days to close, by
  ``CommitmentQuerySet``'s rules (2 queries, and one for the default year);
* ``anniversaries``: every anniversary in a year, by ``relations.anniversaries`` (1 query).

The rules come from where they live: open/overdue/closed from ``CommitmentQuerySet``,
the partner filters from ``PartnerFilterSet``, anniversaries from
``anniversaries_between``, gift values from ``Gift.value_twd`` (kept by
``visits.services.value_in_twd``). Formatting for people is the views' business.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import zoneinfo
from collections.abc import Iterable

from django.conf import settings
from django.db.models import (
    Aggregate,
    Count,
    Exists,
    F,
    FloatField,
    Func,
    IntegerField,
    Max,
    OuterRef,
    Q,
    QuerySet,
    Subquery,
    Sum,
    Value,
)
from django.db.models.functions import Least, TruncDate
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from crm.core.models import User
from relations.anniversaries import anniversaries_between
from relations.filters import PartnerFilterSet
from relations.models import Contact, Partner
from visits.models import Commitment, CommitmentQuerySet, Gift, Invitation, Visit, VisitPartner

FIRST_YEAR = 1900
LAST_YEAR = 2100
PARTNER_FILTERS = ("kind", "country", "topic")

# Column kinds: how a value is written (the page, CSV and XLSX format them alike).
TEXT, INT, MONEY, DAYS, DATE, FLAG = "text", "int", "money", "days", "date", "flag"


@dataclasses.dataclass(frozen=True)
class Column:
    key: str
    label: str
    kind: str = INT


# Each report's title, for the report itself and for the page's tabs.
TITLES = {
    "activity": _("Activity per partner"),
    "reciprocity": _("Reciprocity ledger"),
    "follow-ups": _("Follow-up performance"),
    "anniversaries": _("Anniversary year"),
}


@dataclasses.dataclass
class Table:
    """One table of a report: the columns, and one dict per row keyed by column key
    (rows may carry more keys, such as ids and the other script's name). The title is
    taken in the language active when the table is built."""

    key: str
    title: str
    columns: tuple[Column, ...]
    rows: list[dict]

    def __post_init__(self):
        self.title = str(self.title)


@dataclasses.dataclass
class Report:
    name: str
    title: str
    params: dict
    tables: list[Table]

    @classmethod
    def of(cls, name: str, params: dict, *tables: Table) -> Report:
        """Report ``name`` under its title (``TITLES``) in the active language."""
        return cls(name=name, title=str(TITLES[name]), params=params, tables=list(tables))

    def table(self, key: str) -> Table:
        return next(t for t in self.tables if t.key == key)


class ReportParamsError(ValueError):
    """Invalid report parameters: ``errors`` is ``{parameter: [message, …]}``."""

    def __init__(self, errors: dict[str, list[str]]):
        super().__init__(errors)
        self.errors = errors


# --- parameters ------------------------------------------------------------------------------


def parse_year(raw: str | None, default: int) -> int:
    """``year`` of a query string: a whole number from 1900 to 2100 (default: ``default``)."""
    text = (raw or "").strip()
    if not text:
        return default
    if not (text.isascii() and text.isdigit() and len(text) == 4) or not (
        FIRST_YEAR <= int(text) <= LAST_YEAR
    ):
        raise ReportParamsError(
            {
                "year": [
                    str(
                        _("Enter a year from %(first)s to %(last)s.")
                        % {"first": FIRST_YEAR, "last": LAST_YEAR}
                    )
                ]
            }
        )
    return int(text)


def partner_filterset(data) -> PartnerFilterSet:
    """The partners list's own FilterSet, restricted to kind, country and topic."""
    chosen = {key: data.get(key) for key in PARTNER_FILTERS if data.get(key)}
    return PartnerFilterSet(chosen, queryset=Partner.objects.all())


def filtered_partners(data) -> tuple[QuerySet[Partner], dict]:
    """Partners matching ``kind``/``country``/``topic`` in ``data``, and the values used.

    Raises ``ReportParamsError`` for an unknown kind or a malformed country or topic.
    """
    filterset = partner_filterset(data)
    if not filterset.is_valid():
        raise ReportParamsError({k: [str(m) for m in v] for k, v in filterset.errors.items()})
    country = (data.get("country") or "").strip()
    if country and not (country.isascii() and country.isalpha() and len(country) == 2):
        raise ReportParamsError(
            {"country": [str(_("Enter a two-letter country code (ISO 3166-1), e.g. US."))]}
        )
    chosen = {key: filterset.form.cleaned_data.get(key) or "" for key in PARTNER_FILTERS}
    if chosen["country"]:
        chosen["country"] = chosen["country"].upper()
    return filterset.qs, chosen


# --- SQL helpers -----------------------------------------------------------------------------


class Median(Aggregate):
    """The median of a numeric expression (PostgreSQL ``percentile_cont(0.5)``)."""

    function = "percentile_cont"
    template = "%(function)s(0.5) WITHIN GROUP (ORDER BY %(expressions)s)"
    output_field = FloatField()


def _office_zone() -> zoneinfo.ZoneInfo:
    return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def _days_to_close():
    """Days from the day a commitment was recorded (office time) to the day it closed."""
    return Func(
        F("completed_on"),
        TruncDate("created_at", tzinfo=_office_zone()),
        template="(%(expressions)s)",
        arg_joiner=" - ",
        output_field=IntegerField(),
    )


def _year_bounds(year: int) -> tuple[dt.date, dt.date]:
    return dt.date(year, 1, 1), dt.date(year + 1, 1, 1)


def _happened(today: dt.date) -> Q:
    """A visit that took place (or is under way): begun by ``today``, not cancelled — the
    rule ``visits.selectors.partner_activity`` applies to a partner's last visit."""
    return Q(visit__start_on__lte=today) & ~Q(visit__status=Visit.Status.CANCELLED)


def _partner_rows(partners: QuerySet[Partner]) -> list[dict]:
    return list(
        partners.order_by("name", "pk").values(
            "id", "name", "name_local", "kind", "country", partner_id=F("id")
        )
    )


def years_between(earlier: dt.date | None, later: dt.date) -> int | None:
    """Whole years from ``earlier`` to ``later`` (an age: 2024-07-31 → 2026-07-30 is 1)."""
    if earlier is None:
        return None
    return later.year - earlier.year - ((later.month, later.day) < (earlier.month, earlier.day))


# --- activity per partner per year -------------------------------------------------------------

ACTIVITY_MEASURES = (
    "contacts",
    "visits_out",
    "visits_in",
    "events",
    "commitments_opened",
    "commitments_closed",
)


def activity_columns() -> tuple[Column, ...]:
    return (
        Column("partner", _("Partner"), TEXT),
        Column("contacts", _("Contacts")),
        Column("visits_out", _("Visits out")),
        Column("visits_in", _("Visits in")),
        Column("events", _("Events")),
        Column("commitments_opened", _("Commitments opened")),
        Column("commitments_closed", _("Commitments closed")),
        Column("total", _("Total")),
    )


def partner_activity(*, year: int, partners: QuerySet[Partner], today: dt.date) -> list[dict]:
    """One row per partner: what happened with it in ``year`` (5 queries).

    contacts — logged with the partner, dated in the year; visits out/in — delegations
    (ours to them / theirs to us) that began in the year and took place (not cancelled,
    begun by today); events — our events starting in the year that an official of the
    partner was invited to (the invitation went out); commitments opened — recorded in
    the year (office time); closed — done or dropped, completed in the year.
    Sorted by total, most active first, then by name.
    """
    start, end = _year_bounds(year)
    zone = _office_zone()
    opened_from = dt.datetime.combine(start, dt.time.min, tzinfo=zone)
    opened_until = dt.datetime.combine(end, dt.time.min, tzinfo=zone)
    rows = _partner_rows(partners)
    contacts = dict(
        Contact.objects.filter(partner__in=partners, occurred_on__gte=start, occurred_on__lt=end)
        .values("partner_id")
        .annotate(n=Count("pk"))
        .values_list("partner_id", "n")
        .order_by()
    )
    # A visit and a partner are linked once (visit_partner_unique): no DISTINCT needed.
    visits: dict[tuple[int, str], int] = {
        (partner_id, direction): n
        for partner_id, direction, n in VisitPartner.objects.filter(
            _happened(today),
            partner__in=partners,
            visit__start_on__gte=start,
            visit__start_on__lt=end,
        )
        .values("partner_id", "visit__direction")
        .annotate(n=Count("visit_id"))
        .values_list("partner_id", "visit__direction", "n")
        .order_by()
    }
    events = dict(
        Invitation.objects.filter(
            invitee__partner__in=partners,
            sent_on__isnull=False,
            event__starts_on__gte=start,
            event__starts_on__lt=end,
        )
        .values("invitee__partner_id")
        .annotate(n=Count("event_id", distinct=True))
        .values_list("invitee__partner_id", "n")
        .order_by()
    )
    opened_q = Q(created_at__gte=opened_from, created_at__lt=opened_until)
    closed_q = ~CommitmentQuerySet.open_q() & Q(completed_on__gte=start, completed_on__lt=end)
    commitments = {
        partner_id: (opened, closed)
        for partner_id, opened, closed in Commitment.objects.filter(opened_q | closed_q)
        .filter(partner__in=partners)
        .values("partner_id")
        .annotate(opened=Count("pk", filter=opened_q), closed=Count("pk", filter=closed_q))
        .values_list("partner_id", "opened", "closed")
        .order_by()
    }
    for row in rows:
        pk = row["id"]
        opened, closed = commitments.get(pk, (0, 0))
        row.update(
            contacts=contacts.get(pk, 0),
            visits_out=visits.get((pk, Visit.Direction.OUTBOUND), 0),
            visits_in=visits.get((pk, Visit.Direction.INBOUND), 0),
            events=events.get(pk, 0),
            commitments_opened=opened,
            commitments_closed=closed,
        )
        row["total"] = sum(row[m] for m in ACTIVITY_MEASURES)
    rows.sort(key=lambda r: -r["total"])  # stable: names stay in order among equals
    return rows


def activity_report(data, *, today: dt.date) -> Report:
    year = parse_year(data.get("year"), today.year)
    partners, chosen = filtered_partners(data)
    rows = partner_activity(year=year, partners=partners, today=today)
    return Report.of(
        "activity",
        {"year": year, **chosen},
        Table("partners", _("Partners"), activity_columns(), rows),
    )


# --- reciprocity ledger --------------------------------------------------------------------------


def reciprocity_columns() -> tuple[Column, ...]:
    return (
        Column("partner", _("Partner"), TEXT),
        Column("delegations_sent", _("Delegations sent")),
        Column("delegations_received", _("Delegations received")),
        Column("gifts_given", _("Gifts given")),
        Column("gifts_given_twd", _("Value given (NT$)"), MONEY),
        Column("gifts_received", _("Gifts received")),
        Column("gifts_received_twd", _("Value received (NT$)"), MONEY),
        Column("invitations_sent", _("Invitations sent")),
        Column("invitations_accepted", _("Invitations accepted")),
        Column("we_last_visited_on", _("We last visited"), DATE),
        Column("years_since_we_visited", _("Years since our visit"), INT),
        Column("they_last_visited_on", _("They last visited"), DATE),
        Column("years_since_they_visited", _("Years since their visit"), INT),
    )


def reciprocity_ledger(*, partners: QuerySet[Partner], today: dt.date) -> list[dict]:
    """One row per partner: the balance of the relationship up to ``today`` (4 queries).

    Delegations sent/received — outbound/inbound visits with the partner that took place
    (not cancelled, begun by today); last visited — the last day of the latest one (today
    while one lasts). Gifts — given/received with the partner, count and the sum of their
    recorded values in TWD (a gift without a value counts, and adds nothing). Invitations
    — to the partner's officials: sent (the invitation went out), accepted.
    """
    rows = _partner_rows(partners)
    visits = {
        (partner_id, direction): (n, last)
        for partner_id, direction, n, last in VisitPartner.objects.filter(
            _happened(today), partner__in=partners
        )
        .values("partner_id", "visit__direction")
        .annotate(
            n=Count("visit_id"),
            last=Max(Least("visit__end_on", Value(today))),
        )
        .values_list("partner_id", "visit__direction", "n", "last")
        .order_by()
    }
    gifts = {
        (partner_id, direction): (n, value)
        for partner_id, direction, n, value in Gift.objects.filter(partner__in=partners)
        .values("partner_id", "direction")
        .annotate(n=Count("pk"), value=Sum("value_twd"))
        .values_list("partner_id", "direction", "n", "value")
        .order_by()
    }
    invitations = {
        partner_id: (sent, accepted)
        for partner_id, sent, accepted in Invitation.objects.filter(
            invitee__partner__in=partners, sent_on__isnull=False
        )
        .values("invitee__partner_id")
        .annotate(
            sent=Count("pk"),
            accepted=Count("pk", filter=Q(status=Invitation.Status.ACCEPTED)),
        )
        .values_list("invitee__partner_id", "sent", "accepted")
        .order_by()
    }
    for row in rows:
        pk = row["id"]
        sent, we_last = visits.get((pk, Visit.Direction.OUTBOUND), (0, None))
        received, they_last = visits.get((pk, Visit.Direction.INBOUND), (0, None))
        given, given_twd = gifts.get((pk, Gift.Direction.GIVEN), (0, None))
        got, got_twd = gifts.get((pk, Gift.Direction.RECEIVED), (0, None))
        invited, accepted = invitations.get(pk, (0, 0))
        row.update(
            delegations_sent=sent,
            delegations_received=received,
            gifts_given=given,
            gifts_given_twd=given_twd or 0,
            gifts_received=got,
            gifts_received_twd=got_twd or 0,
            invitations_sent=invited,
            invitations_accepted=accepted,
            we_last_visited_on=we_last,
            years_since_we_visited=years_between(we_last, today),
            they_last_visited_on=they_last,
            years_since_they_visited=years_between(they_last, today),
        )
    return rows


def reciprocity_report(data, *, today: dt.date) -> Report:
    partners, chosen = filtered_partners(data)
    rows = reciprocity_ledger(partners=partners, today=today)
    return Report.of(
        "reciprocity",
        {"today": today, **chosen},
        Table("partners", _("Partners"), reciprocity_columns(), rows),
    )


# --- follow-up performance ----------------------------------------------------------------------


def follow_up_columns(first: Column) -> tuple[Column, ...]:
    return (
        first,
        Column("open", _("Open")),
        Column("overdue", _("Overdue")),
        Column("closed", pgettext_lazy("follow-ups", "Closed")),
        Column("closed_on_time", _("Closed on time")),
        Column("median_days_to_close", _("Median days to close"), DAYS),
    )


def _performance(today: dt.date) -> dict:
    """Counts by ``CommitmentQuerySet``'s rules; "on time" needs a due date."""
    closed = ~CommitmentQuerySet.open_q()
    return {
        "open": Count("pk", filter=CommitmentQuerySet.open_q()),
        "overdue": Count("pk", filter=CommitmentQuerySet.overdue_q(today)),
        "closed": Count("pk", filter=closed),
        "closed_on_time": Count(
            "pk", filter=closed & Q(due_on__isnull=False, completed_on__lte=F("due_on"))
        ),
        "median_days_to_close": Median(
            _days_to_close(), filter=closed & Q(completed_on__isnull=False)
        ),
    }


def _owner_field(field: str) -> Subquery:
    return Subquery(User.objects.filter(pk=OuterRef("owner_id")).order_by().values(field)[:1])


def latest_follow_up_year(today: dt.date) -> int:
    """The follow-up report's default year: that of the latest visit begun by ``today``
    with follow-ups — this year once one has begun, else the year before (or the last
    with one); this year if there is none at all."""
    latest = (
        Visit.objects.filter(
            Exists(Commitment.objects.filter(visit=OuterRef("pk"))), start_on__lte=today
        )
        .order_by("-start_on")
        .values_list("start_on", flat=True)
        .first()
    )
    return latest.year if latest else today.year


def follow_up_performance(*, today: dt.date, year: int) -> tuple[list[dict], list[dict]]:
    """Rows per owner and per visit (2 queries): open (open or in progress), overdue (open
    and due before today), closed (done or dropped), closed on time (closed on or before
    its due date; commitments without a due date are never "on time"), and the median of
    days from recording to closing.

    Per owner: every commitment. Per visit: the visits that began in ``year`` (a row each,
    latest first), and one row for the commitments not from a visit, whenever recorded."""
    measures = _performance(today)
    # The owner's names are read once per owner, not joined to every commitment before
    # the sort that the median needs: that sort carries only the commitments' columns.
    owners = list(
        Commitment.objects.values("owner_id")
        .annotate(**measures)
        .annotate(
            username=_owner_field("username"),
            first_name=_owner_field("first_name"),
            last_name=_owner_field("last_name"),
        )
        .order_by("-overdue", "-open", "username")
    )
    for row in owners:
        full = f"{row.pop('first_name')} {row.pop('last_name')}".strip()
        row["owner"] = full or row["username"]
    start, end = _year_bounds(year)
    begun_in_year = Visit.objects.filter(start_on__gte=start, start_on__lt=end)
    visits = list(
        Commitment.objects.filter(Q(visit__in=begun_in_year) | Q(visit__isnull=True))
        .values(
            "visit_id",
            visit_title=F("visit__title"),
            visit_title_local=F("visit__title_local"),
            start_on=F("visit__start_on"),
        )
        .annotate(**measures)
        .order_by(F("start_on").desc(nulls_last=True), "visit_id")
    )
    if visits and visits[-1]["visit_id"] is None:  # sorted last: no start date
        visits[-1].update(visit_title=str(_("Not from a visit")), visit_title_local="")
    return owners, visits


def follow_ups_report(data, *, today: dt.date) -> Report:
    chosen = (data.get("year") or "").strip()
    year = parse_year(chosen, today.year) if chosen else latest_follow_up_year(today)
    owners, visits = follow_up_performance(today=today, year=year)
    return Report.of(
        "follow-ups",
        {"year": year, "today": today},
        Table(
            "officers",
            _("Per officer"),
            follow_up_columns(Column("owner", _("Owner"), TEXT)),
            owners,
        ),
        Table(
            "visits", _("Per visit"), follow_up_columns(Column("visit", _("Visit"), TEXT)), visits
        ),
    )


# --- anniversary year ------------------------------------------------------------------------


def anniversary_year(*, year: int) -> tuple[list[dict], list[dict]]:
    """Every anniversary in ``year`` (partners whose relationship ended are left out, as
    everywhere) and the count per month with its milestones — one query."""
    found = anniversaries_between(dt.date(year, 1, 1), dt.date(year, 12, 31))
    items = [
        {
            "partner_id": a.partner_id,
            "partner_name": a.partner_name,
            "partner_name_local": a.partner_name_local,
            "agreement_id": a.agreement_id,
            "kind": a.kind,
            "date": a.date,
            "years": a.years,
            "is_milestone": a.is_milestone,
            "approximate": a.approximate,
        }
        for a in found
    ]
    months = [{"month": m, "anniversaries": 0, "milestones": 0} for m in range(1, 13)]
    for item in items:
        month = months[item["date"].month - 1]
        month["anniversaries"] += 1
        month["milestones"] += int(item["is_milestone"])
    return months, items


def anniversaries_report(data, *, today: dt.date) -> Report:
    year = parse_year(data.get("year"), today.year)
    months, items = anniversary_year(year=year)
    month_columns = (
        Column("month", _("Month"), TEXT),
        Column("anniversaries", _("Anniversaries")),
        Column("milestones", _("Milestones")),
    )
    item_columns = (
        Column("date", _("Date"), DATE),
        Column("partner", _("Partner"), TEXT),
        Column("kind", _("Agreement"), TEXT),
        Column("years", _("Years")),
        Column("is_milestone", _("Milestone"), FLAG),
        Column("approximate", _("Approximate date"), FLAG),
    )
    return Report.of(
        "anniversaries",
        {"year": year},
        Table("months", _("Per month"), month_columns, months),
        Table("anniversaries", _("Anniversaries"), item_columns, items),
    )


REPORTS = {
    "activity": activity_report,
    "reciprocity": reciprocity_report,
    "follow-ups": follow_ups_report,
    "anniversaries": anniversaries_report,
}


def build(name: str, data, *, today: dt.date) -> Report:
    """The report ``name`` for query ``data``; ``ReportParamsError`` on invalid input."""
    return REPORTS[name](data, today=today)


def names() -> Iterable[str]:
    return REPORTS.keys()
