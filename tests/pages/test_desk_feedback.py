"""What the desk reads back (issue 13 item 5): a message after every save, numbers grouped,
countries by name in the reader's language (and found by name), filter labels and
choices in words of the interface, the calendar address built from SITE_URL, which
follows PORT in development."""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest
from django import forms
from django.conf import settings
from django.core.management import call_command
from django.utils import translation

from crm.core.countries import country_codes, country_name
from crm.core.formatting import format_number, format_place
from relations.filters import PartnerFilterSet
from relations.forms import ContactForm
from relations.models import Partner, Topic
from tests.pages.conftest import text
from visits.filters import VisitFilterSet
from visits.forms import CommitmentForm, MemberForm
from visits.models import Commitment, Visit

pytestmark = pytest.mark.django_db

ROOT = Path(__file__).resolve().parents[2]


def chinese(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "zh-hant"
    return client


def english(client, user):
    client.force_login(user)
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    return client


def form_data(form: forms.BaseForm, **values) -> dict:
    """What the browser posts for an unbound form left as it is, with ``values`` typed in;
    a required select without an initial value gets its first real choice."""
    data = {}
    for name, field in form.fields.items():
        initial = form.get_initial_for_field(field, name)
        if initial not in (None, ""):
            data[name] = getattr(initial, "pk", initial)
        elif field.required and getattr(field, "choices", None):
            data[name] = next(value for value, _ in field.choices if value not in ("", None))
    data.update(values)
    return {k: v for k, v in data.items() if v is not None}


def messages_of(response) -> list[str]:
    return [str(message) for message in response.context["messages"]]


# --- Success messages -----------------------------------------------------------------------


@pytest.fixture
def visit(demo):
    return Visit.objects.order_by("pk").first()


def test_adding_a_commitment_says_so_on_the_visit_page(client, demo_users, visit):
    manager = demo_users["manager"]
    chinese(client, manager)
    form = CommitmentForm(visit=visit, user=manager)
    data = form_data(form, title_local="寄送交流計畫書", due_on="")
    response = client.post(f"/visits/{visit.pk}/commitments/", data, follow=True)
    assert response.status_code == 200
    assert messages_of(response) == ["已新增承諾事項。"]
    assert "已新增承諾事項。" in text(response.content.decode())
    assert Commitment.objects.filter(title_local="寄送交流計畫書", visit=visit).exists()


def test_adding_a_member_and_editing_the_visit_say_so(client, demo_users, visit):
    chinese(client, demo_users["manager"])
    data = form_data(MemberForm(visit=visit), order=99, name_local="王小明")
    response = client.post(f"/visits/{visit.pk}/members/", data, follow=True)
    assert messages_of(response) == ["已新增訪問團成員。"]

    english(client, demo_users["manager"])
    page = client.get(f"/visits/{visit.pk}/")
    visit_form = page.context["visit_form"]
    data = form_data(visit_form)
    response = client.post(f"/visits/{visit.pk}/edit/", data, follow=True)
    assert messages_of(response) == ["Visit saved."]


def test_a_follow_up_action_without_htmx_says_so_after_the_redirect(client, demo_users):
    manager = demo_users["manager"]
    commitment = Commitment.objects.filter(status="open", owner=manager).order_by("pk").first()
    commitment = commitment or Commitment.objects.filter(status="open").order_by("pk").first()
    chinese(client, manager)
    response = client.post(
        f"/follow-ups/{commitment.pk}/due/",
        {"due_on": "2030-01-31", "version": commitment.version},
        follow=True,
    )
    assert messages_of(response) == ["到期日已儲存。"]
    commitment.refresh_from_db()
    assert commitment.due_on.isoformat() == "2030-01-31"


def test_logging_a_contact_without_htmx_says_so(client, demo_users):
    tacoma = Partner.objects.get(name="Tacoma")
    chinese(client, demo_users["officer"])
    data = form_data(ContactForm(partner=tacoma), subject_local="寄送感謝函")
    response = client.post(f"/partners/{tacoma.pk}/contacts/", data, follow=True)
    assert messages_of(response) == ["聯繫紀錄已儲存。"]


def test_issuing_a_new_api_token_says_so(client, demo_users):
    english(client, demo_users["officer"])
    response = client.post("/profile/api-token/")
    assert messages_of(response) == ["A new API token is issued; the earlier ones no longer work."]


# --- Numbers, countries, topics -----------------------------------------------------------


def test_numbers_are_grouped_by_thousands_on_the_partner_page(client, demo_users):
    tacoma = Partner.objects.get(name="Tacoma")
    assert tacoma.population == 190000
    assert format_number(190000, language="zh-hant") == "190,000"
    assert format_number(6400.5, language="en", decimals=2) == "6,400.50"
    page = text(
        chinese(client, demo_users["officer"]).get(f"/partners/{tacoma.pk}/").content.decode()
    )
    assert "190,000" in page
    assert "190000" not in page


def test_a_country_reads_in_the_readers_language_with_the_region_after_it(client, demo_users):
    tacoma = Partner.objects.get(name="Tacoma")
    assert format_place("US", "Washington", language="zh-hant") == "美國 · Washington"
    assert format_place("US", "", language="en") == "United States"
    assert country_name("tw", language="zh-hant") == "臺灣"
    assert country_name("FJ", language="en") == "Fiji"  # not curated: django-countries' name
    assert country_name("ZZ", language="en") == "ZZ"
    place = format_place(tacoma.country, tacoma.region, language="zh-hant")
    listed = text(chinese(client, demo_users["officer"]).get("/partners/").content.decode())
    assert place in listed
    assert f"US-{tacoma.region}" not in listed
    head = text(
        english(client, demo_users["officer"]).get(f"/partners/{tacoma.pk}/").content.decode()
    )
    assert format_place("US", tacoma.region, language="en") in head


@pytest.mark.parametrize("typed", ["美國", "United States", "united states of america", "US", "us"])
def test_the_country_filter_takes_a_name_in_either_language_or_the_code(
    client, demo_users, api, typed
):
    american = set(Partner.objects.filter(country="US").values_list("pk", flat=True))
    assert american
    assert country_codes(typed) == {"US"}
    found = PartnerFilterSet({"country": typed}, queryset=Partner.objects.all()).qs
    assert set(found.values_list("pk", flat=True)) == american
    response = api("viewer").get("/api/v1/partners/", {"country": typed, "page_size": 100})
    assert response.status_code == 200
    assert {row["id"] for row in response.json()["results"]} == american
    page = chinese(client, demo_users["officer"]).get("/partners/", {"country": typed})
    assert {p.pk for p in page.context["page"].object_list} == american


def test_a_name_that_is_no_country_is_refused_with_a_message(client, demo_users):
    assert country_codes("Atlantis") == set()
    filterset = PartnerFilterSet({"country": "Atlantis"}, queryset=Partner.objects.all())
    assert not filterset.is_valid()
    assert "Atlantis" in filterset.errors["country"][0]
    client.force_login(demo_users["officer"])
    page = client.get("/partners/", {"country": "Atlantis"})
    assert page.status_code == 200
    assert "Atlantis" in page.content.decode().split('class="error"', 1)[1][:300]


def test_a_topic_reads_in_the_readers_language(demo):
    topic = Topic.objects.exclude(name_local="").order_by("pk").first()
    with translation.override("zh-hant"):
        assert str(topic) == topic.name_local
    with translation.override("en"):
        assert str(topic) == topic.name


def test_filter_labels_and_choices_are_in_the_interface_language(client, demo_users):
    with translation.override("zh-hant"):
        labels = {name: str(f.label) for name, f in PartnerFilterSet().form.fields.items()}
        assert labels["kind"] == "類別"
        assert labels["jurisdiction"] == "行政層級"
        visit_labels = {name: str(f.label) for name, f in VisitFilterSet().form.fields.items()}
        assert visit_labels["start_after"] == "開始日期起"
        assert "greater than" not in " ".join(visit_labels.values())
    page = text(chinese(client, demo_users["officer"]).get("/visits/").content.decode())
    for english_word in ("Direction", "Category", "Status", "is greater than", "is less than"):
        assert english_word not in page
    partners = text(chinese(client, demo_users["officer"]).get("/partners/").content.decode())
    for english_word in ("Kind", "Status", "Jurisdiction", "Country"):
        assert english_word not in partners


def test_a_completed_visit_reads_as_completed_and_a_commitment_as_completed_on(demo):
    with translation.override("zh-hant"):
        assert str(Visit.Status.COMPLETED.label) == "已完成"
        assert translation.pgettext("commitment", "completed on") == "完成日期"


# --- SITE_URL follows PORT in development ------------------------------------------------------


def _site_url(env: dict[str, str]) -> str:
    code = "import crm.settings as s; print(s.SITE_URL)"
    environment = {k: v for k, v in os.environ.items() if k not in ("SITE_URL", "PORT")}
    result = subprocess.run(
        [sys.executable, "-c", code],
        cwd=ROOT,
        env={**environment, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_site_url_follows_port_unless_it_is_set():
    assert _site_url({}) == "http://127.0.0.1:8000"
    assert _site_url({"PORT": "8123"}) == "http://127.0.0.1:8123"
    assert _site_url({"PORT": "8123", "SITE_URL": ""}) == "http://127.0.0.1:8123"
    assert _site_url({"PORT": "8123", "SITE_URL": "https://crm.example.gov.tw/"}) == (
        "https://crm.example.gov.tw"
    )


class _Exited:
    """A child process that has already finished (serve then stops at once)."""

    def __init__(self, command, environment):
        self.command, self.environment = command, environment

    def poll(self):
        return 0

    def wait(self, timeout=None):
        return 0


def test_serve_hands_its_port_to_the_processes_it_starts(monkeypatch, capsys):
    from crm.management.commands import serve

    started = []
    monkeypatch.delenv("SITE_URL", raising=False)
    monkeypatch.setenv("PORT", "8000")

    def start(command):
        started.append(_Exited(command, dict(os.environ)))
        return started[-1]

    monkeypatch.setattr(serve.subprocess, "Popen", start)
    monkeypatch.setattr(serve.signal, "signal", lambda *args: None)  # pytest keeps its own
    with pytest.raises(SystemExit):
        call_command("serve", "--port", "8123", "--no-workers")
    (web,) = started
    assert web.command[-2:] == ["127.0.0.1:8123", "--noreload"]
    assert web.environment["PORT"] == "8123"
    assert "SITE_URL http://127.0.0.1:8123" in capsys.readouterr().out


def test_make_run_passes_the_port_to_the_server():
    recipe = (ROOT / "Makefile").read_text()
    assert "PORT=$(PORT) $(PY) manage.py serve --port $(PORT)" in recipe


def test_the_calendar_address_is_built_from_site_url_shown_whole_with_a_copy_button(
    client, demo_users, settings
):
    settings.SITE_URL = "http://127.0.0.1:8123"
    page = english(client, demo_users["officer"]).get("/profile/").content.decode()
    assert 'id="calendar-url"' in page
    assert "http://127.0.0.1:8123/calendar/" in page
    assert 'data-copy="calendar-url"' in page
    assert '<input type="text" id="calendar-url"' not in page  # not cut to an input's width
