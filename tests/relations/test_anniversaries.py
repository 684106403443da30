"""Anniversary rules of SPEC §3.1."""

from __future__ import annotations

import datetime as dt

import pytest

from relations.anniversaries import (
    anniversaries_between,
    anniversary_in_year,
    is_milestone,
    next_anniversary,
)
from relations.models import Partner
from relations.services import create_agreement
from tests.factories import AgreementFactory, PartnerFactory

D = dt.date


def test_the_nth_anniversary_is_the_year_minus_the_signing_year():
    assert anniversary_in_year(D(2000, 7, 19), "day", 2024) == (D(2024, 7, 19), 24)
    assert anniversary_in_year(D(1983, 11, 19), "day", 2024) == (D(2024, 11, 19), 41)


def test_there_is_no_anniversary_in_the_signing_year_or_before():
    assert anniversary_in_year(D(2000, 7, 19), "day", 2000) is None
    assert anniversary_in_year(D(2000, 7, 19), "day", 1999) is None


def test_a_29_february_agreement_falls_on_28_february_in_common_years():
    assert anniversary_in_year(D(2000, 2, 29), "day", 2025) == (D(2025, 2, 28), 25)
    assert anniversary_in_year(D(2000, 2, 29), "day", 2028) == (D(2028, 2, 29), 28)
    assert anniversary_in_year(D(2000, 2, 29), "day", 2100) == (D(2100, 2, 28), 100)


def test_month_and_year_precision_fall_on_the_first():
    assert anniversary_in_year(D(1983, 3, 17), "month", 2024) == (D(2024, 3, 1), 41)
    assert anniversary_in_year(D(2016, 6, 5), "year", 2024) == (D(2024, 1, 1), 8)


@pytest.mark.parametrize(("years", "expected"), [(5, True), (45, True), (24, False), (0, False)])
def test_a_milestone_is_a_multiple_of_five(years, expected):
    assert is_milestone(years) is expected


@pytest.mark.django_db
def test_a_range_finds_a_29_february_anniversary_on_the_28th_and_marks_the_milestone():
    agreement = AgreementFactory(signed_on=D(2000, 2, 29))
    found = anniversaries_between(D(2025, 1, 1), D(2025, 12, 31))
    assert [(a.agreement_id, a.date, a.years, a.is_milestone) for a in found] == [
        (agreement.pk, D(2025, 2, 28), 25, True)
    ]
    leap = anniversaries_between(D(2028, 1, 1), D(2028, 12, 31))
    assert [(a.date, a.years, a.is_milestone) for a in leap] == [(D(2028, 2, 29), 28, False)]


@pytest.mark.django_db
def test_a_range_across_the_year_end_finds_an_anniversary_on_5_january():
    AgreementFactory(signed_on=D(1990, 1, 5))
    AgreementFactory(signed_on=D(1990, 12, 10))  # before the range
    found = anniversaries_between(D(2025, 12, 15), D(2026, 1, 15))
    assert [(a.date, a.years) for a in found] == [(D(2026, 1, 5), 36)]


@pytest.mark.django_db
def test_a_multi_year_range_lists_one_anniversary_a_year_sorted_by_date():
    AgreementFactory(signed_on=D(2000, 7, 19))
    AgreementFactory(signed_on=D(1983, 11, 19))
    found = anniversaries_between(D(2024, 1, 1), D(2025, 12, 31))
    assert [(a.date, a.years) for a in found] == [
        (D(2024, 7, 19), 24),
        (D(2024, 11, 19), 41),
        (D(2025, 7, 19), 25),
        (D(2025, 11, 19), 42),
    ]


@pytest.mark.django_db
def test_imprecise_dates_are_flagged_approximate():
    partner = PartnerFactory()
    create_agreement(
        user=None,
        fields={"partner": partner, "kind": "sister_city", "signed_on": D(1983, 3, 9),
                "signed_precision": "month"},
    )  # fmt: skip
    (found,) = anniversaries_between(D(2024, 1, 1), D(2024, 12, 31))
    assert (found.date, found.years, found.approximate) == (D(2024, 3, 1), 41, True)


@pytest.mark.django_db
def test_only_commemorated_agreements_of_partners_still_related_count():
    AgreementFactory(signed_on=D(2000, 7, 19), commemorate=False)
    ended = PartnerFactory(status=Partner.Status.ENDED)
    AgreementFactory(partner=ended, signed_on=D(2001, 7, 19))
    assert anniversaries_between(D(2024, 1, 1), D(2024, 12, 31)) == []
    assert len(anniversaries_between(D(2024, 1, 1), D(2024, 12, 31), include_ended=True)) == 1


