"""The official trip report of a visit as a Word document (SPEC §5.5).

Public entry point::

    build_trip_report(visit, language="zh-hant") -> bytes

``visit`` is a :class:`~visits.models.Visit` or its primary key; ``language`` is
``"zh-hant"`` (default; ROC dates, headings 壹 … 伍) or ``"en"`` (English headings,
ISO dates). The result is the bytes of a ``.docx`` file. The API serves it as
``GET /api/v1/visits/{id}/report.docx[?lang=en]``.

The layout follows the reference report (``reference/000_1de6ed7d9a5cb5a6.txt``):
cover (report form and category, title, agency, "<leader> 等 N 人", countries,
period, report date), table of contents, 摘要, 壹 出國人員名單, 貳 目的,
參 過程 (the itinerary table by day, then one numbered section per engagement with
its notes), 肆 心得與達成效益, 伍 建議 and an annex of the visit's follow-up
commitments. Everything shown comes from the database; the fixed words of the format
come from the gettext catalog (context "trip report"), statuses and categories are the
models' choice labels, and dates and names are formatted by :mod:`crm.core.formatting`.

Data is read by :func:`load_visit_for_report` in a fixed number of queries (seven),
however many members, engagements and commitments the visit has.
"""

from __future__ import annotations

import datetime as dt
import io
from collections.abc import Iterable
from dataclasses import dataclass

from django.conf import settings
from django.db.models import F, Prefetch, Q
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

from crm.core.formatting import (
    ISO,
    DateFormat,
    bilingual_name,
    choice_label,
    format_day_with_weekday,
    format_list,
    local_today,
    pick_name,
)
from relations.models import Official
from visits.models import Commitment, DelegationMember, Engagement, Visit, VisitPartner

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
    "itinerary": pgettext_lazy("trip report", "Schedule"),
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
    "commitment": pgettext_lazy("trip report", "Commitment"),
    "owner": pgettext_lazy("trip report", "Owner"),
    "due": pgettext_lazy("trip report", "Due"),
    "status": pgettext_lazy("trip report", "Status"),
    "none": pgettext_lazy("trip report", "None."),
}

# ISO 3166-1 alpha-2 → (Traditional Chinese, English) for the cover's 派赴國家;
# a code missing here is shown as the code itself.
_COUNTRIES = """
AR 阿根廷 Argentina|AT 奧地利 Austria|AU 澳大利亞 Australia|BE 比利時 Belgium
BR 巴西 Brazil|BZ 貝里斯 Belize|CA 加拿大 Canada|CH 瑞士 Switzerland|CL 智利 Chile
CN 中國大陸 Mainland China|CZ 捷克 Czech Republic|DE 德國 Germany|DK 丹麥 Denmark
ES 西班牙 Spain|FI 芬蘭 Finland|FR 法國 France|GB 英國 United Kingdom
GT 瓜地馬拉 Guatemala|HK 香港 Hong Kong|HN 宏都拉斯 Honduras|HT 海地 Haiti
ID 印尼 Indonesia|IE 愛爾蘭 Ireland|IL 以色列 Israel|IN 印度 India|IT 義大利 Italy
JP 日本 Japan|KR 韓國 South Korea|LT 立陶宛 Lithuania|MH 馬紹爾群島 Marshall Islands
MN 蒙古 Mongolia|MO 澳門 Macao|MX 墨西哥 Mexico|MY 馬來西亞 Malaysia
NL 荷蘭 Netherlands|NO 挪威 Norway|NZ 紐西蘭 New Zealand|PH 菲律賓 Philippines
PL 波蘭 Poland|PT 葡萄牙 Portugal|PW 帛琉 Palau|PY 巴拉圭 Paraguay
SE 瑞典 Sweden|SG 新加坡 Singapore|SK 斯洛伐克 Slovakia|SZ 史瓦帝尼 Eswatini
TH 泰國 Thailand|TR 土耳其 Türkiye|TV 吐瓦魯 Tuvalu|TW 臺灣 Taiwan|UA 烏克蘭 Ukraine
US 美國 United States|VA 教廷 Holy See|VN 越南 Vietnam|ZA 南非 South Africa
"""
COUNTRY_NAMES: dict[str, dict[str, str]] = {ZH: {}, EN: {}}
for _entry in _COUNTRIES.replace("\n", "|").split("|"):
    if _entry.strip():
        _code, _zh, _en = _entry.strip().split(" ", 2)
        COUNTRY_NAMES[ZH][_code] = _zh
        COUNTRY_NAMES[EN][_code] = _en


def normalise_language(language: str | None) -> str:
    """``"zh-hant"`` or ``"en"`` from what a caller passes (``zh-Hant``, ``zh-TW``, ``en-us`` …)."""
    value = (language or ZH).strip().lower()
    if value.startswith("en"):
        return EN
    if value.startswith("zh"):
        return ZH
    raise ValueError(f"Unsupported report language: {language!r} (use 'zh-hant' or 'en').")


# --- data ------------------------------------------------------------------------------


@dataclass
class ReportData:
    visit: Visit
    partners: list
    members: list[DelegationMember]
    engagements: list[Engagement]
    commitments: list[Commitment]


