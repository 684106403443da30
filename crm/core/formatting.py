"""How the office reads dates, names, numbers and fixed words (SPEC §3.4), in one place.

Every human-facing output — the pages, the emails, the calendar feed, the trip report —
formats through these functions, so a date or a name reads the same everywhere:

* :func:`format_date` / :func:`format_date_range` — Gregorian or ROC (民國) dates in a
  ``style`` (``text`` for prose, ``iso`` for pages and documents, ``short`` for dense
  tables) and a ``precision`` (``day``, ``month``, ``year``); :class:`DateFormat` binds
  them to one reader. :func:`format_day_with_weekday` labels the days of an itinerary.
* :func:`name_pair`, :func:`pick_name`, :func:`bilingual_name` — names (and titles) kept
  in both scripts, the reader's first.
* :func:`format_number`, :func:`ordinal`, :func:`format_anniversary`,
  :func:`format_list` — digits grouped by thousands, "25th" / "25 週年", "日本、美國".
* :func:`format_place` — ``美國 · California``: a country's name in the reader's language
  (``crm.core.countries``), the region after it.
* :func:`choice_label` — the word for a model choice (a status, a kind) from the
  gettext catalog, in a given language: never a hand-kept dictionary.

``language`` is a Django language code (``zh-hant``, ``en``, ``en-us`` …); anything
starting with ``zh`` is Chinese. ROC years apply only in Chinese: ``roc=True`` is
ignored for English readers, so callers pass the user's preference as it is.
"""

from __future__ import annotations

import calendar
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from decimal import Decimal

from django.db.models import Choices
from django.utils import timezone, translation
from django.utils.dates import MONTHS, WEEKDAYS_ABBR
from django.utils.translation import pgettext

from crm.core.countries import country_name

ROC_OFFSET = 1911

DAY, MONTH, YEAR = "day", "month", "year"
PRECISIONS = (DAY, MONTH, YEAR)
#: ``text``: words (emails, prose) — 民國113年7月19日 · 2024年7月19日 · 19 July 2024.
#: ``iso``: Gregorian dates as ISO 8601, ROC dates in words (pages, the calendar feed,
#: the trip report) — 民國113年7月19日 · 2024-07-19.
#: ``short``: numbers only (dense tables) — 113/07/19 · 2024-07-19.
#: ``document``: the cover of an official document, as Taiwan's government prints it —
#: 113 年 7 月 19 日 (ROC year without 民國, digits spaced from the characters) ·
#: 2024 年 7 月 19 日 · 19 July 2024; a Chinese range leaves out what its end shares with
#: its start: 113 年 7 月 22 日至 31 日.
TEXT, ISO, SHORT, DOCUMENT = "text", "iso", "short", "document"
STYLES = (TEXT, ISO, SHORT, DOCUMENT)


# --- today and the ROC calendar ---------------------------------------------------------


def local_today() -> dt.date:
    """Today's date in ``TIME_ZONE`` (Asia/Taipei), whatever the server's own zone."""
    return timezone.localdate()


def roc_year(year: int) -> int:
    """The ROC (民國) year of a Gregorian year: 2024 → 113."""
    return year - ROC_OFFSET


def add_months(value: dt.date, months: int) -> dt.date:
    """``value`` moved by whole months, clamped to the month's last day (31 Jul + 3 → 31 Oct)."""
    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return value.replace(
        year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1])
    )


def is_chinese(language: str | None) -> bool:
    """True for ``zh-hant`` and its spellings (``zh-Hant``, ``zh-TW`` …)."""
    return (language or "").lower().startswith("zh")


# --- dates ------------------------------------------------------------------------------


def _check(precision: str, style: str) -> None:
    if precision not in PRECISIONS:
        raise ValueError(f"precision must be one of {PRECISIONS}, not {precision!r}")
    if style not in STYLES:
        raise ValueError(f"style must be one of {STYLES}, not {style!r}")


def _english_month(month: int) -> str:
    with translation.override("en"):
        return str(MONTHS[month])


