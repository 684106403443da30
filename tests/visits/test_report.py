"""The official trip report (.docx) of SPEC §5.5, checked on the reference visit."""

from __future__ import annotations

import datetime as dt
import io
import shutil
import subprocess
import zipfile
from pathlib import Path

import pytest
from docx import Document
from docx.oxml.ns import qn

from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    EngagementFactory,
    MemberFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import DelegationMember, Engagement, Visit
from visits.report import build_trip_report, chinese_numeral, normalise_language, office_title

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


def _body_texts(document) -> list[str]:
    """The paragraphs of the body: from the first heading on (past the cover and contents)."""
    paragraphs = document.paragraphs
    first = next(i for i, p in enumerate(paragraphs) if p.style.name == "Heading 1")
    return [p.text for p in paragraphs[first:]]


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


def test_the_cover_reads_as_the_reference_prints_it(demo_visit):
    document = _open(build_trip_report(demo_visit))
    cover = [p.text for p in document.paragraphs[:8]]

    assert cover == [
        "公務出國或赴大陸地區報告（出國類別：考察）",
        "臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案",
        "出國報告",
        "服務機關：臺中市政府",
        "姓名職稱：盧秀燕市長等 11 人",
        "派赴國家：美國",
        "出國期間：113 年 7 月 22 日至 31 日",
        "報告日期：113 年 11 月 4 日",
    ]


@pytest.mark.parametrize(
    ("department", "title"),
    [
        ("臺中市長", "市長"),  # 臺中市 + 市長, as Chinese writes it
        ("臺中市副市長", "副市長"),
        ("臺中市政府秘書處", ""),  # a unit of the agency, not an office
        ("臺中市議會", ""),
        ("臺南市長", ""),  # another place's office
        ("", ""),
    ],
)
def test_a_leader_without_a_title_holds_the_office_their_department_names(department, title):
    assert office_title(department, "臺中市政府") == title


def test_the_cover_gives_the_leaders_title_when_there_is_one():
    visit = VisitFactory(title_local="測試訪問", start_on=dt.date(2024, 7, 30))
    MemberFactory(visit=visit, name_local="甲", department_local="臺中市政府", title_local="市長")
    MemberFactory(visit=visit, name_local="乙")

    cover = [p.text for p in _open(build_trip_report(visit)).paragraphs[:8]]

    assert "姓名職稱：甲市長等 2 人" in cover
    assert "出國期間：113 年 7 月 30 日至 31 日" in cover


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


