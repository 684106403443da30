"""Office files with macros or active content are refused (issue 11 item 4).

Every file is made here (``tests/crm/office_support.py``) and goes through the public
upload path: the API (400) or ``attach`` (ValidationError); a refusal stores nothing.
"""

from __future__ import annotations

import io
import struct
import zipfile

import docx
import msoffcrypto
import pytest
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import translation
from msoffcrypto.format.ooxml import OOXMLFile

from crm.attachments import services as attachments
from crm.attachments.models import Attachment
from tests.crm import office_support as office
from tests.crm.test_attachments import stored_files, upload
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db

MACROS = "Office documents with macros are not accepted."
ACTIVEX = "Office documents with ActiveX controls are not accepted."
OLE_OBJECT = (
    "Office documents with embedded objects (OLE objects, packaged files) are not accepted."
)
PASSWORD = "password-protected, so its content cannot be checked"
MS = "http://schemas.microsoft.com/office/2006/relationships"
OPENXML = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
ACTIVEX_XML = "application/vnd.ms-office.activeX+xml"
OLE_OBJECT_TYPE = "application/vnd.openxmlformats-officedocument.oleObject"


@pytest.fixture(autouse=True)
def media(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def refused_by_the_api(api, media, data: bytes, name: str) -> str:
    """Upload through the API; assert 400 and that nothing was stored; the message."""
    response = upload(api("officer"), data, name, "partner", PartnerFactory().pk)

    assert response.status_code == 400, response.content
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    [message] = response.json()["file"]
    return message


def accepted_by_the_api(api, data: bytes, name: str) -> dict:
    response = upload(api("officer"), data, name, "partner", PartnerFactory().pk)

    assert response.status_code == 201, response.content
    assert Attachment.objects.count() == 1
    return response.json()


def refused_by_attach(officer, media, data: bytes, name: str) -> str:
    with translation.override("en"), pytest.raises(ValidationError) as refused:
        attachments.attach(
            user=officer,
            file=SimpleUploadedFile(name, data),
            title="",
            target_type="partner",
            target_id=PartnerFactory().pk,
        )

    assert not Attachment.objects.exists()
    assert stored_files(media) == []
    [message] = refused.value.message_dict["file"]
    return message


def python_docx_bytes() -> bytes:
    """A real Word document, as python-docx (a dependency) writes it."""
    document = docx.Document()
    document.add_paragraph("Programme of the Tacoma delegation, 12–15 May")
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


# --- Office Open XML: clean files are accepted ------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (python_docx_bytes(), "Programme.docx", attachments.DOCX.content_type),
        (
            office.ooxml_bytes(
                "xl",
                parts={
                    "xl/worksheets/sheet1.xml": (
                        f"{office.CT}.spreadsheetml.worksheet+xml",
                        b"<x/>",
                    ),
                    # Printer settings are a .bin part too, but not an OLE file.
                    "xl/printerSettings/printerSettings1.bin": (
                        f"{office.CT}.spreadsheetml.printerSettings",
                        b"\x00" * 64,
                    ),
                },
            ),
            "Budget.xlsx",
            attachments.XLSX.content_type,
        ),
        (
            office.ooxml_bytes(
                "ppt",
                parts={
                    "ppt/slides/slide1.xml": (f"{office.CT}.presentationml.slide+xml", b"<p/>"),
                    # A chart's data: an embedded workbook package, not an OLE object.
                    "ppt/embeddings/Microsoft_Excel_Worksheet.xlsx": (
                        attachments.XLSX.content_type,
                        office.ooxml_bytes("xl"),
                    ),
                },
                relationships=[
                    (
                        f"{OPENXML}/package",
                        "../embeddings/Microsoft_Excel_Worksheet.xlsx",
                        "Internal",
                    )
                ],
            ),
            "Visit.pptx",
            attachments.PPTX.content_type,
        ),
    ],
    ids=["docx", "xlsx", "pptx"],
)
def test_clean_office_open_xml_files_are_accepted(api, data, name, content_type):
    row = accepted_by_the_api(api, data, name)

    assert (row["original_name"], row["content_type"]) == (name, content_type)


# --- Office Open XML: macros -----------------------------------------------------------------


def test_a_docx_with_a_renamed_vba_part_is_refused_by_its_content_type(api, media):
    # Not called vbaProject.bin, not an OLE file, no relationship: only the content type.
    data = office.ooxml_bytes(
        "word", parts={"word/settings2.dat": ("application/vnd.ms-office.vbaProject", b"x" * 64)}
    )

    assert refused_by_the_api(api, media, data, "Minutes.docx").startswith(MACROS)


