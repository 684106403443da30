"""The demo data of the reference trip report (issue 2 item 8) and ``manage.py load_demo``."""

from __future__ import annotations

import datetime as dt
import io
import json
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F
from django.test import RequestFactory

from crm.core.audit import history_for
from crm.core.models import User
from crm.core.roles import role_of
from relations.anniversaries import anniversaries_between
from relations.models import Agreement, Official, Partner
from tests.factories import UserFactory
from visits.models import Commitment, DelegationMember, Engagement, Gift, Visit

PROTOCOL_ORDER = [
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
ENGAGEMENTS_PER_DAY = {22: 1, 23: 3, 24: 2, 25: 2, 26: 2, 27: 1, 28: 2, 29: 4, 30: 1}


@pytest.fixture(autouse=True)
def credentials_file(settings, tmp_path):
    """Keep this module's demo passwords out of the developer's .data/ directory."""
    settings.DEMO_CREDENTIALS_FILE = tmp_path / "demo-credentials.json"
    return settings.DEMO_CREDENTIALS_FILE


def _partner(name: str) -> Partner:
    return Partner.objects.get(name=name)


def _row_counts() -> dict[str, int]:
    """Rows of every domain, audit, user and group table (m2m tables included)."""
    counts = {}
    for label in ("relations", "visits", "pghistory", "auth"):
        for model in apps.get_app_config(label).get_models(include_auto_created=True):
            if model._meta.managed and not model._meta.proxy:
                counts[model._meta.label] = model.objects.count()
    counts["users"] = User.objects.count()
    counts["user groups"] = User.groups.through.objects.count()
    return counts


def test_it_loads_the_five_partners_of_the_report_with_the_officer_as_desk_officer(demo):
    partners = {p.name: p for p in Partner.objects.select_related("owner")}
    assert {name: (p.kind, p.jurisdiction, p.region) for name, p in partners.items()} == {
        "Tacoma": ("sister", "city", "Washington"),
        "Seattle": ("prospective", "city", "Washington"),
        "Cupertino": ("friendship", "city", "California"),
        "Contra Costa County": ("sister", "county", "California"),
        "San Diego": ("sister", "city", "California"),
    }
    assert {p.owner.username for p in partners.values()} == {"officer"}
    assert {(p.country, p.time_zone, p.status) for p in partners.values()} == {
        ("US", "America/Los_Angeles", "active")
    }
    assert partners["Tacoma"].population == 190000


def test_the_delegation_has_its_eleven_members_in_protocol_order(demo):
    visit = Visit.objects.get(start_on=dt.date(2024, 7, 22))
    assert (visit.end_on, visit.direction, visit.category, visit.status) == (
        dt.date(2024, 7, 31),
        "outbound",
        "inspection",
        "completed",
    )
    assert (visit.report_due_on, visit.report_submitted_on) == (
        dt.date(2024, 10, 31),
        dt.date(2024, 11, 4),
    )
    assert visit.partners.count() == 5
    members = list(visit.members.order_by("order"))
    assert [m.name_local for m in members] == PROTOCOL_ORDER
    assert [m.order for m in members] == list(range(1, 12))
    assert [m.role for m in members] == ["leader"] + ["member"] * 10
    assert (members[1].name, members[1].department_local) == ("Huang Guorong", "臺中市副市長")


def test_every_itinerary_day_has_its_engagements(demo):
    per_day = Counter(Engagement.objects.values_list("date", flat=True))
    assert {day.day: count for day, count in per_day.items()} == ENGAGEMENTS_PER_DAY
    assert not Engagement.objects.exclude(time_zone="America/Los_Angeles").exists()
    assert not Engagement.objects.filter(start_time__isnull=False).exists()
    tacoma_call = Engagement.objects.get(date=dt.date(2024, 7, 23), order=1)
    assert tacoma_call.partner.name == "Tacoma"
    assert set(tacoma_call.officials.values_list("name", flat=True)) >= {"John Hines"}
    assert list(tacoma_call.attendees.values_list("name_local", flat=True)) == ["黃國榮"]


def test_loading_twice_changes_no_row_and_adds_no_history(demo, credentials_file):
    before = _row_counts()
    passwords = dict(User.objects.values_list("username", "password"))
    stored = credentials_file.read_text()

    call_command("load_demo", verbosity=0)

    assert _row_counts() == before
    assert dict(User.objects.values_list("username", "password")) == passwords
    assert credentials_file.read_text() == stored


def test_the_mayor_left_for_the_typhoon_and_rejoined(demo):
    mayor = DelegationMember.objects.get(order=1)
    assert (mayor.joined_on, mayor.left_on) == (dt.date(2024, 7, 22), dt.date(2024, 7, 31))
    absence = mayor.absences.get()
    assert (absence.starts_on, absence.ends_on) == (dt.date(2024, 7, 23), dt.date(2024, 7, 26))
    assert "Gaemi" in absence.reason


def test_the_flame_of_friendship_is_in_the_gift_registry(demo):
    gift = Gift.objects.select_related("official", "organization", "member", "partner").get()
    assert (gift.description, gift.description_local) == ("Flame of Friendship", "友誼之焰")
    assert (gift.direction, gift.date, gift.disposition) == (
        "received",
        dt.date(2024, 7, 29),
        "pending",
    )
    assert gift.official.name == "Shawn VanDiver"
    assert gift.organization.name == "San Diego Convention Center Corporation"
    assert gift.member.name_local == "盧秀燕"
    assert gift.partner.name == "San Diego"
    assert gift.estimated_value is None
    assert "60 cm" in gift.notes


def test_the_commitments_of_the_visit_are_open_and_owned_by_the_officer(demo):
    commitments = Commitment.objects.select_related("owner", "visit")
    assert commitments.count() == 11
    assert {(c.owner.username, c.status, c.due_on) for c in commitments} == {
        ("officer", "open", None)
    }
    assert all(c.visit and c.engagement_id for c in commitments)
    counterparts = {
        name
        for c in commitments.filter(kind="invitation")
        for name in c.counterparts.values_list("name", flat=True)
    }
    assert counterparts == {
        "John Hines",
        "Tom Fay",
        "Greg Wong",
        "Sheila Mohan",
        "Todd Gloria",
        "Shawn VanDiver",
    }
    assert commitments.filter(kind="investment", counterparts__name="Shilpa Kolhatkar").exists()


def test_contra_costa_is_a_month_precise_sister_county_with_a_2024_reaffirmation(demo):
    contra_costa = _partner("Contra Costa County")
    sister, reaffirmation = contra_costa.agreements.order_by("signed_on")
    assert (sister.kind, sister.signed_on, sister.signed_precision, sister.commemorate) == (
        "sister_city",
        dt.date(1983, 3, 1),
        "month",
        True,
    )
    assert (reaffirmation.kind, reaffirmation.reference, reaffirmation.commemorate) == (
        "reaffirmation",
        "Resolution No. 2024-275",
        False,
    )


def test_established_dates_are_what_the_trigger_derives_from_the_agreements(demo):
    expected = {
        "Tacoma": (dt.date(2000, 7, 19), "day"),
        "Seattle": (None, ""),
        "Cupertino": (dt.date(2016, 1, 1), "year"),
        "Contra Costa County": (dt.date(1983, 3, 1), "month"),
        "San Diego": (dt.date(1983, 11, 19), "day"),
    }

    def established():
        return {p.name: (p.established_on, p.established_precision) for p in Partner.objects.all()}

    assert established() == expected
    Partner.objects.update(established_on=None, established_precision="")
    Agreement.objects.update(notes=F("notes"))  # any write of an agreement fires the trigger
    assert established() == expected


def test_the_anniversaries_of_the_must_show_list(demo):
    def only(start, end, partner):
        (found,) = anniversaries_between(start, end, partner_ids=[_partner(partner).pk])
        return found

    tacoma = only(dt.date(2024, 7, 1), dt.date(2024, 7, 31), "Tacoma")
    assert (tacoma.date, tacoma.years, tacoma.approximate) == (dt.date(2024, 7, 19), 24, False)
    san_diego = only(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "San Diego")
    assert (san_diego.date, san_diego.years) == (dt.date(2024, 11, 19), 41)
    assert not san_diego.is_milestone
    forty_fifth = only(dt.date(2028, 1, 1), dt.date(2028, 12, 31), "San Diego")
    assert (forty_fifth.date, forty_fifth.years, forty_fifth.is_milestone) == (
        dt.date(2028, 11, 19),
        45,
        True,
    )
    contra_costa = only(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Contra Costa County")
    assert (contra_costa.date, contra_costa.years, contra_costa.approximate) == (
        dt.date(2024, 3, 1),
        41,
        True,
    )
    cupertino = only(dt.date(2024, 1, 1), dt.date(2024, 12, 31), "Cupertino")
    assert (cupertino.date, cupertino.years, cupertino.approximate) == (
        dt.date(2024, 1, 1),
        8,
        True,
    )


def test_the_demo_users_log_in_with_the_stored_passwords(demo, credentials_file):
    stored = json.loads(credentials_file.read_text())
    assert set(stored) == {"admin", "manager", "officer", "viewer"}
    request = RequestFactory().post("/admin/login/")
    roles = {}
    for username, password in stored.items():
        user = authenticate(request, username=username, password=password)
        assert user is not None, username
        assert user.is_staff
        roles[username] = (role_of(user), user.language)
    assert roles == {
        "admin": ("admin", "en"),
        "manager": ("manager", "en"),
        "officer": ("officer", "zh-hant"),
        "viewer": ("viewer", "zh-hant"),
    }


def test_it_prints_the_users_and_their_passwords_every_time(demo, credentials_file):
    stored = json.loads(credentials_file.read_text())
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    for username, password in stored.items():
        assert f"{username:<8} {password}" in out.getvalue()


def test_the_demo_rows_are_recorded_in_the_history_as_created_by_admin(demo):
    history = history_for(_partner("Tacoma"))
    assert [(entry["action"], entry["user"]) for entry in history] == [("create", "admin")]
    assert Official.objects.filter(created_by__username="admin").count() == 28


def test_it_keeps_the_password_of_a_user_that_already_exists(db, credentials_file):
    UserFactory(username="officer", password="correct-horse-battery", is_staff=False)
    out = io.StringIO()

    call_command("load_demo", stdout=out)

    officer = User.objects.get(username="officer")
    assert officer.check_password("correct-horse-battery")
    assert (officer.is_staff, role_of(officer)) == (True, "officer")
    assert "officer" not in json.loads(credentials_file.read_text())
    assert "password unchanged" in out.getvalue()


def test_reset_passwords_gives_new_ones_that_work(demo, credentials_file):
    old = json.loads(credentials_file.read_text())

    call_command("load_demo", "--reset-passwords", verbosity=0)

    new = json.loads(credentials_file.read_text())
    assert set(new) == set(old)
    assert all(new[name] != old[name] for name in old)
    assert all(User.objects.get(username=name).check_password(new[name]) for name in new)
