"""The trip report's public disclosure (issue 14 item 5): the catalogue fields of the
national trip-report system (公務出國報告資訊網) for the demo visit, checked against the
reference report's facts (shared/reference/facts.md §1–2), as JSON, CSV and XLSX; the
PDF through LibreOffice, and a clear 503 where LibreOffice is not installed."""

from __future__ import annotations

import csv
import io
import shutil

import pytest
from openpyxl import load_workbook

from visits import disclosure
from visits.models import Visit
from visits.report import build_trip_report

pytestmark = pytest.mark.django_db

SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")
needs_libreoffice = pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: the PDF tests were SKIPPED. "
    "Install Debian's libreoffice-writer-nogui to run them.",
)

# facts.md §1 (report metadata) and §2 (the delegation, protocol order).
TITLE = "臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案"
MEMBERS = [
    ("臺中市長", "", "盧秀燕"),
    ("臺中市副市長", "", "黃國榮"),
    ("臺中市政府秘書處", "處長", "謝佳蓁"),
    ("臺中市政府教育局", "局長", "蔣偉民"),
    ("臺中市政府新聞局", "局長", "樂治誼"),
    ("臺中市政府數位治理局", "局長", "林谷隆"),
    ("臺中市政府國際事務委員會", "委員", "張鳳蘭"),
    ("臺中市政府秘書處", "科長", "洪隆益"),
    ("臺中市政府農業局", "專員", "周家豪"),
    ("臺中市政府新聞局", "專員", "陳冠吉"),
    ("臺中市政府新聞局", "科員", "江偉德"),
]


@pytest.fixture
def no_libreoffice(monkeypatch, tmp_path):
    """A server without LibreOffice: a PATH on which ``soffice`` is not found."""
    empty = tmp_path / "bin"
    empty.mkdir()
    monkeypatch.setenv("PATH", str(empty))


@pytest.fixture
def visit(demo):
    return Visit.objects.get()


def _check_catalogue(record: dict) -> None:
    assert record["title"] == TITLE
    assert record["category"] == "考察"
    assert record["category_code"] == "inspection"
    assert record["agency"] == "臺中市政府"
    assert [(m["unit"], m["title"], m["name"]) for m in record["members"]] == MEMBERS
    assert record["member_count"] == 11
    assert record["countries"] == "美國"
    assert record["country_codes"] == ["US"]
    assert (record["period_start"], record["period_end"]) == ("2024-07-22", "2024-07-31")
    assert record["period"] == "113 年 7 月 22 日至 31 日"
    assert record["report_date"] == "2024-11-04"
    assert record["report_date_text"] == "113 年 11 月 4 日"
    # Derived keywords: the partners' kinds and names come first.
    assert record["keywords"][:2] == ["姊妹市", "友好城市"]
    for name in ("塔可瑪市", "西雅圖市", "庫比蒂諾市", "康他哥斯大郡", "聖地牙哥市"):
        assert name in record["keywords"]
    assert record["page_count"] > 5


def test_the_demo_catalogue_record_without_libreoffice(api, visit, no_libreoffice):
    response = api("viewer").get(f"/api/v1/visits/{visit.pk}/disclosure.json")

    assert response.status_code == 200, response.content
    record = response.json()
    _check_catalogue(record)
    assert record["page_count_source"] == "estimate"
    assert "LibreOffice" in record["page_count_note"]


def test_the_english_record(api, visit, no_libreoffice):
    record = api("viewer").get(f"/api/v1/visits/{visit.pk}/disclosure.json?lang=en").json()
    assert record["agency"] == "Taichung City Government"
    assert record["category"] == "inspection"
    assert record["countries"] == "United States"
    assert record["period"] == "22 July 2024 to 31 July 2024"
    assert record["keywords"][:2] == ["sister city", "friendship city"]


def test_the_csv_has_the_fields_as_rows(api, visit, no_libreoffice):
    response = api("viewer").get(f"/api/v1/visits/{visit.pk}/disclosure.csv")

    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/csv")
    assert response.content.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    values = dict(rows[1:])
    assert len(rows) == 14
    assert values[rows[1][0]] == TITLE
    assert "臺中市政府秘書處 處長 謝佳蓁" in values[rows[5][0]].split("\n")
    assert values[rows[7][0]] == "2024-07-22"


def test_the_xlsx_has_a_sheet_of_fields_and_one_of_members(api, visit, no_libreoffice):
    response = api("viewer").get(f"/api/v1/visits/{visit.pk}/disclosure.xlsx")

    assert response.status_code == 200
    workbook = load_workbook(io.BytesIO(response.content))
    report, members = workbook.worksheets
    assert report["B2"].value == TITLE
    assert report["B3"].value == "考察"
    member_rows = list(members.iter_rows(min_row=2, values_only=True))
    assert [(unit, title or "", name) for _, unit, title, name in member_rows] == MEMBERS


def test_an_unknown_format_is_a_404_and_a_bad_language_a_400(api, visit):
    client = api("viewer")
    assert client.get(f"/api/v1/visits/{visit.pk}/disclosure.pdf").status_code == 404
    assert client.get(f"/api/v1/visits/{visit.pk}/disclosure.json?lang=fr").status_code == 400
    assert client.get("/api/v1/visits/999999/disclosure.json").status_code == 404
    assert api(None).get(f"/api/v1/visits/{visit.pk}/disclosure.json").status_code == 401


def test_without_libreoffice_the_pdf_is_a_503_with_a_message(api, visit, no_libreoffice):
    response = api("viewer").get(f"/api/v1/visits/{visit.pk}/report.pdf")

    assert response.status_code == 503
    body = response.json()
    assert body["code"] == "pdf_unavailable"
    assert "LibreOffice" in body["detail"]


@needs_libreoffice
def test_the_pdf_where_libreoffice_is_installed(api, visit):
    response = api("viewer").get(f"/api/v1/visits/{visit.pk}/report.pdf")

    assert response.status_code == 200
    assert response["Content-Type"] == "application/pdf"
    assert response.content.startswith(b"%PDF")
    assert disclosure.pdf_page_count(response.content) > 5


@needs_libreoffice
def test_with_libreoffice_the_page_count_is_the_pdfs_and_the_estimate_is_close(
    api, visit, monkeypatch, tmp_path
):
    pdf_pages = disclosure.pdf_page_count(disclosure.report_pdf(visit.pk))

    record = api("viewer").get(f"/api/v1/visits/{visit.pk}/disclosure.json").json()

    _check_catalogue(record)
    assert record["page_count_source"] == "pdf"
    assert record["page_count"] == pdf_pages
    estimate = disclosure.estimate_pages(build_trip_report(visit.pk))
    assert abs(estimate - pdf_pages) <= max(2, pdf_pages // 4), (estimate, pdf_pages)
