"""The reports (SPEC §5.7) on the demo data, checked against values counted by hand.

The demo (fixtures/demo.json) is the July 2024 delegation of the reference trip report:
one outbound visit (2024-07-22 → 31) to Tacoma, Seattle, Cupertino, Contra Costa County
and San Diego; 20 commitments recorded on 2024-11-04, all still open (19 open, one in
progress), none with a due date, 18 of them with a partner (Tacoma 3, Seattle 3,
Cupertino 2, Contra Costa 2, San Diego 4); two gifts received (San Diego's 友誼之焰 and
Contra Costa's resolution, neither valued); two invitations sent in July 2024 — Tom Fay
of Seattle to the 綠美圖 opening (2025-12-01), Shawn VanDiver of San Diego to the
convention centre opening (2025-01-01) — neither answered; contacts with San Diego on
2024-03-02 and 2024-09-01, and earlier, year-precise exchanges (Tacoma 2013–2015 and
2018, Contra Costa 2013 …).
"""

from __future__ import annotations

import csv
import datetime as dt
import io
import re
import zoneinfo
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext
from openpyxl import load_workbook

from crm.desk import reports
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    GiftFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from tests.pages.conftest import text
from visits.models import Commitment, Gift, Invitation, Visit
from visits.services import value_in_twd

pytestmark = pytest.mark.django_db

TAIPEI = zoneinfo.ZoneInfo("Asia/Taipei")
TODAY = dt.date(2026, 11, 30)
NOON = dt.datetime(2026, 11, 30, 12, 0, tzinfo=TAIPEI)

# (contacts, visits out, visits in, events, commitments opened, closed, total)
ACTIVITY_2024 = {
    "San Diego": (2, 1, 0, 0, 4, 0, 7),
    "Seattle": (0, 1, 0, 0, 3, 0, 4),
    "Tacoma": (0, 1, 0, 0, 3, 0, 4),
    "Contra Costa County": (0, 1, 0, 0, 2, 0, 3),
    "Cupertino": (0, 1, 0, 0, 2, 0, 3),
}
ACTIVITY_KEYS = (*reports.ACTIVITY_MEASURES, "total")


@pytest.fixture
def today():
    with time_machine.travel(NOON, tick=False):
        yield TODAY


def _activity(rows) -> dict[str, tuple]:
    return {row["name"]: tuple(row[k] for k in ACTIVITY_KEYS) for row in rows}


def test_activity_in_2024_counts_the_delegation_the_contacts_and_the_promises(demo, today):
    report = reports.build("activity", {"year": "2024"}, today=today)
    rows = report.table("partners").rows
    # Most active first; equals by name.
    assert [r["name"] for r in rows] == list(ACTIVITY_2024)
    assert _activity(rows) == ACTIVITY_2024
    assert report.params == {"year": 2024, "kind": "", "country": "", "topic": ""}


def test_activity_in_2025_counts_the_events_the_partners_officials_were_invited_to(demo, today):
    rows = reports.build("activity", {"year": "2025"}, today=today).table("partners").rows
    assert {r["name"]: r["events"] for r in rows} == {
        "San Diego": 1,  # the convention centre opening, 2025-01-01
        "Seattle": 1,  # the 綠美圖 opening, 2025-12-01
        "Contra Costa County": 0,
        "Cupertino": 0,
        "Tacoma": 0,
    }
    assert sum(r["total"] for r in rows) == 2


def test_activity_counts_exchanges_known_only_by_their_year(demo, today):
    rows = reports.build("activity", {"year": "2013"}, today=today).table("partners").rows
    assert {r["name"]: r["contacts"] for r in rows if r["contacts"]} == {
        "Contra Costa County": 1,  # the last delegation to Contra Costa, "about 2013"
        "Tacoma": 1,  # the 2013 high-school study tour
    }


