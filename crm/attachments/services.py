"""Attachments (SPEC §2.3): upload with a size limit and a type allow-list checked on content.

``attach`` is the one way a file becomes an :class:`~crm.models.Attachment` — the API,
the admin and the pages all call it. It refuses, with a ``ValidationError`` naming the
field:

* a file over ``settings.ATTACHMENT_MAX_BYTES`` (default 20 MB) or an empty one;
* a file whose *content* is not one of the allowed types, whatever its name says
  (``sniff``: magic bytes, and the inner structure of zip and OLE containers);
* a file whose name claims another allowed type than its content (``photo.pdf``
  that is a PNG), so that what is downloaded opens in the program its name promises;
* an unknown ``target_type`` or an id that names no row.

The allow-list (what an international affairs office attaches: agreement scans,
photos, letters, programmes, spreadsheets):

===================  =====================================================================
PDF                  starts with ``%PDF-``
Images               PNG, JPEG, GIF, WebP, TIFF, HEIC/HEIF (phone photos)
Word, Excel,         Office Open XML: a zip holding ``[Content_Types].xml`` and ``word/``,
PowerPoint           ``xl/`` or ``ppt/``; legacy 97–2003 files: an OLE compound file holding
                     a ``WordDocument``, ``Workbook``/``Book`` or ``PowerPoint Document``
                     stream
OpenDocument         a zip whose ``mimetype`` entry is an OpenDocument text, spreadsheet,
                     presentation or drawing
===================  =====================================================================

Refused on purpose: executables and installers (``MZ``, ELF, Mach-O, ``.msi`` — an OLE
file without an Office stream), scripts, any other zip, Office files with macros
(``vbaProject.bin``, ``Macros``/``_VBA_PROJECT_CUR`` storages, OpenDocument ``Basic/``),
password-encrypted Office files (their content cannot be checked), SVG and HTML
(active content), and plain text/CSV: text has no signature, so "text" cannot be told
from a script by its content — convert it to PDF or a spreadsheet.

No dependency: python-magic needs the system's libmagic, and the few signatures
needed here are short. Files are stored through Django's storage API
(``STORAGES["default"]``) and read back by ``open_for_download``.
"""

from __future__ import annotations

import dataclasses
import posixpath
import re
import struct
import unicodedata
import zipfile
from typing import IO

import pghistory
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from crm.attachments.models import ATTACHMENT_TARGETS, Attachment

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
HEAD_BYTES = 64


@dataclasses.dataclass(frozen=True)
class FileType:
    """An allowed type: its MIME type, a label for people, and the extensions it goes by."""

    content_type: str
    label: str
    extensions: tuple[str, ...]

    @property
    def extension(self) -> str:
        return self.extensions[0]


PDF = FileType("application/pdf", "PDF", (".pdf",))
PNG = FileType("image/png", "PNG", (".png",))
JPEG = FileType("image/jpeg", "JPEG", (".jpg", ".jpeg", ".jpe", ".jfif"))
GIF = FileType("image/gif", "GIF", (".gif",))
WEBP = FileType("image/webp", "WebP", (".webp",))
TIFF = FileType("image/tiff", "TIFF", (".tif", ".tiff"))
HEIC = FileType("image/heic", "HEIC", (".heic", ".heif"))
DOCX = FileType(
    "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    "Word",
    (".docx", ".dotx"),
)
XLSX = FileType(
    "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "Excel",
    (".xlsx", ".xltx"),
)
PPTX = FileType(
    "application/vnd.openxmlformats-officedocument.presentationml.presentation",
    "PowerPoint",
    (".pptx", ".ppsx", ".potx"),
)
DOC = FileType("application/msword", "Word 97–2003", (".doc", ".dot"))
XLS = FileType("application/vnd.ms-excel", "Excel 97–2003", (".xls", ".xlt"))
PPT = FileType("application/vnd.ms-powerpoint", "PowerPoint 97–2003", (".ppt", ".pps", ".pot"))
ODT = FileType("application/vnd.oasis.opendocument.text", "OpenDocument text", (".odt",))
ODS = FileType(
    "application/vnd.oasis.opendocument.spreadsheet", "OpenDocument spreadsheet", (".ods",)
)
ODP = FileType(
    "application/vnd.oasis.opendocument.presentation", "OpenDocument presentation", (".odp",)
)
ODG = FileType("application/vnd.oasis.opendocument.graphics", "OpenDocument drawing", (".odg",))