def format_date(
    value: dt.date | None,
    *,
    language: str,
    roc: bool = False,
    precision: str = DAY,
    style: str = TEXT,
) -> str:
    """A date as the reader expects it; ``""`` for ``None`` (a datetime counts by its date).

    ===============  =================  ===============  ============  =============
    2024-07-19       Chinese, ROC       Chinese          English       ``precision``
    ===============  =================  ===============  ============  =============
    ``text``         民國113年7月19日   2024年7月19日    19 July 2024  ``day``
    ``text``         民國113年7月       2024年7月        July 2024     ``month``
    ``text``         民國113年          2024年           2024          ``year``
    ``iso``          民國113年7月19日   2024-07-19       2024-07-19    ``day``
    ``iso``          民國113年7月       2024-07          2024-07       ``month``
    ``short``        113/07/19          2024-07-19       2024-07-19    ``day``
    ``short``        113/07             2024-07          2024-07       ``month``
    ``document``     113 年 7 月 19 日  2024 年 7 月 19 日  19 July 2024  ``day``
    ===============  =================  ===============  ============  =============

    ``precision`` drops what is not on record, so an agreement known only by its month
    reads ``July 2000`` rather than a made-up day.
    """
    _check(precision, style)
    if value is None:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    chinese = is_chinese(language)
    if style == DOCUMENT:
        if not chinese:
            return format_date(value, language=language, precision=precision)
        return " ".join(_document_parts(value, roc=roc, precision=precision))
    if chinese and roc:
        year = roc_year(value.year)
        if style == SHORT:
            parts = [f"{year}", f"{value.month:02d}", f"{value.day:02d}"]
            return "/".join(parts[: {YEAR: 1, MONTH: 2, DAY: 3}[precision]])
        text = f"民國{year}年"
        if precision != YEAR:
            text += f"{value.month}月"
        if precision == DAY:
            text += f"{value.day}日"
        return text
    if style in (ISO, SHORT):
        return value.isoformat()[: {DAY: 10, MONTH: 7, YEAR: 4}[precision]]
    if chinese:
        text = f"{value.year}年"
        if precision != YEAR:
            text += f"{value.month}月"
        if precision == DAY:
            text += f"{value.day}日"
        return text
    if precision == YEAR:
        return str(value.year)
    if precision == MONTH:
        return f"{_english_month(value.month)} {value.year}"
    return f"{value.day} {_english_month(value.month)} {value.year}"


def _document_parts(value: dt.date, *, roc: bool, precision: str) -> list[str]:
    """``["113 年", "7 月", "19 日"]``: the units of a Chinese document date."""
    year = roc_year(value.year) if roc else value.year
    parts = [f"{year} 年", f"{value.month} 月", f"{value.day} 日"]
    return parts[: {YEAR: 1, MONTH: 2, DAY: 3}[precision]]


def format_date_range(
    start: dt.date,
    end: dt.date | None,
    *,
    language: str,
    roc: bool = False,
    precision: str = DAY,
    style: str = TEXT,
) -> str:
    """``民國113年7月22日至民國113年7月31日`` / ``22 July 2024 to 31 July 2024``.

    Both ends are written in full, so each reads on its own whichever months or years
    they fall in — except in the ``document`` style in Chinese, which leaves out the year
    and month the end shares with the start, as an official document's cover does
    (出國期間：113 年 7 月 22 日至 31 日). One date when the range is a single day (or has
    no end).
    """
    if style == DOCUMENT and is_chinese(language) and end is not None and end != start:
        first_parts = _document_parts(start, roc=roc, precision=precision)
        last_parts = _document_parts(end, roc=roc, precision=precision)
        shared = 0
        while shared < len(last_parts) - 1 and first_parts[shared] == last_parts[shared]:
            shared += 1
        with translation.override(language):
            pattern = pgettext("date range, document", "%(start)s to %(end)s")
        return pattern % {"start": " ".join(first_parts), "end": " ".join(last_parts[shared:])}
    first = format_date(start, language=language, roc=roc, precision=precision, style=style)
    last = format_date(end, language=language, roc=roc, precision=precision, style=style)
    if not last or last == first:
        return first
    with translation.override(language):
        return pgettext("date range", "%(start)s to %(end)s") % {"start": first, "end": last}


def format_day_with_weekday(value: dt.date, *, language: str) -> str:
    """A day of an itinerary: ``7月22日(星期一)`` (the year is in the heading) or
    ``2024-07-22 (Mon)``; the weekday is Django's, from its catalog."""
    with translation.override(language):
        weekday = str(WEEKDAYS_ABBR[value.weekday()])
    if is_chinese(language):
        return f"{value.month}月{value.day}日({weekday})"
    return f"{value.isoformat()} ({weekday})"


@dataclass(frozen=True)
class DateFormat:
    """:func:`format_date` and :func:`format_date_range` bound to one reader.

    ``fmt(value)`` / ``fmt(value, precision="month")`` formats a date, ``fmt.range(a, b)``
    a period; the notifications hand one to every context builder.
    """

    language: str
    roc: bool = False
    style: str = TEXT

    def __call__(self, value: dt.date | None, precision: str = DAY) -> str:
        return format_date(
            value, language=self.language, roc=self.roc, precision=precision, style=self.style
        )

    def range(self, start: dt.date, end: dt.date | None, precision: str = DAY) -> str:
        return format_date_range(
            start,
            end,
            language=self.language,
            roc=self.roc,
            precision=precision,
            style=self.style,
        )


# --- names kept in both scripts -----------------------------------------------------------


