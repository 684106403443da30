"""List exports: ``?format=xlsx`` / ``?format=csv`` on every list (crm.api.exports).

The XLSX is opened with openpyxl: its header row (Chinese by default), its row count
(the filtered list's count, not one page) and its cells; the CSV of the same request
holds the same table. Dates are real dates, the header row is bold and frozen.
"""

from __future__ import annotations

import csv
import datetime as dt
import io

import openpyxl
import pytest

from crm.core.formatting import choice_label
from crm.core.spreadsheets import as_text
from relations.models import Partner
from tests.factories import ContactFactory, PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db

RESOURCES = (
    "partners",
    "officials",
    "organizations",
    "contacts",
    "visits",
    "engagements",
    "commitments",
    "events",
    "invitations",
    "gifts",
)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def body(response) -> bytes:
    return b"".join(response.streaming_content) if response.streaming else response.content


def sheet(response):
    assert response.status_code == 200, body(response)[:500]
    assert response["Content-Type"] == XLSX
    return openpyxl.load_workbook(io.BytesIO(body(response))).active


def table(response) -> tuple[list, list[list]]:
    rows = [list(row) for row in sheet(response).iter_rows(values_only=True)]
    return rows[0], rows[1:]


def csv_table(response) -> tuple[list, list[list]]:
    assert response.status_code == 200, body(response)[:500]
    assert response["Content-Type"].startswith("text/csv")
    text = body(response).decode("utf-8")
    assert text.startswith("\ufeff")  # Excel reads the Chinese text as UTF-8
    rows = list(csv.reader(io.StringIO(text.removeprefix("\ufeff"))))
    return rows[0], rows[1:]


def count(client, resource: str, query: str = "") -> int:
    response = client.get(f"/api/v1/{resource}/?{query}")
    assert response.status_code == 200, response.content
    return response.json()["count"]


@pytest.fixture
def chinese(api):
    """A viewer reading Chinese (the default language), by token."""
    client = api("viewer")
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    return client


@pytest.mark.parametrize("resource", RESOURCES)
def test_every_list_exports_all_its_rows_as_xlsx_with_chinese_headers_and_the_same_csv(
    demo, chinese, resource
):
    headers, rows = table(chinese.get(f"/api/v1/{resource}/?format=xlsx&page_size=1"))

    assert len(rows) == count(chinese, resource)  # every row, not the requested page
    assert rows
    assert all(any("\u4e00" <= ch <= "\u9fff" for ch in h) or h == "ID" for h in headers)
    assert len(set(headers)) == len(headers)

    csv_headers, csv_rows = csv_table(chinese.get(f"/api/v1/{resource}/?format=csv"))

    def text(value):
        # openpyxl reads an Excel date back as a midnight datetime.
        if isinstance(value, dt.datetime) and value.time() == dt.time(0):
            value = value.date()
        return as_text(value)

    assert csv_headers == headers
    assert csv_rows == [[text(v) for v in row] for row in rows]


def test_the_partner_export_follows_the_filters_and_the_ordering(demo, chinese):
    query = "country=US&kind=sister&ordering=name"
    headers, rows = table(chinese.get(f"/api/v1/partners/?{query}&format=xlsx"))

    listed = chinese.get(f"/api/v1/partners/?{query}").json()["results"]
    assert len(rows) == len(listed) == count(chinese, "partners", query)
    assert [row[headers.index("名稱")] for row in rows] == [p["name"] for p in listed]
    assert headers[:3] == ["名稱", "當地名稱", "類別"]
    sister = choice_label(Partner.Kind, "sister", language="zh-hant")
    assert sister != "sister"
    assert {row[headers.index("類別")] for row in rows} == {sister}


def test_the_gift_export_of_the_demo_has_the_flame_of_friendship(demo, chinese):
    headers, rows = table(chinese.get("/api/v1/gifts/?format=xlsx&partner=5"))

    assert len(rows) == 1
    gift = dict(zip(headers, rows[0], strict=True))
    assert gift["中文說明"] == "友誼之焰"
    assert gift["說明"] == "Flame of Friendship"
    assert gift["日期"] == dt.datetime(2024, 7, 29)  # a date cell, not text
    assert gift["夥伴城市"] == "San Diego"
    assert gift["估計價值"] is None


def test_the_headers_follow_accept_language_and_else_the_users_language(demo, api):
    english = api("viewer")  # the test client sends Accept-Language: en
    headers, _ = table(english.get("/api/v1/partners/?format=xlsx"))
    assert headers[:3] == ["Name", "Local name", "Kind"]

    saved = api("viewer", language="en")
    del saved.defaults["HTTP_ACCEPT_LANGUAGE"]
    headers, _ = csv_table(saved.get("/api/v1/partners/?format=csv"))
    assert headers[:3] == ["Name", "Local name", "Kind"]

    default = api("viewer", language="zh-hant")
    del default.defaults["HTTP_ACCEPT_LANGUAGE"]
    headers, _ = csv_table(default.get("/api/v1/partners/?format=csv"))
    assert headers[:3] == ["名稱", "當地名稱", "類別"]


