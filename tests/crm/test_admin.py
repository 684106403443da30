"""The admin (SPEC §5.1): every page answers, changelists don't grow queries with rows,
writes go through the services, the History page is the audit trail."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.contrib import admin
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from pghistory.models import Events

from crm.attachments.models import Attachment
from crm.core.models import User
from crm.outbox.models import Notification
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from tests import factories
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    LetterTemplate,
    MemberAbsence,
    Visit,
)

FACTORIES = {
    User: factories.UserFactory,
    Topic: factories.TopicFactory,
    Partner: factories.PartnerFactory,
    Agreement: factories.AgreementFactory,
    Organization: factories.OrganizationFactory,
    Official: factories.OfficialFactory,
    Contact: factories.ContactFactory,
    Visit: factories.VisitFactory,
    DelegationMember: factories.MemberFactory,
    Engagement: factories.EngagementFactory,
    Commitment: factories.CommitmentFactory,
    Event: factories.EventFactory,
    Invitation: factories.InvitationFactory,
    Gift: factories.GiftFactory,
}


def _notification():
    recipient = factories.UserFactory()
    return Notification.objects.create(
        kind=Notification.Kind.ANNIVERSARY,
        object_type="relations.agreement",
        object_id=1,
        occurrence=dt.date(2025, 7, 19),
        lead_days=7,
        recipient=recipient,
        email=recipient.email,
        language="en",
        scheduled_for=dt.date(2025, 7, 12),
    )


def _letter_template():
    """A template on the shipped thank-you file (an upload goes through the content checks
    of tests/visits/test_letters.py)."""
    return LetterTemplate.objects.create(
        name="Thank-you (test)",
        kind="thank_you",
        language="zh-hant",
        shipped="thank-you-zh-hant.docx",
    )


MAKERS = {
    **FACTORIES,
    Notification: _notification,
    Attachment: factories.AttachmentFactory,
    LetterTemplate: _letter_template,
}

DOMAIN_APPS = ("crm", "relations", "visits")
REGISTERED = sorted(
    (model for model in admin.site._registry if model._meta.app_label in DOMAIN_APPS),
    key=lambda model: model._meta.label,
)
EXPECTED = {
    Topic,
    Partner,
    Agreement,
    Organization,
    Official,
    Contact,
    Visit,
    DelegationMember,
    Engagement,
    Commitment,
    Event,
    Invitation,
    Gift,
    User,
}


def url(model, view: str, *args) -> str:
    return reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_{view}", args=args)


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


def form_data(response) -> dict:
    """The POST data of an admin change form as rendered (main form and every inline)."""
    forms = [response.context["adminform"].form]
    for inline in response.context["inline_admin_formsets"]:
        forms.append(inline.formset.management_form)
        forms.extend(inline.formset.forms)
    data = {}
    for form in forms:
        for name in form.fields:
            value = form[name].value()
            key = form.add_prefix(name)
            if value is None or value is False:
                continue
            if value is True:
                data[key] = "on"
            elif isinstance(value, list | tuple):
                data[key] = [str(v) for v in value]
            else:
                data[key] = str(value)
    return data


def test_every_domain_model_has_an_admin():
    assert set(REGISTERED) >= EXPECTED


@pytest.mark.django_db
@pytest.mark.parametrize("model", REGISTERED, ids=lambda m: m._meta.label)
def test_every_changelist_add_and_change_page_answers_for_a_superuser(staff_client, model):
    assert model in MAKERS, f"add a factory for {model._meta.label} to test its change page"
    obj = MAKERS[model]()
    request = staff_client.get(url(model, "changelist")).wsgi_request
    addable = admin.site._registry[model].has_add_permission(request)

    assert staff_client.get(url(model, "changelist")).status_code == 200
    assert staff_client.get(url(model, "changelist"), {"q": "夥伴"}).status_code == 200
    # Read-only admins (the notification outbox) refuse the add page by design.
    assert staff_client.get(url(model, "add")).status_code == (200 if addable else 403)
    assert staff_client.get(url(model, "change", obj.pk)).status_code == 200
    assert staff_client.get(url(model, "history", obj.pk)).status_code == 200
    assert staff_client.get(url(model, "delete", obj.pk)).status_code == 200


@pytest.mark.django_db
def test_the_audit_events_admin_is_registered_and_read_only(staff_client):
    assert admin.site.is_registered(Events)
    events_admin = admin.site._registry[Events]
    request = staff_client.get(url(Partner, "changelist")).wsgi_request
    assert not events_admin.has_add_permission(request)
    assert not events_admin.has_change_permission(request)
    assert not events_admin.has_delete_permission(request)

    partner = factories.PartnerFactory()
    listing = staff_client.get(
        url(Events, "changelist"), {"obj": f"relations.Partner:{partner.pk}"}
    )
    assert listing.status_code == 200
    assert staff_client.get(url(Events, "add")).status_code == 403


def _changelist_queries(client, count: int) -> int:
    owner = factories.UserFactory()
    topic = factories.TopicFactory()
    for _ in range(count - Partner.objects.count()):
        partner = factories.PartnerFactory(owner=owner)
        partner.topics.add(topic)
    factories.AgreementFactory(partner=Partner.objects.first())
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url(Partner, "changelist"))
    assert response.status_code == 200
    assert len(response.context["cl"].result_list) == Partner.objects.count()
    return len(queries)


@pytest.mark.django_db
def test_the_partner_changelist_runs_as_many_queries_for_30_rows_as_for_3(staff_client):
    with_3 = _changelist_queries(staff_client, 3)
    with_30 = _changelist_queries(staff_client, 30)

    assert with_30 == with_3


@pytest.mark.django_db
@pytest.mark.parametrize(
    "model",
    [Official, Contact, Agreement, Gift, Commitment, Invitation, Engagement, DelegationMember],
    ids=lambda m: m._meta.label,
)
def test_other_changelists_do_not_grow_queries_with_rows(staff_client, model):
    counts = []
    for total in (2, 12):
        while model.objects.count() < total:
            FACTORIES[model]()
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url(model, "changelist")).status_code == 200
        counts.append(len(queries))

    assert counts[0] == counts[1]


@pytest.mark.django_db
def test_the_history_page_shows_an_admin_update_with_its_user_and_field(staff_client, admin_user):
    partner = factories.PartnerFactory(name="Tacoma", name_local="塔柯瑪市")
    data = form_data(staff_client.get(url(Partner, "change", partner.pk)))
    data["name_local"] = "塔可瑪市"

    response = staff_client.post(url(Partner, "change", partner.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert partner.name_local == "塔可瑪市"
    assert partner.version == 2
    history = staff_client.get(url(Partner, "history", partner.pk))
    assert history.status_code == 200
    latest = history.context["entries"][0]
    assert latest["user"] == admin_user.username
    assert latest["action"] == "changed"
    changed = {change.field: (change.old, change.new) for change in latest["changes"]}
    assert changed["Local name"] == ("塔柯瑪市", "塔可瑪市")
    html = history.content.decode()
    assert admin_user.username in html
    assert "Local name" in html
    assert "塔可瑪市" in html


@pytest.mark.django_db
def test_saving_a_form_someone_else_changed_meanwhile_is_refused_not_overwritten(staff_client):
    partner = factories.PartnerFactory(name="Tacoma", population=190000)
    mine = form_data(staff_client.get(url(Partner, "change", partner.pk)))
    theirs = form_data(staff_client.get(url(Partner, "change", partner.pk)))
    theirs["population"] = "200000"
    assert staff_client.post(url(Partner, "change", partner.pk), theirs).status_code == 302

    mine["notes"] = "My late edit"
    response = staff_client.post(url(Partner, "change", partner.pk), mine)

    assert response.status_code == 200
    assert "Someone else changed this record" in response.content.decode()
    partner.refresh_from_db()
    assert (partner.population, partner.notes, partner.version) == (200000, "", 2)


@pytest.mark.django_db
def test_a_partner_added_in_the_admin_records_its_creator_and_inline_rows(staff_client, admin_user):
    data = form_data(staff_client.get(url(Partner, "add")))
    data.update(
        {
            "name": "Contra Costa County",
            "name_local": "康特拉科斯塔郡",
            "kind": "sister",
            "jurisdiction": "county",
            "country": "US",
            "region": "California",
            "status": "active",
            "agreements-TOTAL_FORMS": "1",
            "agreements-0-kind": "sister_city",
            "agreements-0-signed_on": "1983-03-15",
            "agreements-0-signed_precision": "month",
            "agreements-0-commemorate": "",
        }
    )

    response = staff_client.post(url(Partner, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    partner = Partner.objects.get(name="Contra Costa County")
    assert partner.created_by == admin_user
    agreement = partner.agreements.get()
    assert agreement.created_by == admin_user
    assert agreement.signed_on == dt.date(1983, 3, 1)
    assert agreement.commemorate is True
    partner.refresh_from_db()
    assert (partner.established_on, partner.established_precision) == (
        dt.date(1983, 3, 1),
        "month",
    )


@pytest.mark.django_db
def test_an_agreement_takes_the_commemorate_default_of_its_new_kind(staff_client, admin_user):
    agreement = factories.AgreementFactory(kind="sister_city", commemorate=True)
    data = form_data(staff_client.get(url(Agreement, "change", agreement.pk)))
    assert data["commemorate"] == ""  # "by kind"
    data["kind"] = "mou"

    response = staff_client.post(url(Agreement, "change", agreement.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement.refresh_from_db()
    assert (agreement.kind, agreement.commemorate, agreement.version) == ("mou", False, 2)


@pytest.mark.django_db
def test_an_explicit_commemorate_choice_is_kept(staff_client):
    partner = factories.PartnerFactory()
    data = form_data(staff_client.get(url(Agreement, "add")))
    data.update(
        {
            "partner": str(partner.pk),
            "kind": "mou",
            "signed_on": "2016-05-04",
            "signed_precision": "year",
            "commemorate": "yes",
        }
    )

    response = staff_client.post(url(Agreement, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    agreement = partner.agreements.get()
    assert (agreement.signed_on, agreement.commemorate) == (dt.date(2016, 1, 1), True)


@pytest.mark.django_db
def test_a_visit_added_in_the_admin_gets_its_report_deadline_and_inline_members(
    staff_client, admin_user
):
    partner = factories.PartnerFactory()
    data = form_data(staff_client.get(url(Visit, "add")))
    data.update(
        {
            "title": "Delegation to the United States",
            "direction": "outbound",
            "category": "exchange",
            "start_on": "2024-07-22",
            "end_on": "2024-07-31",
            "status": "completed",
            "report_due_on": "",
            "visit_partners-TOTAL_FORMS": "1",
            "visit_partners-0-partner": str(partner.pk),
            "members-TOTAL_FORMS": "1",
            "members-0-order": "1",
            "members-0-name_local": "盧秀燕",
            "members-0-role": "leader",
        }
    )

    response = staff_client.post(url(Visit, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    visit = Visit.objects.get()
    assert visit.report_due_on == dt.date(2024, 10, 31)
    assert visit.created_by == admin_user
    assert list(visit.partners.all()) == [partner]
    member = visit.members.get()
    assert (member.name_local, member.created_by) == ("盧秀燕", admin_user)


@pytest.mark.django_db
def test_an_absence_is_added_on_the_member_page(staff_client):
    member = factories.MemberFactory()
    data = form_data(staff_client.get(url(DelegationMember, "change", member.pk)))
    data.update(
        {
            "absences-TOTAL_FORMS": "1",
            "absences-0-starts_on": "2024-07-23",
            "absences-0-ends_on": "2024-07-25",
            "absences-0-reason": "typhoon",
        }
    )

    response = staff_client.post(url(DelegationMember, "change", member.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    absence = MemberAbsence.objects.get(member=member)
    assert (absence.starts_on, absence.reason) == (dt.date(2024, 7, 23), "typhoon")


@pytest.mark.django_db
def test_a_gift_saved_in_the_admin_is_valued_in_twd(staff_client, settings):
    settings.GIFT_EXCHANGE_RATES_TWD = {"USD": 32}
    partner = factories.PartnerFactory()
    data = form_data(staff_client.get(url(Gift, "add")))
    data.update(
        {
            "direction": "received",
            "description": "Flame of Friendship",
            "date": "2024-07-29",
            "partner": str(partner.pk),
            "estimated_value": "150",
            "currency": "USD",
            "disposition": "pending",
        }
    )

    response = staff_client.post(url(Gift, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    gift = Gift.objects.get()
    assert gift.value_twd == Decimal("4800.00")

    data = form_data(staff_client.get(url(Gift, "change", gift.pk)))
    data["estimated_value"] = "50"
    assert staff_client.post(url(Gift, "change", gift.pk), data).status_code == 302
    gift.refresh_from_db()
    assert gift.value_twd == Decimal("1600.00")


@pytest.mark.django_db
def test_a_contact_logged_in_the_admin_has_the_logger_as_staff(staff_client, admin_user):
    partner = factories.PartnerFactory()
    data = form_data(staff_client.get(url(Contact, "add")))
    data.update(
        {
            "partner": str(partner.pk),
            "occurred_on": "2024-07-23",
            "channel": "meeting",
            "direction": "mutual",
            "subject": "Courtesy call",
        }
    )

    response = staff_client.post(url(Contact, "add"), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    contact = Contact.objects.get()
    assert contact.created_by == admin_user
    assert list(contact.staff.all()) == [admin_user]


@pytest.mark.django_db
def test_closing_a_commitment_without_outcome_is_refused_on_the_form(staff_client):
    commitment = factories.CommitmentFactory()
    data = form_data(staff_client.get(url(Commitment, "change", commitment.pk)))
    data["status"] = "done"

    response = staff_client.post(url(Commitment, "change", commitment.pk), data)

    assert response.status_code == 200
    errors = response.context["adminform"].form.errors
    assert "outcome_local" in errors  # the office's language comes first; English is optional
    assert "completed_on" in errors
    commitment.refresh_from_db()
    assert commitment.status == "open"


@pytest.mark.django_db
def test_deleting_a_partner_with_contacts_shows_the_cannot_delete_page(staff_client):
    contact = factories.ContactFactory()
    partner = contact.partner

    page = staff_client.get(url(Partner, "delete", partner.pk))
    posted = staff_client.post(url(Partner, "delete", partner.pk), {"post": "yes"})

    assert page.status_code == 200
    assert page.context["protected"]
    assert posted.status_code == 200
    assert posted.context["protected"]
    assert Partner.objects.filter(pk=partner.pk).exists()


@pytest.mark.django_db
def test_deleting_a_partner_without_references_is_recorded_with_its_user(staff_client, admin_user):
    partner = factories.PartnerFactory()

    response = staff_client.post(url(Partner, "delete", partner.pk), {"post": "yes"})

    assert response.status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()
    deleted = Events.objects.tracks(Partner(pk=partner.pk)).get(pgh_label="delete")
    assert deleted.pgh_context["user"] == admin_user.pk


@pytest.mark.django_db
def test_an_officer_cannot_delete_a_contact_someone_else_logged(client, officer):
    contact = factories.ContactFactory(created_by=factories.UserFactory())
    own = factories.ContactFactory(created_by=officer)
    client.force_login(officer)

    assert client.get(url(Contact, "delete", contact.pk)).status_code == 403
    assert client.post(url(Contact, "delete", own.pk), {"post": "yes"}).status_code == 302
    assert Contact.objects.filter(pk=contact.pk).exists()
    assert not Contact.objects.filter(pk=own.pk).exists()


@pytest.mark.django_db
def test_a_viewer_can_neither_import_nor_change(client, viewer):
    client.force_login(viewer)

    assert client.get(url(Partner, "changelist")).status_code == 200
    assert client.get(url(Partner, "import")).status_code == 403
    assert client.get(url(Partner, "add")).status_code == 403