@pytest.mark.django_db
def test_milestone_filter_keeps_only_multiples_of_five():
    AgreementFactory(signed_on=D(2000, 7, 19))  # 25th in 2025
    AgreementFactory(signed_on=D(2001, 7, 19))  # 24th in 2025
    only = anniversaries_between(D(2025, 1, 1), D(2025, 12, 31), milestone=True)
    assert [a.years for a in only] == [25]
    others = anniversaries_between(D(2025, 1, 1), D(2025, 12, 31), milestone=False)
    assert [a.years for a in others] == [24]


@pytest.mark.django_db
def test_the_range_selector_runs_one_query_whatever_the_number_of_partners(
    django_assert_num_queries,
):
    AgreementFactory.create_batch(3)
    with django_assert_num_queries(1):
        few = anniversaries_between(D(2024, 1, 1), D(2030, 12, 31))
    AgreementFactory.create_batch(60)
    with django_assert_num_queries(1):
        many = anniversaries_between(D(2024, 1, 1), D(2030, 12, 31))
    assert (len(few), len(many)) == (3 * 7, 63 * 7)


@pytest.mark.django_db
def test_python_and_sql_agree_on_every_day_of_a_leap_and_a_common_year():
    signed = [D(2000, 1, 1) + dt.timedelta(days=n) for n in range(366)]
    AgreementFactory.reset_sequence()
    for day in signed:
        AgreementFactory(signed_on=day)
    for year in (2027, 2028):
        found = anniversaries_between(D(year, 1, 1), D(year, 12, 31))
        expected = sorted(anniversary_in_year(day, "day", year) for day in signed)
        assert sorted((a.date, a.years) for a in found) == expected


@pytest.mark.django_db
def test_next_anniversary_is_the_first_on_or_after_today():
    agreement = AgreementFactory(signed_on=D(2000, 7, 19))
    nxt = next_anniversary(agreement.partner_id, D(2024, 7, 20))
    assert (nxt.date, nxt.years) == (D(2025, 7, 19), 25)
    same_day = next_anniversary(agreement.partner_id, D(2024, 7, 19))
    assert same_day.date == D(2024, 7, 19)


@pytest.mark.django_db
def test_every_range_finds_what_the_rule_gives_year_by_year():
    # The query picks each agreement's years from the month-days a range covers; the rule
    # for one agreement and one year is anniversary_in_year. Ranges start and end around
    # 28/29 February and the year's end, in common and leap years, short and long.
    signed = [
        (D(2000, 2, 29), "day"),
        (D(2001, 2, 28), "day"),
        (D(2001, 3, 1), "day"),
        (D(2001, 1, 1), "day"),
        (D(2001, 12, 31), "day"),
        (D(1999, 6, 1), "month"),
        (D(1998, 1, 1), "year"),
        (D(2027, 1, 1), "day"),  # its first anniversary is in 2028
    ]
    agreements = [
        AgreementFactory(signed_on=day, signed_precision=precision) for day, precision in signed
    ]
    starts = [D(2027, 2, 28), D(2028, 2, 28), D(2028, 2, 29), D(2027, 12, 31), D(2027, 3, 1)]
    for start in starts:
        for days in (0, 1, 2, 58, 364, 365, 366, 730):
            end = start + dt.timedelta(days=days)
            expected = sorted(
                (found[0], a.partner.name, a.pk, found[1])
                for a in agreements
                for year in range(start.year, end.year + 1)
                if (found := anniversary_in_year(a.signed_on, a.signed_precision, year))
                and start <= found[0] <= end
            )
            got = [
                (a.date, a.partner_name, a.agreement_id, a.years)
                for a in anniversaries_between(start, end)
            ]
            assert got == expected, (start, end)
    every = anniversaries_between(D(2026, 1, 1), D(2030, 12, 31))
    assert [a for a in every if a.is_milestone]  # the range holds some of each
    assert anniversaries_between(D(2026, 1, 1), D(2030, 12, 31), milestone=True) == [
        a for a in every if a.years % 5 == 0
    ]
    assert anniversaries_between(D(2026, 1, 1), D(2030, 12, 31), milestone=False) == [
        a for a in every if a.years % 5 != 0
    ]
