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
                     a ``WordDocument``, ``Workbook`` or ``PowerPoint Document`` stream
OpenDocument         a zip whose ``mimetype`` entry is an OpenDocument text, spreadsheet,
                     presentation or drawing
===================  =====================================================================

Refused on purpose: executables and installers (``MZ``, ELF, Mach-O, ``.msi`` — an OLE
file without an Office stream), scripts, any other zip, SVG and HTML (active content),
and plain text/CSV: text has no signature, so "text" cannot be told from a script by its
content — convert it to PDF or a spreadsheet. Office files are opened and refused when
they hold active content or cannot be checked:

* Office Open XML (``check_office_package``): any part whose content type, name or
  relationship marks VBA (``application/vnd.ms-office.vbaProject`` under any name,
  ``…macroEnabled…`` main parts), Excel 4.0 macro sheets (``xl/macrosheets/``,
  ``…macrosheet+xml``), ActiveX controls (``/activeX/``, ``…activeX…``) or OLE objects
  (``…oleObject``, ``/embeddings/*.bin``, a link to an outside object), and any part that
  is itself an OLE file. ``[Content_Types].xml`` and ``*.rels`` are parsed with
  defusedxml; a zip of more than ``MAX_ZIP_ENTRIES`` entries is refused from its end
  record, before its directory is read.
* Word, Excel and PowerPoint 97–2003 (``_sniff_ole``), read with olefile: VBA storages,
  VBA projects and code (oletools' ``VBA_Parser``), Excel 4.0 macro sheets (oletools'
  BIFF plugin), packaged files (``\\x01Ole10Native``), password protection
  (msoffcrypto-tool's ``is_encrypted``, and encrypted OOXML packages), Excel 5.0/95
  workbooks (no checker reads their macros), and files those readers cannot parse.
* OpenDocument with ``Basic/`` or ``Scripts/`` (macros).

Files are stored through Django's storage API
(``STORAGES["default"]``) and read back by ``open_for_download``.
"""

from __future__ import annotations

import dataclasses
import functools
import io
import logging
import posixpath
import re
import struct
import unicodedata
import urllib.parse
import warnings
import zipfile
import zlib
from typing import IO
from xml.etree import ElementTree

import msoffcrypto
import olefile
import pghistory
from defusedxml import ElementTree as SafeElementTree
from django.apps import apps
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models, transaction
from django.http import FileResponse, Http404
from django.utils.translation import gettext as _

from crm.attachments.models import ATTACHMENT_TARGETS, Attachment
from crm.core.expressions import in_subquery

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

# A zip with more entries than this is refused before its directory is read (Office
# files of a few megabytes have tens to hundreds; a zip bomb can have millions).
MAX_ZIP_ENTRIES = 2000
MAX_ZIP_DIRECTORY_BYTES = MAX_ZIP_ENTRIES * 512
# [Content_Types].xml and the relationship parts are read to check them: each to this
# size, and all of them together to MAX_XML_BYTES.
MAX_XML_PART_BYTES = 8 * 1024 * 1024
MAX_XML_BYTES = 32 * 1024 * 1024


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


def _unreadable_zip() -> ValidationError:
    return _refuse(_("This looks like a zip archive but cannot be read."))


def _sniff_zip(file: IO[bytes]) -> FileType:
    """Office Open XML and OpenDocument files are zips; any other zip is refused."""
    try:
        entries, directory_bytes = zip_directory_size(file)
    except (ValueError, struct.error):
        raise _unreadable_zip() from None
    if entries > MAX_ZIP_ENTRIES or directory_bytes > MAX_ZIP_DIRECTORY_BYTES:
        raise _too_many_entries()
    try:
        with zipfile.ZipFile(file) as archive:
            infos = archive.infolist()
            if len(infos) > MAX_ZIP_ENTRIES:
                raise _too_many_entries()
            lower = [info.filename.lower() for info in infos]
            if len(set(lower)) != len(lower):
                # Two parts with one name: which one a program reads is anyone's guess.
                raise _unreadable_zip()
            if "[content_types].xml" in lower:
                for prefix, kind in (("word/", DOCX), ("xl/", XLSX), ("ppt/", PPTX)):
                    if any(name.startswith(prefix) for name in lower):
                        check_office_package(archive)
                        return kind
            mimetype = b""
            if "mimetype" in archive.namelist():
                with archive.open("mimetype") as entry:
                    mimetype = entry.read(100).strip()
    except _ZIP_ERRORS:
        raise _unreadable_zip() from None
    found = OPENDOCUMENT.get(mimetype.decode("ascii", "replace"))
    if found is not None:
        if any(name.startswith(("basic/", "scripts/")) for name in lower):
            raise _refuse(_("Documents with macros are not accepted."))
        return found
    raise _refuse(_("This is a zip archive, not an Office or OpenDocument file."))


# What a damaged or hostile zip makes zipfile, zlib or the XML parser raise.
_ZIP_ERRORS = (
    zipfile.BadZipFile,
    zipfile.LargeZipFile,
    OSError,
    EOFError,
    RuntimeError,  # an encrypted entry
    NotImplementedError,  # an unknown compression method
    ValueError,  # includes defusedxml's refusals (entities, external references)
    zlib.error,
    ElementTree.ParseError,
)

_EOCD = struct.Struct("<4s4H2LH")
_ZIP64_LOCATOR = struct.Struct("<4sLQL")
_ZIP64_EOCD = struct.Struct("<4sQ2H2L4Q")


def zip_directory_size(file: IO[bytes]) -> tuple[int, int]:
    """``(entries, bytes)`` of a zip's central directory, as its end record declares them.

    Read from the last bytes of the file, the way ``zipfile`` finds the record, but
    before ``zipfile`` parses the directory: a zip of 150,000 empty entries is refused
    without building 150,000 ``ZipInfo`` objects. ``ValueError`` if there is no record.
    """
    file.seek(0, 2)
    size = file.tell()
    length = min(size, _ZIP64_EOCD.size + _ZIP64_LOCATOR.size + _EOCD.size + 0xFFFF)
    file.seek(size - length)
    tail = file.read(length)
    at = tail.rfind(b"PK\x05\x06", 0, len(tail) - _EOCD.size + 4)
    if at < 0:
        raise ValueError("no end of central directory record")
    fields = _EOCD.unpack_from(tail, at)
    entries, directory_bytes = max(fields[3], fields[4]), fields[5]
    locator = at - _ZIP64_LOCATOR.size
    record = locator - _ZIP64_EOCD.size
    zip64 = (
        tail[locator : locator + 4] == b"PK\x06\x07" and tail[record : record + 4] == b"PK\x06\x06"
    )
    if record >= 0 and zip64:
        fields = _ZIP64_EOCD.unpack_from(tail, record)
        entries = max(entries, fields[6], fields[7])
        directory_bytes = max(directory_bytes, fields[8])
    return entries, directory_bytes


def _too_many_entries() -> ValidationError:
    return _refuse(
        _("This archive holds more than %(count)d files, too many to check.")
        % {"count": MAX_ZIP_ENTRIES}
    )


# Active content in an Office Open XML package (ECMA-376 part 2 content types and the
# names Office gives the parts): what is refused, and how it is told.
MACROS, ACTIVEX, OLE_OBJECT = "macros", "activex", "ole_object"
_ACTIVE_CONTENT_TYPES = (
    ("vbaproject", MACROS),  # application/vnd.ms-office.vbaProject (and its signature)
    ("macroenabled", MACROS),  # ….document.macroEnabled.main+xml, ….sheet.macroEnabled…
    ("macrosheet", MACROS),  # Excel 4.0 macro sheets: …excel.macrosheet+xml, …intlmacrosheet…
    ("vbadata", MACROS),  # application/vnd.ms-word.vbaData+xml
    ("activex", ACTIVEX),  # application/vnd.ms-office.activeX+xml, ….activeX
    ("oleobject", OLE_OBJECT),  # application/vnd.openxmlformats-officedocument.oleObject
)
_ACTIVE_RELATIONSHIPS = {  # the last segment of a relationship type
    "vbaproject": MACROS,
    "vbaprojectsignature": MACROS,
    "wordvbadata": MACROS,
    "xlmacrosheet": MACROS,
    "xlintlmacrosheet": MACROS,
    "control": ACTIVEX,
    "activexcontrolbinary": ACTIVEX,
    "oleobject": OLE_OBJECT,  # embedded, or linked to an outside file or address
}
_MACRO_ENABLED_EXTENSIONS = (
    *(".docm", ".dotm", ".xlsm", ".xltm", ".xlam"),
    *(".pptm", ".potm", ".ppsm", ".ppam", ".sldm"),
)


def _active_content_by_type(content_type: str) -> str | None:
    content_type = content_type.lower()
    return next((kind for mark, kind in _ACTIVE_CONTENT_TYPES if mark in content_type), None)


def _active_content_by_name(name: str) -> str | None:
    path, base = "/" + name.lower(), posixpath.basename(name.lower())
    if base in ("vbaproject.bin", "vbadata.xml") or "/macrosheets/" in path:
        return MACROS
    if base.endswith(_MACRO_ENABLED_EXTENSIONS):  # an embedded .xlsm, .docm…
        return MACROS
    if "/activex/" in path:
        return ACTIVEX
    if base.startswith("oleobject") or ("/embeddings/" in path and base.endswith(".bin")):
        return OLE_OBJECT
    return None


def _refuse_active_content(kind: str) -> ValidationError:
    if kind == ACTIVEX:
        return _refuse(_("Office documents with ActiveX controls are not accepted."))
    if kind == OLE_OBJECT:
        return _refuse(
            _(
                "Office documents with embedded objects (OLE objects, packaged files) "
                "are not accepted."
            )
        )
    return _refuse(_("Office documents with macros are not accepted."))


def _local_name(tag) -> str:
    return tag.rsplit("}", 1)[-1] if isinstance(tag, str) else ""


def _read_xml_part(archive: zipfile.ZipFile, info: zipfile.ZipInfo, limit: int):
    """``(element, bytes read)``: a package's XML part parsed with defusedxml (no DTD
    entities, no outside references), read to at most ``limit`` bytes whatever its
    header says."""
    if info.file_size > limit:
        raise _refuse(_("This Office document is too large to check."))
    with archive.open(info) as entry:
        data = entry.read(limit + 1)
    if len(data) > limit:
        raise _refuse(_("This Office document is too large to check."))
    return SafeElementTree.fromstring(data), len(data)


def check_office_package(archive: zipfile.ZipFile) -> None:
    """``ValidationError`` if an Office Open XML package holds macros or active content.

    Its parts' content types (``[Content_Types].xml``: overrides by part name, defaults
    by extension), their names, their relationships (``*.rels``) and their first bytes
    (an OLE compound file inside a package is a VBA project, an OLE object or an ActiveX
    control, under whatever name) are checked: a renamed ``vbaProject.bin`` is still
    declared ``application/vnd.ms-office.vbaProject``, and so on.
    """
    infos = [info for info in archive.infolist() if not info.is_dir()]
    content_types = next(i for i in infos if i.filename.lower() == "[content_types].xml")
    defaults, overrides = {}, {}
    # The XML read, all parts together, is capped too: 2,000 deflated relationship parts
    # of a few kilobytes each can stand for gigabytes.
    budget = MAX_XML_BYTES
    types, size = _read_xml_part(archive, content_types, min(budget, MAX_XML_PART_BYTES))
    budget -= size
    for element in types.iter():
        tag, content_type = _local_name(element.tag), element.get("ContentType", "")
        if tag == "Default":
            defaults[element.get("Extension", "").lower().lstrip(".")] = content_type
        elif tag == "Override":
            part = urllib.parse.unquote(element.get("PartName", "")).lower().lstrip("/")
            overrides[part] = content_type
    # A declared override is refused even when no entry has its name (percent-encoding
    # or a second spelling could make the two differ).
    for content_type in overrides.values():
        if kind := _active_content_by_type(content_type):
            raise _refuse_active_content(kind)
    for info in infos:
        name = info.filename.lower()
        extension = posixpath.splitext(name)[1].lstrip(".")
        content_type = overrides.get(name) or defaults.get(extension, "")
        kind = _active_content_by_type(content_type) or _active_content_by_name(name)
        if kind:
            raise _refuse_active_content(kind)
        with archive.open(info) as entry:
            if entry.read(len(OLE_SIGNATURE)) == OLE_SIGNATURE:
                raise _refuse_active_content(OLE_OBJECT)
        if name.endswith(".rels"):
            relationships, size = _read_xml_part(archive, info, min(budget, MAX_XML_PART_BYTES))
            budget -= size
            for element in relationships.iter():
                if _local_name(element.tag) == "Relationship":
                    relationship = element.get("Type", "").rstrip("/").rsplit("/", 1)[-1]
                    if kind := _ACTIVE_RELATIONSHIPS.get(relationship.lower()):
                        raise _refuse_active_content(kind)


# --- OLE compound files: Word, Excel and PowerPoint 97–2003 --------------------------------

_MACRO_STORAGES = {"macros", "_vba_project_cur", "_vba_project", "vba"}
_ENCRYPTED_PACKAGE = {"encryptioninfo", "encryptedpackage"}  # an encrypted OOXML file
_PACKAGED_FILE = "\x01ole10native"  # an embedded file (Packager): a program, a script…


def _sniff_ole(file: IO[bytes]) -> FileType:
    file.seek(0)
    data = file.read()
    try:
        with olefile.OleFileIO(io.BytesIO(data)) as ole:
            paths = ole.listdir(streams=True, storages=True)
    except Exception:  # whatever a malformed file makes the parser raise
        raise _unreadable_ole() from None
    names = {part.casefold() for path in paths for part in path}
    top = {path[0].casefold() for path in paths if len(path) == 1}
    if names & _MACRO_STORAGES:
        raise _refuse(_("Office documents with macros are not accepted."))
    if _PACKAGED_FILE in names:
        raise _refuse_active_content(OLE_OBJECT)
    if top & _ENCRYPTED_PACKAGE:
        raise _refuse_encrypted()
    if "worddocument" in top:
        kind = DOC
    elif "workbook" in top:
        kind = XLS
    elif "powerpoint document" in top:
        kind = PPT
    elif "book" in top:
        raise _refuse(
            _(
                "Excel 5.0/95 workbooks cannot be checked for macros. "
                "Save the file as a current Excel workbook (.xlsx)."
            )
        )
    else:
        raise _refuse(
            _(
                "This is a Windows compound file (an installer or a message, for example), "
                "not a document."
            )
        )
    try:
        encrypted = msoffcrypto.OfficeFile(io.BytesIO(data)).is_encrypted()
        macros = not encrypted and (_has_vba_macros(data) or _has_excel4_macros(data))
    except Exception:  # the streams the checks read are missing or malformed
        raise _unreadable_ole() from None
    if encrypted:
        raise _refuse_encrypted()
    if macros:
        raise _refuse(_("Office documents with macros are not accepted."))
    return kind


def _unreadable_ole() -> ValidationError:
    return _refuse(_("This file cannot be read as an Office 97–2003 document."))


def _refuse_encrypted() -> ValidationError:
    return _refuse(
        _("This Office document is password-protected, so its content cannot be checked.")
    )


@functools.cache
def _oletools():
    """oletools' VBA detector and its BIFF reader, imported on first use: they build
    pyparsing grammars at import (a third of a second), and warn about pyparsing names."""
    with warnings.catch_warnings():
        warnings.simplefilter("ignore", DeprecationWarning)
        from oletools import olevba
        from oletools.thirdparty.oledump import plugin_biff
    # Imported after logging is set up, its logger takes the root's level and narrates
    # every file at INFO; LOGGING in the settings still decides when it names the logger.
    logger = logging.getLogger("olevba")
    if logger.level == logging.NOTSET:
        logger.setLevel(logging.WARNING)
    return olevba, plugin_biff


def _has_vba_macros(data: bytes) -> bool:
    """oletools' ``VBA_Parser.detect_vba_macros``: a VBA project (PROJECT, VBA/dir,
    VBA/_VBA_PROJECT) in any storage, VBA source in any stream, or in PowerPoint's
    embedded storages."""
    olevba, _plugin_biff = _oletools()
    parser = olevba.VBA_Parser("upload", data=data)
    try:
        return bool(parser.detect_vba_macros())
    finally:
        parser.close()


def _has_excel4_macros(data: bytes) -> bool:
    """An Excel 4.0 macro sheet (or an Excel 5 VBA module sheet) among a workbook's sheets.

    oletools' ``detect_xlm_macros`` reads the BOUNDSHEET records with oledump's BIFF
    plugin, but only for files whose root CLSID says Excel, and Excel opens a workbook
    whatever its CLSID says: the plugin is run here on every Workbook or Book stream.
    """
    _olevba, plugin_biff = _oletools()
    with olefile.OleFileIO(io.BytesIO(data)) as ole:
        for stream in ("Workbook", "Book"):
            if not ole.exists(stream):
                continue
            records = _workbook_globals(ole.openstream(stream).read())
            lines = plugin_biff.cBIFF(name=[stream], stream=records, options="-o BOUNDSHEET")
            text = "\n".join(lines.Analyze()).lower()
            if "excel 4.0 macro sheet" in text or "visual basic module" in text:
                return True
    return False


def _workbook_globals(records: bytes) -> bytes:
    """The records up to the first EOF: the workbook globals, where the BOUNDSHEET
    records are (MS-XLS 2.1.7.20.3). The plugin formats every record it reads, so it
    reads these rather than the cells of every sheet (seconds for a large workbook)."""
    offset = 0
    while offset + 4 <= len(records):
        record_type, size = struct.unpack_from("<HH", records, offset)
        offset += 4 + size
        if record_type == 0x000A:  # EOF
            break
    return records[:offset]


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


def _of(field: str, **where) -> models.Q:
    """Attachments whose ``field`` (agreement, contact, engagement, gift) is one of the rows
    ``where`` selects: ids, not a join, so each branch of the pages' ORs reads its index."""
    target = Attachment._meta.get_field(field).related_model
    return in_subquery(f"{field}_id", target.objects.filter(**where).values("pk"))


def attachments_of_partner(partner_id: int):
    """A partner's page: files on the partner, its agreements, contacts and gifts."""
    return (
        Attachment.objects.filter(
            models.Q(partner_id=partner_id)
            | _of("agreement", partner_id=partner_id)
            | _of("contact", partner_id=partner_id)
            | _of("gift", partner_id=partner_id)
        )
        .select_related("agreement__partner", "contact", "gift", "created_by")
        .order_by("-created_at", "-id")
    )


def attachments_of_visit(visit_id: int):
    """A visit's page: files on the visit, its engagements and its gifts."""
    return (
        Attachment.objects.filter(
            models.Q(visit_id=visit_id)
            | _of("engagement", visit_id=visit_id)
            | _of("gift", visit_id=visit_id)
        )
        .select_related("engagement", "gift", "created_by")
        .order_by("-created_at", "-id")
    )