@pytest.mark.parametrize(
    ("query", "names"),
    [
        ({"kind": "sister"}, {"San Diego", "Tacoma", "Contra Costa County"}),
        ({"kind": "friendship"}, {"Cupertino"}),
        ({"country": "us"}, set(ACTIVITY_2024)),
        ({"country": "JP"}, set()),
        ({"topic": "libraries"}, {"Seattle"}),
        ({"kind": "sister", "topic": "sports"}, {"Tacoma"}),
    ],
)
def test_activity_filters_by_kind_country_and_topic(demo, today, query, names):
    rows = reports.build("activity", {"year": "2024", **query}, today=today).table("partners").rows
    assert {r["name"] for r in rows} == names
    assert all(_activity([r])[r["name"]] == ACTIVITY_2024[r["name"]] for r in rows)


def test_the_ledger_shows_one_delegation_each_way_and_san_diegos_flame_of_friendship(demo, today):
    rows = {r["name"]: r for r in reports.build("reciprocity", {}, today=today).tables[0].rows}
    san_diego = rows["San Diego"]
    assert {k: v for k, v in san_diego.items() if k not in ("id", "partner_id", "name_local")} == {
        "name": "San Diego",
        "kind": "sister",
        "country": "US",
        "delegations_sent": 1,
        "delegations_received": 0,
        "gifts_given": 0,
        "gifts_given_twd": 0,
        "gifts_received": 1,  # 友誼之焰, given at the convention centre on 2024-07-29
        "gifts_received_twd": 0,  # no value on record
        "invitations_sent": 1,
        "invitations_accepted": 0,
        "we_last_visited_on": dt.date(2024, 7, 31),
        "years_since_we_visited": 2,
        "they_last_visited_on": None,
        "years_since_they_visited": None,
    }
    tacoma = rows["Tacoma"]
    assert (tacoma["delegations_sent"], tacoma["delegations_received"]) == (1, 0)
    assert (tacoma["gifts_given"], tacoma["gifts_received"], tacoma["invitations_sent"]) == (
        0,
        0,
        0,
    )
    assert rows["Contra Costa County"]["gifts_received"] == 1  # Resolution No. 2024-275
    assert rows["Seattle"]["invitations_sent"] == 1  # Tom Fay
    assert sum(r["delegations_sent"] for r in rows.values()) == 5


def test_the_ledger_sums_recorded_values_in_twd_and_counts_unvalued_gifts(demo, today):
    from relations.models import Partner

    san_diego = Partner.objects.get(name="San Diego")
    # A given keepsake valued US$100: NT$3,200 at the configured rate (USD=32).
    GiftFactory(
        partner=san_diego,
        direction=Gift.Direction.GIVEN,
        estimated_value=Decimal("100"),
        currency="USD",
        value_twd=value_in_twd(Decimal("100"), "USD"),
    )
    GiftFactory(
        partner=san_diego,
        direction=Gift.Direction.GIVEN,
        estimated_value=Decimal("1500"),
        currency="TWD",
        value_twd=value_in_twd(Decimal("1500"), "TWD"),
    )
    GiftFactory(partner=san_diego, direction=Gift.Direction.RECEIVED, value_twd=Decimal("800"))
    visit = VisitFactory(
        direction=Visit.Direction.INBOUND,
        start_on=dt.date(2025, 3, 10),
        end_on=dt.date(2025, 3, 14),
        status="completed",
    )
    visit.partners.add(san_diego)
    invitee = san_diego.officials.order_by("pk").first()
    InvitationFactory(
        invitee=invitee, status=Invitation.Status.ACCEPTED, sent_on=dt.date(2025, 1, 5)
    )
    row = next(
        r
        for r in reports.build("reciprocity", {}, today=today).tables[0].rows
        if r["name"] == "San Diego"
    )
    assert (row["gifts_given"], row["gifts_given_twd"]) == (2, Decimal("4700"))
    assert (row["gifts_received"], row["gifts_received_twd"]) == (2, Decimal("800"))
    assert (row["delegations_sent"], row["delegations_received"]) == (1, 1)
    assert (row["they_last_visited_on"], row["years_since_they_visited"]) == (
        dt.date(2025, 3, 14),
        1,
    )
    assert (row["invitations_sent"], row["invitations_accepted"]) == (2, 1)


