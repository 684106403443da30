"""Narrative in two languages (issue #12 item 1, SPEC §2.3): ``<field>_local`` holds the
office's language, ``<field>`` English. The API, the ``q`` search, the admin, CSV, the page
forms, the pages and the audit history all carry both; dates known only by their month or
year read that way."""

from __future__ import annotations

import datetime as dt

import pytest
import tablib
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.urls import reverse

from relations import filters as relations_filters
from relations.api.serializers import ContactSerializer
from relations.forms import ContactForm
from relations.models import Contact
from relations.resources import ContactResource
from relations.services import log_contact
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    EngagementFactory,
    EventFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits import filters as visits_filters
from visits.api.serializers import (
    CommitmentSerializer,
    EngagementSerializer,
    EventSerializer,
    InvitationSerializer,
    VisitSerializer,
)
from visits.forms import CommitmentForm, EngagementForm, VisitForm
from visits.models import Commitment, Engagement, Event, Invitation, Visit

pytestmark = pytest.mark.django_db

# The narrative fields that have an office-language twin ``<field>_local``.
NARRATIVE = {
    Contact: ("subject", "summary"),
    Visit: ("purpose", "summary", "insights", "recommendations"),
    Engagement: ("notes",),
    Commitment: ("title", "details", "outcome"),
    Event: ("description",),
    Invitation: ("notes",),
}
SERIALIZERS = {
    Contact: ContactSerializer,
    Visit: VisitSerializer,
    Engagement: EngagementSerializer,
    Commitment: CommitmentSerializer,
    Event: EventSerializer,
    Invitation: InvitationSerializer,
}


def office_first(names, field: str) -> bool:
    """``<field>_local`` comes right before ``<field>``."""
    names = list(names)
    return names.index(f"{field}_local") + 1 == names.index(field)


# --- Where the pairs appear -------------------------------------------------------------


@pytest.mark.parametrize("model", list(NARRATIVE), ids=lambda m: m.__name__)
def test_the_api_fields_carry_both_variants_office_language_first(model):
    fields = SERIALIZERS[model].Meta.fields
    for field in NARRATIVE[model]:
        assert office_first(fields, field), field
    if model is Contact:
        assert "occurred_precision" in fields
    if model is Visit:
        assert "date_precision" in fields


def _searched_fields(model, search_fields) -> set[tuple[type, str]]:
    """(model, field) of every plain or related lookup of a search."""
    found = set()
    for lookup in search_fields:
        *path, name = lookup.lstrip("^=@").split("__")
        target = model
        for part in path:
            target = target._meta.get_field(part).related_model
        found.add((target, name))
    return found


def _missing_twins(model, search_fields) -> list[str]:
    searched = _searched_fields(model, search_fields)
    return [
        f"{target.__name__}.{name}_local"
        for target, name in searched
        if name in NARRATIVE.get(target, ()) and (target, f"{name}_local") not in searched
    ]


@pytest.mark.parametrize(
    "filterset",
    [
        relations_filters.ContactFilterSet,
        visits_filters.VisitFilterSet,
        visits_filters.EngagementFilterSet,
        visits_filters.CommitmentFilterSet,
        visits_filters.EventFilterSet,
        visits_filters.InvitationFilterSet,
    ],
    ids=lambda f: f.__name__,
)
def test_the_q_search_covers_the_office_language_wherever_english_is_searched(filterset):
    assert _missing_twins(filterset._meta.model, filterset.search_fields) == []


def test_the_admin_searches_cover_the_office_language_wherever_english_is_searched():
    for model, model_admin in admin.site._registry.items():
        assert _missing_twins(model, model_admin.search_fields or ()) == [], model


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize("model", list(NARRATIVE), ids=lambda m: m.__name__)
def test_the_admin_form_shows_each_pair_side_by_side_office_language_first(staff_client, model):
    url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_add")
    response = staff_client.get(url)
    assert response.status_code == 200
    fieldsets = response.context["adminform"].fieldsets
    shown = flatten_fieldsets(fieldsets)
    lines = [
        tuple(line) if isinstance(line, list | tuple) else (line,)
        for _name, options in fieldsets
        for line in options["fields"]
    ]
    for field in NARRATIVE[model]:
        assert (f"{field}_local", field) in lines, field
    # Declaring the layout left nothing out.
    editable = {
        f.name
        for f in [*model._meta.concrete_fields, *model._meta.many_to_many]
        if f.editable
        and not f.primary_key
        and f.name != "created_by"
        # Partners of a visit are an inline (their own through model), not a form field.
        and not (f.many_to_many and not f.remote_field.through._meta.auto_created)
    }
    assert editable <= set(shown)


