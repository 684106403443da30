"""The official trip report of a visit as a Word document (SPEC §5.5).

Public entry point::

    build_trip_report(visit, language="zh-hant") -> bytes

``visit`` is a :class:`~visits.models.Visit` or its primary key; ``language`` is
``"zh-hant"`` (default; ROC dates, headings 壹 … 伍) or ``"en"`` (English headings,
ISO dates). The result is the bytes of a ``.docx`` file. The API serves it as
``GET /api/v1/visits/{id}/report.docx[?lang=en]``.

The layout follows the reference report (``reference/000_1de6ed7d9a5cb5a6.txt``):

* cover: report form and category (出國類別：考察), title, 出國報告, agency, the leader's
  name and title with the size of the delegation (盧秀燕市長等 11 人), countries, period
  and report date as an official cover prints them (113 年 7 月 22 日至 31 日);
* table of contents;
* 摘要; 壹、出國人員名單 (編號, 單位, 職稱, 姓名 in protocol order); 貳、目的;
* 參、過程（行程紀要）: 一、the itinerary table by day (travel days' notes under it), then
  one numbered section per engagement with when, where, whom we met, our attendees, the
  notes and the exchanges on record with them (the visit's own contacts and the latest
  earlier ones with the partner, as the reference recounts each sister city's school
  exchanges). Visits to businesses abroad are gathered, as the reference gathers them
  (八、(一)(二)), into one section with a sub-item per day;
* 肆、心得與達成效益; 伍、建議;
* an annex of the visit's follow-up commitments (owner, due date, status).

Everything shown comes from the database. Narratives (summary, purpose, insights,
recommendations, notes, commitment titles) are picked with ``pick_text``: the office's
text in the Chinese report, the English one in the English report when it is filled.
Names of people, places and bodies read local first in the Chinese report
(塔可瑪市（Tacoma）). The fixed words of the format come from the gettext catalog
(context "trip report"), statuses and categories are the models' choice labels, and
dates and names are formatted by :mod:`crm.core.formatting`.

Data is read by :func:`load_visit_for_report` in a fixed number of queries (eight),
however many members, engagements and commitments the visit has.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import Case, F, Prefetch, Q, Value, When, Window
from django.db.models.functions import RowNumber
from django.utils import translation
from django.utils.translation import pgettext_lazy
from docx import Document
from docx.enum.section import WD_SECTION
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.table import WD_TABLE_ALIGNMENT
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Cm, Pt, RGBColor

from crm.core.countries import country_name
from crm.core.formatting import (
    DOCUMENT,
    ISO,
    DateFormat,
    bilingual_name,
    choice_label,
    format_day_with_weekday,
    format_list,
    local_today,
    pick_name,
    pick_text,
)
from relations.models import Contact, Official
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Visit,
    VisitPartner,
    from_visit_q,
)

ZH = "zh-hant"
EN = "en"
LANGUAGES = (ZH, EN)

#: 服務機關 on the cover; override with ``REPORT_AGENCY`` / ``REPORT_AGENCY_EN`` in settings.
DEFAULT_AGENCY = {ZH: "臺中市政府", EN: "Taichung City Government"}
#: East Asian font of every style, so Word and LibreOffice do not substitute a
#: Simplified-Chinese or Japanese face. 標楷體 is the face of Taiwan's official documents.
EAST_ASIAN_FONT = "標楷體"
LATIN_FONT = "Times New Roman"

# The fixed words of the report format: English message ids, translated by the gettext
# catalog (context "trip report"); see _labels().
LABELS = {
    "form_outbound": pgettext_lazy(
        "trip report", "Official overseas trip report (category: %(category)s)"
    ),
    "form_inbound": pgettext_lazy(
        "trip report", "Report on a visiting delegation (category: %(category)s)"
    ),
    "report": pgettext_lazy("trip report", "Trip report"),
    "agency": pgettext_lazy("trip report", "Agency: "),
    "people": pgettext_lazy("trip report", "Delegation: "),
    "people_value": pgettext_lazy("trip report", "%(leader)s and others, %(count)s people"),
    "leader_title": pgettext_lazy("trip report", "%(name)s, %(title)s"),
    "countries_outbound": pgettext_lazy("trip report", "Countries visited: "),
    "countries_inbound": pgettext_lazy("trip report", "Visiting from: "),
    "period": pgettext_lazy("trip report", "Period: "),
    "period_inbound": pgettext_lazy("trip report, inbound visit", "Period: "),
    "report_date": pgettext_lazy("trip report", "Report date: "),
    "toc": pgettext_lazy("trip report", "Contents"),
    "summary": pgettext_lazy("trip report", "Summary"),
    "delegation": pgettext_lazy("trip report", "I. Delegation"),
    "purpose": pgettext_lazy("trip report", "II. Purpose"),
    "process": pgettext_lazy("trip report", "III. Itinerary"),
    "itinerary": pgettext_lazy("trip report", "Schedule and areas of exchange and cooperation"),
    "travel_note": pgettext_lazy("trip report", "%(day)s %(item)s: "),
    "businesses": pgettext_lazy("trip report", "Visits to Taiwanese businesses abroad"),
    "insights": pgettext_lazy("trip report", "IV. Insights and benefits"),
    "recommendations": pgettext_lazy("trip report", "V. Recommendations"),
    "annex": pgettext_lazy("trip report", "Annex: follow-up commitments"),
    "no": pgettext_lazy("trip report", "No."),
    "department": pgettext_lazy("trip report", "Department"),
    "title": pgettext_lazy("trip report", "Title"),
    "name": pgettext_lazy("trip report", "Name"),
    "date": pgettext_lazy("trip report", "Date"),
    "time": pgettext_lazy("trip report", "Time"),
    "item": pgettext_lazy("trip report", "Item"),
    "place": pgettext_lazy("trip report", "Place"),
    "when": pgettext_lazy("trip report", "When: "),
    "where": pgettext_lazy("trip report", "Where: "),
    "met": pgettext_lazy("trip report", "Met: "),
    "official": pgettext_lazy("trip report", "%(name)s (%(title)s)"),
    "attendees": pgettext_lazy("trip report", "Our attendees: "),
    "exchanges": pgettext_lazy("trip report", "Exchanges on record"),
    "dated": pgettext_lazy("trip report", "%(date)s: "),
    "commitment": pgettext_lazy("trip report", "Commitment"),
    "owner": pgettext_lazy("trip report", "Owner"),
    "due": pgettext_lazy("trip report", "Due"),
    "status": pgettext_lazy("trip report", "Status"),
    "none": pgettext_lazy("trip report", "None."),
}


def normalise_language(language: str | None) -> str:
    """``"zh-hant"`` or ``"en"`` from what a caller passes (``zh-Hant``, ``zh-TW``, ``en-us`` …)."""
    value = (language or ZH).strip().lower()
    if value.startswith("en"):
        return EN
    if value.startswith("zh"):
        return ZH
    raise ValueError(f"Unsupported report language: {language!r} (use 'zh-hant' or 'en').")


# --- data ------------------------------------------------------------------------------


#: How many earlier exchanges with each partner the report recounts (the latest ones).
EARLIER_EXCHANGES = 10


@dataclass
class ReportData:
    visit: Visit
    partners: list
    members: list[DelegationMember]
    engagements: list[Engagement]
    commitments: list[Commitment]
    #: The visit's own contacts (a post after a meeting …) and the latest earlier ones
    #: with the partners visited, oldest first: the sections recount them, as the
    #: reference recounts the school exchanges of each sister city.
    contacts: list[Contact]


def _protocol_order():
    """Officials met, by their role's rank (mayor, deputy mayor, council member …)."""
    ranks = [When(role=role, then=Value(rank)) for rank, role in enumerate(Official.Role.values)]
    return Case(*ranks, default=Value(len(ranks)))


