"""The trip report of the demo visit against the reference report (SPEC §5.5, issue 12).

With the demo data the zh-Hant report names every person, place, body, event and figure
that the reference names, and is written in Chinese. The expected names below are the
Chinese forms of the tables of the reference's fact sheet (``reference/facts.md``):
§2 delegation, §4 people, §3 and §5 places and bodies, §5c and §7 events and projects,
§3, §9 and §10c figures. People the reference names only in Latin script (Mike Fowler,
Tom Fay …) are expected in that form. A fact that the reference spells two ways (聖地牙哥
/ 聖地亞哥, 週年 / 周年, 臺 / 台) is found in either spelling; spaces are ignored.
"""

from __future__ import annotations

import io
import unicodedata

import pytest
from django.core.management import call_command
from django.db import transaction
from docx import Document

from visits.models import Visit
from visits.report import build_trip_report

# The report is built once for the module (``zh_report``); the mark makes pytest-django set
# up the test database for it.
pytestmark = pytest.mark.django_db

# --- The reference's facts, in Chinese (facts.md) -----------------------------------------

# §2: the delegation in protocol order, and the ambassador who joined the San Diego call.
DELEGATION = [
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
    "令狐榮達",
]
# §4a partner governments and associations, §4b companies and museums, §4c the Los Angeles
# banquet; §5a the founder of NVIDIA, §9a and §5a the architects named in Chinese.
PEOPLE = [
    "海因斯",
    "Woodward",
    "Mike Fowler",
    "Clare Petrich",
    "Bill Baarsma",
    "黃祖成",
    "哈雷爾",
    "莫漢",
    "Pamela Wu",
    "Tina Kapoor",
    "胡威妮",
    "魏虹",
    "葛洛夫",
    "John Gioia",
    "Diane Burgis",
    "Ken Carlson",
    "格洛里亞",
    "Javier Gomez",
    "Lucas Coleman",
    "王振威",
    "寇克亞瑟",
    "花凱龍",
    "Michele Smith",
    "Jacob McMurray",
    "Tom Fay",
    "林康來",
    "Shilpa Kolhatkar",
    "Shawn VanDiver",
    "金映玉",
    "趙美心",
    "劉雲平",
    "方樹強",
    "黃泰平",
    "吳紹榮",
    "羅霈霆",
    "饒影凡",
    "秦振國",
    "伍立倫",
    "王愛琳",
    "鄭博仁",
    "丁言愉",
    "袁健生",
    "紀欽耀",
    "陳敏永",
    "李金生",
    "張自豪",
    "陳柏宇",
    "羅明",
    "林翠雲",
    "陳玲華",
    "于仁豪",
    "黃仁勳",
    "妹島和世",
    "西澤立衛",
    "亞瑟·埃里克森",
]
# §1 and §3a the country and partners, §3b and §5a where they are, §4c the banquet's cities.
PLACES = [
    "美國",
    "塔可瑪市",
    "西雅圖市",
    "庫比蒂諾市",
    "康他哥斯大郡",
    "聖地牙哥市",
    "華盛頓州",
    "雷德蒙德",
    ("加利福尼亞州", "加州"),
    "聖塔克拉拉",
    "聖蓋博市",
    "哈崗",
    "蒙特利公園市",
    "核桃市",
    "亞凱迪亞市",
    "繼光街",
    "水湳經貿園區",
    "東海大學",
    "僑大路",
    "黎明路",
]
# §5a visited, §5b named, §3b and §10c other bodies (the order of the tables).
BODIES = [
    "臺中市政府",
    "微軟",
    "輝達",
    "西雅圖流行文化博物館",
    "西雅圖中央圖書館",
    "西雅圖公共圖書館",
    "奧斯卡電影博物館",
    "洛杉磯小農市集",
    ("聖地牙哥會展中心", "聖地亞哥會展中心"),
    "聖地牙哥會展中心公司",
    "吃茶三千",
    "85度C",
    "繼光香香雞",
    "方圓國際",
    "喫茶小舖",
    "康他哥斯大郡議會",
    "塔可瑪世界貿易中心",
    "塔可瑪姊妹市協會",
    "塔可瑪港",
    "「庫比蒂諾-臺中」友誼城市協會",
    ("聖地牙哥-台中姊妹市協會", "聖地牙哥-臺中姊妹市協會"),
    "姊妹市總會",
    "國際事務理事會",
    "世界貿易中心",
    "永續發展及環境保護辦公室",
    "綠色新政監督委員會",
    "Pacific Ridge School",
    "西雅圖國際電影節",
    "萊卡公司",
    "美國影藝學院",
    "聖地牙哥動漫展",
    "華航",
    "駐洛杉磯臺北經濟文化辦事處",
    "駐洛杉磯華僑文教服務中心",
    "羅省中華會館",
    "汎美中華會館聯誼會",
    "大洛杉磯臺灣會館",
    "美國越東寮華人團體",
    "北美洲臺灣商會聯合總會",
    "世界華人工商婦女企管協會總會",
    "國際事務委員會",
    "氣象署",
    "長榮",
    "陽明海運",
    "財團法人臺中市影視發展基金會",
    "青年事務諮詢委員會",
    "臺積電",
    "美光",
    "鴻海",
    "友達",
    "矽品",
    ("臺中科大", "臺中科技大學"),
    "逢甲",
    "勤益科大",
    "中和國小",
    "光正國小",
    "和平國小",
    "惠文",
    "新社高中",
    ("台中一中", "臺中一中"),
]
# §2a, §5c, §7, §8 and §10b: the typhoon, the city's projects, festivals, slogans, the gift.
EVENTS = [
    "凱米颱風",
    "綠美圖",
    "臺中國際會展中心",
    "臺中流行影音中心",
    "中山73影視藝文空間",
    "臺中國際動畫影展",
    "臺中巨蛋",
    "臺中購物節",
    "鍋烤節",
    "爵士音樂節",
    "搖滾臺中",
    "舞蹈嘉年華",
    "酷城市、酷運動",
    "創意路跑",
    "臺中電影節",
    "臺中翱翔、臺灣起飛",
    "市民就是家人",
    "友誼之焰",
    "國際童玩節",
    "臺美文化愛說笑活動",
    "2050臺中市淨零排碳路徑",
    "無碳無憂",
    "臺中通APP",
    "疫苗預約系統",
    "垃圾清運大車隊APP",
    "大樹之門",
    "風帆館",
]
# §1, §3, §9 and §10c: the figures, as the report writes them.
FIGURES = [
    "等11人",
    "16個姊妹市",
    "2個友好城市",
    ("24週年", "24周年"),
    ("41週年", "41周年"),
    ("8週年", "8周年"),
    "2024-275",
    "19萬",
    "114萬",
    "140萬",
    "33.67",
    "757,992",
    "2,851,309",
    "369.2",
    "2,214.89",
    "650人",
    "419人",
    ("6.29億", "629萬"),
    "9,010萬",
    "1.65億",
    "53億",
    "38,300",
    "30,488",
    "58,016",
    "240,000",
    "130,428",
    "57,200",
    "28,810",
    "125,000",
    "12,600",
    "8,400",
    "72間",
    "7,370",
    "567777",
    "30.68公頃",
    "6.34公頃",
    "58%",
    "20%",
    "2040",
    "148",
    "145",
    "500多位",
    ("60公分", "60cm"),
    "9天",
    "2,000多戶",
    "1萬戶",
    "1,300萬",
    "12場",
    "1973",
]
FACTS = {
    "delegation": DELEGATION,
    "people": PEOPLE,
    "places": PLACES,
    "bodies": BODIES,
    "events": EVENTS,
    "figures": FIGURES,
}
# The share of the facts found that the demo data reaches today (see the report printed
# by the test for what is missing, and why).
FACTS_FOUND_AT_LEAST = 0.85
CJK_SHARE_AT_LEAST = 0.85