ALLOWED_TYPES = (
    *(PDF, PNG, JPEG, GIF, WEBP, TIFF, HEIC),
    *(DOCX, XLSX, PPTX, DOC, XLS, PPT),
    *(ODT, ODS, ODP, ODG),
)
OPENDOCUMENT = {t.content_type: t for t in (ODT, ODS, ODP, ODG)}
KNOWN_EXTENSIONS = {ext for t in ALLOWED_TYPES for ext in t.extensions}
HEIF_BRANDS = {b"heic", b"heix", b"hevc", b"hevx", b"heim", b"heis", b"mif1", b"msf1"}

OLE_SIGNATURE = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"
ZIP_SIGNATURE = b"PK\x03\x04"


def allowed_types_text() -> str:
    return _(
        "PDF; images (PNG, JPEG, GIF, WebP, TIFF, HEIC); Word, Excel and PowerPoint "
        "documents; OpenDocument text, spreadsheets, presentations and drawings"
    )


def _refuse(message: str) -> ValidationError:
    return ValidationError(
        _("%(problem)s Allowed: %(allowed)s.")
        % {"problem": message, "allowed": allowed_types_text()},
        code="file_type",
    )


# --- The sniffer ---------------------------------------------------------------------------


def sniff(file: IO[bytes]) -> FileType:
    """The allowed type of ``file``'s content, or ``ValidationError`` saying what it is.

    ``file`` must be seekable (Django's uploaded files are); it is left at position 0.
    """
    file.seek(0)
    head = file.read(HEAD_BYTES)
    file.seek(0)
    try:
        return _sniff(file, head)
    finally:
        file.seek(0)


def _sniff(file: IO[bytes], head: bytes) -> FileType:
    if head.startswith(b"%PDF-"):
        return PDF
    if head.startswith(b"\x89PNG\r\n\x1a\n"):
        return PNG
    if head.startswith(b"\xff\xd8\xff"):
        return JPEG
    if head[:6] in (b"GIF87a", b"GIF89a"):
        return GIF
    if head[:4] == b"RIFF" and head[8:12] == b"WEBP":
        return WEBP
    if head[:4] in (b"II*\x00", b"MM\x00*"):
        return TIFF
    if head[4:8] == b"ftyp" and head[8:12] in HEIF_BRANDS:
        return HEIC
    if head.startswith(ZIP_SIGNATURE):
        return _sniff_zip(file)
    if head.startswith(OLE_SIGNATURE):
        return _sniff_ole(file)
    if head.startswith(b"MZ"):
        raise _refuse(_("This is a Windows program (an executable), not a document."))
    if head.startswith(b"\x7fELF") or head[:4] in (
        b"\xfe\xed\xfa\xce",
        b"\xfe\xed\xfa\xcf",
        b"\xce\xfa\xed\xfe",
        b"\xcf\xfa\xed\xfe",
        b"\xca\xfe\xba\xbe",
    ):
        raise _refuse(_("This is a program (an executable), not a document."))
    if head.startswith(b"#!"):
        raise _refuse(_("This is a script, not a document."))
    if not head:
        raise ValidationError(_("The file is empty."), code="empty")
    raise _refuse(_("The content of this file is not of an allowed type."))


def _sniff_zip(file: IO[bytes]) -> FileType:
    """Office Open XML and OpenDocument files are zips; any other zip is refused."""
    try:
        with zipfile.ZipFile(file) as archive:
            names = archive.namelist()
            mimetype = b""
            if "mimetype" in names:
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).strip()
    except (zipfile.BadZipFile, zipfile.LargeZipFile, OSError, RuntimeError, ValueError):
        raise _refuse(_("This looks like a zip archive but cannot be read.")) from None
    lower = [name.lower() for name in names]
    if "[content_types].xml" in lower:
        if any(name.endswith("vbaproject.bin") for name in lower):
            raise _refuse(_("Office documents with macros are not accepted."))
        for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
            if any(name.startswith(prefix) for name in lower):
                return kind
    found = OPENDOCUMENT.get(mimetype.decode("ascii", "replace"))
    if found is not None:
        if any(name.startswith(("basic/", "scripts/")) for name in lower):
            raise _refuse(_("Documents with macros are not accepted."))
        return found
    raise _refuse(_("This is a zip archive, not an Office or OpenDocument file."))


# MS-CFB (compound file binary format) constants.
_END_OF_CHAIN = 0xFFFFFFFE
_MAX_SECTOR = 0xFFFFFFFA
_MAX_DIRECTORY_SECTORS = 4096


