"""The official trip report (.docx) of SPEC §5.5, checked on the reference visit."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    MemberFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import DelegationMember, Engagement, Visit
from visits.report import build_trip_report, chinese_numeral, normalise_language

pytestmark = pytest.mark.django_db

# The delegation of the reference report, in protocol order (壹、出國人員名單).
REFERENCE_MEMBERS = [
    "盧秀燕",
    "黃國榮",
    "謝佳蓁",
    "蔣偉民",
    "樂治誼",
    "林谷隆",
    "張鳳蘭",
    "洪隆益",
    "周家豪",
    "陳冠吉",
    "江偉德",
]
ZH_HEADINGS = [
    "摘要",
    "壹、出國人員名單",
    "貳、目的",
    "參、過程（行程紀要）",
    "肆、心得與達成效益",
    "伍、建議",
    "附錄：後續追蹤事項",
]
EN_HEADINGS = [
    "Summary",
    "I. Delegation",
    "II. Purpose",
    "III. Itinerary",
    "IV. Insights and benefits",
    "V. Recommendations",
    "Annex: follow-up commitments",
]


def _open(content: bytes):
    return Document(io.BytesIO(content))


def _headings(document, level: int) -> list[str]:
    return [p.text for p in document.paragraphs if p.style.name == f"Heading {level}"]


def _table_with_header(document, first_cell: str, second_cell: str):
    for table in document.tables:
        header = [cell.text for cell in table.rows[0].cells]
        if header[:2] == [first_cell, second_cell]:
            return table
    raise AssertionError(f"no table with header {first_cell}/{second_cell}")


def _column(table, index: int) -> list[str]:
    return [row.cells[index].text for row in table.rows[1:]]


def _all_text(content: bytes) -> str:
    """Every word of the document body, header and footer (tables included)."""
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        return "".join(
            archive.read(name).decode("utf-8")
            for name in archive.namelist()
            if name.startswith("word/") and name.endswith(".xml")
        )


@pytest.fixture
def demo_visit(demo) -> Visit:
    return Visit.objects.get(title_local="臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案")


def test_the_demo_report_opens_with_the_headings_in_the_reference_order(demo_visit):
    document = _open(build_trip_report(demo_visit))

    assert _headings(document, 1) == ZH_HEADINGS


def test_the_demo_report_lists_the_eleven_members_in_protocol_order(demo_visit):
    document = _open(build_trip_report(demo_visit))

    table = _table_with_header(document, "編號", "單位")
    assert [cell.text for cell in table.rows[0].cells] == ["編號", "單位", "職稱", "姓名"]
    assert _column(table, 0) == [str(n) for n in range(1, 12)]
    assert _column(table, 3) == REFERENCE_MEMBERS
    assert _column(table, 1)[:3] == ["臺中市長", "臺中市副市長", "臺中市政府秘書處"]
    assert _column(table, 2)[2] == "處長"


def test_the_cover_gives_agency_leader_country_and_roc_dates(demo_visit):
    document = _open(build_trip_report(demo_visit))
    cover = [p.text for p in document.paragraphs[:12]]

    assert "臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案" in cover
    assert "公務出國或赴大陸地區報告（出國類別：考察）" in cover
    assert "服務機關：臺中市政府" in cover
    assert "姓名職稱：盧秀燕等 11 人" in cover
    assert "派赴國家：美國" in cover
    assert "出國期間：民國113年7月22日至民國113年7月31日" in cover
    assert "報告日期：民國113年11月4日" in cover


def test_the_itinerary_table_has_every_engagement_date_and_item_in_order(demo_visit):
    document = _open(build_trip_report(demo_visit))
    engagements = list(
        Engagement.objects.filter(visit=demo_visit).order_by("date", "order", "start_time", "id")
    )
    weekday = "一二三四五六日"
    expected_days = []
    for engagement in engagements:
        day = engagement.date
        label = f"{day.month}月{day.day}日(星期{weekday[day.weekday()]})"
        if label not in expected_days:
            expected_days.append(label)

    table = _table_with_header(document, "日期", "行程內容")
    assert [cell.text for cell in table.rows[0].cells] == ["日期", "行程內容", "地點"]
    dates = [text for text in dict.fromkeys(_column(table, 0)) if text]
    assert dates == expected_days
    assert expected_days[0] == "7月22日(星期一)"
    assert expected_days[-1] == "7月30日(星期二)"
    assert _column(table, 1) == [e.title_local for e in engagements]


def test_each_engagement_gets_a_numbered_section_after_the_itinerary(demo_visit):
    document = _open(build_trip_report(demo_visit))
    titles = list(
        Engagement.objects.filter(visit=demo_visit)
        .order_by("date", "order", "start_time", "id")
        .values_list("title_local", flat=True)
    )

    sections = _headings(document, 2)
    assert sections[0] == "一、行程表"
    assert sections[1] == f"二、{titles[0]}"
    assert sections[10] == f"十一、{titles[9]}"
    assert len(sections) == len(titles) + 1
    # In the document body, every engagement section sits between 參 and 肆.
    order = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert (
        order.index("參、過程（行程紀要）")
        < order.index(sections[-1])
        < order.index("肆、心得與達成效益")
    )


def test_the_annex_lists_the_visits_commitments_with_owner_due_date_and_status(demo_visit):
    document = _open(build_trip_report(demo_visit))
    commitments = list(demo_visit.commitments.order_by("due_on", "id"))

    table = _table_with_header(document, "編號", "追蹤事項")
    assert [cell.text for cell in table.rows[0].cells] == [
        "編號",
        "追蹤事項",
        "承辦人",
        "期限",
        "辦理情形",
    ]
    assert _column(table, 1) == [c.title for c in commitments]
    assert len(commitments) == 20
    assert set(_column(table, 2)) == {commitments[0].owner.get_full_name() or "officer"}
    # The catalog's words for "open" and "in progress" (the Copilot training has begun).
    assert set(_column(table, 4)) == {"待辦", "辦理中"}


def test_the_summary_purpose_insights_and_recommendations_come_from_the_visit(demo_visit):
    document = _open(build_trip_report(demo_visit))
    paragraphs = document.paragraphs

    def after(heading: str) -> str:
        index = next(
            i for i, p in enumerate(paragraphs) if p.text == heading and p.style.name == "Heading 1"
        )
        return paragraphs[index + 1].text

    assert after("摘要") == demo_visit.summary.splitlines()[0]
    assert after("貳、目的") == demo_visit.purpose.splitlines()[0]
    assert after("肆、心得與達成效益") == demo_visit.insights.splitlines()[0]
    assert after("伍、建議") == demo_visit.recommendations.splitlines()[0]


def test_the_english_report_has_english_headings_and_gregorian_dates(demo_visit):
    content = build_trip_report(demo_visit, language="en")
    document = _open(content)

    assert _headings(document, 1) == EN_HEADINGS
    first = Engagement.objects.filter(visit=demo_visit).order_by("date", "order", "id").first()
    assert _headings(document, 2)[:2] == ["1. Schedule", f"2. {first.title or first.title_local}"]
    cover = [p.text for p in document.paragraphs[:12]]
    assert "Period: 2024-07-22 to 2024-07-31" in cover
    assert "Report date: 2024-11-04" in cover
    assert "Countries visited: United States" in cover
    assert "Agency: Taichung City Government" in cover
    assert "民國" not in _all_text(content)
    table = _table_with_header(document, "No.", "Department")
    assert _column(table, 0) == [str(n) for n in range(1, 12)]


def test_a_table_of_contents_field_lists_the_headings_and_updates_on_open(demo_visit):
    content = build_trip_report(demo_visit)
    document = _open(content)
    with zipfile.ZipFile(io.BytesIO(content)) as archive:
        body = archive.read("word/document.xml").decode("utf-8")
        settings_xml = archive.read("word/settings.xml").decode("utf-8")

    assert 'TOC \\o "1-2"' in body
    assert '<w:updateFields w:val="true"/>' in settings_xml
    listed = [p.text for p in document.paragraphs if p.style.name in ("toc 1", "toc 2")]
    assert listed == [
        p.text for p in document.paragraphs if p.style.name in ("Heading 1", "Heading 2")
    ]
    assert listed[:2] == ["摘要", "壹、出國人員名單"]


def test_styles_name_an_east_asian_font_so_word_does_not_substitute(demo_visit):
    document = _open(build_trip_report(demo_visit))

    for name in ("Normal", "Heading 1", "Heading 2"):
        fonts = document.styles[name].element.rPr.find(qn("w:rFonts"))
        assert fonts.get(qn("w:eastAsia")) == "標楷體", name
        assert fonts.get(qn("w:eastAsiaTheme")) is None, name


def test_the_leader_is_the_member_with_the_leader_role_and_n_counts_everyone():
    visit = VisitFactory(title_local="測試訪問")
    MemberFactory(visit=visit, order=1, name_local="甲", role=DelegationMember.Role.MEMBER)
    MemberFactory(
        visit=visit, order=2, name_local="乙", title_local="局長", role=DelegationMember.Role.LEADER
    )
    MemberFactory(visit=visit, order=3, name_local="丙")

    document = _open(build_trip_report(visit.pk))

    assert "姓名職稱：乙局長等 3 人" in [p.text for p in document.paragraphs]


def test_an_engagement_section_shows_time_place_officials_and_notes_in_the_language():
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", country="US")
    visit = VisitFactory(title="Test visit", title_local="測試訪問")
    visit.partners.add(PartnerFactory(name="Osaka", name_local="大阪市", country="JP"))
    visit.partners.add(partner)
    hines = OfficialFactory(
        name="John Hines", name_local="海因斯", title="Deputy Mayor", title_local="副市長"
    )
    engagement = EngagementFactory(
        visit=visit,
        date=dt.date(2024, 7, 23),
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        time_zone="America/Los_Angeles",
        title="Call on Tacoma",
        title_local="拜會塔可瑪市",
        partner=partner,
        notes="雙方交流教育議題。\n\n邀請副市長訪臺。",
    )
    engagement.officials.add(hines)

    zh_document = _open(build_trip_report(visit))
    zh = [p.text for p in zh_document.paragraphs]
    en = [p.text for p in _open(build_trip_report(visit, "en")).paragraphs]

    assert "二、拜會塔可瑪市" in zh
    assert "時間：民國113年7月23日 10:00–11:30 PDT" in zh
    assert "地點：塔可瑪市" in zh
    assert "會見人員：海因斯(John Hines)副市長" in zh
    assert zh[zh.index("會見人員：海因斯(John Hines)副市長") + 1 :][:2] == [
        "雙方交流教育議題。",
        "邀請副市長訪臺。",
    ]
    assert "派赴國家：日本、美國" in zh
    itinerary = _table_with_header(zh_document, "日期", "時間")
    assert [cell.text for cell in itinerary.rows[1].cells] == [
        "7月23日(星期二)",
        "10:00–11:30 PDT",
        "拜會塔可瑪市",
        "塔可瑪市",
    ]
    assert "2. Call on Tacoma" in en
    assert "When: 2024-07-23 10:00–11:30 PDT" in en
    assert "Met: John Hines (Deputy Mayor)" in en
    assert "Countries visited: Japan, United States" in en


def test_the_annex_includes_commitments_made_at_the_visits_engagements():
    visit = VisitFactory()
    engagement = EngagementFactory(visit=visit)
    owner = UserFactory(first_name="Mei", last_name="Lin")
    CommitmentFactory(title="From the visit", visit=visit, owner=owner, due_on=dt.date(2024, 9, 1))
    CommitmentFactory(title="From an engagement", engagement=engagement, due_on=None)
    CommitmentFactory(title="Elsewhere")

    document = _open(build_trip_report(visit, "en"))
    table = _table_with_header(document, "No.", "Commitment")

    assert _column(table, 1) == ["From the visit", "From an engagement"]
    assert _column(table, 2)[0] == "Mei Lin"
    assert _column(table, 3) == ["2024-09-01", "—"]


def test_the_annex_gives_a_commitments_status_in_the_catalogs_words():
    visit = VisitFactory(category="conference")
    day = dt.date(2024, 9, 1)
    closed = {"visit": visit, "due_on": day, "outcome": "Settled", "completed_on": day}
    CommitmentFactory(title="Dropped one", status="dropped", **closed)
    CommitmentFactory(title="Done one", status="done", **closed)
    CommitmentFactory(title="Open one", visit=visit, due_on=dt.date(2024, 9, 2))

    zh_document = _open(build_trip_report(visit))
    en_document = _open(build_trip_report(visit, "en"))

    zh = _table_with_header(zh_document, "編號", "追蹤事項")
    en = _table_with_header(en_document, "No.", "Commitment")
    assert _column(zh, 4) == ["已撤銷", "已完成", "待辦"]
    assert _column(en, 4) == ["dropped", "done", "open"]
    # The cover's category is the model's choice label, translated.
    assert "公務出國或赴大陸地區報告（出國類別：會議）" in [p.text for p in zh_document.paragraphs]


def test_the_report_reads_the_visit_in_a_fixed_number_of_queries(django_assert_num_queries):
    def visit_of_size(size: int) -> Visit:
        visit = VisitFactory()
        members = [MemberFactory(visit=visit) for _ in range(size)]
        for day in range(size):
            engagement = EngagementFactory(visit=visit, date=dt.date(2024, 7, 22 + day % 9))
            engagement.officials.add(OfficialFactory())
            engagement.attendees.add(*members[:2])
            CommitmentFactory(engagement=engagement)
        return visit

    small, large = visit_of_size(1), visit_of_size(12)

    for visit in (small, large):
        with django_assert_num_queries(7):
            build_trip_report(visit.pk)


def test_it_refuses_an_unknown_language():
    with pytest.raises(ValueError, match="Unsupported report language"):
        normalise_language("fr")
    assert normalise_language("zh-Hant") == "zh-hant"
    assert normalise_language("en-US") == "en"


@pytest.mark.parametrize(
    ("number", "text"),
    [
        (1, "一"),
        (10, "十"),
        (11, "十一"),
        (15, "十五"),
        (20, "二十"),
        (51, "五十一"),
        (100, "一百"),
        (105, "一百零五"),
        (110, "一百一十"),
    ],
)
def test_sections_are_numbered_in_chinese_numerals(number, text):
    assert chinese_numeral(number) == text


SOFFICE = shutil.which("soffice") or shutil.which("libreoffice")


@pytest.mark.skipif(
    SOFFICE is None,
    reason="LibreOffice (soffice) is not installed: the .docx → PDF conversion test was "
    "SKIPPED. Install Debian's libreoffice-writer-nogui to run it.",
)
def test_libreoffice_converts_the_report_to_pdf(demo_visit, tmp_path):
    source = tmp_path / "report.docx"
    source.write_bytes(build_trip_report(demo_visit))

    subprocess.run(
        [
            SOFFICE,
            f"-env:UserInstallation=file://{tmp_path / 'profile'}",
            "--headless",
            "--convert-to",
            "pdf",
            "--outdir",
            str(tmp_path),
            str(source),
        ],
        check=True,
        capture_output=True,
        timeout=180,
    )

    pdf = tmp_path / "report.pdf"
    assert pdf.exists()
    assert pdf.stat().st_size > 10_000
    assert pdf.read_bytes().startswith(b"%PDF")
