"""The gift register for the ethics office (受贈財物登錄): page, XLSX, numbers on the demo."""

from __future__ import annotations

import datetime as dt
import io
from decimal import Decimal

import openpyxl
import pytest

from crm.core.models import User
from tests.factories import GiftFactory, PartnerFactory, UserFactory
from visits import services
from visits.gift_register import NO_VALUE, NOT_REQUIRED, REGISTERED, TO_REGISTER, gift_register
from visits.models import Gift

pytestmark = pytest.mark.django_db


def xlsx_rows(response) -> list[list]:
    assert response.status_code == 200, response.content[:300]
    data = b"".join(response.streaming_content)
    return [
        list(r) for r in openpyxl.load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True)
    ]


@pytest.fixture
def valued(settings):
    """Four gifts received in 2024 with the four statuses, one given, one of 2023."""
    settings.GIFT_EXCHANGE_RATES_TWD = {"TWD": 1, "USD": 32}
    settings.GIFT_REGISTRATION_THRESHOLD_TWD = 3000
    author = UserFactory(role="officer")
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市")

    def gift(description, date, **fields):
        return services.record_gift(
            user=author,
            fields={
                "direction": Gift.Direction.RECEIVED,
                "description_local": description,
                "date": date,
                "partner": partner,
                **fields,
            },
        )

    return {
        "pen": gift("鋼筆", dt.date(2024, 3, 1), estimated_value=Decimal(100), currency="USD"),
        "tea": gift("茶葉", dt.date(2024, 2, 1), estimated_value=Decimal(500)),
        "vase": gift(
            "花瓶",
            dt.date(2024, 4, 1),
            estimated_value=Decimal(8000),
            registered_on=dt.date(2024, 4, 3),
        ),
        "scroll": gift("卷軸", dt.date(2024, 5, 1)),
        "given": gift("紀念品", dt.date(2024, 5, 2), direction=Gift.Direction.GIVEN),
        "old": gift("舊禮品", dt.date(2023, 12, 31), estimated_value=Decimal(9000)),
    }


def test_the_register_lists_the_years_gifts_received_with_their_status(valued):
    register = gift_register(2024)

    assert [(e.number, e.gift.description_local, e.status) for e in register.entries] == [
        (1, "茶葉", NOT_REQUIRED),
        (2, "鋼筆", TO_REGISTER),
        (3, "花瓶", REGISTERED),
        (4, "卷軸", NO_VALUE),
    ]
    assert register.entries[1].gift.value_twd == Decimal("3200.00")  # USD 100 at 32
    assert register.total_twd == Decimal("11700.00")
    assert register.summary == {REGISTERED: 1, TO_REGISTER: 1, NO_VALUE: 1, NOT_REQUIRED: 1}
    assert register.threshold_twd == 3000


def test_the_demo_register_of_2024_holds_its_two_unvalued_gifts(demo):
    register = gift_register(2024)

    assert [(e.gift.description_local, e.gift.date, e.status) for e in register.entries] == [
        ("康他哥斯大郡議會第 2024-275 號決議文", dt.date(2024, 7, 26), NO_VALUE),
        ("友誼之焰", dt.date(2024, 7, 29), NO_VALUE),
    ]
    assert register.total_twd == 0
    assert gift_register(2023).entries == []


def test_the_printable_page_in_chinese(demo, client, django_assert_num_queries):
    client.force_login(User.objects.get(username="viewer"))

    # The session, the user, the role, the gifts with their counterparts and occasions.
    with django_assert_num_queries(4):
        response = client.get("/gifts/register/?year=2024")

    assert response.status_code == 200
    html = response.content.decode()
    assert "2024 年受贈財物登錄" in html
    assert "登錄門檻：新臺幣 3,000 元" in html
    assert "友誼之焰" in html
    assert "Shawn VanDiver、聖地牙哥會展中心公司、聖地牙哥市" in html
    assert "未記錄價值，待判斷：2" in html
    assert "已記錄價值合計：新臺幣 0 元" in html
    assert 'href="/api/v1/gifts/register.xlsx?year=2024"' in html
    assert 'href="?year=2023"' in html


def test_the_page_shows_the_statuses_and_english(valued, client):
    client.force_login(UserFactory(role="viewer", language="en"))

    html = client.get("/gifts/register/?year=2024").content.decode()

    assert "Gift register 2024" in html
    assert "Registration threshold: NT$3,000" in html
    for word in ("to register", "registered", "not required (below the threshold)"):
        assert word in html
    assert "3,200" in html
    assert "舊禮品" not in html
    assert "紀念品" not in html


@pytest.mark.parametrize("year", ["abc", "0", "20245", "-1", "²"])
def test_a_year_that_is_not_a_year_is_a_400(client, year):
    client.force_login(UserFactory(role="viewer"))
    assert client.get("/gifts/register/", {"year": year}).status_code == 400
    assert client.get("/api/v1/gifts/register.xlsx", {"year": year}).status_code == 400


def test_the_xlsx_register_has_the_pages_rows_with_typed_values(valued, api):
    client = api("viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"

    rows = xlsx_rows(client.get("/api/v1/gifts/register.xlsx?year=2024"))

    assert rows[0][0] == "2024 年受贈財物登錄"
    assert rows[1][0] == "登錄門檻：新臺幣 3,000 元"
    headers = rows[2]
    assert headers[:4] == ["序號", "收受日期", "禮品", "贈送者"]
    body = [dict(zip(headers, r, strict=True)) for r in rows[3:]]
    assert [r["禮品"] for r in body] == ["茶葉", "鋼筆", "花瓶", "卷軸"]
    pen = body[1]
    assert pen["收受日期"] == dt.datetime(2024, 3, 1)
    assert (pen["估計價值"], pen["幣別"], pen["新臺幣價值"]) == (100, "USD", 3200)
    assert pen["登錄狀態"] == "待登錄"
    assert body[2]["登錄日期"] == dt.datetime(2024, 4, 3)


def test_the_demo_xlsx_register_in_english(demo, api):
    rows = xlsx_rows(api("viewer").get("/api/v1/gifts/register.xlsx?year=2024"))

    assert rows[2][:4] == ["No.", "Date received", "Gift", "Given by"]
    assert [r[2] for r in rows[3:]] == [
        "Contra Costa County Board of Supervisors Resolution No. 2024-275",
        "Flame of Friendship",
    ]
    assert rows[4][3] == "Shawn VanDiver, San Diego Convention Center Corporation, San Diego"


def test_a_gift_given_never_appears_and_a_registered_one_is_dated(valued):
    GiftFactory(direction=Gift.Direction.GIVEN, date=dt.date(2024, 6, 1))
    register = gift_register(2024)
    assert Gift.Direction.GIVEN not in {e.gift.direction for e in register.entries}
    assert register.entries[2].gift.registered_on == dt.date(2024, 4, 3)