def test_a_cancelled_or_future_visit_is_not_a_delegation_sent(demo, today):
    from relations.models import Partner

    tacoma = Partner.objects.get(name="Tacoma")
    for start, status in ((dt.date(2025, 5, 1), "cancelled"), (dt.date(2027, 5, 1), "planned")):
        visit = VisitFactory(start_on=start, end_on=start, status=status)
        visit.partners.add(tacoma)
    row = next(
        r
        for r in reports.build("reciprocity", {}, today=today).tables[0].rows
        if r["name"] == "Tacoma"
    )
    assert (row["delegations_sent"], row["we_last_visited_on"]) == (1, dt.date(2024, 7, 31))


def test_follow_up_performance_on_the_demo_data(demo, today):
    report = reports.build("follow-ups", {}, today=today)
    (officer,) = report.table("officers").rows
    measures = ("open", "overdue", "closed", "closed_on_time", "median_days_to_close")
    assert officer["username"] == "officer"
    assert tuple(officer[k] for k in measures) == (20, 0, 0, 0, None)
    (visit,) = report.table("visits").rows
    assert visit["visit_id"] is not None
    assert tuple(visit[k] for k in measures) == (20, 0, 0, 0, None)


def _recorded(commitment, day: dt.date) -> None:
    Commitment.objects.filter(pk=commitment.pk).update(
        created_at=dt.datetime.combine(day, dt.time(9), tzinfo=TAIPEI)
    )


def test_follow_up_performance_counts_overdue_on_time_and_the_median_days(db, today):
    alice = UserFactory(role="officer", username="alice", first_name="Alice", last_name="Lin")
    bob = UserFactory(role="manager", username="bob")
    visit = VisitFactory()
    day = dt.timedelta(days=1)
    # Alice: one overdue, one due later, three closed (4, 7 and 10 days after recording).
    CommitmentFactory(owner=alice, visit=visit, due_on=today - day)
    CommitmentFactory(owner=alice, visit=visit, due_on=today + day)
    on_time = CommitmentFactory(
        owner=alice,
        visit=visit,
        due_on=dt.date(2026, 3, 10),
        status="done",
        completed_on=dt.date(2026, 3, 5),
        outcome="Sent.",
    )
    _recorded(on_time, dt.date(2026, 3, 1))
    late = CommitmentFactory(
        owner=alice,
        due_on=dt.date(2026, 3, 10),
        status="done",
        completed_on=dt.date(2026, 3, 11),
        outcome="Sent late.",
    )
    _recorded(late, dt.date(2026, 3, 1))
    undated = CommitmentFactory(
        owner=alice, due_on=None, status="dropped", completed_on=dt.date(2026, 3, 8), outcome="No."
    )
    _recorded(undated, dt.date(2026, 3, 1))
    # Bob: one in progress due today (not overdue yet).
    CommitmentFactory(owner=bob, status="in_progress", due_on=today)

    report = reports.build("follow-ups", {}, today=today)
    measures = ("open", "overdue", "closed", "closed_on_time", "median_days_to_close")
    officers = {r["username"]: tuple(r[k] for k in measures) for r in report.table("officers").rows}
    assert officers == {"alice": (2, 1, 3, 1, 7.0), "bob": (1, 0, 0, 0, None)}
    assert report.table("officers").rows[0]["owner"] == "Alice Lin"  # overdue first
    visits = {r["visit_id"]: tuple(r[k] for k in measures) for r in report.table("visits").rows}
    assert visits == {visit.pk: (2, 1, 1, 1, 4.0), None: (1, 0, 2, 0, 8.5)}


MEASURES = ("open", "overdue", "closed", "closed_on_time", "median_days_to_close")


def _follow_up_visits(report) -> dict:
    return {r["visit_id"]: tuple(r[k] for k in MEASURES) for r in report.table("visits").rows}


def _follow_up_officers(report) -> dict:
    return {r["username"]: tuple(r[k] for k in MEASURES) for r in report.table("officers").rows}