def load_visit_for_report(visit: Visit | int) -> ReportData:
    """Everything the report shows, in eight queries whatever the size of the visit."""
    visit_id = visit.pk if isinstance(visit, Visit) else int(visit)
    officials = Official.objects.order_by(_protocol_order(), "name_local", "name", "id")
    engagements = (
        Engagement.objects.select_related("partner", "organization")
        .prefetch_related(
            Prefetch("officials", queryset=officials),
            Prefetch("attendees", queryset=DelegationMember.objects.order_by("order")),
        )
        .order_by("date", "order", F("start_time").asc(nulls_last=True), "id")
    )
    loaded = Visit.objects.prefetch_related(
        Prefetch(
            "visit_partners",
            queryset=VisitPartner.objects.select_related("partner").order_by("id"),
        ),
        Prefetch("members", queryset=DelegationMember.objects.order_by("order")),
        Prefetch("engagements", queryset=engagements),
    ).get(pk=visit_id)
    commitments = list(
        Commitment.objects.filter(from_visit_q(visit_id))
        .select_related("owner")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    partners = [link.partner for link in loaded.visit_partners.all()]
    latest_first = [F("occurred_on").desc(), F("id").desc()]
    contacts = list(
        Contact.objects.filter(
            Q(visit_id=visit_id) | Q(partner__in=partners, occurred_on__lt=loaded.start_on)
        )
        .annotate(rank=Window(RowNumber(), partition_by=[F("partner_id")], order_by=latest_first))
        .filter(rank__lte=EARLIER_EXCHANGES)
        .order_by("occurred_on", "id")
    )
    return ReportData(
        visit=loaded,
        partners=partners,
        members=list(loaded.members.all()),
        engagements=list(loaded.engagements.all()),
        commitments=commitments,
        contacts=contacts,
    )


# --- formatting helpers ----------------------------------------------------------------


def _labels(language: str) -> dict[str, str]:
    """The fixed words of the report in ``language``."""
    with translation.override(language):
        return {key: str(text) for key, text in LABELS.items()}


def _pick(language: str, local: str, english: str) -> str:
    """A name or title in the report's language, falling back to the other script."""
    return pick_name(local, english, language=language)


def _text(language: str, row, field: str) -> str:
    """A narrative field in the report's language (``pick_text``: SPEC §2.3)."""
    return pick_text(row, field, language=language)


def _name(language: str, row) -> str:
    """A person, place or body in running text: ``塔可瑪市（Tacoma）`` in the Chinese report
    (local name first, as SPEC §2.3 asks), ``Tacoma`` in the English one."""
    if language == ZH:
        return bilingual_name(row.name_local, row.name, language=language, parentheses=True)
    return _pick(language, row.name_local, row.name)


def _dates(language: str) -> DateFormat:
    """ROC dates in the Chinese report, ISO dates in the English one."""
    return DateFormat(language, roc=language == ZH, style=ISO)


def _cover_dates(language: str) -> DateFormat:
    """The cover's dates: 113 年 7 月 22 日至 31 日 as an official cover prints them; ISO
    dates in the English report."""
    return DateFormat(language, roc=True, style=DOCUMENT) if language == ZH else _dates(language)


def _date(language: str, value: dt.date | None) -> str:
    return _dates(language)(value) or "—"


_CN_DIGITS = "〇一二三四五六七八九"


def chinese_numeral(number: int) -> str:
    """一, 十, 十一, 二十, 五十一, 一百零五 … as the report numbers its sections."""
    if not 0 < number < 1000:
        return str(number)
    hundreds, rest = divmod(number, 100)
    tens, units = divmod(rest, 10)
    text = f"{_CN_DIGITS[hundreds]}百" if hundreds else ""
    if tens:
        if hundreds or tens > 1:
            text += _CN_DIGITS[tens]
        text += "十"
    elif hundreds and units:
        text += "零"
    if units:
        text += _CN_DIGITS[units]
    return text


def _section_number(language: str, number: int) -> str:
    return f"{chinese_numeral(number)}、" if language == ZH else f"{number}. "


def _item_number(language: str, section: int, number: int) -> str:
    """A sub-item of a section: （一） / 8.1."""
    return f"（{chinese_numeral(number)}）" if language == ZH else f"{section}.{number} "


def _time_range(engagement: Engagement) -> str:
    if engagement.start_time is None:
        return ""
    text = f"{engagement.start_time:%H:%M}"
    if engagement.end_time is not None:
        text += f"–{engagement.end_time:%H:%M}"
    zone = engagement.zone
    abbreviation = dt.datetime.combine(engagement.date, engagement.start_time, zone).tzname()
    return f"{text} {abbreviation}" if abbreviation else text


def _engagement_title(language: str, engagement: Engagement) -> str:
    return _pick(language, engagement.title_local, engagement.title)


def _place(language: str, engagement: Engagement) -> str:
    """Where an engagement took place. The Chinese report names the body or partner
    visited (塔可瑪市（Tacoma）) before the free-text location, which is often written in
    the partner's language; the English report gives the location first."""
    visited = engagement.organization or engagement.partner
    name = _name(language, visited) if visited else ""
    if language == ZH:
        return name or engagement.location
    return engagement.location or name


def _official(language: str, official: Official) -> str:
    """``海因斯（John Hines）副市長`` / ``John Hines (Deputy Mayor)``."""
    title = _pick(language, official.title_local, official.title)
    name = _name(language, official)
    return _labels(language)["official"] % {"name": name, "title": title} if title else name


def _member_name(language: str, member: DelegationMember) -> str:
    return _pick(language, member.name_local, member.name)


def _leader(members: list[DelegationMember]) -> DelegationMember | None:
    for member in members:
        if member.role == DelegationMember.Role.LEADER:
            return member
    return members[0] if members else None


def office_title(department: str, agency: str) -> str:
    """The title of a member whose department column names the office they hold.

    The reference lists the mayor as 單位「臺中市長」with no 職稱, and its cover reads
    「盧秀燕市長」: the office without the agency's place name. For the agency 臺中市政府
    (place 臺中市): 臺中市長 → 市長 (Chinese writes 臺中市 + 市長 as 臺中市長),
    臺中市副市長 → 副市長. A unit of the agency (臺中市政府秘書處) or anything that is
    not the place's office (…長) has no title: "".
    """
    place = agency.removesuffix("政府")
    rest = department.removeprefix(place)
    if place == agency or rest == department or not rest.endswith("長"):
        return ""
    return rest if len(rest) > 1 else place[-1] + rest


def _leader_line(language: str, leader: DelegationMember | None) -> str:
    """盧秀燕市長 / ``Lin Mei, Director-General``: the leader's name and title for the cover."""
    if leader is None:
        return "—"
    name = _member_name(language, leader)
    title = _pick(language, leader.title_local, leader.title)
    if not title and language == ZH:
        title = office_title(leader.department_local or leader.department, _agency(ZH))
    return _labels(language)["leader_title"] % {"name": name, "title": title} if title else name


def _countries(language: str, partners: Iterable) -> str:
    seen: list[str] = []
    for partner in partners:
        if partner.country and partner.country not in seen:
            seen.append(partner.country)
    names = [country_name(code, language=language) for code in seen]
    return format_list(names, language=language) or "—"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _agency(language: str) -> str:
    """服務機關: the city government in ``language`` (``REPORT_AGENCY`` / ``_EN``)."""
    name = "REPORT_AGENCY" if language == ZH else "REPORT_AGENCY_EN"
    return getattr(settings, name, "") or DEFAULT_AGENCY[language]


# --- document plumbing -----------------------------------------------------------------


def _set_fonts(rpr, *, size: float | None = None, bold: bool | None = None) -> None:
    """Explicit Latin and East Asian faces (theme fonts removed, since they win over them)."""
    fonts = rpr.find(qn("w:rFonts"))
    if fonts is None:
        fonts = OxmlElement("w:rFonts")
        rpr.insert(0, fonts)
    for theme in ("w:asciiTheme", "w:hAnsiTheme", "w:eastAsiaTheme", "w:cstheme"):
        fonts.attrib.pop(qn(theme), None)
    fonts.set(qn("w:ascii"), LATIN_FONT)
    fonts.set(qn("w:hAnsi"), LATIN_FONT)
    fonts.set(qn("w:cs"), LATIN_FONT)
    fonts.set(qn("w:eastAsia"), EAST_ASIAN_FONT)


def _style_document(document, language: str) -> None:
    styles = document.styles
    defaults = styles.element.find(qn("w:docDefaults"))
    default_rpr = defaults.find(qn("w:rPrDefault")).find(qn("w:rPr"))
    _set_fonts(default_rpr)
    # w:val is the language of Latin text (en-US, so English words wrap at spaces even in
    # the Chinese report), w:eastAsia that of Chinese text.
    lang = default_rpr.find(qn("w:lang"))
    if lang is not None:
        lang.set(qn("w:val"), "en-US")
        lang.set(qn("w:eastAsia"), "zh-TW")

    normal = styles["Normal"]
    normal.font.name = LATIN_FONT
    normal.font.size = Pt(12)
    _set_fonts(normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(6)
    normal.paragraph_format.line_spacing = 1.25

    for level, size in ((1, 16), (2, 14), (3, 12)):
        style = styles[f"Heading {level}"]
        style.font.size = Pt(size)
        style.font.bold = True
        style.font.color.rgb = RGBColor(0, 0, 0)
        _set_fonts(style.element.get_or_add_rPr())
        style.paragraph_format.space_before = Pt(18 if level == 1 else 12)
        style.paragraph_format.space_after = Pt(6)

    title = styles["Title"]
    _set_fonts(title.element.get_or_add_rPr())
    title.font.color.rgb = RGBColor(0, 0, 0)

    # Word's built-in "toc N" styles: the static contents list uses them, and Word
    # recognises them when it regenerates the table.
    for level in (1, 2, 3):
        style = styles.add_style(f"toc {level}", WD_STYLE_TYPE.PARAGRAPH)
        style.element.styleId = f"TOC{level}"
        style.base_style = normal
        style.paragraph_format.left_indent = Cm(0.85 * (level - 1))
        style.paragraph_format.space_after = Pt(3)


def _styled(document, text: str, style_id: str):
    """A paragraph in the style with ``style_id`` (python-docx's lookup by name scans
    every style of the template on each call, which dominated the rendering time)."""
    paragraph = document.add_paragraph(text)
    paragraph._p.style = style_id
    return paragraph


def _update_fields_on_open(document) -> None:
    """Ask Word to refresh fields (the table of contents, page numbers) when it opens."""
    settings_element = document.settings.element
    update = OxmlElement("w:updateFields")
    update.set(qn("w:val"), "true")
    successors = (
        "w:hdrShapeDefaults",
        "w:footnotePr",
        "w:endnotePr",
        "w:compat",
        "w:docVars",
        "w:rsids",
    )
    for tag in successors:
        found = settings_element.find(qn(tag))
        if found is not None:
            found.addprevious(update)
            return
    settings_element.append(update)


def _field_char(kind: str):
    element = OxmlElement("w:fldChar")
    element.set(qn("w:fldCharType"), kind)
    return element


def _instruction(text: str):
    element = OxmlElement("w:instrText")
    element.set(qn("xml:space"), "preserve")
    element.text = f" {text} "
    return element


def _add_field_run(paragraph, element) -> None:
    run = paragraph.add_run()
    run._r.append(element)


def _restart_page_numbers(section) -> None:
    """Number the body from 1 (the cover and contents are not counted)."""
    numbering = OxmlElement("w:pgNumType")
    numbering.set(qn("w:start"), "1")
    section._sectPr.insert_element_before(
        numbering,
        *("w:cols", "w:formProt", "w:vAlign", "w:noEndnote", "w:titlePg"),
        *("w:textDirection", "w:bidi", "w:rtlGutter", "w:docGrid", "w:printerSettings"),
        "w:sectPrChange",
    )


def _page_number_footer(section) -> None:
    paragraph = section.footer.paragraphs[0]
    paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
    _add_field_run(paragraph, _field_char("begin"))
    _add_field_run(paragraph, _instruction("PAGE"))
    _add_field_run(paragraph, _field_char("separate"))
    paragraph.add_run("1")
    _add_field_run(paragraph, _field_char("end"))


def _table_of_contents(document, entries: list[tuple[int, str]]) -> None:
    """A TOC field whose current result is the static list of headings.

    The document reads correctly as it is; Word regenerates the list (with page
    numbers) on open because of ``updateFields``, LibreOffice on Tools → Update.
    """
    entries = entries or [(1, "")]
    last = len(entries) - 1
    for index, (level, text) in enumerate(entries):
        paragraph = _styled(document, "", f"TOC{level}")
        if index == 0:
            _add_field_run(paragraph, _field_char("begin"))
            _add_field_run(paragraph, _instruction('TOC \\o "1-3" \\h \\z \\u'))
            _add_field_run(paragraph, _field_char("separate"))
        paragraph.add_run(text)
        if index == last:
            _add_field_run(paragraph, _field_char("end"))


def _repeat_header(row) -> None:
    properties = row._tr.get_or_add_trPr()
    header = OxmlElement("w:tblHeader")
    header.set(qn("w:val"), "true")
    properties.append(header)


def _table(document, headers: list[str], widths: list[float]):
    table = document.add_table(rows=1, cols=len(headers))
    table.style = document.styles["Table Grid"]
    table.alignment = WD_TABLE_ALIGNMENT.CENTER
    table.autofit = False
    for column, width in zip(table.columns, widths, strict=True):
        column.width = Cm(width)  # the grid, which LibreOffice reads
    header = table.rows[0]
    _repeat_header(header)
    for cell, text, width in zip(header.cells, headers, widths, strict=True):
        cell.width = Cm(width)
        run = cell.paragraphs[0].add_run(text)
        run.bold = True
        cell.paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER
    return table


def _vertical_merge(cell, *, restart: bool) -> None:
    """Join a cell with the one above (the day's date spans the day's rows)."""
    cell._tc.vMerge = "restart" if restart else "continue"


def _add_row(table, values: list[str]):
    row = table.add_row()
    cells = row.cells
    for cell, value in zip(cells, values, strict=True):
        lines = value.split("\n") if value else [""]
        cell.paragraphs[0].add_run(lines[0])
        for line in lines[1:]:
            cell.add_paragraph(line)
    return cells


def _body(document, text: str, language: str) -> None:
    lines = _paragraphs(text)
    if not lines:
        document.add_paragraph(_labels(language)["none"])
        return
    _indented(document, lines, language)


def _labelled(document, label: str, value: str) -> None:
    paragraph = document.add_paragraph()
    paragraph.add_run(label).bold = True
    paragraph.add_run(value)


# --- the report --------------------------------------------------------------------------


def _cover(document, data: ReportData, language: str, today: dt.date) -> None:
    labels = _labels(language)
    visit = data.visit
    outbound = visit.direction == Visit.Direction.OUTBOUND
    category = choice_label(Visit.Category, visit.category, language=language)

    def centred(text: str, size: float, *, bold: bool = False, space_after: float = 12):
        paragraph = document.add_paragraph()
        paragraph.alignment = WD_ALIGN_PARAGRAPH.CENTER
        paragraph.paragraph_format.space_after = Pt(space_after)
        run = paragraph.add_run(text)
        run.font.size = Pt(size)
        run.bold = bold
        return paragraph

    form = labels["form_outbound" if outbound else "form_inbound"]
    centred(form % {"category": category}, 14, space_after=72)
    title = _pick(language, visit.title_local, visit.title)
    centred(title, 22, bold=True, space_after=6)
    if not title.endswith(labels["report"]):
        centred(labels["report"], 22, bold=True, space_after=96)

    dates = _cover_dates(language)
    people = labels["people_value"] % {
        "leader": _leader_line(language, _leader(data.members)),
        "count": len(data.members),
    }
    rows = [
        (labels["agency"], _agency(language)),
        (labels["people"], people),
        (
            labels["countries_outbound" if outbound else "countries_inbound"],
            _countries(language, data.partners),
        ),
        (
            labels["period" if outbound else "period_inbound"],
            dates.range(visit.start_on, visit.end_on, precision=visit.date_precision),
        ),
        (labels["report_date"], dates(visit.report_submitted_on or today)),
    ]
    for label, value in rows:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(3)
        paragraph.paragraph_format.space_after = Pt(12)
        for text in (label, value):
            paragraph.add_run(text).font.size = Pt(14)


# --- 參、過程: the engagements as sections ------------------------------------------------

#: Items of the itinerary table only, as in the reference (the flights out and home): their
#: notes follow the table.
SCHEDULE_ONLY = frozenset({Engagement.Kind.TRAVEL})
#: Kinds gathered into one section with a sub-item per day when a visit has several, as the
#: reference gathers its calls on Taiwanese businesses (八、(一) 吃茶三千 (二) 85度C、繼光香香雞).
GATHERED = {Engagement.Kind.BUSINESS_VISIT: "businesses"}


@dataclass
class Part:
    """A sub-item of a gathered section (one day's engagements), or a section's only part."""

    title: str
    engagements: list[Engagement]


@dataclass
class Section:
    """One numbered section of 參 after the itinerary: an engagement, or several gathered."""

    title: str
    parts: list[Part]
    gathered: bool = False


def _part_title(language: str, engagements: list[Engagement]) -> str:
    """What a sub-item visited: the bodies' names (85度C咖啡、繼光香香雞), else the titles."""
    names = [
        _pick(language, e.organization.name_local, e.organization.name)
        if e.organization
        else _engagement_title(language, e)
        for e in engagements
    ]
    return format_list(dict.fromkeys(names), language=language)


def _sections(data: ReportData, language: str) -> list[Section]:
    """The engagements as the reference numbers them: one section each, in order, except
    travel (in the itinerary only) and the kinds in ``GATHERED``, which (when there are
    two or more) share one section where the first of them falls, a sub-item per day."""
    labels = _labels(language)
    counts: dict[str, int] = {}
    for engagement in data.engagements:
        counts[engagement.kind] = counts.get(engagement.kind, 0) + 1
    sections: list[Section] = []
    gathered: dict[str, Section] = {}
    for engagement in data.engagements:
        kind = engagement.kind
        if kind in SCHEDULE_ONLY:
            continue
        if kind not in GATHERED or counts[kind] < 2:
            title = _engagement_title(language, engagement)
            sections.append(Section(title, [Part(title, [engagement])]))
            continue
        section = gathered.get(kind)
        if section is None:
            section = gathered[kind] = Section(labels[GATHERED[kind]], [], gathered=True)
            sections.append(section)
        if section.parts and section.parts[-1].engagements[0].date == engagement.date:
            section.parts[-1].engagements.append(engagement)
        else:
            section.parts.append(Part("", [engagement]))
    for section in gathered.values():
        for part in section.parts:
            part.title = _part_title(language, part.engagements)
    return sections


def _headings(sections: list[Section], language: str) -> list[tuple[int, str]]:
    """Every heading of the report, in order: (level, text). Drives the body and the TOC."""
    labels = _labels(language)
    entries = [(1, labels["summary"]), (1, labels["delegation"]), (1, labels["purpose"])]
    entries.append((1, labels["process"]))
    entries.append((2, _section_number(language, 1) + labels["itinerary"]))
    for number, section in enumerate(sections, start=2):
        entries.append((2, _section_number(language, number) + section.title))
        if section.gathered:
            for item, part in enumerate(section.parts, start=1):
                entries.append((3, _item_number(language, number, item) + part.title))
    entries += [(1, labels["insights"]), (1, labels["recommendations"]), (1, labels["annex"])]
    return entries


def _itinerary_table(document, data: ReportData, language: str) -> None:
    """Date (spanning the day's rows), time, item, place; no time column if nothing is timed."""
    labels = _labels(language)
    timed = any(engagement.start_time is not None for engagement in data.engagements)
    headers = [labels["date"], labels["time"], labels["item"], labels["place"]]
    widths = [3.8, 3.0, 5.2, 4.0]
    if not timed:
        del headers[1], widths[1]
        widths[1] += 3.0
    table = _table(document, headers, widths)
    first_of_day = current_day = None
    for engagement in data.engagements:
        same_day = engagement.date == current_day
        values = [
            "" if same_day else format_day_with_weekday(engagement.date, language=language),
            _time_range(engagement),
            _engagement_title(language, engagement),
            _place(language, engagement),
        ]
        if not timed:
            del values[1]
        cells = _add_row(table, values)
        if same_day:
            _vertical_merge(cells[0], restart=False)
            _vertical_merge(first_of_day, restart=True)
        else:
            first_of_day, current_day = cells[0], engagement.date


def _schedule_notes(document, data: ReportData, language: str) -> None:
    """The notes of the itinerary-only items (the flights), under the table: the day the
    mayor flew home for the typhoon is told there."""
    labels = _labels(language)
    for engagement in data.engagements:
        lines = _paragraphs(_text(language, engagement, "notes"))
        if engagement.kind not in SCHEDULE_ONLY or not lines:
            continue
        label = labels["travel_note"] % {
            "day": format_day_with_weekday(engagement.date, language=language),
            "item": _engagement_title(language, engagement),
        }
        _labelled(document, label, lines[0])
        _indented(document, lines[1:], language)


def _indented(document, lines: list[str], language: str) -> None:
    for line in lines:
        paragraph = document.add_paragraph(line)
        if language == ZH:
            paragraph.paragraph_format.first_line_indent = Pt(24)


def _contacts_by_engagement(data: ReportData) -> dict[int, list[Contact]]:
    """Where each contact is recounted: at the first engagement with the same body, else
    the first with the same partner (a contact matching none is left out)."""
    by_organization: dict[int, int] = {}
    by_partner: dict[int, int] = {}
    for engagement in data.engagements:
        if engagement.organization_id:
            by_organization.setdefault(engagement.organization_id, engagement.pk)
        if engagement.partner_id:
            by_partner.setdefault(engagement.partner_id, engagement.pk)
    placed: dict[int, list[Contact]] = {}
    for contact in data.contacts:
        engagement_id = by_organization.get(contact.organization_id) or by_partner.get(
            contact.partner_id
        )
        if engagement_id:
            placed.setdefault(engagement_id, []).append(contact)
    return placed


def _exchanges(document, contacts: list[Contact], language: str) -> None:
    """The exchanges on record with whom an engagement met: date and subject, then the
    summary (once, when several contacts share it)."""
    labels = _labels(language)
    dates = _dates(language)
    document.add_paragraph().add_run(labels["exchanges"]).bold = True
    told: set[str] = set()
    for contact in contacts:
        when = dates(contact.occurred_on, precision=contact.occurred_precision)
        _labelled(document, labels["dated"] % {"date": when}, _text(language, contact, "subject"))
        summary = _text(language, contact, "summary")
        if summary and summary not in told:
            told.add(summary)
            _indented(document, _paragraphs(summary), language)


def _engagement_body(
    document,
    engagement: Engagement,
    language: str,
    *,
    titled: bool,
    contacts: list[Contact],
) -> None:
    """When, where, whom we met, our attendees, the notes, then the exchanges on record
    with them (``titled``: the engagement's title first, when a sub-item holds several)."""
    labels = _labels(language)
    if titled:
        document.add_paragraph().add_run(_engagement_title(language, engagement)).bold = True
    when = _date(language, engagement.date)
    if engagement.start_time is not None:
        when += f" {_time_range(engagement)}"
    _labelled(document, labels["when"], when)
    place = _place(language, engagement)
    if place:
        _labelled(document, labels["where"], place)
    officials = [_official(language, official) for official in engagement.officials.all()]
    if officials:
        _labelled(document, labels["met"], format_list(officials, language=language))
    attendees = [_member_name(language, member) for member in engagement.attendees.all()]
    if attendees:
        _labelled(document, labels["attendees"], format_list(attendees, language=language))
    _indented(document, _paragraphs(_text(language, engagement, "notes")), language)
    if contacts:
        _exchanges(document, contacts, language)


def _section(document, section: Section, headings, language: str, contacts: dict) -> None:
    _styled(document, next(headings), "Heading2")
    for part in section.parts:
        if section.gathered:
            _styled(document, next(headings), "Heading3")
        for engagement in part.engagements:
            _engagement_body(
                document,
                engagement,
                language,
                titled=len(part.engagements) > 1,
                contacts=contacts.get(engagement.pk, []),
            )


def _owner_name(user) -> str:
    return user.get_full_name() or user.username


def render_report(data: ReportData, language: str = ZH, today: dt.date | None = None) -> bytes:
    """The .docx bytes for data already loaded by :func:`load_visit_for_report`."""
    language = normalise_language(language)
    today = today or local_today()
    labels = _labels(language)
    visit = data.visit

    document = Document()
    _style_document(document, language)
    _update_fields_on_open(document)
    properties = document.core_properties
    properties.title = _pick(language, visit.title_local, visit.title)
    properties.author = _agency(language)
    properties.language = "zh-TW" if language == ZH else "en"
    properties.created = properties.modified = dt.datetime.combine(today, dt.time())
    properties.last_modified_by = _agency(language)
    properties.revision = 1

    section = document.sections[0]
    section.page_height, section.page_width = Cm(29.7), Cm(21.0)  # A4
    section.top_margin = section.bottom_margin = Cm(2.5)
    section.left_margin = section.right_margin = Cm(2.5)

    _cover(document, data, language, today)

    # Contents on its own page, the body from a new section with page numbers.
    document.add_paragraph().add_run().add_break(WD_BREAK.PAGE)
    contents_title = document.add_paragraph()
    contents_title.alignment = WD_ALIGN_PARAGRAPH.CENTER
    contents_run = contents_title.add_run(labels["toc"])
    contents_run.bold = True
    contents_run.font.size = Pt(16)
    sections = _sections(data, language)
    headings = _headings(sections, language)
    _table_of_contents(document, headings)

    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    _page_number_footer(body)
    _restart_page_numbers(body)

    heading_texts = iter(text for _, text in headings)

    def heading(level: int = 1) -> None:
        _styled(document, next(heading_texts), f"Heading{level}")

    def narrative(field: str) -> None:
        _body(document, _text(language, visit, field), language)

    heading()  # 摘要
    narrative("summary")

    heading()  # 壹 出國人員名單
    widths = [1.6, 6.0, 3.4, 4.2]
    table = _table(
        document,
        [labels["no"], labels["department"], labels["title"], labels["name"]],
        widths,
    )
    for number, member in enumerate(data.members, start=1):
        cells = _add_row(
            table,
            [
                str(number),
                _pick(language, member.department_local, member.department),
                _pick(language, member.title_local, member.title),
                _member_name(language, member),
            ],
        )
        cells[0].paragraphs[0].alignment = WD_ALIGN_PARAGRAPH.CENTER

    heading()  # 貳 目的
    narrative("purpose")

    heading()  # 參 過程
    heading(2)  # 一、參訪日程暨交流合作項目
    if data.engagements:
        _itinerary_table(document, data, language)
        _schedule_notes(document, data, language)
    else:
        document.add_paragraph(labels["none"])
    contacts = _contacts_by_engagement(data)
    for engagement_section in sections:
        _section(document, engagement_section, heading_texts, language, contacts)

    heading()  # 肆 心得與達成效益
    narrative("insights")
    heading()  # 伍 建議
    narrative("recommendations")

    heading()  # 附錄 後續追蹤事項
    if data.commitments:
        widths = [1.4, 7.0, 3.0, 3.4, 2.4]
        table = _table(
            document,
            [labels["no"], labels["commitment"], labels["owner"], labels["due"], labels["status"]],
            widths,
        )
        for number, commitment in enumerate(data.commitments, start=1):
            _add_row(
                table,
                [
                    str(number),
                    _text(language, commitment, "title"),
                    _owner_name(commitment.owner),
                    _date(language, commitment.due_on),
                    choice_label(Commitment.Status, commitment.status, language=language),
                ],
            )
    else:
        document.add_paragraph(labels["none"])

    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_trip_report(visit: Visit | int, language: str = ZH) -> bytes:
    """The official trip report of ``visit`` as .docx bytes, in ``"zh-hant"`` or ``"en"``.

    Reads the visit in a fixed number of queries; raises ``Visit.DoesNotExist`` for an
    unknown id and ``ValueError`` for an unsupported language.
    """
    language = normalise_language(language)
    return render_report(load_visit_for_report(visit), language)


__all__ = [
    "LANGUAGES",
    "ReportData",
    "agency_name",
    "build_trip_report",
    "chinese_numeral",
    "load_visit_for_report",
    "normalise_language",
    "render_report",
    "set_fonts",
]

#: Shared with the letters (``visits.letters``): the agency's name and the fonts of a run
#: or style (標楷體 for East Asian text).
agency_name = _agency
set_fonts = _set_fonts