def test_the_xlsx_has_a_bold_frozen_header_sized_columns_and_chinese_text_intact(chinese):
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    ContactFactory(
        partner=partner, subject_local="拜會塔可瑪市副市長", occurred_on=dt.date(2024, 7, 23)
    )

    worksheet = sheet(chinese.get("/api/v1/contacts/?format=xlsx"))

    assert worksheet.freeze_panes == "A2"
    assert all(cell.font.b for cell in worksheet[1])
    headers = [cell.value for cell in worksheet[1]]
    row = dict(zip(headers, worksheet[2], strict=True))
    assert row["主旨"].value == "拜會塔可瑪市副市長"
    assert row["日期"].is_date
    assert row["日期"].number_format == "yyyy-mm-dd"
    subject = worksheet.column_dimensions[row["主旨"].column_letter].width
    assert subject >= 2 * len("拜會塔可瑪市副市長")  # wide characters count twice
    assert worksheet.column_dimensions[row["ID"].column_letter].width < subject


def test_an_export_reads_a_fixed_number_of_queries(chinese, django_assert_num_queries):
    topic = TopicFactory(slug="education")
    for n in range(3):
        partner = PartnerFactory(name=f"City {n}")
        partner.topics.add(topic)
        ContactFactory(partner=partner).topics.add(topic)
    # Authentication 2, permissions 2, the count 1, the rows 1, and one per many-to-many
    # column: partners' topics; contacts' officials, staff and topics.
    for resource, queries in (("partners", 7), ("contacts", 9)):
        for fmt in ("xlsx", "csv"):
            with django_assert_num_queries(queries):
                response = chinese.get(f"/api/v1/{resource}/?format={fmt}")
                body(response)
            assert response.status_code == 200


def test_a_list_longer_than_the_export_limit_is_refused_with_a_message(chinese, settings):
    settings.EXPORT_MAX_ROWS = 2
    for n in range(3):
        # name_local without digits: the factory's sequence number (12, 31, ...) would
        # match "1" in every row, depending on how many partners earlier tests made.
        PartnerFactory(name=f"City {n}", name_local=f"城市{'甲乙丙'[n]}")

    response = chinese.get("/api/v1/partners/?format=xlsx", HTTP_ACCEPT_LANGUAGE="en")

    assert response.status_code == 400
    assert "3 rows match, more than the 2" in response.json()["format"][0]
    assert sheet(chinese.get("/api/v1/partners/?format=xlsx&q=City+1")).max_row == 2


@pytest.mark.parametrize("fmt", ["pdf", "xls", "", "XLSX"])
def test_an_unknown_format_is_a_400_and_json_is_the_list(api, fmt):
    client = api("viewer")
    response = client.get(f"/api/v1/gifts/?format={fmt}")
    if fmt in ("", "XLSX"):
        assert response.status_code == 200
    else:
        assert response.status_code == 400
        assert "format" in response.json()


def test_a_bad_filter_on_an_export_is_a_400(api):
    response = api("viewer").get("/api/v1/contacts/?format=csv&occurred_after=2024-13-40")
    assert response.status_code == 400
    assert "occurred_after" in response.json()


@pytest.mark.parametrize("role", ["viewer", "officer", "manager"])
def test_every_role_that_reads_the_list_exports_it(api, role):
    PartnerFactory()
    assert api(role).get("/api/v1/partners/?format=xlsx").status_code == 200


def test_an_anonymous_export_is_a_401(api):
    assert api(None).get("/api/v1/partners/?format=csv").status_code == 401


def test_a_list_without_export_columns_says_so(api):
    response = api("viewer").get("/api/v1/members/?format=xlsx")
    assert response.status_code == 400
    assert response.json()["format"] == ["Use one of: json."]


def test_the_list_pages_link_their_exports_with_the_current_filters(client, viewer):
    PartnerFactory(name="Tacoma", country="US")
    PartnerFactory(name="Kyoto", country="JP")
    client.force_login(viewer)

    html = client.get("/partners/?country=US&ordering=name&page=1").content.decode()

    link = "/api/v1/partners/?country=US&amp;ordering=name&amp;format=xlsx"
    assert f'href="{link}"' in html
    headers, rows = table(client.get(link.replace("&amp;", "&")))  # the session signs it in
    assert [row[headers.index("名稱")] for row in rows] == ["Tacoma"]
    assert 'href="/api/v1/visits/?format=csv"' in client.get("/visits/").content.decode()
    assert 'href="/api/v1/events/?format=xlsx"' in client.get("/events/").content.decode()
    follow_ups = client.get(f"/follow-ups/?owner={viewer.pk}").content.decode()
    assert f'href="/api/v1/commitments/?owner={viewer.pk}&amp;format=xlsx"' in follow_ups
