"""Anniversary rules of SPEC §3.1, in Python and in one SQL query.

* In calendar year Y a commemorated agreement signed in year S has its
  N = Y − S anniversary, for N ≥ 1.
* It falls on the same month and day; 29 February falls on 28 February in common years.
* Month precision → the 1st of the month, year precision → 1 January; both ``approximate``
  (agreements store such dates already normalised to that day, see the model's constraint).
* A milestone is an N divisible by 5.

``anniversary_in_year`` states the rule for one agreement; ``anniversaries_between``
applies the same rule to every agreement in one query (no per-partner loop), for any
range, across year ends. A test holds the two against each other.
"""

from __future__ import annotations

import calendar
import datetime as dt
import functools
from typing import NamedTuple

from django.db import connection
from django.db.models import (
    BooleanField,
    DateField,
    ExpressionWrapper,
    F,
    Func,
    JSONField,
    OuterRef,
    Q,
    Subquery,
)
from django.db.models.functions import ExtractYear, JSONObject

MILESTONE_EVERY = 5


class Anniversary(NamedTuple):
    """One anniversary, a row of ``anniversaries_between`` as the database returns it (a
    tuple: thousands of them are built per call, a dataclass cost more than the query)."""

    agreement_id: int
    partner_id: int
    partner_name: str
    partner_name_local: str
    kind: str
    date: dt.date
    years: int
    approximate: bool

    @property
    def is_milestone(self) -> bool:
        return is_milestone(self.years)


def is_milestone(years: int) -> bool:
    return years > 0 and years % MILESTONE_EVERY == 0


def anniversary_date(signed_on: dt.date, year: int) -> dt.date:
    """The day in ``year`` that commemorates ``signed_on`` (29 Feb → 28 Feb in common years)."""
    if signed_on.month == 2 and signed_on.day == 29 and not calendar.isleap(year):
        return dt.date(year, 2, 28)
    return dt.date(year, signed_on.month, signed_on.day)


def anniversary_in_year(
    signed_on: dt.date, precision: str, year: int
) -> tuple[dt.date, int] | None:
    """``(date, N)`` of the anniversary in ``year``, or None before the first one."""
    years = year - signed_on.year
    if years < 1:
        return None
    return anniversary_date(normalise(signed_on, precision), year), years


def normalise(value: dt.date, precision: str) -> dt.date:
    """Store an imprecise date on the day its anniversary falls: the 1st, or 1 January
    (the rule of every imprecise date, ``relations.models.normalise_to_precision``)."""
    from relations.models import normalise_to_precision

    return normalise_to_precision(value, precision)


# The month and day of signing as one number (19 July → 719), a generated column of
# Agreement with an index (agreement_month_day_idx), so a window shorter than a year
# reads only the agreements whose day falls in it instead of every agreement.


class MonthDays(NamedTuple):
    """The month-days one year of a range covers: ``first`` to ``last`` (as 719)."""

    year: int
    leap: bool
    first: int
    last: int


def month_day_parts(start: dt.date, end: dt.date) -> list[MonthDays]:
    """Each year of [start, end] with the month-days of it the range covers (all of them
    but in the first and the last year). 29 February falls on the 28th in a common year,
    so there a part ending on 28 February reaches month-day 229 too."""
    parts = []
    for year in range(start.year, end.year + 1):
        leap = calendar.isleap(year)
        first = 101 if year > start.year else start.month * 100 + start.day
        last = 1231 if year < end.year else end.month * 100 + end.day
        if last == 228 and not leap:
            last = 229
        parts.append(MonthDays(year, leap, first, last))
    return parts


# One row per (commemorated agreement, year in range) whose anniversary lies in the range,
# in the order and shape of ``Anniversary``. Each year of the range reads the month-days of
# it that the range covers (all of them but in the first and the last year) from the
# month-day index, with no date computed before an agreement is known to be in the range.
# 29 February falls on the 28th in a common year, so there a part ending on 28 February
# reaches month-day 229 too, and the CASE moves the date. signed_on (so month_day) is
# normalised by precision.
_RANGE_SQL = """
SELECT * FROM (
    SELECT a.id, a.partner_id, p.name, p.name_local, a.kind,
           make_date(
               a.y,
               a.month_day / 100,
               CASE WHEN a.month_day = 229 AND NOT a.leap THEN 28 ELSE a.month_day %% 100 END
           ) AS date,
           a.y - date_part('year', a.signed_on)::int AS years,
           a.signed_precision <> 'day' AS approximate
    FROM ({year_parts}) AS a
    JOIN relations_partner p ON p.id = a.partner_id
    WHERE TRUE {partner_filter}
) AS found
WHERE years >= 1
  {milestone_filter}
ORDER BY date, name, id
"""

_YEAR_PART_SQL = (
    "SELECT {year} AS y, {leap} AS leap, a.id, a.partner_id, a.kind, a.month_day, "
    "a.signed_on, a.signed_precision FROM relations_agreement a "
    "WHERE a.commemorate AND a.month_day BETWEEN {first} AND {last}"
)


