"""The dashboard (SPEC §5.3), sign-in, the language switch and the ROC-date preference."""

from __future__ import annotations

import datetime as dt

import pytest
from django.conf import settings
from django.urls import reverse

from crm.core.formatting import local_today
from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    InvitationFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def _html(response) -> str:
    assert response.status_code == 200
    return response.content.decode()


def _section(html: str, section_id: str) -> str:
    start = html.index(f'id="{section_id}"')
    end = html.find("</section>", start)
    return html[start:end]


def test_the_dashboard_marks_milestones_and_flags_approximate_anniversaries(client, officer):
    today = local_today()
    soon = today + dt.timedelta(days=10)
    milestone = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    AgreementFactory(partner=milestone, signed_on=soon.replace(year=soon.year - 25))
    approximate = PartnerFactory(name="Cupertino", name_local="庫比蒂諾市")
    AgreementFactory(
        partner=approximate,
        signed_on=dt.date(soon.year - 8, soon.month, 1),
        signed_precision="month",
    )
    far = PartnerFactory(name="Far Away")
    AgreementFactory(partner=far, signed_on=(today + dt.timedelta(days=120)).replace(year=2001))
    client.force_login(officer)
    section = _section(_html(client.get("/", HTTP_ACCEPT_LANGUAGE="en")), "anniversaries")
    # The officer's language is zh-hant by default: the Chinese name comes first.
    tacoma = section[section.index("塔可瑪市") - 400 : section.index("塔可瑪市") + 400]
    assert "★" in tacoma
    assert "重要週年" in tacoma
    assert "25 週年" in tacoma
    cupertino = section[section.index("庫比蒂諾市") :]
    assert "約略日期" in cupertino.split("</li>")[0]
    assert "Far Away" not in section


def test_my_follow_ups_list_overdue_first_and_only_mine(client, officer):
    today = local_today()
    later = CommitmentFactory(owner=officer, title="Later one", due_on=today + dt.timedelta(5))
    overdue = CommitmentFactory(owner=officer, title="Late one", due_on=today - dt.timedelta(3))
    CommitmentFactory(
        owner=officer,
        title="Closed one",
        status="done",
        outcome="ok",
        completed_on=today,
        due_on=today - dt.timedelta(9),
    )
    CommitmentFactory(owner=UserFactory(role="officer"), title="Someone else's")
    client.force_login(officer)
    section = _section(_html(client.get("/")), "my-follow-ups")
    assert section.index(overdue.title) < section.index(later.title)
    assert "逾期" in section
    assert "Closed one" not in section
    assert "Someone else's" not in section


def test_invitations_awaiting_answer_visits_and_cooling_partners_are_listed(client, officer):
    today = local_today()
    InvitationFactory(
        owner=officer,
        status="sent",
        sent_on=today - dt.timedelta(20),
        rsvp_by=today + dt.timedelta(3),
        event__title="Library opening",
    )
    InvitationFactory(owner=officer, status="accepted", sent_on=today, event__title="Answered")
    VisitFactory(
        title="Next spring delegation",
        start_on=today + dt.timedelta(30),
        end_on=today + dt.timedelta(35),
    )
    VisitFactory(
        title="Report still due",
        start_on=today - dt.timedelta(60),
        end_on=today - dt.timedelta(55),
        report_due_on=today + dt.timedelta(30),
    )
    VisitFactory(
        title="All done",
        start_on=today - dt.timedelta(60),
        end_on=today - dt.timedelta(55),
        report_submitted_on=today,
    )
    quiet = PartnerFactory(name="Quiet City")
    ContactFactory(partner=quiet, occurred_on=today - dt.timedelta(days=250))
    lively = PartnerFactory(name="Lively City")
    ContactFactory(partner=lively, occurred_on=today - dt.timedelta(days=3))
    client.force_login(officer)
    html = _html(client.get("/"))
    invitations = _section(html, "invitations")
    assert "Library opening" in invitations
    assert "Answered" not in invitations
    visits = _section(html, "visits")
    assert "Next spring delegation" in visits
    assert "Report still due" in visits
    assert "All done" not in visits
    cooling = _section(html, "cooling")
    assert "Quiet City" in cooling
    assert "降溫" in cooling
    assert "Lively City" not in cooling


