"""Free text has a ceiling (issue #11 item 6.2): notes, outcomes and details take at most
10,000 characters, narratives (summary, purpose, insights, recommendations) 20,000.

The limit is the TextField's ``max_length`` (``crm.core.fields.BoundedTextField``): forms
and serializers honour it, and model validation enforces it, so the services refuse an
over-long text whatever the entry point.
"""

from __future__ import annotations

import pytest
from django.apps import apps
from django.core.exceptions import ValidationError
from django.db import models
from django.urls import reverse
from pghistory.models import Event as AuditEvent

from crm.core.services import create_object
from relations.models import Contact, Partner
from tests.factories import CommitmentFactory, PartnerFactory, VisitFactory
from visits.models import Commitment

pytestmark = pytest.mark.django_db

MEGABYTE = "x" * 1_000_000
NOTES, NARRATIVE = 10_000, 20_000
NARRATIVES = {"summary", "purpose", "insights", "recommendations"}
TEXT_FIELDS = sorted(
    (model._meta.label, field.name)
    for app in ("relations", "visits")
    for model in apps.get_app_config(app).get_models()
    if not issubclass(model, AuditEvent)  # audit rows copy whatever was written
    for field in model._meta.concrete_fields
    if isinstance(field, models.TextField)
)


def test_there_are_free_text_fields_to_check():
    assert ("relations.Contact", "summary") in TEXT_FIELDS
    assert ("visits.Commitment", "outcome") in TEXT_FIELDS
    assert len(TEXT_FIELDS) >= 15


@pytest.mark.parametrize(("label", "name"), TEXT_FIELDS)
def test_every_free_text_field_has_a_maximum_length(label, name):
    field = apps.get_model(label)._meta.get_field(name)
    assert field.max_length == (NARRATIVE if name.removesuffix("_local") in NARRATIVES else NOTES)
    # Model validation enforces it too (a plain TextField's max_length is only a form hint).
    with pytest.raises(ValidationError):
        field.clean("x" * (field.max_length + 1), None)
    assert field.clean("x" * field.max_length, None)


# --- API -------------------------------------------------------------------------------------


def test_the_api_refuses_a_megabyte_contact_summary(api):
    partner = PartnerFactory()
    response = api("officer").post(
        "/api/v1/contacts/",
        {
            "partner": partner.pk,
            "occurred_on": "2024-07-23",
            "channel": "email",
            "subject": "Hello",
            "summary": MEGABYTE,
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"summary"}
    assert "20000" in str(response.json()["summary"]).replace(",", "")
    assert not Contact.objects.exists()


def test_the_api_takes_a_summary_of_exactly_the_limit(api):
    partner = PartnerFactory()
    response = api("officer").post(
        "/api/v1/contacts/",
        {
            "partner": partner.pk,
            "occurred_on": "2024-07-23",
            "channel": "email",
            "subject": "Hello",
            "summary": "字" * NARRATIVE,
        },
    )
    assert response.status_code == 201, response.content[:500]
    assert len(Contact.objects.get().summary) == NARRATIVE


def test_the_api_refuses_megabyte_partner_notes(api):
    response = api("officer").post(
        "/api/v1/partners/",
        {"name": "City of Tacoma", "kind": "sister", "country": "US", "notes": MEGABYTE},
    )
    assert (response.status_code, set(response.json())) == (400, {"notes"})
    assert not Partner.objects.exists()

    partner = PartnerFactory(notes="Short")
    changed = api("officer").patch(f"/api/v1/partners/{partner.pk}/", {"notes": MEGABYTE})
    assert (changed.status_code, set(changed.json())) == (400, {"notes"})
    partner.refresh_from_db()
    assert (partner.notes, partner.version) == ("Short", 1)


def test_the_api_refuses_a_megabyte_visit_summary(api):
    visit = VisitFactory()
    response = api("officer").patch(f"/api/v1/visits/{visit.pk}/", {"summary": MEGABYTE})
    assert (response.status_code, set(response.json())) == (400, {"summary"})
    visit.refresh_from_db()
    assert (visit.summary, visit.version) == ("", 1)


def test_completing_a_commitment_with_a_megabyte_outcome_is_refused(api, officer):
    commitment = CommitmentFactory(owner=officer)
    response = api("officer").post(
        f"/api/v1/commitments/{commitment.pk}/complete/", {"outcome": MEGABYTE}
    )
    assert (response.status_code, set(response.json())) == (400, {"outcome"})
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome) == ("open", "")


def test_the_services_refuse_it_whatever_the_entry_point(officer):
    with pytest.raises(ValidationError) as refused:
        create_object(
            Partner,
            user=officer,
            fields={"name": "Tacoma", "kind": "sister", "country": "US", "notes": MEGABYTE},
        )
    assert set(refused.value.message_dict) == {"notes"}
    assert not Partner.objects.exists()


# --- Pages -----------------------------------------------------------------------------------


def test_the_log_contact_form_refuses_a_megabyte_summary(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    response = client.post(
        reverse("relations:log-contact", args=[partner.pk]),
        {
            "occurred_on": "2025-03-03",
            "channel": "email",
            "direction": "mutual",
            "subject_local": "A very long email",
            "summary": MEGABYTE,
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert set(response.context["form"].errors) == {"summary"}
    assert not Contact.objects.exists()


def test_the_log_contact_form_says_how_long_a_summary_may_be(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    html = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    assert f'maxlength="{NARRATIVE}"' in html


def test_the_visit_page_refuses_a_megabyte_commitment_detail(client, officer):
    visit = VisitFactory()
    client.force_login(officer)
    response = client.post(
        reverse("visits:commitment-add", args=[visit.pk]),
        {
            "title_local": "Invite Hines",
            "kind": "invitation",
            "owner": officer.pk,
            "priority": "normal",
            "details": MEGABYTE,
        },
    )
    assert response.status_code == 422
    assert set(response.context["commitment_form"].errors) == {"details"}
    assert not Commitment.objects.exists()


def test_the_follow_ups_page_refuses_a_megabyte_outcome(client, officer):
    commitment = CommitmentFactory(owner=officer)
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": MEGABYTE, "version": commitment.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    assert "outcome" in response.context["errors"]
    commitment.refresh_from_db()
    assert commitment.status == "open"