def range_sql(start: dt.date, end: dt.date, *, partner_filter: str, milestone_filter: str) -> str:
    """``_RANGE_SQL`` for [start, end]: one part per year, its bounds written as numbers
    (computed here from dates, nothing user-typed), so the planner knows how many rows
    each part reads and joins the partners accordingly."""
    parts = [
        _YEAR_PART_SQL.format(
            year=part.year, leap=str(part.leap).lower(), first=part.first, last=part.last
        )
        for part in month_day_parts(start, end)
    ]
    return _RANGE_SQL.format(
        year_parts="\n    UNION ALL\n    ".join(parts),
        partner_filter=partner_filter,
        milestone_filter=milestone_filter,
    )


# A database row as an Anniversary without a Python-level call per row (what ``_make``
# would add for every one of thousands of rows).
_as_anniversary = functools.partial(tuple.__new__, Anniversary)


def anniversaries_between(
    start: dt.date,
    end: dt.date,
    *,
    partner_ids: list[int] | None = None,
    milestone: bool | None = None,
    include_ended: bool = False,
) -> list[Anniversary]:
    """Every anniversary from ``start`` to ``end`` inclusive, sorted by date: one query.

    Partners whose relationship has ended are left out unless ``include_ended``.
    """
    if end < start:
        return []
    partner_filter = "" if include_ended else "AND p.status <> 'ended'"
    params: dict = {}
    if partner_ids is not None:
        partner_filter += " AND a.partner_id = ANY(%(partner_ids)s)"
        params["partner_ids"] = list(partner_ids)
    milestone_filter = ""
    if milestone is not None:
        milestone_filter = f"AND (years %% {MILESTONE_EVERY} {'=' if milestone else '<>'} 0)"
    sql = range_sql(start, end, partner_filter=partner_filter, milestone_filter=milestone_filter)
    with connection.cursor() as cursor:
        cursor.execute(sql, params)
        return list(map(_as_anniversary, cursor.fetchall()))


def next_anniversary(partner_id: int, today: dt.date) -> Anniversary | None:
    """The partner's next anniversary from ``today`` (within the coming year and a day)."""
    found = anniversaries_between(
        today, today + dt.timedelta(days=366), partner_ids=[partner_id], include_ended=True
    )
    return found[0] if found else None


# --- The same rule as an SQL expression, for annotating many partners in one query -------


def _anniversary_in_year_sql(signed: str, year: str) -> str:
    """SQL for the anniversary of ``signed`` (a normalised date) in ``year`` (an int)."""
    return (
        f"make_date({year}, EXTRACT(MONTH FROM {signed})::int, "
        f"CASE WHEN EXTRACT(MONTH FROM {signed}) = 2 AND EXTRACT(DAY FROM {signed}) = 29 "
        f"AND NOT (MOD({year}, 4) = 0 AND (MOD({year}, 100) <> 0 OR MOD({year}, 400) = 0)) "
        f"THEN 28 ELSE EXTRACT(DAY FROM {signed})::int END)"
    )


class NextAnniversaryOn(Func):
    """The first anniversary of a ``signed_on`` date on or after ``today``, in SQL.

    Same rules as ``anniversary_in_year``: the first anniversary is in the year after
    signing, 29 February falls on 28 February in common years. ``today`` is inlined as
    a date literal (it is a ``datetime.date``, so nothing user-supplied reaches the SQL),
    which keeps the expression usable inside subqueries that Django re-aliases.
    """

    output_field = DateField()

    def __init__(self, signed_on, today: dt.date, **extra):
        if not isinstance(today, dt.date):
            raise TypeError("today must be a datetime.date")
        self.today = today
        super().__init__(signed_on, **extra)

    def as_sql(self, compiler, connection, **extra_context):
        signed, params = compiler.compile(self.source_expressions[0])
        if params:
            raise ValueError("NextAnniversaryOn expects a date column, not a parameter")
        today = f"DATE '{self.today.isoformat()}'"
        first = f"GREATEST(EXTRACT(YEAR FROM {today})::int, EXTRACT(YEAR FROM {signed})::int + 1)"
        this_year = _anniversary_in_year_sql(signed, first)
        next_year = _anniversary_in_year_sql(signed, f"({first} + 1)")
        # Past 9999 there is no date to give (Python's dates end there): no next anniversary.
        sql = (
            f"(CASE WHEN {first} > 9999 THEN NULL "
            f"WHEN {this_year} >= {today} THEN {this_year} "
            f"WHEN {first} >= 9999 THEN NULL ELSE {next_year} END)"
        )
        return sql, ()


def next_anniversary_subquery(today: dt.date, partner_ref: str = "pk") -> Subquery:
    """``{date, years, approximate}`` of a partner's next anniversary (or NULL), as JSON.

    For ``Partner.objects.annotate(next_anniversary=next_anniversary_subquery(today))``:
    one subquery per row inside the same SQL statement, no per-partner round trip.
    """
    from relations.models import Agreement

    upcoming = (
        Agreement.objects.filter(partner_id=OuterRef(partner_ref), commemorate=True)
        .annotate(next_on=NextAnniversaryOn(F("signed_on"), today))
        .filter(next_on__isnull=False)
        .order_by("next_on", "pk")
        .values(
            info=JSONObject(
                date=F("next_on"),
                years=ExtractYear("next_on") - ExtractYear("signed_on"),
                approximate=ExpressionWrapper(
                    ~Q(signed_precision="day"), output_field=BooleanField()
                ),
            )
        )[:1]
    )
    return Subquery(upcoming, output_field=JSONField())