def test_the_follow_up_year_narrows_the_visits_while_the_officers_count_every_follow_up(db, today):
    alice = UserFactory(role="officer", username="alice")
    of_2025 = VisitFactory(start_on=dt.date(2025, 5, 4), end_on=dt.date(2025, 5, 9))
    of_2026 = VisitFactory(start_on=dt.date(2026, 3, 1), end_on=dt.date(2026, 3, 5))
    CommitmentFactory(owner=alice, visit=of_2025, due_on=dt.date(2025, 8, 1))  # overdue
    done = CommitmentFactory(
        owner=alice,
        visit=of_2025,
        due_on=dt.date(2025, 9, 1),
        status="done",
        completed_on=dt.date(2025, 6, 4),
        outcome="Sent.",
    )
    _recorded(done, dt.date(2025, 6, 1))
    CommitmentFactory(owner=alice, visit=of_2026, due_on=None)
    CommitmentFactory(owner=alice, due_on=None)  # not from a visit: a row in every year

    in_2025 = reports.build("follow-ups", {"year": "2025"}, today=today)
    assert in_2025.params == {"year": 2025, "today": today}
    assert _follow_up_visits(in_2025) == {
        of_2025.pk: (1, 1, 1, 1, 3.0),
        None: (1, 0, 0, 0, None),
    }
    in_2026 = reports.build("follow-ups", {"year": "2026"}, today=today)
    assert _follow_up_visits(in_2026) == {of_2026.pk: (1, 0, 0, 0, None), None: (1, 0, 0, 0, None)}
    in_2024 = reports.build("follow-ups", {"year": "2024"}, today=today)
    assert _follow_up_visits(in_2024) == {None: (1, 0, 0, 0, None)}
    # The officers' totals are the same whatever the year: every follow-up.
    for report in (in_2024, in_2025, in_2026):
        assert _follow_up_officers(report) == {"alice": (3, 1, 1, 1, 3.0)}


def test_the_follow_up_year_defaults_to_the_latest_year_a_visit_with_follow_ups_began(db, today):
    assert reports.build("follow-ups", {}, today=today).params["year"] == 2026  # none: this year
    of_2025 = VisitFactory(start_on=dt.date(2025, 5, 4), end_on=dt.date(2025, 5, 9))
    CommitmentFactory(visit=of_2025)
    of_2026 = VisitFactory(start_on=dt.date(2026, 6, 1), end_on=dt.date(2026, 6, 3))  # none
    planned = VisitFactory(start_on=dt.date(2026, 12, 20), end_on=dt.date(2027, 1, 3))
    CommitmentFactory(visit=planned)  # not begun by today
    report = reports.build("follow-ups", {}, today=today)
    assert report.params["year"] == 2025
    assert list(_follow_up_visits(report)) == [of_2025.pk]
    CommitmentFactory(visit=of_2026)
    report = reports.build("follow-ups", {}, today=today)
    assert report.params["year"] == 2026
    assert list(_follow_up_visits(report)) == [planned.pk, of_2026.pk]  # latest first


def test_the_follow_up_year_is_the_same_on_the_page_in_json_and_in_the_downloads(
    client, api, today
):
    manager = UserFactory(role="manager", language="en")
    of_2025 = VisitFactory(
        title="Osaka 2025", start_on=dt.date(2025, 5, 4), end_on=dt.date(2025, 5, 9)
    )
    of_2026 = VisitFactory(
        title="Kobe 2026", start_on=dt.date(2026, 3, 1), end_on=dt.date(2026, 3, 5)
    )
    CommitmentFactory(visit=of_2025, owner=manager)
    CommitmentFactory(visit=of_2026, owner=manager)
    client.force_login(manager)
    html = client.get("/reports/follow-ups/?year=2025").content.decode()
    assert "Follow-up performance · 2025" in html
    assert [row[0] for row in _page_rows(html, "visits")] == ["Osaka 2025"]
    assert [row[0] for row in _page_rows(html, "officers")] == [manager.username]
    body = api("viewer").get("/api/v1/reports/follow-ups/?year=2025").json()
    assert body["params"]["year"] == 2025
    assert [r["visit_title"] for r in body["tables"]["visits"]] == ["Osaka 2025"]
    book = load_workbook(_download(client, "/reports/follow-ups/export.xlsx?year=2025"))
    assert [r[0] for r in book["Per visit"].iter_rows(min_row=2, values_only=True)] == [
        "Osaka 2025"
    ]
    response = client.get("/reports/follow-ups/export.csv?year=2025&table=visits")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert [line[0] for line in lines[1:]] == ["Osaka 2025"]
    # Without a year: the latest year a visit with follow-ups began.
    html = client.get("/reports/follow-ups/").content.decode()
    assert [row[0] for row in _page_rows(html, "visits")] == ["Kobe 2026"]


