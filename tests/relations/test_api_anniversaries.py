"""GET /api/v1/anniversaries/: the computed anniversaries of SPEC §3.1 over a date range."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.api_support import results
from tests.factories import AgreementFactory, PartnerFactory

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db
URL = "/api/v1/anniversaries/"


def test_2024_on_the_demo_data_lists_tacomas_24th_and_san_diegos_41st(api, demo):
    rows = results(
        api("viewer").get(URL, {"from": "2024-01-01", "to": "2024-12-31", "page_size": 200})
    )
    by_name = {row["partner_name"]: row for row in rows}
    tacoma = next(row for name, row in by_name.items() if "Tacoma" in name)
    san_diego = next(row for name, row in by_name.items() if "San Diego" in name)
    assert (tacoma["years"], tacoma["date"], tacoma["approximate"]) == (24, "2024-07-19", False)
    assert (san_diego["years"], san_diego["date"], san_diego["approximate"]) == (
        41,
        "2024-11-19",
        False,
    )
    assert [row["date"] for row in rows] == sorted(row["date"] for row in rows)


def test_items_carry_partner_agreement_kind_date_years_milestone_and_precision(api):
    partner = PartnerFactory(name="Contra Costa County", name_local="康他哥斯大郡")
    agreement = AgreementFactory(
        partner=partner, signed_on=dt.date(1983, 3, 1), signed_precision="month"
    )
    rows = results(api("viewer").get(URL, {"from": "2024-01-01", "to": "2024-12-31"}))
    assert rows == [
        {
            "partner": partner.pk,
            "partner_name": "Contra Costa County",
            "partner_name_local": "康他哥斯大郡",
            "agreement": agreement.pk,
            "kind": "sister_city",
            "date": "2024-03-01",
            "years": 41,
            "is_milestone": False,
            "approximate": True,
        }
    ]


def test_the_default_range_is_today_to_a_year_ahead(api):
    AgreementFactory(signed_on=dt.date(2000, 7, 19))
    AgreementFactory(signed_on=dt.date(2000, 6, 30))
    with time_machine.travel(dt.datetime(2024, 7, 1, 2, 0, tzinfo=dt.UTC), tick=False):
        rows = results(api("viewer").get(URL))
    assert [(r["date"], r["years"]) for r in rows] == [("2024-07-19", 24), ("2025-06-30", 25)]


def test_filters_partner_and_milestone(api):
    tacoma = PartnerFactory()
    AgreementFactory(partner=tacoma, signed_on=dt.date(2000, 7, 19))  # 24th
    AgreementFactory(signed_on=dt.date(1999, 5, 1))  # 25th: a milestone
    client = api("viewer")
    query = {"from": "2024-01-01", "to": "2024-12-31"}
    assert [r["partner"] for r in results(client.get(URL, {**query, "partner": tacoma.pk}))] == [
        tacoma.pk
    ]
    milestones = results(client.get(URL, {**query, "milestone": "true"}))
    assert [(r["years"], r["is_milestone"]) for r in milestones] == [(25, True)]
    assert [r["years"] for r in results(client.get(URL, {**query, "milestone": "false"}))] == [24]


def test_ended_partnerships_have_no_anniversaries(api):
    AgreementFactory(partner=PartnerFactory(status="ended"), signed_on=dt.date(2000, 7, 19))
    assert results(api("viewer").get(URL, {"from": "2024-01-01", "to": "2024-12-31"})) == []


def test_a_range_across_years_lists_each_years_anniversary(api):
    AgreementFactory(signed_on=dt.date(2000, 2, 29))
    rows = results(api("viewer").get(URL, {"from": "2023-01-01", "to": "2024-12-31"}))
    assert [(r["date"], r["years"]) for r in rows] == [("2023-02-28", 23), ("2024-02-29", 24)]


def test_a_ten_year_range_is_allowed_and_a_longer_one_is_a_400(api):
    client = api("viewer")
    assert client.get(URL, {"from": "2024-01-01", "to": "2034-01-01"}).status_code == 200
    response = client.get(URL, {"from": "2024-01-01", "to": "2034-01-02"})
    assert response.status_code == 400
    assert set(response.json()) == {"to"}


@pytest.mark.parametrize(
    ("query", "field"),
    [
        ({"from": "2024-12-31", "to": "2024-01-01"}, "to"),
        ({"from": "2024-02-30"}, "from"),
        ({"to": "next year"}, "to"),
        ({"partner": "abc"}, "partner"),
        ({"milestone": "perhaps"}, "milestone"),
    ],
)
def test_bad_queries_are_a_400_naming_the_parameter(api, query, field):
    response = api("viewer").get(URL, query)
    assert response.status_code == 400
    assert set(response.json()) == {field}
