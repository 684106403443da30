"""The demo data of the reference trip report (issue 2 item 8) and ``manage.py load_demo``."""

from __future__ import annotations

import datetime as dt
import io
import json
import unicodedata
from collections import Counter

import pytest
from django.apps import apps
from django.contrib.auth import authenticate
from django.core.management import call_command
from django.db.models import F, TextField
from django.test import RequestFactory

from crm.core.audit import history_for
from crm.core.models import User
from crm.core.roles import role_of
from relations.anniversaries import anniversaries_between
from relations.models import Agreement, Contact, Official, Partner
from tests.factories import UserFactory
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Gift,
    Invitation,
    Visit,
)

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
    gift = Gift.objects.select_related("official", "organization", "member", "partner").get(
        description_local="友誼之焰"
    )
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
    assert commitments.count() == 20
    assert {(c.owner.username, c.due_on) for c in commitments} == {("officer", None)}
    assert {c.status for c in commitments} == {"open", "in_progress"}
    assert all(c.visit for c in commitments)
    # Two follow the report's recommendations rather than a meeting.
    assert commitments.filter(engagement__isnull=True).count() == 2
    counterparts = {
        name
        for c in commitments.filter(kind="invitation").exclude(engagement__kind="banquet")
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
    assert Official.objects.filter(created_by__username="admin").count() == 52


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


# ---------------------------------------------------------------------------
# The reference visit, complete and in Chinese (issue 12 item 2)

# Narrative fields that are short strings rather than text (the text fields are found by type).
NARRATIVE_CHARFIELDS = {"subject", "title", "description"}
NARRATIVE_CHARFIELD_MODELS = {"relations.contact", "visits.commitment", "visits.gift"}


def _narrative_pairs() -> list[tuple[type, str, str]]:
    """``(model, english field, local field)`` of every narrative of the two domain apps.

    A narrative is free text (a text field: notes, summaries, purposes, details, outcomes,
    descriptions …) or one of the short narratives (a contact's subject, a commitment's
    title, a gift's description); names and titles of people, places and events are not.
    """
    pairs = []
    for label in ("relations", "visits"):
        for model in apps.get_app_config(label).get_models():
            fields = {f.name: f for f in model._meta.concrete_fields}
            for name, field in fields.items():
                english = name.removesuffix("_local")
                if english == name or english not in fields:
                    continue
                is_text = isinstance(field, TextField)
                is_short = (
                    model._meta.label_lower in NARRATIVE_CHARFIELD_MODELS
                    and english in NARRATIVE_CHARFIELDS
                )
                if is_text or is_short:
                    pairs.append((model, english, name))
    return pairs


def _is_cjk(character: str) -> bool:
    return unicodedata.name(character, "").startswith("CJK")


def test_the_narrative_pairs_cover_every_model_with_a_local_narrative(db):
    covered = {(model._meta.label_lower, local) for model, _, local in _narrative_pairs()}
    assert covered >= {
        ("visits.visit", "purpose_local"),
        ("visits.visit", "summary_local"),
        ("visits.visit", "insights_local"),
        ("visits.visit", "recommendations_local"),
        ("visits.engagement", "notes_local"),
        ("visits.commitment", "title_local"),
        ("visits.commitment", "details_local"),
        ("visits.commitment", "outcome_local"),
        ("visits.event", "description_local"),
        ("visits.invitation", "notes_local"),
        ("visits.gift", "description_local"),
        ("relations.contact", "subject_local"),
        ("relations.contact", "summary_local"),
    }


def test_every_filled_english_narrative_has_its_chinese_text(demo):
    missing = []
    for model, english, local in _narrative_pairs():
        for pk, text in model.objects.filter(**{local: ""}).values_list("pk", english):
            if text:
                missing.append(f"{model._meta.label_lower} {pk}: {local}")
    assert missing == []


def test_the_chinese_narratives_are_written_in_chinese(demo):
    texts = [
        text
        for model, _, local in _narrative_pairs()
        for text in model.objects.exclude(**{local: ""}).values_list(local, flat=True)
    ]
    letters = [c for text in texts for c in text if c.isalpha()]
    share = sum(map(_is_cjk, letters)) / len(letters)
    assert len(texts) >= 90
    assert share >= 0.85, f"{share:.1%} of the letters are CJK"


def test_the_visit_narratives_are_in_chinese_with_the_english_kept(demo):
    visit = Visit.objects.get(start_on=dt.date(2024, 7, 22))
    assert visit.date_precision == "day"
    assert visit.purpose_local.startswith("一、深化對美城市外交")
    assert visit.insights_local.startswith("一、城市外交")
    assert visit.recommendations_local.startswith("一、延續此行建立之人脈")
    assert visit.summary_local.startswith("盧市長上任以來第一次率團訪美")
    assert "16 個姊妹市及 2 個友好城市" in visit.summary_local
    assert "Typhoon Gaemi" in visit.summary


def test_the_engagement_notes_carry_the_reports_comparison_figures(demo):
    library = Engagement.objects.get(
        date=dt.date(2024, 7, 24), organization__name_local="西雅圖中央圖書館"
    )
    for figure in ("757,992", "2,851,309", "369.2", "2,214.89", "650 人", "419 人", "LEED 銀級"):
        assert figure in library.notes_local, figure
    assert "2,851,309" in library.notes
    centre = Engagement.objects.get(date=dt.date(2024, 7, 29), kind="site_visit")
    for figure in ("240,000", "130,428", "57,200", "28,810", "125,000", "12,600", "風帆館"):
        assert figure in centre.notes_local, figure
    assert "130,428" in centre.notes


def test_every_promise_of_the_report_is_a_commitment_with_an_owner_and_department(demo):
    commitments = Commitment.objects.select_related("owner")
    assert commitments.count() == 20
    assert {c.owner.username for c in commitments} == {"officer"}
    assert not commitments.filter(due_on__isnull=False).exists()  # the report gives no due date
    added = {
        c.title_local: (c.kind, c.partner and c.partner.name, c.status)
        for c in commitments.filter(pk__gt=11).select_related("partner")
    }
    assert added == {
        "邀請大洛杉磯僑界餐會貴賓來臺中觀光、投資": ("invitation", None, "open"),
        "由教育局推動與聖地牙哥各級學校之教育交流": ("exchange", "San Diego", "open"),
        "協助機關導入 Copilot 並辦理教育訓練": ("other", None, "in_progress"),
        "維繫此行建立之人脈，邀請來臺中參訪或出席重大活動": ("exchange", None, "open"),
        "與微軟、AWS、Google 等科技大廠定期聯繫交流": ("exchange", None, "open"),
        "爭取國際盛會於臺中國際會展中心舉辦": ("event", None, "open"),
        "與庫比蒂諾市持續推動教育及淨零碳排交流": ("exchange", "Cupertino", "open"),
        "與康他哥斯大郡推動觀光、產業、文化及青少年交流": (
            "exchange",
            "Contra Costa County",
            "open",
        ),
        "與聖地牙哥市持續推動教育、文化及觀光交流": ("exchange", "San Diego", "open"),
    }
    departments = {
        c.title_local: c.details_local.rsplit("主辦單位：", 1)[1]
        for c in commitments.filter(pk__gt=11)
    }
    assert departments["由教育局推動與聖地牙哥各級學校之教育交流"] == "教育局。"
    assert departments["協助機關導入 Copilot 並辦理教育訓練"] == "數位治理局。"
    assert all(c.visit_id for c in commitments)
    banquet = commitments.get(title_local__startswith="邀請大洛杉磯僑界餐會")
    assert banquet.counterparts.count() == 23


def test_the_invitations_are_linked_to_our_events_as_the_report_leaves_them(demo):
    invitations = Invitation.objects.select_related("event", "invitee", "commitment", "owner")
    assert {
        (
            i.event.title_local,
            i.event.starts_on,
            i.invitee.name,
            i.status,
            i.sent_on,
            i.commitment.counterparts.get().name,
            i.owner.username,
        )
        for i in invitations
    } == {
        (
            "臺中綠美圖開幕系列活動",
            dt.date(2025, 12, 1),
            "Tom Fay",
            "sent",
            dt.date(2024, 7, 24),
            "Tom Fay",
            "officer",
        ),
        (
            "臺中國際會展中心開幕典禮",
            dt.date(2025, 1, 1),
            "Shawn VanDiver",
            "sent",
            dt.date(2024, 7, 29),
            "Shawn VanDiver",
            "officer",
        ),
    }
    assert all(i.responded_on is None and i.rsvp_by is None for i in invitations)
    assert all("報告未載對方回覆" in i.notes_local for i in invitations)


def test_the_los_angeles_banquet_guests_are_officials_met_there(demo):
    banquet = Engagement.objects.get(date=dt.date(2024, 7, 27), kind="banquet")
    guests = banquet.officials.select_related("organization")
    assert guests.count() == 23
    assert {g.name for g in guests if g.name} == {
        "Young Kim",
        "Judy Chu",
        "Ted W. Lieu",
        "Mike Fong",
    }
    assert {g.name_local for g in guests} >= {
        "金映玉",
        "趙美心",
        "劉雲平",
        "方樹強",
        "黃泰平",
        "袁健生",
        "于仁豪",
    }
    assert all(g.organization_id and g.partner_id is None for g in guests)
    assert "視訊" in banquet.notes_local
    lieu = guests.get(name="Ted W. Lieu")
    assert "video" in lieu.notes


def test_past_exchanges_are_dated_contacts_with_the_reports_precision(demo):
    dated = {
        (c.partner.name, c.occurred_on, c.occurred_precision)
        for c in Contact.objects.select_related("partner").exclude(occurred_precision="day")
    }
    assert dated == {
        ("Tacoma", dt.date(2013, 1, 1), "year"),
        ("Tacoma", dt.date(2014, 1, 1), "year"),
        ("Tacoma", dt.date(2015, 1, 1), "year"),
        ("Tacoma", dt.date(2018, 1, 1), "year"),
        ("Cupertino", dt.date(2016, 1, 1), "year"),
        ("Cupertino", dt.date(2021, 11, 1), "month"),
        ("Cupertino", dt.date(2023, 2, 1), "month"),
        ("San Diego", dt.date(2018, 1, 1), "year"),
        ("San Diego", dt.date(2019, 1, 1), "year"),
        ("San Diego", dt.date(2024, 9, 1), "month"),
        ("Contra Costa County", dt.date(2013, 1, 1), "year"),
    }
    assert Contact.objects.filter(occurred_precision="day").count() == 2
    delegation_2019 = Contact.objects.get(occurred_on=dt.date(2019, 1, 1))
    assert set(delegation_2019.officials.values_list("name_local", flat=True)) == {
        "令狐榮達",
        "格洛里亞",
    }


def test_former_office_holders_are_former_and_the_ambassador_is_an_official(demo):
    former = Official.objects.filter(term_end__isnull=False)
    assert [(o.name, o.role, o.partner.name) for o in former] == [
        ("Bill Baarsma", "mayor", "Tacoma")
    ]
    assert not former.get().is_current
    current_mayors = [
        o.name
        for o in Official.objects.filter(role="mayor", partner__name="Tacoma")
        if o.is_current
    ]
    assert current_mayors == ["Woodward"]
    ambassador = Official.objects.select_related("organization").get(name_local="令狐榮達")
    assert (ambassador.role, ambassador.organization.name_local) == (
        "diplomat",
        "臺中市政府國際事務委員會",
    )
    assert "大使" in ambassador.title_local


def test_the_resolution_is_a_keepsake_in_the_gift_registry(demo):
    resolution = Gift.objects.select_related("partner", "member", "engagement").get(
        description_local__contains="2024-275"
    )
    assert (resolution.direction, resolution.date, resolution.partner.name) == (
        "received",
        dt.date(2024, 7, 26),
        "Contra Costa County",
    )
    assert resolution.member.name_local == "黃國榮"
    assert resolution.engagement.partner.name == "Contra Costa County"
    assert resolution.estimated_value is None
    assert Gift.objects.count() == 2
