"""Public disclosure of a trip report (issue 14 item 5): the catalogue fields the national
trip-report system (公務出國報告資訊網) asks for, and the report as a PDF.

Public entry points::

    disclosure(visit, language="zh-hant") -> dict     # the catalogue record
    disclosure_table(record) -> (headers, rows)        # the same as field/value rows
    disclosure_csv(record) -> bytes, disclosure_xlsx(record) -> bytes
    report_pdf(visit, language) -> bytes               # raises PdfUnavailable

The fields are those of the report's cover and its 壹 (read by
:func:`visits.report.load_visit_for_report`): report title, 出國類別 (the visit's
category), agency (服務機關), members (name, unit, title, in protocol order), countries,
period, report date (the submission date, else today), keywords and page count.

Keywords are not kept on a visit: they are derived from the record — the kinds of the
partners visited (姊妹市 …), their names, and the topics of the itinerary, most frequent
first.

The page count is the PDF's when LibreOffice (``soffice`` on the ``PATH``) is installed;
otherwise it is estimated from the text of the Word document, and the record says so.
PDFs and page counts are cached (Redis) under a hash of the document's content, so a
report that has not changed is converted once.
"""

from __future__ import annotations

import csv
import datetime as dt
import hashlib
import io
import math
import re
import shutil
import subprocess
import tempfile
import unicodedata
import zipfile
from pathlib import Path

from django.core.cache import cache
from django.db.models import Count
from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from docx import Document
from docx.oxml.ns import qn

from crm.core.formatting import (
    DOCUMENT,
    DateFormat,
    choice_label,
    local_today,
    pick_name,
)
from relations.models import Partner, Topic
from visits.models import Visit
from visits.report import (
    _countries,
    _member_name,
    agency_name,
    load_visit_for_report,
    normalise_language,
    render_report,
)

#: How long LibreOffice may take to convert one report.
CONVERSION_TIMEOUT = 180
#: Cached PDFs and page counts live this long (they are keyed by content, so never stale).
CACHE_SECONDS = 7 * 24 * 3600
MAX_KEYWORDS = 12
#: Partner kinds that make a keyword (a "prospective" partner's kind does not).
RELATIONSHIP_KINDS = ("sister", "friendship")

PDF_SOURCE, ESTIMATE_SOURCE = "pdf", "estimate"

LABELS = {
    "title": pgettext_lazy("disclosure", "Report title"),
    "category": pgettext_lazy("disclosure", "Trip category"),
    "agency": pgettext_lazy("disclosure", "Agency"),
    "members": pgettext_lazy("disclosure", "Members"),
    "member_count": pgettext_lazy("disclosure", "Number of members"),
    "countries": pgettext_lazy("disclosure", "Countries visited"),
    "period_start": pgettext_lazy("disclosure", "Trip start"),
    "period_end": pgettext_lazy("disclosure", "Trip end"),
    "period": pgettext_lazy("disclosure", "Travel period"),
    "report_date": pgettext_lazy("disclosure", "Report date"),
    "keywords": pgettext_lazy("disclosure", "Keywords"),
    "page_count": pgettext_lazy("disclosure", "Page count"),
    "page_count_note": pgettext_lazy("disclosure", "Page count note"),
    "field": pgettext_lazy("disclosure", "Field"),
    "value": pgettext_lazy("disclosure", "Value"),
    "no": pgettext_lazy("disclosure", "No."),
    "unit": pgettext_lazy("disclosure", "Unit"),
    "member_title": pgettext_lazy("disclosure", "Title"),
    "name": pgettext_lazy("disclosure", "Name"),
    "sheet": pgettext_lazy("disclosure", "Report"),
}
ESTIMATE_NOTE = _(
    "Estimated from the text of the Word document: LibreOffice (soffice) is not installed "
    "on the server, so the report could not be paginated."
)
PDF_NOTE = _("Counted in the PDF rendered by LibreOffice.")
UNAVAILABLE = _(
    "The PDF needs LibreOffice (soffice), which is not installed on this server. "
    "Download the Word document instead, or ask the administrator to install "
    "LibreOffice (Debian: libreoffice-writer-nogui)."
)
FAILED = _("LibreOffice could not convert the report to PDF. Try again later.")