def test_each_engagement_gets_a_numbered_section_as_in_the_reference(demo_visit):
    document = _open(build_trip_report(demo_visit))
    engagements = Engagement.objects.filter(visit=demo_visit).order_by("date", "order", "id")
    calls = [e.title_local for e in engagements if e.kind not in ("travel", "business_visit")]

    sections = _headings(document, 2)
    # 一 the itinerary; 二 … 十五 as the reference numbers them: the flights are in the
    # itinerary only, the visits to Taiwanese businesses share 八 with a sub-item per day.
    assert sections[0] == "一、參訪日程暨交流合作項目"
    assert len(sections) == 15
    assert sections[1] == "二、拜會姊妹市塔可瑪市海因斯副市長"
    assert sections[7] == "八、參訪海外臺商企業，關心在外打拚的鄉親"
    assert sections[8] == "九、參訪輝達科技矽谷總部"
    assert sections[14] == "十五、考察聖地亞哥會展中心"
    assert [s.split("、", 1)[1] for s in sections[1:7] + sections[8:]] == calls
    assert _headings(document, 3) == ["（一）吃茶三千", "（二）85度C咖啡、繼光香香雞"]
    # In the document body, every engagement section sits between 參 and 肆.
    order = [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert (
        order.index("參、過程（行程紀要）")
        < order.index(sections[-1])
        < order.index("肆、心得與達成效益")
    )


def test_the_typhoon_told_on_the_day_of_arrival_follows_the_itinerary_table(demo_visit):
    texts = _body_texts(_open(build_trip_report(demo_visit)))
    arrival = Engagement.objects.get(visit=demo_visit, date=dt.date(2024, 7, 22))

    (line,) = [t for t in texts if t.startswith("7月22日(星期一) 搭乘班機抵達西雅圖：")]
    assert line.endswith(arrival.notes_local.splitlines()[0])
    assert "凱米颱風" in line
    assert texts.index(line) < texts.index("二、拜會姊妹市塔可瑪市海因斯副市長")


def test_a_partners_section_recounts_the_exchanges_on_record(demo_visit):
    texts = _body_texts(_open(build_trip_report(demo_visit)))

    cupertino = texts.index("七、拜會友好城市庫比蒂諾市希拉·莫漢市長")
    section = texts[cupertino : texts.index("八、參訪海外臺商企業，關心在外打拚的鄉親")]
    assert "歷來交流紀錄" in section
    assert any(t.startswith("民國105年：") and "國際童玩節" in t for t in section)
    assert any(t.startswith("民國112年2月：") and "臺美文化愛說笑活動" in t for t in section)
    # The visit's own contacts too: the post Microsoft's host wrote after the visit.
    microsoft = texts.index("三、參訪微軟公司雷德蒙德總部")
    assert any(t.startswith("民國113年8月6日：") for t in texts[microsoft : microsoft + 12])


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
    assert _column(table, 1) == [c.title_local for c in commitments]
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

    # The office's own text (``<field>_local``): the Chinese report is in Chinese.
    assert after("摘要") == demo_visit.summary_local.splitlines()[0]
    assert after("貳、目的") == demo_visit.purpose_local.splitlines()[0]
    assert after("肆、心得與達成效益") == demo_visit.insights_local.splitlines()[0]
    assert after("伍、建議") == demo_visit.recommendations_local.splitlines()[0]


def test_the_english_report_has_english_headings_and_gregorian_dates(demo_visit):
    content = build_trip_report(demo_visit, language="en")
    document = _open(content)

    assert _headings(document, 1) == EN_HEADINGS
    first = (
        Engagement.objects.filter(visit=demo_visit)
        .exclude(kind="travel")
        .order_by("date", "order", "id")
        .first()
    )
    assert _headings(document, 2)[:2] == [
        "1. Schedule and areas of exchange and cooperation",
        f"2. {first.title}",
    ]
    assert _headings(document, 3)[0] == "8.1 吃茶三千"  # no English name on record
    body = _body_texts(document)
    assert body[1] == demo_visit.summary.splitlines()[0]  # the English text, after "Summary"
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

    assert 'TOC \\o "1-3"' in body
    assert '<w:updateFields w:val="true"/>' in settings_xml
    listed = [p.text for p in document.paragraphs if p.style.name.startswith("toc ")]
    assert listed == [p.text for p in document.paragraphs if p.style.name.startswith("Heading")]
    assert "（二）85度C咖啡、繼光香香雞" in listed
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
    mayor = OfficialFactory(name="Woodward", title="Mayor", title_local="市長", role="mayor")
    engagement = EngagementFactory(
        visit=visit,
        date=dt.date(2024, 7, 23),
        start_time=dt.time(10, 0),
        end_time=dt.time(11, 30),
        time_zone="America/Los_Angeles",
        title="Call on Tacoma",
        title_local="拜會塔可瑪市",
        partner=partner,
        location="Tacoma, Washington",
        notes_local="雙方交流教育議題。\n\n邀請副市長訪臺。",
        notes="Education exchange.\n\nDeputy Mayor Hines invited to Taiwan.",
    )
    engagement.officials.add(hines, mayor)

    zh_document = _open(build_trip_report(visit))
    zh = [p.text for p in zh_document.paragraphs]
    en = [p.text for p in _open(build_trip_report(visit, "en")).paragraphs]

    assert "二、拜會塔可瑪市" in zh
    assert "時間：民國113年7月23日 10:00–11:30 PDT" in zh
    # Names lead with the local name; the partner before the free-text location.
    assert "地點：塔可瑪市（Tacoma）" in zh
    # Officials in protocol order: the mayor before the deputy mayor.
    met = "會見人員：Woodward市長、海因斯（John Hines）副市長"
    assert met in zh
    assert zh[zh.index(met) + 1 :][:2] == ["雙方交流教育議題。", "邀請副市長訪臺。"]
    assert "派赴國家：日本、美國" in zh
    itinerary = _table_with_header(zh_document, "日期", "時間")
    assert [cell.text for cell in itinerary.rows[1].cells] == [
        "7月23日(星期二)",
        "10:00–11:30 PDT",
        "拜會塔可瑪市",
        "塔可瑪市（Tacoma）",
    ]
    assert "2. Call on Tacoma" in en
    assert "When: 2024-07-23 10:00–11:30 PDT" in en
    assert "Where: Tacoma, Washington" in en
    assert "Met: Woodward (Mayor), John Hines (Deputy Mayor)" in en
    assert en[en.index("Met: Woodward (Mayor), John Hines (Deputy Mayor)") + 1 :][:2] == [
        "Education exchange.",
        "Deputy Mayor Hines invited to Taiwan.",
    ]
    assert "Countries visited: Japan, United States" in en


def test_the_english_report_falls_back_to_the_offices_text_where_no_english_is_on_record():
    visit = VisitFactory(
        title="Test visit", summary_local="雙方同意持續交流。", purpose_local="深化城市外交。"
    )
    visit.summary = ""
    visit.purpose = "Deepen city diplomacy."
    visit.save()

    en = _body_texts(_open(build_trip_report(visit, "en")))
    zh = _body_texts(_open(build_trip_report(visit)))

    assert en[en.index("Summary") + 1] == "雙方同意持續交流。"
    assert en[en.index("II. Purpose") + 1] == "Deepen city diplomacy."
    assert zh[zh.index("貳、目的") + 1] == "深化城市外交。"


def test_business_visits_share_a_section_with_a_sub_item_per_day():
    visit = VisitFactory(title_local="測試訪問")
    tea, cafe, chicken = (
        OrganizationFactory(name="", name_local=name)
        for name in ("吃茶三千", "85度C咖啡", "繼光香香雞")
    )
    EngagementFactory(visit=visit, date=dt.date(2024, 7, 23), kind="travel", title_local="抵達")
    EngagementFactory(visit=visit, date=dt.date(2024, 7, 23), order=2, title_local="拜會甲市")
    for day, order, organization in ((25, 3, tea), (29, 1, cafe), (29, 2, chicken)):
        EngagementFactory(
            visit=visit,
            date=dt.date(2024, 7, day),
            order=order,
            kind="business_visit",
            title_local=f"參訪臺灣企業：{organization.name_local}",
            organization=organization,
        )
    EngagementFactory(visit=visit, date=dt.date(2024, 7, 26), title_local="參訪乙公司")

    document = _open(build_trip_report(visit))

    assert _headings(document, 2) == [
        "一、參訪日程暨交流合作項目",
        "二、拜會甲市",
        "三、參訪海外臺商企業，關心在外打拚的鄉親",
        "四、參訪乙公司",
    ]
    assert _headings(document, 3) == ["（一）吃茶三千", "（二）85度C咖啡、繼光香香雞"]
    texts = _body_texts(document)
    second_day = texts[texts.index("（二）85度C咖啡、繼光香香雞") :]
    assert second_day[1:3] == ["參訪臺灣企業：85度C咖啡", "時間：民國113年7月29日"]
    assert "參訪臺灣企業：繼光香香雞" in second_day[:8]


def test_a_single_business_visit_keeps_its_own_section():
    visit = VisitFactory(title_local="測試訪問")
    EngagementFactory(visit=visit, kind="business_visit", title_local="參訪臺灣企業：吃茶三千")

    assert _headings(_open(build_trip_report(visit)), 2)[1] == "二、參訪臺灣企業：吃茶三千"


def test_a_section_recounts_the_earlier_exchanges_with_its_partner_and_the_visits_own():
    partner = PartnerFactory(name="Cupertino", name_local="庫比蒂諾市")
    other = PartnerFactory()
    visit = VisitFactory(title_local="測試訪問")
    visit.partners.add(partner)
    EngagementFactory(visit=visit, partner=partner, title_local="拜會庫比蒂諾市")
    ContactFactory(
        partner=partner,
        occurred_on=dt.date(2023, 2, 1),
        occurred_precision="month",
        subject="Culture fun-talk event",
        subject_local="臺美文化愛說笑活動",
        summary_local="兩市國中學生參加。",
    )
    ContactFactory(partner=partner, occurred_on=dt.date(2024, 9, 1), subject_local="未連結之後續")
    ContactFactory(
        partner=partner, occurred_on=dt.date(2024, 9, 2), subject_local="訪後致謝函", visit=visit
    )
    ContactFactory(partner=other, occurred_on=dt.date(2020, 1, 1), subject_local="他市交流")

    zh = [p.text for p in _open(build_trip_report(visit)).paragraphs]
    en = [p.text for p in _open(build_trip_report(visit, "en")).paragraphs]

    exchanges = zh[zh.index("歷來交流紀錄") + 1 :]
    assert exchanges[:3] == [
        "民國112年2月：臺美文化愛說笑活動",
        "兩市國中學生參加。",
        "民國113年9月2日：訪後致謝函",
    ]
    assert "未連結之後續" not in "".join(zh)
    assert "他市交流" not in "".join(zh)
    assert "2023-02: Culture fun-talk event" in en


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
        partner = PartnerFactory()
        visit.partners.add(partner)
        for day in range(size):
            ContactFactory(partner=partner, occurred_on=dt.date(2020, 1, 1 + day))
        members = [MemberFactory(visit=visit) for _ in range(size)]
        for day in range(size):
            engagement = EngagementFactory(visit=visit, date=dt.date(2024, 7, 22 + day % 9))
            engagement.officials.add(OfficialFactory())
            engagement.attendees.add(*members[:2])
            CommitmentFactory(engagement=engagement)
        return visit

    small, large = visit_of_size(1), visit_of_size(12)

    for visit in (small, large):
        with django_assert_num_queries(8):
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
PDFTOPPM = shutil.which("pdftoppm")
# Pictures of the demo report's first pages, as the browser tests keep the pages' (README:
# "Official trip report" shows copies kept in docs/screenshots/).
SCREENSHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"


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
    if PDFTOPPM is None:
        print("pdftoppm (Debian's poppler-utils) is not installed: no pictures of the pages.")
        return
    SCREENSHOTS.mkdir(parents=True, exist_ok=True)
    prefix = SCREENSHOTS / "report-zh-p"
    subprocess.run(
        [PDFTOPPM, "-png", "-r", "60", "-f", "1", "-l", "3", str(pdf), str(prefix)],
        check=True,
        capture_output=True,
        timeout=60,
    )
    pictures = sorted(SCREENSHOTS.glob("report-zh-p*.png"))
    assert len(pictures) == 3