def test_the_anniversary_year_marks_tacomas_25th_as_a_milestone(demo, today):
    report = reports.build("anniversaries", {"year": "2025"}, today=today)
    items = [
        (a["partner_name"], a["date"], a["years"], a["is_milestone"], a["approximate"])
        for a in report.table("anniversaries").rows
    ]
    assert items == [
        ("Cupertino", dt.date(2025, 1, 1), 9, False, True),
        ("Contra Costa County", dt.date(2025, 3, 1), 42, False, True),
        ("Tacoma", dt.date(2025, 7, 19), 25, True, False),
        ("San Diego", dt.date(2025, 11, 19), 42, False, False),
    ]
    months = {
        m["month"]: (m["anniversaries"], m["milestones"]) for m in report.table("months").rows
    }
    assert months == {
        1: (1, 0),
        2: (0, 0),
        3: (1, 0),
        4: (0, 0),
        5: (0, 0),
        6: (0, 0),
        7: (1, 1),
        8: (0, 0),
        9: (0, 0),
        10: (0, 0),
        11: (1, 0),
        12: (0, 0),
    }


# --- constant queries --------------------------------------------------------------------

QUERIES = {"activity": 5, "reciprocity": 4, "follow-ups": 2, "anniversaries": 1}


def _add_rows(n: int, owner) -> None:
    for i in range(n):
        partner = PartnerFactory()
        ContactFactory(partner=partner, occurred_on=dt.date(2024, 5, 1))
        visit = VisitFactory(direction=("outbound", "inbound")[i % 2])
        visit.partners.add(partner)
        CommitmentFactory(partner=partner, visit=visit, owner=owner)
        GiftFactory(partner=partner, value_twd=Decimal(100 * i))
        InvitationFactory(invitee=OfficialFactory(partner=partner), sent_on=dt.date(2024, 6, 1))
        from relations.models import Agreement

        Agreement.objects.create(
            partner=partner, kind="sister_city", signed_on=dt.date(2000 + i, 1, 2)
        )


def _count(name: str, query: dict, today: dt.date) -> int:
    with CaptureQueriesContext(connection) as captured:
        reports.build(name, query, today=today)
    return len(captured)


def test_the_follow_up_report_reads_its_default_year_in_one_more_query(db, today):
    owner = UserFactory(role="officer")
    _add_rows(5, owner)
    at_5 = _count("follow-ups", {}, today)
    _add_rows(45, owner)
    assert (at_5, _count("follow-ups", {}, today)) == (3, 3)


@pytest.mark.parametrize("name", list(QUERIES))
def test_each_report_runs_the_same_exact_number_of_queries_with_5_or_50_partners(db, today, name):
    owner = UserFactory(role="officer")
    query = {"year": "2024", "kind": "sister", "topic": "", "country": "US"}
    _add_rows(5, owner)
    at_5 = _count(name, query, today)
    _add_rows(45, owner)
    at_50 = _count(name, query, today)
    assert (at_5, at_50) == (QUERIES[name], QUERIES[name])


# The page: session and user (2), role groups (1), permissions (2), the filter form's
# topics (1) where the report filters by topic, then the report's own queries.
PAGE_QUERIES = {"activity": 11, "reciprocity": 10, "follow-ups": 7, "anniversaries": 6}


@pytest.mark.parametrize("name", list(PAGE_QUERIES))
def test_each_report_page_runs_the_same_exact_number_of_queries(client, manager, today, name):
    client.force_login(manager)
    url = f"/reports/{name}/?year=2024"
    _add_rows(5, manager)
    client.get(url)  # warm caches (content types, permissions)
    with CaptureQueriesContext(connection) as at_5:
        assert client.get(url).status_code == 200
    _add_rows(45, manager)
    with CaptureQueriesContext(connection) as at_50:
        assert client.get(url).status_code == 200
    assert (len(at_5), len(at_50)) == (PAGE_QUERIES[name], PAGE_QUERIES[name])


