"""Attachments (SPEC §2.3, §5.2; issue 6 item 3): upload, type by content, limits, roles,
download only to signed-in users, protected deletes, admin validation."""

from __future__ import annotations

import io
import struct
import zipfile
import zlib
from pathlib import Path

import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.attachments import services as attachments
from crm.attachments.models import Attachment
from crm.core.audit import history_for
from crm.core.services import ProtectedDelete, delete_object
from tests.crm import office_support
from tests.factories import (
    AgreementFactory,
    AttachmentFactory,
    ContactFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/attachments/"


# --- Real files, made in the test ----------------------------------------------------------


def pdf_bytes() -> bytes:
    body = (
        b"%PDF-1.4\n1 0 obj <</Type /Catalog /Pages 2 0 R>> endobj\n"
        b"2 0 obj <</Type /Pages /Kids [3 0 R] /Count 1>> endobj\n"
        b"3 0 obj <</Type /Page /Parent 2 0 R /MediaBox [0 0 200 200]>> endobj\n"
    )
    xref_at = len(body)
    return body + (
        b"xref\n0 4\n0000000000 65535 f \n"
        b"trailer <</Size 4 /Root 1 0 R>>\nstartxref\n%d\n%%%%EOF\n" % xref_at
    )


def png_bytes() -> bytes:
    def chunk(kind: bytes, data: bytes) -> bytes:
        return (
            struct.pack(">I", len(data))
            + kind
            + data
            + struct.pack(">I", zlib.crc32(kind + data) & 0xFFFFFFFF)
        )

    header = struct.pack(">IIBBBBB", 1, 1, 8, 2, 0, 0, 0)  # 1×1, 8-bit RGB
    pixels = zlib.compress(b"\x00\xff\x00\x00")
    return (
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", header) + chunk(b"IDAT", pixels) + chunk(b"IEND", b"")
    )


def zip_bytes(entries: dict[str, bytes]) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w") as archive:
        for name, data in entries.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def docx_bytes(*, macros: bool = False) -> bytes:
    entries = {
        "[Content_Types].xml": b'<?xml version="1.0"?><Types/>',
        "_rels/.rels": b"<Relationships/>",
        "word/document.xml": b"<w:document/>",
    }
    if macros:
        entries["word/vbaProject.bin"] = b"\x00" * 16
    return zip_bytes(entries)


def ole_bytes(*stream_names: str) -> bytes:
    """An OLE compound file holding these (empty) streams: ``office_support.cfb``."""
    return office_support.cfb(dict.fromkeys(stream_names, b""))


EXECUTABLE = b"MZ\x90\x00\x03\x00\x00\x00\x04\x00\x00\x00\xff\xff" + b"\x00" * 200


@pytest.fixture(autouse=True)
def media(settings, tmp_path) -> Path:
    """Stored files go to a temporary directory, not the developer's .data/media."""
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(client, data: bytes, name: str, target_type: str, target_id, title: str = "A file"):
    return client.post(
        URL,
        {
            "file": SimpleUploadedFile(name, data),
            "title": title,
            "target_type": target_type,
            "target_id": target_id,
        },
        format="multipart",
    )


def stored_files(media: Path) -> list[Path]:
    return [p for p in media.rglob("*") if p.is_file()] if media.exists() else []


def body(response) -> bytes:
    return b"".join(response.streaming_content)


# --- Upload and download through the API ----------------------------------------------------


def test_an_officer_uploads_a_pdf_and_downloads_the_same_bytes_as_a_pdf(api, media):
    officer = api("officer")
    partner = PartnerFactory()
    data = pdf_bytes()

    response = upload(officer, data, "Sister city agreement.pdf", "partner", partner.pk, "協定")

    assert response.status_code == 201, response.content
    row = response.json()
    assert row["title"] == "協定"
    assert row["original_name"] == "Sister city agreement.pdf"
    assert row["content_type"] == "application/pdf"
    assert row["size"] == len(data)
    assert (row["target_type"], row["target_id"]) == ("partner", partner.pk)
    assert row["created_by"] == officer.user.pk
    assert "file" not in row
    assert row["download_url"].endswith(f"/api/v1/attachments/{row['id']}/download/")
    assert response["ETag"] == '"1"'

    download = officer.get(f"{URL}{row['id']}/download/")
    assert download.status_code == 200
    assert body(download) == data
    assert download["Content-Type"] == "application/pdf"
    assert download["Content-Disposition"].startswith("attachment;")
    assert 'filename="Sister city agreement.pdf"' in download["Content-Disposition"]
    assert download["X-Content-Type-Options"] == "nosniff"
    # Stored under a random name of our own, never the one the user sent.
    [stored] = stored_files(media)
    assert stored.read_bytes() == data
    assert "agreement" not in stored.name
    assert stored.suffix == ".pdf"


def test_an_officer_uploads_a_png_photo_to_a_visit_and_downloads_it_as_png(api):
    officer = api("officer")
    visit = VisitFactory()
    data = png_bytes()

    response = upload(officer, data, "delegation.png", "visit", visit.pk)

    assert response.status_code == 201, response.content
    assert response.json()["content_type"] == "image/png"
    download = officer.get(f"{URL}{response.json()['id']}/download/")
    assert download["Content-Type"] == "image/png"
    assert body(download) == data


def test_a_file_without_extension_gets_the_one_of_its_content(api):
    response = upload(api("officer"), png_bytes(), "IMG_2024", "partner", PartnerFactory().pk, "")

    assert response.status_code == 201, response.content
    assert response.json()["original_name"] == "IMG_2024.png"
    assert response.json()["title"] == "IMG_2024"  # no title given: the file name


def test_a_chinese_file_name_is_kept_and_sent_back_encoded(api):
    officer = api("officer")
    response = upload(officer, pdf_bytes(), "姊妹市協定.pdf", "partner", PartnerFactory().pk)

    assert response.json()["original_name"] == "姊妹市協定.pdf"
    download = officer.get(f"{URL}{response.json()['id']}/download/")
    assert "filename*=utf-8''%E5%A7%8A%E5%A6%B9" in download["Content-Disposition"]


def test_an_upload_over_the_limit_is_refused_with_400_and_nothing_is_stored(api, settings, media):
    settings.ATTACHMENT_MAX_BYTES = 100
    data = pdf_bytes()
    assert len(data) > 100

    response = upload(api("officer"), data, "big.pdf", "partner", PartnerFactory().pk)

    assert response.status_code == 400
    assert "limit" in response.json()["file"][0]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_body_far_over_the_limit_is_refused_before_it_is_read(api, settings):
    settings.ATTACHMENT_MAX_BYTES = 1000
    data = b"%PDF-1.4\n" + b"0" * (200 * 1024)

    response = upload(api("officer"), data, "huge.pdf", "partner", PartnerFactory().pk)

    assert response.status_code == 400
    assert "larger than the limit" in response.json()["file"][0]


def test_a_renamed_executable_is_refused_with_400(api, media):
    response = upload(api("officer"), EXECUTABLE, "report.pdf", "partner", PartnerFactory().pk)

    assert response.status_code == 400
    assert "executable" in response.json()["file"][0]
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_a_zip_that_is_not_an_office_file_named_docx_is_refused(api):
    data = zip_bytes({"payload.exe": EXECUTABLE, "readme.txt": b"hello"})

    response = upload(api("officer"), data, "minutes.docx", "partner", PartnerFactory().pk)

    assert response.status_code == 400
    assert "zip archive" in response.json()["file"][0]


def test_a_png_named_as_a_pdf_is_refused_as_a_mismatch(api):
    response = upload(api("officer"), png_bytes(), "scan.pdf", "partner", PartnerFactory().pk)

    assert response.status_code == 400
    assert "its content is PNG" in response.json()["file"][0]


@pytest.mark.parametrize(
    ("target_type", "target_id", "field"),
    [("planet", 1, "target_type"), ("partner", 987654321, "target_id"), ("gift", 0, "target_id")],
)
def test_an_unknown_target_is_refused_with_400(api, target_type, target_id, field):
    response = upload(api("officer"), pdf_bytes(), "a.pdf", target_type, target_id)

    assert response.status_code == 400
    assert field in response.json()


def test_json_uploads_are_refused_with_415(api):
    response = api("officer").post(
        URL, {"title": "x", "target_type": "partner", "target_id": 1}, format="json"
    )

    assert response.status_code == 415


# --- Who may do what ------------------------------------------------------------------------


def test_anonymous_users_can_neither_list_download_nor_upload(api):
    attachment = AttachmentFactory()
    anonymous = api(None)

    assert anonymous.get(URL).status_code == 401
    assert anonymous.get(f"{URL}{attachment.pk}/download/").status_code == 401
    assert (
        upload(anonymous, pdf_bytes(), "a.pdf", "partner", attachment.partner_id).status_code == 401
    )


def test_a_viewer_downloads_but_cannot_upload_or_delete(api):
    officer = api("officer")
    partner = PartnerFactory()
    created = upload(officer, pdf_bytes(), "a.pdf", "partner", partner.pk).json()
    viewer = api("viewer")

    assert viewer.get(f"{URL}{created['id']}/download/").status_code == 200
    assert viewer.get(URL).json()["count"] == 1
    assert upload(viewer, pdf_bytes(), "b.pdf", "partner", partner.pk).status_code == 403
    assert viewer.delete(f"{URL}{created['id']}/").status_code == 403
    assert Attachment.objects.count() == 1


def test_only_managers_delete_attachments_and_the_stored_file_goes_too(
    api, media, django_capture_on_commit_callbacks
):
    officer = api("officer")
    created = upload(officer, pdf_bytes(), "a.pdf", "partner", PartnerFactory().pk).json()
    assert len(stored_files(media)) == 1

    assert officer.delete(f"{URL}{created['id']}/").status_code == 403
    with django_capture_on_commit_callbacks(execute=True):
        assert api("manager").delete(f"{URL}{created['id']}/").status_code == 204

    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_the_roles_carry_the_attachment_permissions(viewer, officer, manager):
    assert viewer.has_perm("crm.view_attachment")
    assert viewer.has_perm("crm.view_attachmentevent")
    assert not viewer.has_perm("crm.add_attachment")
    assert officer.has_perm("crm.add_attachment")
    assert officer.has_perm("crm.view_attachment")
    assert not officer.has_perm("crm.delete_attachment")
    assert manager.has_perm("crm.add_attachment")
    assert manager.has_perm("crm.delete_attachment")


# --- Listing ---------------------------------------------------------------------------------


def test_the_list_filters_by_target_type_and_target_id(api):
    tacoma, seattle = PartnerFactory(), PartnerFactory()
    AttachmentFactory.create_batch(2, partner=tacoma)
    AttachmentFactory(partner=seattle)
    visit = VisitFactory()
    AttachmentFactory(partner=None, visit=visit)
    AttachmentFactory(partner=None, agreement=AgreementFactory(partner=tacoma))
    viewer = api("viewer")

    def count(**query) -> int:
        response = viewer.get(URL, query)
        assert response.status_code == 200, response.content
        return response.json()["count"]

    assert count() == 5
    assert count(target_type="partner") == 3
    assert count(target_type="partner", target_id=tacoma.pk) == 2
    assert count(target_type="partner", target_id=seattle.pk) == 1
    assert count(target_type="visit", target_id=visit.pk) == 1
    assert count(target_type="agreement") == 1
    assert count(target_type="gift") == 0
    assert viewer.get(URL, {"target_id": tacoma.pk}).status_code == 400
    assert viewer.get(URL, {"target_type": "planet"}).status_code == 400


def test_the_list_runs_as_many_queries_at_page_size_1_as_at_100(api):
    partner, visit = PartnerFactory(), VisitFactory()
    for _ in range(3):
        AttachmentFactory(partner=partner)
        AttachmentFactory(partner=None, visit=visit)
        AttachmentFactory(partner=None, contact=ContactFactory(partner=partner))
    client = api("viewer")
    client.get(URL, {"page_size": 1})  # warm-up: content types, permissions cache

    counts = []
    for size in (1, 100):
        with CaptureQueriesContext(connection) as queries:
            response = client.get(URL, {"page_size": size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(size, 9)
        counts.append(len(queries))

    assert counts[0] == counts[1]


def test_an_upload_is_in_the_audit_history_with_its_user(api):
    officer = api("officer")
    created = upload(officer, pdf_bytes(), "a.pdf", "partner", PartnerFactory().pk).json()

    history = officer.get(f"{URL}{created['id']}/history/").json()

    assert [(h["action"], h["user"]) for h in history] == [("create", officer.user.username)]


# --- Protected deletes -------------------------------------------------------------------------


def test_a_partner_with_an_attachment_is_not_deleted(api, manager):
    partner = PartnerFactory()
    AttachmentFactory(partner=partner)

    with pytest.raises(ProtectedDelete) as refused:
        delete_object(partner, user=manager)

    assert "attachments" in str(refused.value)
    assert api("manager").delete(f"/api/v1/partners/{partner.pk}/").status_code == 409
    assert type(partner).objects.filter(pk=partner.pk).exists()


# --- The service and the sniffer ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "content_type"),
    [
        (pdf_bytes(), "application/pdf"),
        (png_bytes(), "image/png"),
        (b"\xff\xd8\xff\xe0\x00\x10JFIF\x00" + b"\x00" * 20, "image/jpeg"),
        (b"GIF89a" + b"\x00" * 20, "image/gif"),
        (b"RIFF\x24\x00\x00\x00WEBPVP8 " + b"\x00" * 20, "image/webp"),
        (b"II*\x00\x08\x00\x00\x00" + b"\x00" * 20, "image/tiff"),
        (b"\x00\x00\x00\x18ftypheic\x00\x00\x00\x00" + b"\x00" * 20, "image/heic"),
        (docx_bytes(), attachments.DOCX.content_type),
        (
            zip_bytes({"[Content_Types].xml": b"<Types/>", "xl/workbook.xml": b"<x/>"}),
            attachments.XLSX.content_type,
        ),
        (
            zip_bytes({"[Content_Types].xml": b"<Types/>", "ppt/presentation.xml": b"<p/>"}),
            attachments.PPTX.content_type,
        ),
        (
            zip_bytes(
                {
                    "mimetype": b"application/vnd.oasis.opendocument.text",
                    "content.xml": b"<x/>",
                }
            ),
            "application/vnd.oasis.opendocument.text",
        ),
        (office_support.doc_bytes(), "application/msword"),
        (office_support.xls_bytes(), "application/vnd.ms-excel"),
        (office_support.ppt_bytes(), "application/vnd.ms-powerpoint"),
    ],
)
def test_the_sniffer_recognises_every_allowed_type_by_content(data, content_type):
    assert attachments.sniff(io.BytesIO(data)).content_type == content_type


@pytest.mark.parametrize(
    ("data", "message"),
    [
        (EXECUTABLE, "executable"),
        (b"\x7fELF\x02\x01\x01" + b"\x00" * 40, "executable"),
        (b"#!/bin/sh\nrm -rf /\n", "script"),
        (b"hello, this is plain text", "not of an allowed type"),
        (b"<svg xmlns='http://www.w3.org/2000/svg'/>", "not of an allowed type"),
        (docx_bytes(macros=True), "macros"),
        (ole_bytes("Macros", "WordDocument"), "macros"),
        (ole_bytes("\x05SummaryInformation", "!_StringPool"), "compound file"),
        (ole_bytes("EncryptionInfo", "EncryptedPackage"), "password-protected"),
        (b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 100, "cannot be read"),
        (b"PK\x03\x04 broken", "cannot be read"),
    ],
)
def test_the_sniffer_refuses_what_is_not_on_the_allow_list(data, message):
    with pytest.raises(ValidationError) as refused:
        attachments.sniff(io.BytesIO(data))

    assert message in refused.value.messages[0]


def test_attach_refuses_before_storing_anything(officer, media):
    partner = PartnerFactory()
    with pytest.raises(ValidationError) as refused:
        attachments.attach(
            user=officer,
            file=SimpleUploadedFile("setup.exe.pdf", EXECUTABLE),
            title="",
            target_type="partner",
            target_id=partner.pk,
        )

    assert "file" in refused.value.message_dict
    assert stored_files(media) == []


def test_attach_records_the_creator_and_the_history(officer):
    attachment = attachments.attach(
        user=officer,
        file=SimpleUploadedFile("..\\..\\C:\\evil/../photo.png", png_bytes()),
        title="  Tacoma delegation  ",
        target_type="partner",
        target_id=PartnerFactory().pk,
    )

    assert attachment.created_by == officer
    assert attachment.title == "Tacoma delegation"
    assert attachment.original_name == "photo.png"
    assert [h["user"] for h in history_for(attachment)] == [officer.username]
    with attachments.open_for_download(attachment) as handle:
        assert handle.read() == png_bytes()


def test_the_database_refuses_an_attachment_linked_to_two_rows():
    partner = PartnerFactory()
    attachment = AttachmentFactory.build(partner=partner, visit=VisitFactory())

    with pytest.raises(ValidationError) as refused:
        attachment.full_clean()

    assert "exactly one" in str(refused.value)


# --- Admin -------------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def test_the_admin_add_page_rejects_a_renamed_executable(staff_client, media):
    partner = PartnerFactory()

    response = staff_client.post(
        reverse("admin:crm_attachment_add"),
        {
            "title": "Report",
            "file": SimpleUploadedFile("report.pdf", EXECUTABLE),
            "partner": partner.pk,
        },
    )

    assert response.status_code == 200
    assert "executable" in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []


def test_the_admin_adds_a_pdf_through_the_service_and_links_the_download_view(
    staff_client, admin_user
):
    partner = PartnerFactory()

    response = staff_client.post(
        reverse("admin:crm_attachment_add"),
        {"title": "", "file": SimpleUploadedFile("Scan.pdf", pdf_bytes()), "partner": partner.pk},
    )

    assert response.status_code == 302, response.content.decode()[-3000:]
    attachment = Attachment.objects.get()
    assert (attachment.title, attachment.content_type) == ("Scan", "application/pdf")
    assert attachment.created_by == admin_user
    page = staff_client.get(reverse("admin:crm_attachment_change", args=[attachment.pk]))
    html = page.content.decode()
    assert f"/api/v1/attachments/{attachment.pk}/download/" in html
    assert attachment.file.name not in html  # no link to the stored file itself


def test_the_admin_needs_exactly_one_target(staff_client):
    response = staff_client.post(
        reverse("admin:crm_attachment_add"),
        {
            "title": "x",
            "file": SimpleUploadedFile("a.pdf", pdf_bytes()),
            "partner": PartnerFactory().pk,
            "visit": VisitFactory().pk,
        },
    )

    assert response.status_code == 200
    assert "exactly one" in response.content.decode()
    assert not Attachment.objects.exists()


def test_the_partner_admin_inline_uploads_and_refuses_executables(staff_client):
    from tests.crm.test_admin import form_data

    partner = PartnerFactory()
    change_url = reverse("admin:relations_partner_change", args=[partner.pk])
    data = form_data(staff_client.get(change_url))
    prefix = "attachments"
    assert data[f"{prefix}-TOTAL_FORMS"] == "0"

    bad = {
        **data,
        f"{prefix}-TOTAL_FORMS": "1",
        f"{prefix}-0-title": "Setup",
        f"{prefix}-0-file": SimpleUploadedFile("setup.pdf", EXECUTABLE),
    }
    refused = staff_client.post(change_url, bad)
    assert refused.status_code == 200
    assert "executable" in refused.content.decode()
    assert not Attachment.objects.exists()

    good = {**bad, f"{prefix}-0-file": SimpleUploadedFile("letter.pdf", pdf_bytes())}
    assert staff_client.post(change_url, good).status_code == 302
    attachment = Attachment.objects.get()
    assert (attachment.partner, attachment.original_name) == (partner, "letter.pdf")
    assert attachment.version == 1
    page = staff_client.get(change_url).content.decode()
    assert f"/api/v1/attachments/{attachment.pk}/download/" in page


def test_a_user_without_a_role_cannot_download(client):
    attachment = AttachmentFactory()
    client.force_login(UserFactory())

    response = client.get(f"{URL}{attachment.pk}/download/")

    assert response.status_code == 403