def name_pair(local: str | None, english: str | None, *, language: str) -> tuple[str, str]:
    """(primary, secondary) of a name kept in both scripts, the reader's script first.

    A missing name leaves the other alone as primary; the secondary is ``""`` when it is
    missing or the same as the primary. Works for titles and other bilingual text too.
    """
    local, english = (local or "").strip(), (english or "").strip()
    first, second = (local, english) if is_chinese(language) else (english, local)
    if not first:
        first, second = second, ""
    return first, ("" if second == first else second)


def pick_name(local: str | None, english: str | None, *, language: str) -> str:
    """The name (or title) in the reader's script, else the other: ``塔可瑪市`` / ``Tacoma``."""
    return name_pair(local, english, language=language)[0]


def bilingual_name(
    local: str | None, english: str | None, *, language: str, parentheses: bool = False
) -> str:
    """Both scripts, the reader's first: ``塔可瑪市 · Tacoma`` / ``Tacoma · 塔可瑪市``.

    ``parentheses=True`` gives the form of prose and official documents, in the reader's
    punctuation: ``塔可瑪市（Tacoma）`` (full-width, as Chinese text writes it) /
    ``Tacoma (塔可瑪市)``. One name when only one is known (or both are the same); ``""``
    when neither is.
    """
    first, second = name_pair(local, english, language=language)
    if not second:
        return first
    if not parentheses:
        return f"{first} · {second}"
    return f"{first}（{second}）" if is_chinese(language) else f"{first} ({second})"


# --- numbers and lists ------------------------------------------------------------------------


def format_number(value: int | float | Decimal | None, *, language: str, decimals: int = 0) -> str:
    """Digits grouped by thousands: ``1,234,567`` (``decimals`` places, rounded); ``""`` for None.

    Both office languages group by three with commas, as Taiwan's government does
    (NT$6,400) — not Django's zh-Hant locale format, which groups by four without a
    separator. ``language`` is taken for the day a language groups otherwise.
    """
    if value is None:
        return ""
    return f"{value:,.{decimals}f}"


def ordinal(number: int) -> str:
    """An English ordinal: ``1st``, ``2nd``, ``3rd``, ``11th``, ``22nd``, ``25th``."""
    if 10 <= number % 100 <= 20:
        suffix = "th"
    else:
        suffix = {1: "st", 2: "nd", 3: "rd"}.get(number % 10, "th")
    return f"{number}{suffix}"


def format_anniversary(years: int, *, language: str) -> str:
    """The N of an anniversary: ``25th`` / ``25 週年``."""
    if not is_chinese(language):
        return ordinal(years)
    with translation.override(language):
        return pgettext("anniversary", "%(n)d years") % {"n": years}


def format_list(items: Iterable[str], *, language: str) -> str:
    """Items joined as the language lists them: ``日本、美國`` / ``Japan, United States``."""
    with translation.override(language):
        separator = pgettext("list separator", ", ")
    return separator.join(item for item in items if item)


# --- places ----------------------------------------------------------------------------------


def format_place(country: str | None, region: str | None = "", *, language: str) -> str:
    """A country by its name in the reader's language, the region (as recorded) after it:
    ``美國 · California`` / ``United States · California``; ``""`` when neither is known."""
    name = country_name(country, language=language) if country else ""
    region = (region or "").strip()
    if name and region:
        with translation.override(language):
            return pgettext("place: country, region", "%(country)s · %(region)s") % {
                "country": name,
                "region": region,
            }
    return name or region


# --- fixed words --------------------------------------------------------------------------------


def choice_label(choices: type[Choices], value: str, *, language: str) -> str:
    """The catalog's word for a model choice: ``choice_label(Commitment.Status, "dropped",
    language="zh-hant")`` → ``已撤銷``. An unknown value is shown as it is."""
    try:
        label = choices(value).label
    except ValueError:
        return str(value)
    with translation.override(language):
        return str(label)


__all__ = [
    "DAY",
    "DOCUMENT",
    "ISO",
    "MONTH",
    "PRECISIONS",
    "ROC_OFFSET",
    "SHORT",
    "STYLES",
    "TEXT",
    "YEAR",
    "DateFormat",
    "add_months",
    "bilingual_name",
    "choice_label",
    "format_anniversary",
    "format_date",
    "format_date_range",
    "format_day_with_weekday",
    "format_list",
    "format_number",
    "format_place",
    "is_chinese",
    "local_today",
    "name_pair",
    "ordinal",
    "pick_name",
    "roc_year",
]


def pick_text(obj, field: str, *, language: str) -> str:
    """A narrative field in the reader's language (SPEC §2.3): ``<field>_local`` holds the
    office's language, ``<field>`` English. Chinese readers get the office's text; English
    readers the English one when filled, else the office's (never nothing when one exists)."""
    return pick_name(getattr(obj, f"{field}_local", ""), getattr(obj, field, ""), language=language)
