"""XLSX import (django-import-export), with the same dry run as CSV, through the services.

A list export (``?format=xlsx``, Chinese headers) can be edited in Excel and imported
again: the import reads the translated headers as the columns they stand for, dates
as dates, and writes every row through ``crm.core.services`` (version bumped, history
written, the importer as the author).
"""

from __future__ import annotations

import datetime as dt
import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from import_export.formats import base_formats

from crm.core.audit import history_for
from relations.models import Partner
from tests.factories import PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def workbook(*rows) -> bytes:
    book = openpyxl.Workbook()
    for row in rows:
        book.active.append(list(row))
    output = io.BytesIO()
    book.save(output)
    return output.getvalue()


def xlsx_format_index() -> str:
    from relations.admin import CsvImportExportMixin

    return str(
        [type(f) for f in (cls() for cls in CsvImportExportMixin.formats)].index(base_formats.XLSX)
    )


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_admin_offers_xlsx_beside_csv():
    from relations.admin import CsvImportExportMixin

    assert [f.__name__ for f in CsvImportExportMixin.formats] == ["CSV", "XLSX"]


def test_an_exported_xlsx_edited_and_imported_updates_the_row_through_the_services(
    staff_client, api, admin_user
):
    education = TopicFactory(slug="education")
    tacoma = PartnerFactory(
        name="Tacoma", name_local="塔柯瑪", country="US", region="Washington", kind="sister"
    )
    tacoma.topics.add(education)
    version = tacoma.version
    reader = api("viewer")
    reader.defaults["HTTP_ACCEPT_LANGUAGE"] = "zh-hant"
    exported = openpyxl.load_workbook(
        io.BytesIO(b"".join(reader.get("/api/v1/partners/?format=xlsx").streaming_content))
    ).active
    headers = [cell.value for cell in exported[1]]
    assert "當地名稱" in headers
    exported.cell(row=2, column=headers.index("當地名稱") + 1, value="塔可瑪市")
    edited = io.BytesIO()
    exported.parent.save(edited)
    upload = SimpleUploadedFile("partners.xlsx", edited.getvalue(), content_type=XLSX)

    preview = staff_client.post(
        reverse("admin:relations_partner_import"),
        {"resource": "0", "format": xlsx_format_index(), "import_file": upload},
    )

    assert preview.status_code == 200
    result = preview.context["result"]
    assert not result.has_errors(), [e.error for row in result.row_errors() for e in row[1]]
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    assert [row.import_type for row in result.rows] == ["update"]
    tacoma.refresh_from_db()
    assert (tacoma.name_local, tacoma.version) == ("塔柯瑪", version)  # a dry run

    response = staff_client.post(
        reverse("admin:relations_partner_process_import"), preview.context["confirm_form"].initial
    )

    assert response.status_code == 302
    tacoma.refresh_from_db()
    assert (tacoma.name_local, tacoma.kind) == ("塔可瑪市", "sister")  # 姊妹市 read back
    assert tacoma.version == version + 1
    assert list(tacoma.topics.all()) == [education]
    last = history_for(tacoma)[-1]
    assert last["user"] == admin_user.username
    assert "name_local" in str(last)


def test_an_xlsx_dry_run_shows_the_bad_row_and_writes_nothing(staff_client):
    TopicFactory(slug="education")
    upload = SimpleUploadedFile(
        "partners.xlsx",
        workbook(
            ("name", "name_local", "kind", "jurisdiction", "country", "time_zone", "topics"),
            ("Tacoma", "塔可瑪市", "sister", "city", "US", "America/Los_Angeles", "education"),
            ("Nowhere", "無名市", "twin", "city", "usa", "Mars/Base", "education"),
        ),
        content_type=XLSX,
    )

    response = staff_client.post(
        reverse("admin:relations_partner_import"),
        {"resource": "0", "format": xlsx_format_index(), "import_file": upload},
    )

    assert response.status_code == 200
    result = response.context["result"]
    assert [row.number for row in result.invalid_rows] == [2]
    assert {"kind", "country", "time_zone"} <= set(result.invalid_rows[0].error_dict)
    assert "confirm_form" not in response.context
    assert not Partner.objects.exists()


def test_xlsx_dates_and_chinese_headers_import_as_new_contacts(admin_user):
    from relations.models import Contact
    from relations.resources import ContactResource

    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    dataset = base_formats.XLSX().create_dataset(
        workbook(
            ("日期", "管道", "主旨", "夥伴城市"),
            (dt.datetime(2024, 7, 23), "會面", "拜會副市長", "塔可瑪市"),
        )
    )

    result = ContactResource().import_data(dataset, user=admin_user)

    assert not result.has_errors()
    assert not result.has_validation_errors(), [r.error_dict for r in result.invalid_rows]
    contact = Contact.objects.get()
    assert (contact.occurred_on, contact.channel, contact.subject_local, contact.partner) == (
        dt.date(2024, 7, 23),
        "meeting",
        "拜會副市長",
        partner,
    )
    assert contact.created_by == admin_user
    assert list(contact.staff.all()) == [admin_user]
    assert history_for(contact)[0]["user"] == admin_user.username