def test_a_vba_content_type_declared_for_an_extension_is_refused(api, media):
    data = office.ooxml_bytes(
        "word",
        parts={"word/extra.dat": (None, b"x" * 64)},
        defaults={"dat": "application/vnd.ms-office.vbaProject"},
    )

    assert refused_by_the_api(api, media, data, "Minutes.docx").startswith(MACROS)


@pytest.mark.parametrize(
    ("kind", "main_type", "name"),
    [
        ("word", "application/vnd.ms-word.document.macroEnabled.main+xml", "Letter.docx"),
        ("xl", "application/vnd.ms-excel.sheet.macroEnabled.main+xml", "Budget.xlsx"),
        ("ppt", "application/vnd.ms-powerpoint.presentation.macroEnabled.main+xml", "Deck.pptx"),
    ],
)
def test_a_macro_enabled_main_part_is_refused(api, media, kind, main_type, name):
    data = office.ooxml_bytes(kind, main_type=main_type)

    assert refused_by_the_api(api, media, data, name).startswith(MACROS)


@pytest.mark.parametrize(
    "parts",
    [
        # Where Excel puts them, with their content type.
        {"xl/macrosheets/sheet1.xml": ("application/vnd.ms-excel.macrosheet+xml", b"<xm/>")},
        # The name alone (its content type left to the xml default).
        {"xl/macrosheets/sheet1.xml": (None, b"<xm/>")},
        # The international macro sheet content type, under another name.
        {"xl/worksheets/sheet9.xml": ("application/vnd.ms-excel.intlmacrosheet+xml", b"<xm/>")},
    ],
    ids=["macrosheet", "name-only", "intlmacrosheet"],
)
def test_an_xlsx_with_excel_4_macro_sheets_is_refused(api, media, parts):
    data = office.ooxml_bytes("xl", parts=parts)

    assert refused_by_the_api(api, media, data, "Budget.xlsx").startswith(MACROS)


def test_a_relationship_to_a_macro_sheet_is_refused(api, media):
    data = office.ooxml_bytes(
        "xl", relationships=[(f"{MS}/xlMacrosheet", "worksheets/sheet2.xml", "Internal")]
    )

    assert refused_by_the_api(api, media, data, "Budget.xlsx").startswith(MACROS)


# --- Office Open XML: embedded OLE objects and ActiveX -----------------------------------------


def test_a_docx_with_an_embedded_ole_object_is_refused(api, media):
    data = office.ooxml_bytes(
        "word",
        parts={"word/embeddings/oleObject1.bin": (None, office.doc_bytes())},
        defaults={"bin": OLE_OBJECT_TYPE},
        relationships=[(f"{OPENXML}/oleObject", "embeddings/oleObject1.bin", "Internal")],
    )

    assert refused_by_the_api(api, media, data, "Minutes.docx").startswith(OLE_OBJECT)


def test_an_ole_file_inside_a_docx_is_refused_whatever_its_name_and_type(api, media):
    data = office.ooxml_bytes(
        "word", parts={"word/media/image2.png": (None, office.cfb({"Package": b"x" * 64}))}
    )

    assert refused_by_the_api(api, media, data, "Minutes.docx").startswith(OLE_OBJECT)


def test_a_docx_linking_an_outside_ole_object_is_refused(api, media):
    # No part at all: the object is fetched from the address when the document opens.
    data = office.ooxml_bytes(
        "word",
        relationships=[(f"{OPENXML}/oleObject", "http://example.invalid/x.rtf", "External")],
    )

    assert refused_by_the_api(api, media, data, "Minutes.docx").startswith(OLE_OBJECT)


@pytest.mark.parametrize(
    ("kind", "name", "parts", "relationships"),
    [
        (
            "ppt",
            "Deck.pptx",
            {
                "ppt/activeX/activeX1.xml": (ACTIVEX_XML, b"<ax:ocx/>"),
                "ppt/activeX/activeX1.bin": ("application/vnd.ms-office.activeX", b"\x00" * 64),
            },
            [],
        ),
        (
            "xl",
            "Budget.xlsx",
            {"xl/activeX/activeX1.xml": (ACTIVEX_XML, b"<ax:ocx/>")},
            [],
        ),
        # The content type alone, under another name.
        ("xl", "Budget.xlsx", {"xl/ctrl/c1.xml": (ACTIVEX_XML, b"<ax:ocx/>")}, []),
        # The relationship alone.
        ("ppt", "Deck.pptx", {}, [(f"{OPENXML}/control", "activeX/activeX1.xml", "Internal")]),
    ],
    ids=["pptx", "xlsx", "content-type-only", "relationship-only"],
)
def test_office_files_with_activex_controls_are_refused(
    api, media, kind, name, parts, relationships
):
    data = office.ooxml_bytes(kind, parts=parts, relationships=relationships)

    assert refused_by_the_api(api, media, data, name).startswith(ACTIVEX)