class PdfUnavailable(RuntimeError):
    """No PDF: LibreOffice is not installed, or the conversion failed (``message`` says)."""

    def __init__(self, message):
        super().__init__(str(message))
        self.message = message


# --- PDF ----------------------------------------------------------------------------------


def soffice() -> str | None:
    """The LibreOffice binary on the ``PATH`` (``soffice``, else ``libreoffice``), if any."""
    return shutil.which("soffice") or shutil.which("libreoffice")


def _content_key(document: bytes) -> str:
    """A hash of what the .docx says (its parts), not of the zip's timestamps."""
    digest = hashlib.sha256()
    with zipfile.ZipFile(io.BytesIO(document)) as archive:
        for name in sorted(archive.namelist()):
            digest.update(name.encode())
            digest.update(archive.read(name))
    return digest.hexdigest()


def docx_to_pdf(document: bytes) -> bytes:
    """``document`` converted by LibreOffice headless (cached by content)."""
    binary = soffice()
    if binary is None:
        raise PdfUnavailable(UNAVAILABLE)
    key = f"report-pdf:{_content_key(document)}"
    cached = cache.get(key)
    if cached is not None:
        return cached
    with tempfile.TemporaryDirectory(prefix="crm-pdf-") as work:
        folder = Path(work)
        source = folder / "report.docx"
        source.write_bytes(document)
        try:
            subprocess.run(
                [
                    binary,
                    # A profile of its own: two conversions at once do not share a lock.
                    f"-env:UserInstallation=file://{folder / 'profile'}",
                    "--headless",
                    "--convert-to",
                    "pdf",
                    "--outdir",
                    str(folder),
                    str(source),
                ],
                check=True,
                capture_output=True,
                timeout=CONVERSION_TIMEOUT,
            )
            pdf = (folder / "report.pdf").read_bytes()
        except (OSError, subprocess.SubprocessError):
            raise PdfUnavailable(FAILED) from None
    cache.set(key, pdf, CACHE_SECONDS)
    return pdf


def report_pdf(visit: Visit | int, language: str = "zh-hant") -> bytes:
    """The trip report as a PDF; raises :class:`PdfUnavailable` without LibreOffice."""
    if soffice() is None:  # before building the report: nothing to convert it with
        raise PdfUnavailable(UNAVAILABLE)
    language = normalise_language(language)
    return docx_to_pdf(render_report(load_visit_for_report(visit), language))


_PAGES_COUNT = re.compile(rb"/Type\s*/Pages\b[^>]*?/Count\s+(\d+)", re.S)
_COUNT_PAGES = re.compile(rb"/Count\s+(\d+)[^>]*?/Type\s*/Pages\b", re.S)


def pdf_page_count(pdf: bytes) -> int:
    """Pages of a PDF: the largest ``/Count`` of its page-tree nodes (the root's)."""
    counts = [int(n) for n in _PAGES_COUNT.findall(pdf) + _COUNT_PAGES.findall(pdf)]
    if not counts:
        raise ValueError("No page tree found in the PDF.")
    return max(counts)


# --- page count without LibreOffice ---------------------------------------------------------

#: The report's page: A4 less 2.5 cm margins (16 × 24.7 cm), 12 pt text at 1.25 spacing.
LINE_UNITS = 16 / 2.54 * 72 / 12  # 12 pt wide characters on a line (a CJK one is 1 unit)
PAGE_POINTS = 24.7 / 2.54 * 72
LINE_POINTS = 12 * 1.25 * 1.2
PARAGRAPH_GAP = 6


def _units(text: str) -> float:
    """Width of ``text`` in wide-character units (Latin letters are about half)."""
    return sum(1 if unicodedata.east_asian_width(ch) in "WF" else 0.55 for ch in text)