def report_text(content: bytes) -> str:
    """Every paragraph and table cell of a .docx (a merged cell once), one per line."""
    document = Document(io.BytesIO(content))
    lines = [paragraph.text for paragraph in document.paragraphs]
    seen = set()  # the cells' elements (held, so that lxml keeps one proxy for each)
    for table in document.tables:
        for row in table.rows:
            for cell in row.cells:
                if cell._tc not in seen:
                    seen.add(cell._tc)
                    lines.append(cell.text)
    return "\n".join(lines)


def _squeezed(text: str) -> str:
    return "".join(text.split())


def _found(fact, text: str) -> bool:
    spellings = fact if isinstance(fact, tuple) else (fact,)
    return any(_squeezed(spelling) in text for spelling in spellings)


def _is_cjk(character: str) -> bool:
    return unicodedata.name(character, "").startswith("CJK")


@pytest.fixture(scope="module")
def zh_report(django_db_setup, django_db_blocker, tmp_path_factory) -> str:
    """The zh-Hant report of the demo visit (``load_demo``, rolled back afterwards)."""
    from django.conf import settings

    credentials = tmp_path_factory.mktemp("demo") / "demo-credentials.json"
    with django_db_blocker.unblock(), transaction.atomic():
        previous = getattr(settings, "DEMO_CREDENTIALS_FILE", None)
        settings.DEMO_CREDENTIALS_FILE = credentials
        try:
            call_command("load_demo", verbosity=0)
            visit = Visit.objects.get(
                title_local="臺中市政府赴美國進行姊妹市、友好城市交流及市政考察案"
            )
            text = report_text(build_trip_report(visit, "zh-hant"))
        finally:
            if previous is None:
                del settings.DEMO_CREDENTIALS_FILE
            else:
                settings.DEMO_CREDENTIALS_FILE = previous
            transaction.set_rollback(True)
    return text


def test_the_zh_report_names_the_references_people_places_bodies_events_and_figures(zh_report):
    text = _squeezed(zh_report)
    total = found = 0
    missing: dict[str, list[str]] = {}
    for kind, facts in FACTS.items():
        absent = [f if isinstance(f, str) else " / ".join(f) for f in facts if not _found(f, text)]
        print(f"{kind}: {len(facts) - len(absent)}/{len(facts)} found; missing: {absent}")
        total += len(facts)
        found += len(facts) - len(absent)
        if absent:
            missing[kind] = absent
    share = found / total
    print(f"facts of the reference found in the report: {found}/{total} = {share:.1%}")

    assert all(name in zh_report for name in DELEGATION[:11]), "the 11 members are all named"
    assert share >= FACTS_FOUND_AT_LEAST, missing


def test_the_zh_report_is_written_in_chinese(zh_report):
    letters = [character for character in zh_report if character.isalpha()]
    share = sum(map(_is_cjk, letters)) / len(letters)
    print(f"CJK letters among the report's letters: {share:.1%} of {len(letters)}")

    assert share >= CJK_SHARE_AT_LEAST