# --- Zips with too many entries ----------------------------------------------------------------


LOCAL_HEADER = struct.Struct("<4s5H3L2H")  # signature … name length, extra length
CENTRAL_HEADER = struct.Struct("<4s6H3L5H2L")  # … external attributes, local header offset
ZIP64_END = struct.Struct("<4sQ2H2L4Q")  # … entries here, entries, directory size, offset
ZIP64_LOCATOR = struct.Struct("<4sLQL")
END = struct.Struct("<4s4H2LH")


def many_entries_zip(count: int, *, declared: int | None = None) -> bytes:
    """A docx-looking zip of ``count`` empty stored entries, with the zip64 end records
    (more than 65,535 entries) stating ``declared`` entries (default: ``count``)."""
    names = [b"[Content_Types].xml", b"word/document.xml"]
    names += [b"word/media/%d" % i for i in range(count - len(names))]
    local, central = bytearray(), bytearray()
    for name in names:
        offset = len(local)
        local += LOCAL_HEADER.pack(b"PK\x03\x04", 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0) + name
        header = (b"PK\x01\x02", 20, 20, 0, 0, 0, 0, 0, 0, 0, len(name), 0, 0, 0, 0, 0, offset)
        central += CENTRAL_HEADER.pack(*header) + name
    stated = count if declared is None else declared
    sizes = (len(central), len(local))
    zip64_end = ZIP64_END.pack(b"PK\x06\x06", 44, 45, 45, 0, 0, stated, stated, *sizes)
    locator = ZIP64_LOCATOR.pack(b"PK\x06\x07", 0, len(local) + len(central), 1)
    end = END.pack(b"PK\x05\x06", 0, 0, 0xFFFF, 0xFFFF, *sizes, 0)
    return bytes(local + central) + zip64_end + locator + end


def test_a_zip_just_over_the_entry_limit_is_refused(api, media):
    data = many_entries_zip(attachments.MAX_ZIP_ENTRIES + 1)
    assert len(zipfile.ZipFile(io.BytesIO(data)).infolist()) == 2001  # a valid zip

    message = refused_by_the_api(api, media, data, "Minutes.docx")

    assert "more than 2000 files, too many to check" in message


def test_a_150000_entry_zip_is_refused_without_its_directory_being_read(api, media, monkeypatch):
    data = many_entries_zip(150_000)

    def no_directory_reading(*args, **kwargs):
        raise AssertionError("the central directory was read")

    monkeypatch.setattr(zipfile, "ZipFile", no_directory_reading)

    message = refused_by_the_api(api, media, data, "Minutes.docx")

    assert "too many to check" in message


@pytest.mark.parametrize(
    ("limit", "value"), [("MAX_XML_PART_BYTES", 3000), ("MAX_XML_BYTES", 6000)]
)
def test_relationship_parts_are_read_only_up_to_their_limits(api, media, monkeypatch, limit, value):
    # Each part under 3,000 bytes, all of them over 6,000 together: a small stand-in for
    # the deflated parts of a zip bomb.
    monkeypatch.setattr(attachments, limit, value)
    rels = f'<Relationships xmlns="{office.RELS_NS}">{" " * 2000}</Relationships>'.encode()
    parts = {f"word/_rels/part{i}.xml.rels": (None, rels) for i in range(4)}
    if limit == "MAX_XML_PART_BYTES":
        parts["word/_rels/big.xml.rels"] = (None, rels.replace(b" " * 2000, b" " * 4000))
    data = office.ooxml_bytes("word", parts=parts)

    assert "too large to check" in refused_by_the_api(api, media, data, "Minutes.docx")


def test_a_zip_understating_its_entry_count_is_refused_by_its_directory_size(api, media):
    data = many_entries_zip(150_000, declared=3)

    assert "too many to check" in refused_by_the_api(api, media, data, "Minutes.docx")


# --- Password-protected Office files ---------------------------------------------------------