def _lines(text: str, width_units: float) -> int:
    return max(1, math.ceil(_units(text) / max(width_units, 1)))


def estimate_pages(document: bytes) -> int:
    """Pages of the report by its text: lines per paragraph and table row, a new page at
    each page break and section break. Within a page or two of LibreOffice's count."""
    body = Document(io.BytesIO(document)).element.body
    pages, used = 1, 0.0

    def add(points: float) -> None:
        nonlocal pages, used
        if used + points > PAGE_POINTS:
            pages += math.ceil((used + points) / PAGE_POINTS) - 1
            used = (used + points) % PAGE_POINTS
        else:
            used += points

    def new_page() -> None:
        nonlocal pages, used
        pages += 1
        used = 0.0

    for element in body.iterchildren():
        if element.tag == qn("w:p"):
            text = "".join(t.text or "" for t in element.iter(qn("w:t")))
            add(_lines(text, LINE_UNITS) * LINE_POINTS + PARAGRAPH_GAP)
            breaks = [b for b in element.iter(qn("w:br")) if b.get(qn("w:type")) == "page"]
            if breaks or element.find(f"{qn('w:pPr')}/{qn('w:sectPr')}") is not None:
                new_page()
        elif element.tag == qn("w:tbl"):
            for row in element.iter(qn("w:tr")):
                cells = list(row.iter(qn("w:tc")))
                width = LINE_UNITS / max(len(cells), 1)
                tallest = max(
                    (
                        sum(
                            _lines("".join(t.text or "" for t in p.iter(qn("w:t"))), width)
                            for p in cell.iter(qn("w:p"))
                        )
                        for cell in cells
                    ),
                    default=1,
                )
                add(tallest * LINE_POINTS + 4)
    return pages if used > 0 else max(1, pages - 1)


def page_count(document: bytes) -> tuple[int, str]:
    """(pages, ``"pdf"`` or ``"estimate"``): LibreOffice's count when it is installed."""
    if soffice() is not None:
        try:
            return pdf_page_count(docx_to_pdf(document)), PDF_SOURCE
        except (PdfUnavailable, ValueError):
            pass
    return estimate_pages(document), ESTIMATE_SOURCE


# --- the catalogue record ---------------------------------------------------------------------


def keywords(visit: Visit, partners: list[Partner], language: str) -> list[str]:
    """The partners' relationships (姊妹市, 友好城市) and names, then the itinerary's topics
    (most frequent first)."""
    words: list[str] = [
        choice_label(Partner.Kind, partner.kind, language=language)
        for partner in partners
        if partner.kind in RELATIONSHIP_KINDS
    ]
    for partner in partners:
        words.append(pick_name(partner.name_local, partner.name, language=language))
    topics = (
        Topic.objects.filter(engagements__visit=visit)
        .annotate(uses=Count("engagements"))
        .order_by("-uses", "name")
    )
    words += [pick_name(t.name_local, t.name, language=language) for t in topics]
    return list(dict.fromkeys(w for w in words if w))[:MAX_KEYWORDS]