# --- one set of numbers: page, JSON, XLSX and CSV --------------------------------------------


def _page_rows(html: str, table: str) -> list[list[str]]:
    body = re.search(rf'<table[^>]*id="table-{table}".*?<tbody>(.*?)</tbody>', html, re.S).group(1)
    return [
        [text(cell) for cell in re.findall(r"<t[hd][^>]*>(.*?)</t[hd]>", row, re.S)]
        for row in re.findall(r"<tr>(.*?)</tr>", body, re.S)
    ]


def _download(client, url: str) -> io.BytesIO:
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Disposition"].startswith("attachment;")
    return io.BytesIO(b"".join(response.streaming_content))


def test_the_page_json_xlsx_and_csv_show_the_same_activity_numbers(client, api, demo, today):
    from crm.core.models import User

    viewer = User.objects.get(username="viewer")  # reads Chinese
    client.force_login(viewer)
    query = "year=2024"
    page = client.get(f"/reports/activity/?{query}")
    assert page.status_code == 200
    html = page.content.decode()
    assert '<svg viewBox="0 0 360' in html
    assert 'class="chart-svg"' in html
    page_rows = _page_rows(html, "partners")
    expected_names = {
        "San Diego": "聖地牙哥市 · San Diego",
        "Seattle": "西雅圖市 · Seattle",
        "Tacoma": "塔可瑪市 · Tacoma",
        "Contra Costa County": "康他哥斯大郡 · Contra Costa County",
        "Cupertino": "庫比蒂諾市 · Cupertino",
    }
    expected = [
        [expected_names[name], *(str(n) for n in numbers)]
        for name, numbers in ACTIVITY_2024.items()
    ]
    assert page_rows == expected

    # JSON (the API)
    response = api("viewer").get(f"/api/v1/reports/activity/?{query}")
    assert response.status_code == 200
    body = response.json()
    assert body["report"] == "activity"
    assert body["params"]["year"] == 2024
    assert {r["name"]: tuple(r[k] for k in ACTIVITY_KEYS) for r in body["tables"]["partners"]} == (
        ACTIVITY_2024
    )

    # XLSX, opened with openpyxl: Chinese headers, the same numbers
    xlsx = client.get(f"/reports/activity/export.xlsx?{query}")
    assert xlsx.status_code == 200
    assert xlsx["Content-Type"].startswith("application/vnd.openxmlformats")
    sheet = load_workbook(io.BytesIO(b"".join(xlsx.streaming_content))).worksheets[0]
    values = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert values[0] == [
        "夥伴城市",
        "聯繫紀錄",
        "出訪",
        "來訪",
        "活動",
        "新增承諾事項",
        "結案承諾事項",
        "合計",
    ]
    assert values[1:] == [
        [expected_names[name], *numbers] for name, numbers in ACTIVITY_2024.items()
    ]

    # CSV: the same rows as text
    response = client.get(f"/reports/activity/export.csv?{query}")
    content = b"".join(response.streaming_content).decode("utf-8-sig")
    assert list(csv.reader(io.StringIO(content)))[1:] == expected


def test_the_ledger_downloads_and_json_carry_san_diegos_gift(client, api, demo, today):
    from crm.core.models import User

    client.force_login(User.objects.get(username="manager"))  # reads English
    sheet = load_workbook(_download(client, "/reports/reciprocity/export.xlsx")).worksheets[0]
    rows = [list(r) for r in sheet.iter_rows(values_only=True)]
    header = rows[0]
    assert header[:7] == [
        "Partner",
        "Delegations sent",
        "Delegations received",
        "Gifts given",
        "Value given (NT$)",
        "Gifts received",
        "Value received (NT$)",
    ]
    san_diego = next(r for r in rows if r[0] == "San Diego · 聖地牙哥市")
    assert san_diego[1:9] == [1, 0, 0, 0, 1, 0, 1, 0]
    assert san_diego[9].date() == dt.date(2024, 7, 31)
    assert san_diego[10:] == [2, None, None]

    body = api("viewer").get("/api/v1/reports/reciprocity/").json()
    row = next(r for r in body["tables"]["partners"] if r["name"] == "San Diego")
    assert row["gifts_received"] == 1
    assert row["we_last_visited_on"] == "2024-07-31"
    page = client.get("/reports/reciprocity/").content.decode()
    page_row = next(r for r in _page_rows(page, "partners") if r[0].startswith("San Diego"))
    assert page_row[1:9] == ["1", "0", "0", "0", "1", "0", "1", "0"]