def test_the_page_forms_ask_for_the_office_language_first_and_english_beside_it(officer):
    visit = VisitFactory()
    forms = {
        ContactForm(partner=PartnerFactory()): ("subject", "summary"),
        VisitForm(instance=visit): NARRATIVE[Visit],
        EngagementForm(visit=visit): ("notes",),
        CommitmentForm(visit=visit, user=officer): ("title", "details"),
    }
    for form, fields in forms.items():
        for field in fields:
            assert office_first(form.fields, field), (type(form).__name__, field)
            assert not form.fields[field].required
    # Where the model needs one of the pair, the page asks for the office's language.
    assert ContactForm(partner=PartnerFactory()).fields["subject_local"].required
    assert CommitmentForm(visit=visit, user=officer).fields["title_local"].required
    assert "date_precision" in VisitForm(instance=visit).fields


# --- API round trips ----------------------------------------------------------------------


def test_a_contact_keeps_both_variants_through_the_api(api):
    partner = PartnerFactory()
    client = api("officer")
    created = client.post(
        "/api/v1/contacts/",
        {
            "partner": partner.pk,
            "occurred_on": "2024-07-23",
            "channel": "meeting",
            "subject_local": "拜會海因斯副市長",
            "subject": "Courtesy call on Deputy Mayor Hines",
            "summary_local": "邀請出席臺中爵士音樂節。",
            "summary": "Invited him to the Taichung Jazz Festival.",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    body = client.get(f"/api/v1/contacts/{pk}/").json()
    assert (body["subject_local"], body["subject"]) == (
        "拜會海因斯副市長",
        "Courtesy call on Deputy Mayor Hines",
    )
    assert (body["summary_local"], body["summary"], body["occurred_precision"]) == (
        "邀請出席臺中爵士音樂節。",
        "Invited him to the Taichung Jazz Festival.",
        "day",
    )
    patched = client.patch(f"/api/v1/contacts/{pk}/", {"summary_local": "已寄出邀請函。"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["summary_local"] == "已寄出邀請函。"
    assert patched.json()["summary"] == "Invited him to the Taichung Jazz Festival."


@pytest.mark.parametrize(
    "subject",
    [{"subject": "Call"}, {"subject_local": "電話聯繫"}],
    ids=["english-only", "chinese-only"],
)
def test_a_contact_subject_in_either_language_is_enough(api, subject):
    response = api("officer").post(
        "/api/v1/contacts/",
        {
            "partner": PartnerFactory().pk,
            "occurred_on": "2024-07-23",
            "channel": "phone",
            **subject,
        },
    )
    assert response.status_code == 201, response.content


def test_a_contact_without_a_subject_in_either_language_is_a_400_naming_the_field(api):
    client = api("officer")
    response = client.post(
        "/api/v1/contacts/",
        {"partner": PartnerFactory().pk, "occurred_on": "2024-07-23", "channel": "phone"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"subject"}
    assert "subject_local" in response.json()["subject"][0]
    # Clearing the one it has is refused the same way.
    contact = ContactFactory(subject="", subject_local="電話聯繫")
    cleared = client.patch(f"/api/v1/contacts/{contact.pk}/", {"subject_local": ""})
    assert cleared.status_code == 400
    assert set(cleared.json()) == {"subject"}


def test_a_year_precise_contact_is_stored_on_1_january_and_says_so(api):
    client = api("officer")
    response = client.post(
        "/api/v1/contacts/",
        {
            "partner": PartnerFactory().pk,
            "occurred_on": "2013-05-06",
            "occurred_precision": "year",
            "channel": "letter",
            "subject_local": "締約三十週年賀函",
        },
    )
    assert response.status_code == 201, response.content
    assert (response.json()["occurred_on"], response.json()["occurred_precision"]) == (
        "2013-01-01",
        "year",
    )
    # Making a precise date imprecise later moves it too.
    contact = ContactFactory(occurred_on=dt.date(2014, 8, 19))
    patched = client.patch(f"/api/v1/contacts/{contact.pk}/", {"occurred_precision": "month"})
    assert patched.status_code == 200, patched.content
    assert patched.json()["occurred_on"] == "2014-08-01"
    contact.refresh_from_db()
    assert (contact.occurred_on, contact.occurred_precision) == (dt.date(2014, 8, 1), "month")


def test_a_visit_keeps_both_variants_and_its_precision_through_the_api(api):
    client = api("officer")
    narrative = {
        "purpose_local": "參加姊妹市締約紀念活動",
        "purpose": "Sister-city anniversary",
        "summary_local": "市長率團訪問。",
        "summary": "The mayor led the delegation.",
        "insights_local": "雙方教育交流可再深化。",
        "insights": "Education exchanges can go further.",
        "recommendations_local": "明年邀請對方回訪。",
        "recommendations": "Invite a return visit next year.",
    }
    created = client.post(
        "/api/v1/visits/",
        {
            "title": "Delegation to Tacoma",
            "direction": "outbound",
            "start_on": "2013-05-06",
            "end_on": "2013-05-10",
            "date_precision": "year",
            **narrative,
        },
    )
    assert created.status_code == 201, created.content
    body = client.get(f"/api/v1/visits/{created.json()['id']}/").json()
    assert {name: body[name] for name in narrative} == narrative
    assert (body["start_on"], body["end_on"], body["date_precision"]) == (
        "2013-01-01",
        "2013-01-01",
        "year",
    )


def test_an_engagement_keeps_both_variants_of_its_notes(api):
    visit = VisitFactory()
    client = api("officer")
    created = client.post(
        "/api/v1/engagements/",
        {
            "visit": visit.pk,
            "date": "2024-07-23",
            "kind": "meeting",
            "title": "Meeting",
            "time_zone": "America/Los_Angeles",
            "notes_local": "討論圖書館交流。",
            "notes": "Discussed library exchanges.",
        },
    )
    assert created.status_code == 201, created.content
    body = client.get(f"/api/v1/engagements/{created.json()['id']}/").json()
    assert (body["notes_local"], body["notes"]) == (
        "討論圖書館交流。",
        "Discussed library exchanges.",
    )


def test_a_commitment_keeps_both_variants_through_the_api(api):
    client = api("officer")
    created = client.post(
        "/api/v1/commitments/",
        {
            "title_local": "邀請海因斯副市長訪問臺中",
            "title": "Invite Deputy Mayor Hines to Taichung",
            "details_local": "於爵士音樂節期間。",
            "details": "During the jazz festival.",
            "kind": "invitation",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert (body["title_local"], body["title"], body["details_local"], body["details"]) == (
        "邀請海因斯副市長訪問臺中",
        "Invite Deputy Mayor Hines to Taichung",
        "於爵士音樂節期間。",
        "During the jazz festival.",
    )
    assert (body["outcome_local"], body["outcome"]) == ("", "")


@pytest.mark.parametrize(
    "title", [{"title": "Send the programme"}, {"title_local": "寄送節目單"}], ids=["en", "zh"]
)
def test_a_commitment_title_in_either_language_is_enough(api, title):
    response = api("officer").post("/api/v1/commitments/", {"kind": "information", **title})
    assert response.status_code == 201, response.content


def test_a_commitment_without_a_title_in_either_language_is_a_400_naming_the_field(api):
    response = api("officer").post("/api/v1/commitments/", {"kind": "information"})
    assert response.status_code == 400
    assert set(response.json()) == {"title"}
    assert "title_local" in response.json()["title"][0]


def test_an_outcome_in_the_office_language_completes_a_commitment(api):
    commitment = CommitmentFactory(title="", title_local="寄送節目單")
    client = api("officer")
    url = f"/api/v1/commitments/{commitment.pk}/complete/"
    refused = client.post(url, {"outcome_local": "  ", "outcome": ""})
    assert refused.status_code == 400
    assert set(refused.json()) == {"outcome"}
    done = client.post(url, {"outcome_local": "節目單已寄出。"})
    assert done.status_code == 200, done.content
    assert (done.json()["status"], done.json()["outcome_local"], done.json()["outcome"]) == (
        "done",
        "節目單已寄出。",
        "",
    )


def test_an_english_outcome_alone_completes_a_commitment_too(api):
    commitment = CommitmentFactory()
    done = api("officer").post(
        f"/api/v1/commitments/{commitment.pk}/complete/", {"outcome": "Programme sent."}
    )
    assert done.status_code == 200, done.content
    assert (done.json()["outcome_local"], done.json()["outcome"]) == ("", "Programme sent.")


def test_closing_by_update_accepts_an_outcome_in_either_language(api):
    client = api("officer")
    first, second = CommitmentFactory(), CommitmentFactory()
    refused = client.patch(f"/api/v1/commitments/{first.pk}/", {"status": "dropped"})
    assert refused.status_code == 400
    assert set(refused.json()) == {"outcome"}
    by_office = client.patch(
        f"/api/v1/commitments/{first.pk}/", {"status": "dropped", "outcome_local": "對方婉拒。"}
    )
    assert by_office.status_code == 200, by_office.content
    by_english = client.patch(
        f"/api/v1/commitments/{second.pk}/", {"status": "done", "outcome": "Sent."}
    )
    assert by_english.status_code == 200, by_english.content


def test_an_event_and_an_invitation_keep_both_variants_through_the_api(api):
    client = api("officer")
    event = client.post(
        "/api/v1/events/",
        {
            "title": "Jazz Festival",
            "title_local": "臺中爵士音樂節",
            "starts_on": "2025-10-10",
            "description_local": "年度音樂盛會。",
            "description": "The city's yearly music festival.",
        },
    )
    assert event.status_code == 201, event.content
    assert (event.json()["description_local"], event.json()["description"]) == (
        "年度音樂盛會。",
        "The city's yearly music festival.",
    )
    invitation = client.post(
        "/api/v1/invitations/",
        {
            "event": event.json()["id"],
            "invitee": OfficialFactory().pk,
            "notes_local": "請安排接機。",
            "notes": "Arrange an airport pickup.",
        },
    )
    assert invitation.status_code == 201, invitation.content
    body = client.get(f"/api/v1/invitations/{invitation.json()['id']}/").json()
    assert (body["notes_local"], body["notes"]) == ("請安排接機。", "Arrange an airport pickup.")


def test_q_finds_rows_by_their_office_language_text(api):
    client = api("viewer")
    contact = ContactFactory(subject="Call", summary_local="討論圖書館交流")
    visit = VisitFactory(purpose_local="締約紀念")
    commitment = CommitmentFactory(
        outcome_local="節目單已寄出", status="done", completed_on=dt.date(2024, 8, 1)
    )
    event = EventFactory(description_local="年度音樂盛會")
    invitation = InvitationFactory(notes_local="請安排接機")
    engagement = EngagementFactory(notes_local="會談紀要")
    ContactFactory(subject="Other")
    for resource, query, row in (
        ("contacts", "圖書館", contact),
        ("visits", "締約", visit),
        ("commitments", "節目單", commitment),
        ("events", "音樂盛會", event),
        ("invitations", "接機", invitation),
        ("engagements", "紀要", engagement),
    ):
        found = client.get(f"/api/v1/{resource}/", {"q": query}).json()["results"]
        assert [r["id"] for r in found] == [row.pk], resource


# --- CSV ------------------------------------------------------------------------------------


def test_a_csv_import_takes_the_office_language_subject_and_the_precision(admin_user):
    PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    data = tablib.Dataset().load(
        "partner,occurred_on,occurred_precision,channel,subject_local,summary_local\n"
        "塔可瑪市,2013-05-06,year,letter,締約賀函,市長致函祝賀。\n"
        "Tacoma,2024-07-23,,meeting,拜會市長,\n",
        format="csv",
    )
    result = ContactResource().import_data(data, dry_run=False, user=admin_user)
    assert not result.has_errors()
    assert not result.has_validation_errors(), [row.error_dict for row in result.invalid_rows]
    letter, meeting = Contact.objects.order_by("occurred_on")
    assert (letter.subject_local, letter.subject, letter.summary_local) == (
        "締約賀函",
        "",
        "市長致函祝賀。",
    )
    assert (letter.occurred_on, letter.occurred_precision) == (dt.date(2013, 1, 1), "year")
    assert (meeting.subject_local, meeting.occurred_precision) == ("拜會市長", "day")


def test_a_csv_row_without_a_subject_in_either_language_is_a_row_error(admin_user):
    PartnerFactory(name="Tacoma")
    data = tablib.Dataset().load(
        "partner,occurred_on,channel,subject_local,subject\nTacoma,2024-07-23,meeting,,\n",
        format="csv",
    )
    result = ContactResource().import_data(data, dry_run=True, user=admin_user)
    assert result.has_validation_errors()
    assert not Contact.objects.exists()


def test_the_csv_export_has_both_variants_and_the_precision():
    ContactFactory(subject="Call", subject_local="電話聯繫", summary_local="摘要")
    exported = ContactResource().export()
    assert {"subject_local", "subject", "summary_local", "summary", "occurred_precision"} <= set(
        exported.headers
    )
    row = dict(zip(exported.headers, exported[0], strict=True))
    assert (row["subject_local"], row["subject"], row["summary_local"]) == (
        "電話聯繫",
        "Call",
        "摘要",
    )


# --- History --------------------------------------------------------------------------------


def test_the_history_shows_the_office_language_fields_like_any_other(api):
    client = api("officer")
    contact = client.post(
        "/api/v1/contacts/",
        {
            "partner": PartnerFactory().pk,
            "occurred_on": "2024-07-23",
            "channel": "phone",
            "subject_local": "電話聯繫",
        },
    ).json()
    client.patch(
        f"/api/v1/contacts/{contact['id']}/",
        {"summary_local": "確認來訪日期。", "occurred_precision": "month"},
    )
    history = client.get(f"/api/v1/contacts/{contact['id']}/history/").json()
    assert history[0]["changes"]["subject_local"] == [None, "電話聯繫"]
    assert history[1]["changes"]["summary_local"] == ["", "確認來訪日期。"]
    assert history[1]["changes"]["occurred_precision"] == ["day", "month"]
    assert history[1]["changes"]["occurred_on"] == ["2024-07-23", "2024-07-01"]

    commitment = CommitmentFactory(title="", title_local="寄送節目單")
    client.post(f"/api/v1/commitments/{commitment.pk}/complete/", {"outcome_local": "已寄出。"})
    last = client.get(f"/api/v1/commitments/{commitment.pk}/history/").json()[-1]
    assert last["changes"]["outcome_local"] == ["", "已寄出。"]
    assert "outcome" not in last["changes"]


# --- Pages ----------------------------------------------------------------------------------


@pytest.fixture
def english_officer(db):
    return UserFactory(role="officer", language="en")


def _timeline(html: str) -> str:
    return html[html.index('id="timeline"') :]


def read_as(client, user, url: str) -> str:
    """The page as ``user`` reads it: in their saved language (no cookie left over)."""
    client.cookies.clear()
    client.force_login(user)
    response = client.get(url)
    assert response.status_code == 200
    return response.content.decode()


def test_the_timeline_reads_chinese_in_zh_hant_and_english_in_english(
    client, officer, english_officer
):
    partner = PartnerFactory()
    ContactFactory(
        partner=partner,
        subject_local="拜會海因斯副市長",
        subject="Courtesy call on Deputy Mayor Hines",
        summary_local="邀請出席爵士音樂節。",
        summary="Invited him to the jazz festival.",
    )
    ContactFactory(
        partner=partner, subject_local="寄送節目單", subject="", summary_local="以電郵寄出。"
    )
    CommitmentFactory(partner=partner, title_local="邀請回訪", title="Invite a return visit")
    url = reverse("relations:partner-detail", args=[partner.pk])

    chinese = _timeline(read_as(client, officer, url))
    assert "拜會海因斯副市長" in chinese
    assert "邀請出席爵士音樂節。" in chinese
    assert "Courtesy call on Deputy Mayor Hines" not in chinese
    assert "邀請回訪" in chinese
    assert "Invite a return visit" not in chinese

    english = _timeline(read_as(client, english_officer, url))
    assert "Courtesy call on Deputy Mayor Hines" in english
    assert "Invited him to the jazz festival." in english
    assert "拜會海因斯副市長" not in english
    assert "Invite a return visit" in english
    assert "邀請回訪" not in english
    # No English written: the office's text, rather than nothing.
    assert "寄送節目單" in english
    assert "以電郵寄出。" in english


def test_the_timeline_shows_a_year_precise_contact_and_visit_by_their_year(
    client, officer, english_officer
):
    partner = PartnerFactory()
    log_contact(
        user=None,
        fields={
            "partner": partner,
            "occurred_on": dt.date(2013, 5, 6),
            "occurred_precision": "year",
            "channel": "letter",
            "subject_local": "締約賀函",
        },
    )
    visit = VisitFactory(
        title="Delegation of 2009",
        start_on=dt.date(2009, 3, 1),
        end_on=dt.date(2009, 3, 1),
        date_precision="month",
        report_due_on=None,
    )
    visit.partners.add(partner)
    url = reverse("relations:partner-detail", args=[partner.pk])

    chinese = _timeline(read_as(client, officer, url))  # zh-Hant, ROC dates
    assert '<time datetime="2013">民國102年</time>' in chinese
    assert '<time datetime="2009-03">民國98年3月</time>' in chinese
    assert "民國102年1月1日" not in chinese

    english = _timeline(read_as(client, english_officer, url))
    assert '<time datetime="2013">2013</time>' in english
    assert '<time datetime="2009-03">2009-03</time>' in english
    assert "2013-01-01" not in english


def test_the_visit_page_shows_purpose_and_commitments_in_the_readers_language(
    client, officer, english_officer
):
    visit = VisitFactory(purpose_local="參加締約紀念活動", purpose="")
    CommitmentFactory(visit=visit, title_local="邀請回訪", title="Invite a return visit")
    url = reverse("visits:visit-detail", args=[visit.pk])

    chinese = read_as(client, officer, url)
    assert "參加締約紀念活動" in chinese
    assert ">邀請回訪</a>" in chinese

    english = read_as(client, english_officer, url)
    assert "參加締約紀念活動" in english  # no English purpose: the office's
    assert ">Invite a return visit</a>" in english


def test_the_follow_ups_page_completes_with_an_outcome_in_the_office_language(client, officer):
    commitment = CommitmentFactory(owner=officer, title="", title_local="寄送節目單")
    client.force_login(officer)
    url = reverse("visits:complete", args=[commitment.pk])
    refused = client.post(
        url,
        {"outcome_local": " ", "outcome": "", "version": commitment.version},
        HTTP_HX_REQUEST="true",
    )
    assert refused.status_code == 422
    assert f'id="outcome-local-{commitment.pk}-error"' in refused.content.decode()

    response = client.post(
        url,
        {"outcome_local": "節目單已寄出。", "version": commitment.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert "寄送節目單" in row
    assert "節目單已寄出。" in row
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome_local, commitment.outcome) == (
        "done",
        "節目單已寄出。",
        "",
    )


def test_a_commitment_added_on_the_visit_page_needs_its_office_language_title(client, officer):
    visit = VisitFactory()
    client.force_login(officer)
    url = reverse("visits:commitment-add", args=[visit.pk])
    posted = {
        "title": "Invite Hines",
        "kind": "invitation",
        "owner": officer.pk,
        "priority": "normal",
    }
    refused = client.post(url, posted)
    assert refused.status_code == 422
    assert set(refused.context["commitment_form"].errors) == {"title_local"}
    response = client.post(url, {**posted, "title_local": "邀請海因斯", "details_local": "十月"})
    assert response.status_code == 302
    commitment = Commitment.objects.get(visit=visit)
    assert (commitment.title_local, commitment.title, commitment.details_local) == (
        "邀請海因斯",
        "Invite Hines",
        "十月",
    )


def test_the_visit_form_saves_both_variants_and_a_year_precise_date(client, officer):
    visit = VisitFactory(title="US delegation")
    client.force_login(officer)
    response = client.post(
        reverse("visits:visit-edit", args=[visit.pk]),
        {
            "title": "US delegation",
            "status": "completed",
            "start_on": "2013-05-06",
            "end_on": "2013-05-10",
            "date_precision": "year",
            "summary_local": "市長率團訪問。",
            "summary": "The mayor led the delegation.",
            "version": visit.version,
        },
    )
    assert response.status_code == 302
    visit.refresh_from_db()
    assert (visit.start_on, visit.end_on, visit.date_precision) == (
        dt.date(2013, 1, 1),
        dt.date(2013, 1, 1),
        "year",
    )
    assert (visit.summary_local, visit.summary) == (
        "市長率團訪問。",
        "The mayor led the delegation.",
    )