def encrypted_docx_bytes() -> bytes:
    """A real password-protected Word document (ECMA-376 agile encryption, an OLE file
    holding EncryptionInfo and EncryptedPackage), encrypted by msoffcrypto-tool."""
    encrypted = io.BytesIO()
    OOXMLFile(io.BytesIO(python_docx_bytes())).encrypt("Tacoma1985", encrypted)
    assert msoffcrypto.OfficeFile(io.BytesIO(encrypted.getvalue())).is_encrypted()
    return encrypted.getvalue()


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (encrypted_docx_bytes(), "Agreement.docx"),
        (office.doc_bytes(encrypted=True), "Agreement.doc"),
        (office.xls_bytes(encrypted=True), "Budget.xls"),
        (office.ppt_bytes(encrypted=True), "Deck.ppt"),
    ],
    ids=["docx", "doc", "xls", "ppt"],
)
def test_password_protected_office_files_are_refused(api, media, data, name):
    assert PASSWORD in refused_by_the_api(api, media, data, name)


# --- Word, Excel and PowerPoint 97–2003 -------------------------------------------------------


@pytest.mark.parametrize(
    ("data", "name", "content_type"),
    [
        (office.doc_bytes(), "Letter.doc", "application/msword"),
        (office.xls_bytes(), "Budget.xls", "application/vnd.ms-excel"),
        (office.ppt_bytes(), "Deck.ppt", "application/vnd.ms-powerpoint"),
    ],
    ids=["doc", "xls", "ppt"],
)
def test_clean_legacy_office_files_are_accepted(api, data, name, content_type):
    row = accepted_by_the_api(api, data, name)

    assert row["content_type"] == content_type


@pytest.mark.parametrize(
    ("data", "name"),
    [
        (office.doc_bytes(macros=True), "Letter.doc"),
        (office.xls_bytes(macros=True), "Budget.xls"),
    ],
    ids=["doc", "xls"],
)
def test_legacy_office_files_with_vba_macros_are_refused(officer, media, data, name):
    assert refused_by_attach(officer, media, data, name).startswith(MACROS)


def test_vba_code_in_a_stream_of_any_name_is_found_by_oletools(officer, media):
    # No Macros or VBA storage: oletools finds compressed VBA source ("Attribut") anywhere.
    code = b'\x01\x19\xb0\x00Attribut\x00e VB_Nam\x00e = "Module1"\r\nSub AutoOpen()'
    data = office.doc_bytes(extra={"Data": code})

    assert refused_by_attach(officer, media, data, "Letter.doc").startswith(MACROS)


@pytest.mark.parametrize("clsid", [office.EXCEL_CLSID, None], ids=["excel-clsid", "no-clsid"])
def test_an_xls_with_an_excel_4_macro_sheet_is_refused(api, media, clsid):
    sheets = [("Budget", office.WORKSHEET), ("Auto_Open", office.MACRO_SHEET)]
    data = office.cfb({"Workbook": office.workbook_stream(sheets)}, clsid=clsid)

    assert refused_by_the_api(api, media, data, "Budget.xls").startswith(MACROS)


def test_a_doc_with_an_embedded_packaged_file_is_refused(api, media):
    packaged = {"ObjectPool/_1234567890/\x01Ole10Native": b"\x10\x00\x00\x00setup.exe\x00"}
    data = office.doc_bytes(extra=packaged)

    assert refused_by_the_api(api, media, data, "Letter.doc").startswith(OLE_OBJECT)


def test_an_excel_95_workbook_is_refused_as_unchecked(api, media):
    data = office.cfb({"Book": office.workbook_stream([("Sheet1", office.WORKSHEET)])})

    assert "Excel 5.0/95 workbooks cannot be checked" in refused_by_the_api(
        api, media, data, "Old.xls"
    )


def test_a_word_file_too_short_for_its_header_is_refused_as_unreadable(api, media):
    data = office.cfb({"WordDocument": b"\xec\xa5", "1Table": b""})

    assert "cannot be read as an Office 97–2003 document" in refused_by_the_api(
        api, media, data, "Letter.doc"
    )


# --- The pages --------------------------------------------------------------------------------


def test_the_partner_page_refuses_a_macro_document_with_422(client, officer, media):
    partner = PartnerFactory()
    client.force_login(officer)
    client.cookies["django_language"] = "en"
    data = office.ooxml_bytes(
        "word", parts={"word/x.bin": ("application/vnd.ms-office.vbaProject", b"x")}
    )

    response = client.post(
        reverse("relations:partner-attach", args=[partner.pk]),
        {"title": "Minutes", "file": SimpleUploadedFile("Minutes.docx", data)},
    )

    assert response.status_code == 422
    assert MACROS in response.content.decode()
    assert not Attachment.objects.exists()
    assert stored_files(media) == []
