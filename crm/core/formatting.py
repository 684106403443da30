"""Dates as the office sees them: "today" in Taipei, and ROC (民國) years (SPEC §3.4)."""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

ROC_OFFSET = 1911


def local_today() -> dt.date:
    """Today's date in ``TIME_ZONE`` (Asia/Taipei), whatever the server's own zone."""
    return timezone.localdate()


def roc_year(year: int) -> int:
    return year - ROC_OFFSET


def format_roc(value: dt.date) -> str:
    """``民國113年7月19日`` for 2024-07-19."""
    return f"民國{roc_year(value.year)}年{value.month}月{value.day}日"


def format_roc_short(value: dt.date) -> str:
    """``113/07/19`` for dense tables."""
    return f"{roc_year(value.year)}/{value.month:02d}/{value.day:02d}"


def add_months(value: dt.date, months: int) -> dt.date:
    """``value`` moved by whole months, clamped to the month's last day (31 Jul + 3 → 31 Oct)."""
    import calendar

    index = value.month - 1 + months
    year, month = value.year + index // 12, index % 12 + 1
    return value.replace(
        year=year, month=month, day=min(value.day, calendar.monthrange(year, month)[1])
    )