def test_failed_notifications_show_to_managers_only(client, manager, officer):
    from crm.outbox.models import Notification

    Notification.objects.create(
        kind="commitment_due",
        object_type="visits.commitment",
        object_id=1,
        occurrence=local_today(),
        lead_days=3,
        recipient=officer,
        email="officer@city.example",
        scheduled_for=local_today(),
        status="failed",
        attempts=5,
        last_error="SMTP 550 mailbox unavailable",
    )
    client.force_login(manager)
    section = _section(_html(client.get("/")), "failed-notifications")
    assert "1 則失敗" in section
    assert "officer@city.example" in section
    assert "SMTP 550 mailbox unavailable" in section
    client.force_login(officer)
    assert 'id="failed-notifications"' not in _html(client.get("/"))


def test_signing_in_switches_to_the_users_language(client):
    UserFactory(username="anna", role="officer", language="en")
    response = client.post(
        reverse("login"), {"username": "anna", "password": "correct-horse-battery"}
    )
    assert response.status_code == 302
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
    assert "<h1>Dashboard</h1>" in _html(client.get("/"))


def test_a_wrong_password_keeps_the_username_and_says_why(client):
    UserFactory(username="anna", role="officer")
    response = client.post(reverse("login"), {"username": "anna", "password": "nope"})
    html = response.content.decode()
    assert response.status_code == 200
    assert 'value="anna"' in html
    assert 'class="errors"' in html


def test_the_language_switch_is_saved_on_the_user_and_in_the_cookie(client, officer):
    client.force_login(officer)
    assert "<h1>儀表板</h1>" in _html(client.get("/"))
    response = client.post(reverse("pages:language"), {"language": "en", "next": "/partners/"})
    assert response.status_code == 302
    assert response["Location"] == "/partners/"
    officer.refresh_from_db()
    assert officer.language == "en"
    assert "<h1>Dashboard</h1>" in _html(client.get("/"))
    client.post(reverse("pages:language"), {"language": "zh-hant", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == "zh-hant"
    assert "<h1>儀表板</h1>" in _html(client.get("/"))


def test_an_unknown_language_changes_nothing(client, officer):
    client.force_login(officer)
    client.post(reverse("pages:language"), {"language": "xx", "next": "/"})
    officer.refresh_from_db()
    assert officer.language == "zh-hant"


def test_dates_are_roc_in_chinese_when_preferred_and_iso_otherwise(client, officer):
    visit = VisitFactory(start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31))
    url = reverse("visits:visit-detail", args=[visit.pk])
    client.force_login(officer)
    assert "民國113年7月22日" in _html(client.get(url))
    officer.roc_dates = False
    officer.save()
    html = _html(client.get(url))
    assert "民國113年7月22日" not in html
    assert '<time datetime="2024-07-22">2024-07-22</time>' in html
    client.post(reverse("pages:language"), {"language": "en", "next": "/"})
    officer.roc_dates = True
    officer.save()
    assert "民國" not in _html(client.get(url)).split("<main", 1)[1]


def test_the_profile_saves_language_and_roc_dates_and_shows_the_calendar_link(
    client, officer, settings
):
    settings.SITE_URL = "https://crm.example.gov.tw"
    client.force_login(officer)
    html = _html(client.get(reverse("pages:profile")))
    assert f"https://crm.example.gov.tw/calendar/{officer.calendar_token}.ics" in html
    response = client.post(reverse("pages:profile"), {"language": "en"})
    assert response.status_code == 302
    officer.refresh_from_db()
    assert (officer.language, officer.roc_dates) == ("en", False)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"


def test_the_profile_refuses_an_unknown_language_and_keeps_the_form(client, officer):
    client.force_login(officer)
    response = client.post(reverse("pages:profile"), {"language": "xx", "roc_dates": "on"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()
    officer.refresh_from_db()
    assert officer.language == "zh-hant"


def test_without_a_language_cookie_the_saved_language_wins_over_the_browsers(client):
    anna = UserFactory(username="anna", role="officer", language="en")
    client.force_login(anna)
    response = client.get("/", HTTP_ACCEPT_LANGUAGE="zh-TW")
    assert "<h1>Dashboard</h1>" in _html(response)
    assert response.cookies[settings.LANGUAGE_COOKIE_NAME].value == "en"