def disclosure(visit: Visit | int, language: str = "zh-hant", today: dt.date | None = None):
    """The catalogue record of ``visit``'s trip report in ``language`` (a dict, JSON-ready)."""
    language = normalise_language(language)
    today = today or local_today()
    data = load_visit_for_report(visit)
    visit = data.visit
    document = render_report(data, language, today=today)
    pages, source = page_count(document)
    dates = DateFormat(language, roc=True, style=DOCUMENT)
    report_on = visit.report_submitted_on or today
    members = [
        {
            "order": number,
            "name": _member_name(language, member),
            "unit": pick_name(member.department_local, member.department, language=language),
            "title": pick_name(member.title_local, member.title, language=language),
        }
        for number, member in enumerate(data.members, start=1)
    ]
    codes = list(dict.fromkeys(p.country for p in data.partners if p.country))
    with translation.override(language):
        note = str(PDF_NOTE if source == PDF_SOURCE else ESTIMATE_NOTE)
    return {
        "visit": visit.pk,
        "language": language,
        "title": pick_name(visit.title_local, visit.title, language=language),
        "category": choice_label(Visit.Category, visit.category, language=language),
        "category_code": visit.category,
        "agency": agency_name(language),
        "members": members,
        "member_count": len(members),
        "countries": _countries(language, data.partners),
        "country_codes": codes,
        "period_start": visit.start_on.isoformat(),
        "period_end": visit.end_on.isoformat(),
        "period": dates.range(visit.start_on, visit.end_on, precision=visit.date_precision),
        "report_date": report_on.isoformat(),
        "report_date_text": dates(report_on),
        "keywords": keywords(visit, data.partners, language),
        "page_count": pages,
        "page_count_source": source,
        "page_count_note": note,
    }


# --- CSV and XLSX -------------------------------------------------------------------------------


def _member_line(member: dict) -> str:
    return " ".join(part for part in (member["unit"], member["title"], member["name"]) if part)


def disclosure_table(record: dict) -> tuple[list[str], list[list]]:
    """The record as (field, value) rows, labels in the record's language: the order in
    which the national system's form asks for them."""
    language = record["language"]
    with translation.override(language):
        labels = {key: str(label) for key, label in LABELS.items()}
    separator = "、" if language.startswith("zh") else ", "
    rows = [
        [labels["title"], record["title"]],
        [labels["category"], record["category"]],
        [labels["agency"], record["agency"]],
        [labels["member_count"], record["member_count"]],
        [labels["members"], "\n".join(_member_line(m) for m in record["members"])],
        [labels["countries"], record["countries"]],
        [labels["period_start"], record["period_start"]],
        [labels["period_end"], record["period_end"]],
        [labels["period"], record["period"]],
        [labels["report_date"], record["report_date"]],
        [labels["keywords"], separator.join(record["keywords"])],
        [labels["page_count"], record["page_count"]],
        [labels["page_count_note"], record["page_count_note"]],
    ]
    return [labels["field"], labels["value"]], rows


def _member_table(record: dict) -> tuple[list[str], list[list]]:
    with translation.override(record["language"]):
        headers = [str(LABELS[k]) for k in ("no", "unit", "member_title", "name")]
    rows = [[m["order"], m["unit"], m["title"], m["name"]] for m in record["members"]]
    return headers, rows


def disclosure_csv(record: dict) -> bytes:
    """UTF-8 with a byte-order mark, so that Excel reads the Chinese text."""
    headers, rows = disclosure_table(record)
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(headers)
    writer.writerows(rows)
    return buffer.getvalue().encode("utf-8-sig")


def disclosure_xlsx(record: dict) -> bytes:
    """Two sheets: the catalogue fields, and the members as a table."""
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font

    workbook = Workbook()
    sheets = [(workbook.active, disclosure_table(record)), (None, _member_table(record))]
    with translation.override(record["language"]):
        titles = [str(LABELS["sheet"]), str(LABELS["members"])]
    for index, ((sheet, (headers, rows)), title) in enumerate(zip(sheets, titles, strict=True)):
        sheet = sheet if sheet is not None else workbook.create_sheet()
        sheet.title = title
        sheet.append(headers)
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in rows:
            sheet.append(row)
        for row in sheet.iter_rows(min_row=2):
            for cell in row:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
        widths = [18, 60] if index == 0 else [6, 30, 16, 16]
        for column, width in zip("ABCD", widths, strict=False):
            sheet.column_dimensions[column].width = width
        sheet.freeze_panes = "A2"
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


__all__ = [
    "PdfUnavailable",
    "disclosure",
    "disclosure_csv",
    "disclosure_table",
    "disclosure_xlsx",
    "docx_to_pdf",
    "estimate_pages",
    "page_count",
    "pdf_page_count",
    "report_pdf",
    "soffice",
]
