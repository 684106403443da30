"""crm.core.formatting: the one way dates, names, numbers and fixed words are written."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from crm.core.formatting import (
    DateFormat,
    bilingual_name,
    choice_label,
    format_anniversary,
    format_date,
    format_date_range,
    format_day_with_weekday,
    format_list,
    format_number,
    name_pair,
    ordinal,
    pick_name,
)
from visits.models import Commitment, Visit

D = dt.date
ZH, EN = "zh-hant", "en"
JULY_19 = D(2024, 7, 19)


# --- format_date -------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("language", "roc", "style", "precision", "expected"),
    [
        # words (emails)
        (ZH, True, "text", "day", "民國113年7月19日"),
        (ZH, True, "text", "month", "民國113年7月"),
        (ZH, True, "text", "year", "民國113年"),
        (ZH, False, "text", "day", "2024年7月19日"),
        (ZH, False, "text", "month", "2024年7月"),
        (ZH, False, "text", "year", "2024年"),
        (EN, False, "text", "day", "19 July 2024"),
        (EN, False, "text", "month", "July 2024"),
        (EN, False, "text", "year", "2024"),
        # ROC applies only in Chinese
        (EN, True, "text", "day", "19 July 2024"),
        (EN, True, "iso", "day", "2024-07-19"),
        # ISO for Gregorian dates, words for ROC ones (pages, calendar feed, trip report)
        (ZH, True, "iso", "day", "民國113年7月19日"),
        (ZH, True, "iso", "month", "民國113年7月"),
        (ZH, True, "iso", "year", "民國113年"),
        (ZH, False, "iso", "day", "2024-07-19"),
        (ZH, False, "iso", "month", "2024-07"),
        (EN, False, "iso", "year", "2024"),
        # dense tables
        (ZH, True, "short", "day", "113/07/19"),
        (ZH, True, "short", "month", "113/07"),
        (ZH, True, "short", "year", "113"),
        (ZH, False, "short", "day", "2024-07-19"),
        (EN, True, "short", "day", "2024-07-19"),
        # the cover of an official document
        (ZH, True, "document", "day", "113 年 7 月 19 日"),
        (ZH, True, "document", "month", "113 年 7 月"),
        (ZH, False, "document", "day", "2024 年 7 月 19 日"),
        (EN, True, "document", "day", "19 July 2024"),
    ],
)
def test_format_date(language, roc, style, precision, expected):
    assert (
        format_date(JULY_19, language=language, roc=roc, style=style, precision=precision)
        == expected
    )


def test_format_date_accepts_language_spellings_datetimes_and_none():
    assert format_date(JULY_19, language="zh-Hant", roc=True) == "民國113年7月19日"
    assert format_date(JULY_19, language="en-us") == "19 July 2024"
    assert format_date(dt.datetime(2024, 7, 19, 23, 30), language=EN, style="iso") == ("2024-07-19")
    assert format_date(None, language=ZH, roc=True) == ""
    assert format_date(D(2013, 1, 5), language=ZH, roc=True) == "民國102年1月5日"
    assert format_date(D(2013, 1, 5), language=ZH, roc=True, style="short") == "102/01/05"


def test_format_date_rejects_an_unknown_precision_or_style():
    with pytest.raises(ValueError, match="precision"):
        format_date(JULY_19, language=EN, precision="week")
    with pytest.raises(ValueError, match="style"):
        format_date(JULY_19, language=EN, style="long")


# --- format_date_range ---------------------------------------------------------------------

WITHIN_A_MONTH = (D(2024, 7, 22), D(2024, 7, 31))
ACROSS_MONTHS = (D(2024, 7, 30), D(2024, 8, 2))
ACROSS_YEARS = (D(2024, 12, 30), D(2025, 1, 3))


@pytest.mark.parametrize(
    ("dates", "language", "roc", "style", "expected"),
    [
        (WITHIN_A_MONTH, ZH, True, "iso", "民國113年7月22日至民國113年7月31日"),
        (WITHIN_A_MONTH, ZH, False, "iso", "2024-07-22至2024-07-31"),
        (WITHIN_A_MONTH, EN, False, "iso", "2024-07-22 to 2024-07-31"),
        (WITHIN_A_MONTH, ZH, True, "text", "民國113年7月22日至民國113年7月31日"),
        (WITHIN_A_MONTH, ZH, False, "text", "2024年7月22日至2024年7月31日"),
        (WITHIN_A_MONTH, EN, False, "text", "22 July 2024 to 31 July 2024"),
        (ACROSS_MONTHS, ZH, True, "text", "民國113年7月30日至民國113年8月2日"),
        (ACROSS_MONTHS, EN, False, "text", "30 July 2024 to 2 August 2024"),
        (ACROSS_MONTHS, ZH, True, "short", "113/07/30至113/08/02"),
        (ACROSS_YEARS, ZH, True, "text", "民國113年12月30日至民國114年1月3日"),
        (ACROSS_YEARS, EN, False, "text", "30 December 2024 to 3 January 2025"),
        (ACROSS_YEARS, EN, False, "iso", "2024-12-30 to 2025-01-03"),
        # an official document's cover leaves out what the end shares with the start
        (WITHIN_A_MONTH, ZH, True, "document", "113 年 7 月 22 日至 31 日"),
        (ACROSS_MONTHS, ZH, True, "document", "113 年 7 月 30 日至 8 月 2 日"),
        (ACROSS_YEARS, ZH, True, "document", "113 年 12 月 30 日至 114 年 1 月 3 日"),
        (WITHIN_A_MONTH, EN, False, "document", "22 July 2024 to 31 July 2024"),
    ],
)
def test_format_date_range(dates, language, roc, style, expected):
    start, end = dates
    assert format_date_range(start, end, language=language, roc=roc, style=style) == expected


def test_a_range_of_one_day_or_without_an_end_is_one_date():
    assert format_date_range(JULY_19, JULY_19, language=ZH, roc=True) == "民國113年7月19日"
    assert format_date_range(JULY_19, None, language=EN) == "19 July 2024"
    # Equal at the precision shown: one month.
    assert (
        format_date_range(D(2024, 7, 1), D(2024, 7, 31), language=EN, precision="month")
        == "July 2024"
    )


def test_a_date_format_binds_a_readers_language_and_preference():
    fmt = DateFormat(ZH, roc=True)
    assert fmt(JULY_19) == "民國113年7月19日"
    assert fmt(JULY_19, precision="month") == "民國113年7月"
    assert fmt.range(*WITHIN_A_MONTH) == "民國113年7月22日至民國113年7月31日"
    english = DateFormat(EN, roc=True, style="iso")
    assert english(JULY_19) == "2024-07-19"
    assert english.range(*ACROSS_YEARS) == "2024-12-30 to 2025-01-03"


def test_format_day_with_weekday():
    assert format_day_with_weekday(D(2024, 7, 22), language=ZH) == "7月22日(星期一)"
    assert format_day_with_weekday(D(2024, 7, 28), language=ZH) == "7月28日(星期日)"
    assert format_day_with_weekday(D(2024, 7, 22), language=EN) == "2024-07-22 (Mon)"


# --- names ---------------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("local", "english", "language", "expected"),
    [
        ("塔可瑪市", "Tacoma", ZH, "塔可瑪市 · Tacoma"),
        ("塔可瑪市", "Tacoma", EN, "Tacoma · 塔可瑪市"),
        ("", "Tacoma", ZH, "Tacoma"),
        ("塔可瑪市", "", EN, "塔可瑪市"),
        (None, "Tacoma", EN, "Tacoma"),
        ("", "", ZH, ""),
        ("Osaka", "Osaka", ZH, "Osaka"),
        (" 塔可瑪市 ", "Tacoma ", ZH, "塔可瑪市 · Tacoma"),
    ],
)
def test_bilingual_name(local, english, language, expected):
    assert bilingual_name(local, english, language=language) == expected


def test_bilingual_name_in_the_form_of_official_documents():
    assert bilingual_name("海因斯", "John Hines", language=ZH, parentheses=True) == (
        "海因斯（John Hines）"
    )
    assert bilingual_name("塔可瑪市", "Tacoma", language=EN, parentheses=True) == (
        "Tacoma (塔可瑪市)"
    )
    assert bilingual_name("", "John Hines", language=ZH, parentheses=True) == "John Hines"


def test_name_pair_and_pick_name():
    assert name_pair("塔可瑪市", "Tacoma", language=ZH) == ("塔可瑪市", "Tacoma")
    assert name_pair("塔可瑪市", "Tacoma", language=EN) == ("Tacoma", "塔可瑪市")
    assert name_pair("", "Tacoma", language=ZH) == ("Tacoma", "")
    assert pick_name("副市長", "Deputy Mayor", language=ZH) == "副市長"
    assert pick_name("副市長", "Deputy Mayor", language="en-us") == "Deputy Mayor"
    assert pick_name("副市長", "", language=EN) == "副市長"
    assert pick_name("", "", language=EN) == ""


# --- numbers and lists -----------------------------------------------------------------------


@pytest.mark.parametrize("language", [ZH, EN])
def test_format_number_groups_thousands_with_commas(language):
    assert format_number(0, language=language) == "0"
    assert format_number(999, language=language) == "999"
    assert format_number(6400, language=language) == "6,400"
    assert format_number(1234567, language=language) == "1,234,567"
    assert format_number(-12000, language=language) == "-12,000"
    assert format_number(Decimal("6400.00"), language=language) == "6,400"
    assert format_number(Decimal("2999.99"), language=language) == "3,000"
    assert format_number(1234.5, language=language, decimals=2) == "1,234.50"
    assert format_number(None, language=language) == ""


ORDINALS = {1: "1st", 2: "2nd", 3: "3rd", 4: "4th", 11: "11th", 12: "12th", 13: "13th"}
ORDINALS |= {21: "21st", 22: "22nd", 25: "25th", 101: "101st", 111: "111th", 112: "112th"}


@pytest.mark.parametrize(("number", "text"), ORDINALS.items())
def test_ordinal(number, text):
    assert ordinal(number) == text


def test_format_anniversary():
    assert format_anniversary(25, language=EN) == "25th"
    assert format_anniversary(25, language=ZH) == "25 週年"


def test_format_list():
    assert format_list(["日本", "美國"], language=ZH) == "日本、美國"
    assert format_list(["Japan", "United States"], language=EN) == "Japan, United States"
    assert format_list([], language=ZH) == ""


# --- fixed words from the catalog ----------------------------------------------------------------


@pytest.mark.parametrize(
    ("choices", "value", "language", "expected"),
    [
        (Commitment.Status, "dropped", ZH, "已撤銷"),
        (Commitment.Status, "dropped", EN, "dropped"),
        (Commitment.Status, "open", ZH, "待辦"),
        (Commitment.Status, "in_progress", EN, "in progress"),
        (Visit.Category, "inspection", ZH, "考察"),
        (Visit.Category, "unknown-value", ZH, "unknown-value"),
    ],
)
def test_choice_label_is_the_catalogs_word(choices, value, language, expected):
    assert choice_label(choices, value, language=language) == expected