def test_the_follow_up_and_anniversary_downloads_have_a_sheet_per_table(client, demo, today):
    from crm.core.models import User

    client.force_login(User.objects.get(username="manager"))
    book = load_workbook(_download(client, "/reports/follow-ups/export.xlsx"))
    assert book.sheetnames == ["Per officer", "Per visit"]
    assert [list(r) for r in book["Per officer"].iter_rows(values_only=True)] == [
        ["Owner", "Open", "Overdue", "Closed", "Closed on time", "Median days to close"],
        ["officer", 20, 0, 0, 0, None],
    ]
    book = load_workbook(_download(client, "/reports/anniversaries/export.xlsx?year=2025"))
    items = [list(r) for r in book["Anniversaries"].iter_rows(values_only=True)]
    assert items[3][1:] == ["Tacoma · 塔可瑪市", "sister-city agreement", 25, "Yes", None]
    response = client.get("/reports/follow-ups/export.csv?table=visits")
    lines = list(csv.reader(io.StringIO(b"".join(response.streaming_content).decode("utf-8-sig"))))
    assert lines[1][1:] == ["20", "0", "0", "0", ""]


# --- access and bad input ----------------------------------------------------------------


@pytest.mark.parametrize("role", ["viewer", "officer", "manager", "admin"])
def test_every_role_reads_the_reports(client, api, role, today):
    user = UserFactory(is_superuser=True) if role == "admin" else UserFactory(role=role)
    client.force_login(user)
    for name in QUERIES:
        assert client.get(f"/reports/{name}/").status_code == 200
        assert api(role).get(f"/api/v1/reports/{name}/").status_code == 200
    assert 'href="/reports/"' in client.get("/").content.decode()


def test_without_a_role_or_signed_out_there_are_no_reports(client, api, today):
    assert client.get("/reports/").status_code == 302
    assert api(None).get("/api/v1/reports/activity/").status_code == 401
    client.force_login(UserFactory())
    assert client.get("/reports/activity/").status_code == 403
    assert client.get("/reports/activity/export.csv").status_code == 403


@pytest.mark.parametrize(
    ("name", "query", "field"),
    [
        ("activity", {"year": "abc"}, "year"),
        ("activity", {"year": "1899"}, "year"),
        ("activity", {"year": "²"}, "year"),
        ("activity", {"kind": "twin"}, "kind"),
        ("reciprocity", {"country": "USA"}, "country"),
        ("follow-ups", {"year": "20x5"}, "year"),
        ("follow-ups", {"year": "2101"}, "year"),
        ("anniversaries", {"year": "9" * 50}, "year"),
        ("anniversaries", {"year": "9" * 5000}, "year"),
    ],
)
def test_invalid_parameters_are_a_400_or_a_form_error_never_a_500(
    client, api, manager, today, name, query, field
):
    response = api("viewer").get(f"/api/v1/reports/{name}/", query)
    assert response.status_code == 400
    assert field in response.json()
    client.force_login(manager)
    page = client.get(f"/reports/{name}/", query)
    assert page.status_code == 422
    assert 'class="error"' in page.content.decode()
    assert client.get(f"/reports/{name}/export.xlsx", query).status_code == 400


def test_unknown_reports_and_formats_are_404(client, manager):
    client.force_login(manager)
    assert client.get("/reports/nothing/").status_code == 404
    assert client.get("/reports/activity/export.pdf").status_code == 404
    assert client.get("/reports/follow-ups/export.csv?table=nope").status_code == 400