def ole_stream_names(file: IO[bytes]) -> set[str]:
    """The names of the storages and streams of an OLE compound file (MS-CFB).

    Reads the header, the FAT (through the DIFAT) and the directory chain — enough to
    tell a Word, Excel or PowerPoint 97–2003 file from an installer or an Outlook
    message, which share the container. ``ValueError`` for a malformed file.
    """
    file.seek(0)
    header = file.read(512)
    if len(header) < 512 or not header.startswith(OLE_SIGNATURE):
        raise ValueError("not an OLE file")
    sector_shift = struct.unpack_from("<H", header, 0x1E)[0]
    if sector_shift not in (9, 12):
        raise ValueError("bad sector size")
    sector_size = 1 << sector_shift
    per_sector = sector_size // 4
    first_directory = struct.unpack_from("<I", header, 0x30)[0]
    first_difat, difat_count = struct.unpack_from("<II", header, 0x44)

    def read_sector(number: int) -> bytes:
        if number > _MAX_SECTOR:
            raise ValueError("bad sector number")
        file.seek((number + 1) * sector_size)
        data = file.read(sector_size)
        if len(data) != sector_size:
            raise ValueError("truncated file")
        return data

    fat_sectors = [n for n in struct.unpack_from("<109I", header, 0x4C) if n <= _MAX_SECTOR]
    difat_sector = first_difat
    for _i in range(min(difat_count, 1024)):
        if difat_sector > _MAX_SECTOR:
            break
        data = read_sector(difat_sector)
        entries = struct.unpack(f"<{per_sector}I", data)
        fat_sectors += [n for n in entries[:-1] if n <= _MAX_SECTOR]
        difat_sector = entries[-1]
    fat: list[int] = []
    for number in fat_sectors:
        fat.extend(struct.unpack(f"<{per_sector}I", read_sector(number)))

    names: set[str] = set()
    sector, seen = first_directory, set()
    while sector != _END_OF_CHAIN:
        if sector in seen or sector >= len(fat) or len(seen) >= _MAX_DIRECTORY_SECTORS:
            raise ValueError("bad directory chain")
        seen.add(sector)
        data = read_sector(sector)
        for offset in range(0, sector_size, 128):
            length = struct.unpack_from("<H", data, offset + 0x40)[0]
            kind = data[offset + 0x42]
            if kind in (1, 2) and 2 <= length <= 64:
                names.add(data[offset : offset + length - 2].decode("utf-16-le", "replace"))
        sector = fat[sector]
    return names


def _sniff_ole(file: IO[bytes]) -> FileType:
    try:
        names = ole_stream_names(file)
    except (ValueError, struct.error):
        raise _refuse(_("This file cannot be read as an Office 97–2003 document.")) from None
    if names & {"Macros", "_VBA_PROJECT_CUR", "VBA"}:
        raise _refuse(_("Office documents with macros are not accepted."))
    if "EncryptedPackage" in names:
        raise _refuse(
            _("This Office document is password-protected, so its content cannot be checked.")
        )
    if "WordDocument" in names:
        return DOC
    if names & {"Workbook", "Book"}:
        return XLS
    if "PowerPoint Document" in names:
        return PPT
    raise _refuse(
        _(
            "This is a Windows compound file (an installer or a message, for example), "
            "not a document."
        )
    )


# --- Names, sizes, targets ---------------------------------------------------------------------


def clean_file_name(name: str) -> str:
    """The last component of the name the browser sent, without control characters."""
    name = re.split(r"[\\/]", name or "")[-1]
    name = "".join(
        c for c in unicodedata.normalize("NFC", name) if unicodedata.category(c)[0] != "C"
    )
    name = name.strip().strip(".") or "attachment"
    if len(name) > 255:
        stem, extension = posixpath.splitext(name)
        name = stem[: 255 - len(extension[:20])] + extension[:20]
    return name


def check_name(name: str, kind: FileType) -> str:
    """The name to keep: the cleaned name, ending in one of the type's extensions.

    A name that claims another allowed type (``scan.pdf`` holding a PNG) is refused;
    a name without an extension, or with one we do not list (``notes.txt``,
    ``minutes v1.2``), gets the type's extension appended, so the downloaded file opens
    in the right program.
    """
    name = clean_file_name(name)
    extension = posixpath.splitext(name)[1].lower()
    if extension in kind.extensions:
        return name
    if extension in KNOWN_EXTENSIONS:
        raise ValidationError(
            _(
                "“%(name)s” is named as a %(extension)s file but its content is %(label)s. "
                "Rename it or choose the right file."
            )
            % {"name": name, "extension": extension, "label": kind.label},
            code="file_type_mismatch",
        )
    stem = name[: 255 - len(kind.extension)]
    return stem + kind.extension


def max_bytes() -> int:
    return int(getattr(settings, "ATTACHMENT_MAX_BYTES", DEFAULT_MAX_BYTES))


def human_size(size: int) -> str:
    if size >= 1024 * 1024:
        return _("%(n).1f MB") % {"n": size / (1024 * 1024)}
    if size >= 1024:
        return _("%(n).0f KB") % {"n": size / 1024}
    return _("%(n)d bytes") % {"n": size}