def load_visit_for_report(visit: Visit | int) -> ReportData:
    """Everything the report shows, in seven queries whatever the size of the visit."""
    visit_id = visit.pk if isinstance(visit, Visit) else int(visit)
    engagements = (
        Engagement.objects.select_related("partner", "organization")
        .prefetch_related(
            Prefetch("officials", queryset=Official.objects.order_by("name", "name_local", "id")),
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
        Commitment.objects.filter(Q(visit_id=visit_id) | Q(engagement__visit_id=visit_id))
        .select_related("owner")
        .order_by(F("due_on").asc(nulls_last=True), "id")
    )
    return ReportData(
        visit=loaded,
        partners=[link.partner for link in loaded.visit_partners.all()],
        members=list(loaded.members.all()),
        engagements=list(loaded.engagements.all()),
        commitments=commitments,
    )


# --- formatting helpers ----------------------------------------------------------------


def _labels(language: str) -> dict[str, str]:
    """The fixed words of the report in ``language``."""
    with translation.override(language):
        return {key: str(text) for key, text in LABELS.items()}


def _pick(language: str, local: str, english: str) -> str:
    """The text in the report's language, falling back to the other script."""
    return pick_name(local, english, language=language)


def _dates(language: str) -> DateFormat:
    """ROC dates in the Chinese report, ISO dates in the English one."""
    return DateFormat(language, roc=language == ZH, style=ISO)


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
    if engagement.location:
        return engagement.location
    if engagement.organization:
        org = engagement.organization
        return _pick(language, org.name_local, org.name)
    if engagement.partner:
        return _pick(language, engagement.partner.name_local, engagement.partner.name)
    return ""


def _official(language: str, official: Official) -> str:
    """``海因斯(John Hines)副市長`` / ``John Hines (Deputy Mayor)``."""
    title = _pick(language, official.title_local, official.title)
    if language == ZH:
        name = bilingual_name(
            official.name_local, official.name, language=language, parentheses=True
        )
    else:
        name = _pick(language, official.name_local, official.name)
    return _labels(language)["official"] % {"name": name, "title": title} if title else name


def _member_name(language: str, member: DelegationMember) -> str:
    return _pick(language, member.name_local, member.name)


def _leader(members: list[DelegationMember]) -> DelegationMember | None:
    for member in members:
        if member.role == DelegationMember.Role.LEADER:
            return member
    return members[0] if members else None


def _countries(language: str, partners: Iterable) -> str:
    seen: list[str] = []
    for partner in partners:
        if partner.country and partner.country not in seen:
            seen.append(partner.country)
    names = [COUNTRY_NAMES[language].get(code, code) for code in seen]
    return format_list(names, language=language) or "—"


def _paragraphs(text: str) -> list[str]:
    return [line.strip() for line in (text or "").splitlines() if line.strip()]


def _agency(language: str) -> str:
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
    for level in (1, 2):
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
            _add_field_run(paragraph, _instruction('TOC \\o "1-2" \\h \\z \\u'))
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
    for line in lines:
        paragraph = document.add_paragraph(line)
        if language == ZH:
            paragraph.paragraph_format.first_line_indent = Pt(24)


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

    leader = _leader(data.members)
    leader_text = "—"
    if leader is not None:
        leader_text = _member_name(language, leader)
        leader_title = _pick(language, leader.title_local, leader.title)
        if leader_title:
            leader_text = labels["leader_title"] % {"name": leader_text, "title": leader_title}
    period_label = labels["period" if outbound else "period_inbound"]
    rows = [
        (labels["agency"], _agency(language)),
        (
            labels["people"],
            labels["people_value"] % {"leader": leader_text, "count": len(data.members)},
        ),
        (
            labels["countries_outbound" if outbound else "countries_inbound"],
            _countries(language, data.partners),
        ),
        (period_label, _dates(language).range(visit.start_on, visit.end_on)),
        (labels["report_date"], _date(language, visit.report_submitted_on or today)),
    ]
    for label, value in rows:
        paragraph = document.add_paragraph()
        paragraph.paragraph_format.left_indent = Cm(3)
        paragraph.paragraph_format.space_after = Pt(12)
        for text in (label, value):
            paragraph.add_run(text).font.size = Pt(14)


def _headings(data: ReportData, language: str) -> list[tuple[int, str]]:
    """Every heading of the report, in order: (level, text). Drives the body and the TOC."""
    labels = _labels(language)
    entries = [(1, labels["summary"]), (1, labels["delegation"]), (1, labels["purpose"])]
    entries.append((1, labels["process"]))
    entries.append((2, _section_number(language, 1) + labels["itinerary"]))
    for number, engagement in enumerate(data.engagements, start=2):
        entries.append(
            (2, _section_number(language, number) + _engagement_title(language, engagement))
        )
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


def _engagement_section(document, heading: str, engagement: Engagement, language: str) -> None:
    labels = _labels(language)
    _styled(document, heading, "Heading2")
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
    for line in _paragraphs(engagement.notes):
        paragraph = document.add_paragraph(line)
        if language == ZH:
            paragraph.paragraph_format.first_line_indent = Pt(24)


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
    headings = _headings(data, language)
    _table_of_contents(document, headings)

    body = document.add_section(WD_SECTION.NEW_PAGE)
    body.footer.is_linked_to_previous = False
    _page_number_footer(body)
    _restart_page_numbers(body)

    heading_texts = iter(text for _, text in headings)

    def heading(level: int = 1) -> None:
        _styled(document, next(heading_texts), f"Heading{level}")

    heading()  # 摘要
    _body(document, visit.summary, language)

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
    _body(document, visit.purpose, language)

    heading()  # 參 過程
    heading(2)  # 一、行程表
    if data.engagements:
        _itinerary_table(document, data, language)
    else:
        document.add_paragraph(labels["none"])
    for engagement in data.engagements:
        _engagement_section(document, next(heading_texts), engagement, language)

    heading()  # 肆 心得與達成效益
    _body(document, visit.insights, language)
    heading()  # 伍 建議
    _body(document, visit.recommendations, language)

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
                    commitment.title,
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
    "build_trip_report",
    "chinese_numeral",
    "load_visit_for_report",
    "normalise_language",
    "render_report",
]