def check_size(size: int) -> None:
    limit = max_bytes()
    if size > limit:
        raise ValidationError(
            _("The file is %(size)s; the limit is %(limit)s.")
            % {"size": human_size(size), "limit": human_size(limit)},
            code="file_too_large",
        )
    if size == 0:
        raise ValidationError(_("The file is empty."), code="empty")


def file_size(file) -> int:
    size = getattr(file, "size", None)
    if size is None:
        file.seek(0, 2)
        size = file.tell()
        file.seek(0)
    return int(size)


def validate_file(file, name: str | None = None) -> tuple[FileType, str]:
    """Size, then type by content, then name: ``(type, name to keep)`` or ValidationError."""
    check_size(file_size(file))
    kind = sniff(file)
    return kind, check_name(name if name is not None else getattr(file, "name", ""), kind)


def target_model(target_type: str) -> type[models.Model]:
    label = ATTACHMENT_TARGETS.get(target_type or "")
    if label is None:
        raise ValidationError(
            {
                "target_type": [
                    _("Choose one of: %(types)s.") % {"types": ", ".join(ATTACHMENT_TARGETS)}
                ]
            },
            code="invalid_choice",
        )
    return apps.get_model(label)


def find_target(target_type: str, target_id) -> models.Model:
    model = target_model(target_type)
    try:
        return model._default_manager.get(pk=int(target_id))
    except (TypeError, ValueError, OverflowError, model.DoesNotExist):
        raise ValidationError(
            {
                "target_id": [
                    _("There is no %(type)s with id %(id)s.")
                    % {"type": model._meta.verbose_name, "id": target_id}
                ]
            },
            code="does_not_exist",
        ) from None


# --- Writes --------------------------------------------------------------------------------------


def _user_id(user) -> int | None:
    return user.pk if user is not None and getattr(user, "is_authenticated", False) else None


def attach(*, user, file, title: str, target_type: str, target_id) -> Attachment:
    """Check ``file`` (size, type by content, name) and store it linked to the target.

    ``ValidationError`` with ``{field: [messages]}`` (``file``, ``title``,
    ``target_type``, ``target_id``) when anything is wrong; nothing is stored then.
    """
    target = find_target(target_type, target_id)
    try:
        kind, name = validate_file(file)
    except ValidationError as error:
        raise ValidationError({"file": error.messages}) from None
    title = (title or "").strip() or posixpath.splitext(name)[0][:200]
    attachment = Attachment(
        title=title,
        original_name=name,
        content_type=kind.content_type,
        size=file_size(file),
        created_by_id=_user_id(user),
        **{target_type: target},
    )
    attachment.full_clean(exclude=["file"])
    file.seek(0)
    with transaction.atomic(), pghistory.context(user=_user_id(user)):
        # The storage picks the final name (attachments/<date>/<random><extension>).
        attachment.file.save(f"upload{kind.extension}", file, save=False)
        try:
            attachment.save()
        except BaseException:
            attachment.file.storage.delete(attachment.file.name)
            raise
    return attachment


def open_for_download(attachment: Attachment):
    """The stored file, opened for reading through the storage (local disk or S3)."""
    return attachment.file.storage.open(attachment.file.name, "rb")


def download_response(attachment: Attachment) -> FileResponse:
    """The file streamed as a download: its kept name, its detected type, never cached
    by shared caches, never rendered inline (the callers check the user's role)."""
    try:
        handle = open_for_download(attachment)
    except OSError:
        raise Http404(_("The stored file of this attachment is missing.")) from None
    response = FileResponse(
        handle,
        as_attachment=True,
        filename=attachment.original_name,
        content_type=attachment.content_type,
    )
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "default-src 'none'; sandbox"
    return response


# --- Reads ---------------------------------------------------------------------------------------


def attachment_list():
    """Every attachment, newest first: the API's list (no joins needed for its fields)."""
    return Attachment.objects.all()


def attachments_of_partner(partner_id: int):
    """A partner's page: files on the partner, its agreements, contacts and gifts."""
    return (
        Attachment.objects.filter(
            models.Q(partner_id=partner_id)
            | models.Q(agreement__partner_id=partner_id)
            | models.Q(contact__partner_id=partner_id)
            | models.Q(gift__partner_id=partner_id)
        )
        .select_related("agreement__partner", "contact", "gift", "created_by")
        .order_by("-created_at", "-id")
    )


def attachments_of_visit(visit_id: int):
    """A visit's page: files on the visit, its engagements and its gifts."""
    return (
        Attachment.objects.filter(
            models.Q(visit_id=visit_id)
            | models.Q(engagement__visit_id=visit_id)
            | models.Q(gift__visit_id=visit_id)
        )
        .select_related("engagement", "gift", "created_by")
        .order_by("-created_at", "-id")
    )
