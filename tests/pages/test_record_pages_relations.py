"""A partner's records on pages of their own (crm.web.records): agreements, officials,
organizations and contacts, created and edited through relations' services and the one
policy (SPEC §4), with the version check and the similar-records check (issue 13)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from relations.models import Agreement, Contact, Official, Organization, Partner
from tests.factories import (
    AgreementFactory,
    ContactFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


def _url(kind: str, action: str, partner: Partner, record=None) -> str:
    args = [partner.pk] if record is None else [partner.pk, record.pk]
    return reverse(f"relations:{kind}-{action}", args=args)


def _state(row) -> tuple:
    """Everything a refused write must leave as it was."""
    fresh = type(row).objects.get(pk=row.pk)
    return tuple(getattr(fresh, f.attname) for f in fresh._meta.concrete_fields)


# --- Agreements ---------------------------------------------------------------------------


def test_an_officer_adds_a_year_precise_agreement_and_the_partner_is_established(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    assert client.get(_url("agreement", "new", partner)).status_code == 200
    response = client.post(
        _url("agreement", "new", partner),
        {
            "kind": "sister_city",
            "signed_on": "1993-05-17",  # only the year is on record
            "signed_precision": "year",
            "title_local": "締結姊妹市協定書",
            "commemorate": "unknown",  # as its kind suggests: a sister-city agreement, yes
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("relations:partner-detail", args=[partner.pk])
    agreement = Agreement.objects.get(partner=partner)
    assert (agreement.signed_on, agreement.commemorate, agreement.created_by) == (
        dt.date(1993, 1, 1),
        True,
        officer,
    )
    partner.refresh_from_db()  # the database trigger
    assert (partner.established_on, partner.established_precision) == (dt.date(1993, 1, 1), "year")


def test_an_mou_is_not_commemorated_unless_asked(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    data = {"kind": "mou", "signed_on": "2010-03-04", "signed_precision": "day"}
    client.post(_url("agreement", "new", partner), {**data, "commemorate": "unknown"})
    client.post(_url("agreement", "new", partner), {**data, "commemorate": "true"})
    assert sorted(Agreement.objects.values_list("commemorate", flat=True)) == [False, True]


def test_an_agreement_edit_moves_the_established_date(client, officer):
    agreement = AgreementFactory(signed_on=dt.date(2000, 7, 19))
    partner = agreement.partner
    client.force_login(officer)
    url = _url("agreement", "edit", partner, agreement)
    assert 'value="2000-07-19"' in client.get(url).content.decode()
    response = client.post(
        url,
        {
            "version": agreement.version,
            "kind": "sister_city",
            "signed_on": "1999-11-20",
            "signed_precision": "month",
            "commemorate": "true",
        },
    )
    assert response.status_code == 302
    agreement.refresh_from_db()
    partner.refresh_from_db()
    assert (agreement.signed_on, agreement.version) == (dt.date(1999, 11, 1), 2)
    assert partner.established_on == dt.date(1999, 11, 1)


def test_a_stale_agreement_edit_is_refused_with_409_and_the_row_kept(client, officer, manager):
    agreement = AgreementFactory(reference="A-1")
    form = {
        "version": agreement.version,
        "kind": "sister_city",
        "signed_on": "2000-07-19",
        "signed_precision": "day",
        "commemorate": "true",
    }
    url = _url("agreement", "edit", agreement.partner, agreement)
    client.force_login(manager)
    assert client.post(url, {**form, "reference": "A-2"}).status_code == 302
    before = _state(agreement)
    client.force_login(officer)
    response = client.post(url, {**form, "reference": "A-3"})
    assert response.status_code == 409
    assert "A-2" in response.content.decode()
    assert _state(agreement) == before


def test_an_invalid_agreement_is_refused_with_422_and_the_row_kept(client, officer):
    agreement = AgreementFactory()
    before = _state(agreement)
    client.force_login(officer)
    response = client.post(
        _url("agreement", "edit", agreement.partner, agreement),
        {"version": agreement.version, "kind": "treaty", "signed_on": "19 July"},
    )
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert _state(agreement) == before


def test_an_officer_may_not_delete_an_agreement_a_manager_may(client, officer, manager):
    agreement = AgreementFactory()
    before = _state(agreement)
    url = _url("agreement", "delete", agreement.partner, agreement)
    client.force_login(officer)
    assert client.get(url).status_code == 403
    assert client.post(url).status_code == 403
    assert _state(agreement) == before
    client.force_login(manager)
    assert client.post(url).status_code == 302
    assert not Agreement.objects.filter(pk=agreement.pk).exists()
    agreement.partner.refresh_from_db()
    assert agreement.partner.established_on is None


def test_another_partners_agreement_is_not_found_under_this_partner(client, manager):
    agreement = AgreementFactory()
    elsewhere = PartnerFactory()
    client.force_login(manager)
    assert client.get(_url("agreement", "edit", elsewhere, agreement)).status_code == 404
    assert client.post(_url("agreement", "delete", elsewhere, agreement)).status_code == 404
    assert Agreement.objects.filter(pk=agreement.pk).exists()


# --- Officials ----------------------------------------------------------------------------

OFFICIAL = {
    "name_local": "維多莉亞·伍茲",
    "name": "Victoria Woodards",
    "title_local": "市長",
    "title": "Mayor",
    "role": "mayor",
    "term_start": "2018-01-01",
}


def test_an_officer_adds_an_official_of_a_partner(client, officer):
    partner = PartnerFactory()
    organization = OrganizationFactory(partner=partner)
    client.force_login(officer)
    response = client.post(
        _url("official", "new", partner), {**OFFICIAL, "organization": organization.pk}
    )
    assert response.status_code == 302
    official = Official.objects.get(name="Victoria Woodards")
    assert (official.partner, official.organization, official.created_by) == (
        partner,
        organization,
        officer,
    )
    page = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    assert _url("official", "edit", partner, official) in page


def test_a_similar_official_is_shown_before_a_second_one_is_created(client, officer):
    partner = PartnerFactory()
    existing = OfficialFactory(partner=partner, name="Victoria Woodards", name_local="伍茲")
    client.force_login(officer)
    first = client.post(_url("official", "new", partner), OFFICIAL)
    assert first.status_code == 200
    html = first.content.decode()
    assert 'id="similar"' in html
    assert existing.name_local in html
    assert Official.objects.count() == 1
    confirmed = client.post(_url("official", "new", partner), {**OFFICIAL, "confirm_new": "1"})
    assert confirmed.status_code == 302
    assert Official.objects.count() == 2


def test_an_official_whose_term_ends_before_it_starts_is_refused_with_422(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    response = client.post(
        _url("official", "new", partner),
        {**OFFICIAL, "term_start": "2020-01-01", "term_end": "2019-12-31", "confirm_new": "1"},
    )
    assert response.status_code == 422
    assert not Official.objects.exists()


def test_an_official_without_the_chinese_name_is_refused_with_422(client, officer):
    official = OfficialFactory(name_local="伍茲")
    before = _state(official)
    client.force_login(officer)
    response = client.post(
        _url("official", "edit", official.partner, official),
        {**OFFICIAL, "name_local": "", "version": official.version},
    )
    assert response.status_code == 422
    assert _state(official) == before


def test_ending_a_term_makes_the_official_a_former_one(client, officer):
    official = OfficialFactory(name_local="伍茲", term_start=dt.date(2018, 1, 1))
    client.force_login(officer)
    response = client.post(
        _url("official", "edit", official.partner, official),
        {**OFFICIAL, "term_end": "2021-12-31", "version": official.version},
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert (official.term_end, official.is_current, official.version) == (
        dt.date(2021, 12, 31),
        False,
        2,
    )


def test_an_officials_organization_elsewhere_is_kept_when_the_official_is_edited(client, officer):
    museum = OrganizationFactory(partner=None)  # an organization of no partner
    official = OfficialFactory(name_local="伍茲", organization=museum)
    client.force_login(officer)
    response = client.post(
        _url("official", "edit", official.partner, official),
        {**OFFICIAL, "organization": museum.pk, "version": official.version},
    )
    assert response.status_code == 302
    official.refresh_from_db()
    assert (official.organization, official.title) == (museum, "Mayor")


def test_a_stale_official_edit_is_refused_with_409_and_the_row_kept(client, officer, manager):
    official = OfficialFactory(name_local="伍茲")
    url = _url("official", "edit", official.partner, official)
    stale = {**OFFICIAL, "version": official.version}
    client.force_login(manager)
    assert client.post(url, {**stale, "phone": "+1 253 591 5100"}).status_code == 302
    before = _state(official)
    client.force_login(officer)
    response = client.post(url, {**stale, "phone": "+1 000"})
    assert response.status_code == 409
    assert _state(official) == before


def test_an_officer_may_not_delete_an_official(client, officer, manager):
    official = OfficialFactory()
    before = _state(official)
    url = _url("official", "delete", official.partner, official)
    client.force_login(officer)
    assert client.post(url).status_code == 403
    assert _state(official) == before
    client.force_login(manager)
    assert client.post(url).status_code == 302
    assert not Official.objects.filter(pk=official.pk).exists()


# --- Organizations ------------------------------------------------------------------------

ORGANIZATION = {
    "name_local": "塔可瑪藝術博物館",
    "name": "Tacoma Art Museum",
    "kind": "museum",
    "country": "US",
    "city": "Tacoma",
}


def test_an_officer_adds_an_organization_listed_on_the_partner_page(client, officer):
    partner = PartnerFactory(country="US")
    client.force_login(officer)
    form = client.get(_url("organization", "new", partner)).content.decode()
    assert '<option value="US" selected>' in form  # the partner's country, to start with
    response = client.post(_url("organization", "new", partner), ORGANIZATION)
    assert response.status_code == 302
    organization = Organization.objects.get()
    assert (organization.partner, organization.created_by) == (partner, officer)
    page = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    assert 'id="organization-' in page
    assert "塔可瑪藝術博物館" in page


def test_a_similar_organization_is_shown_before_a_duplicate_is_created(client, officer):
    partner = PartnerFactory()
    # Simplified script elsewhere: the same museum.
    existing = OrganizationFactory(name="", name_local="塔可玛艺术博物馆", kind="museum")
    client.force_login(officer)
    first = client.post(_url("organization", "new", partner), ORGANIZATION)
    assert first.status_code == 200
    assert existing.name_local in first.content.decode()
    assert Organization.objects.count() == 1
    second = client.post(_url("organization", "new", partner), {**ORGANIZATION, "confirm_new": 1})
    assert second.status_code == 302
    assert Organization.objects.count() == 2


def test_a_duplicate_organization_is_refused_with_422(client, officer):
    partner = PartnerFactory()
    OrganizationFactory(partner=partner, **ORGANIZATION)
    client.force_login(officer)
    response = client.post(
        _url("organization", "new", partner), {**ORGANIZATION, "confirm_new": "1"}
    )
    assert response.status_code == 422
    assert Organization.objects.count() == 1


def test_a_stale_organization_edit_is_refused_with_409_and_the_row_kept(client, officer, manager):
    partner = PartnerFactory()
    organization = OrganizationFactory(partner=partner, **ORGANIZATION)
    url = _url("organization", "edit", partner, organization)
    stale = {**ORGANIZATION, "version": organization.version}
    client.force_login(manager)
    assert (
        client.post(url, {**stale, "website": "https://www.tacomaartmuseum.org/"}).status_code
        == 302
    )
    before = _state(organization)
    client.force_login(officer)
    assert client.post(url, {**stale, "city": "Seattle"}).status_code == 409
    assert _state(organization) == before


def test_an_organization_with_officials_is_kept_and_the_manager_told_why(client, manager):
    partner = PartnerFactory()
    organization = OrganizationFactory(partner=partner)
    OfficialFactory(partner=partner, organization=organization)
    client.force_login(manager)
    response = client.post(_url("organization", "delete", partner, organization))
    assert response.status_code == 409
    assert 'id="refused"' in response.content.decode()
    assert Organization.objects.filter(pk=organization.pk).exists()


def test_an_officer_may_not_delete_an_organization(client, officer, manager):
    partner = PartnerFactory()
    organization = OrganizationFactory(partner=partner)
    before = _state(organization)
    url = _url("organization", "delete", partner, organization)
    client.force_login(officer)
    assert client.post(url).status_code == 403
    assert _state(organization) == before
    client.force_login(manager)
    assert client.post(url).status_code == 302
    assert not Organization.objects.filter(pk=organization.pk).exists()


# --- Contacts -----------------------------------------------------------------------------


def _contact_form(contact: Contact, **changes) -> dict:
    return {
        "version": contact.version,
        "occurred_on": contact.occurred_on.isoformat(),
        "occurred_precision": contact.occurred_precision,
        "channel": contact.channel,
        "direction": contact.direction,
        "subject_local": contact.subject_local or "會面",
        "subject": contact.subject,
        "summary_local": contact.summary_local,
        "summary": contact.summary,
        **changes,
    }


def test_an_officer_corrects_a_contacts_officials_and_topics(client, officer):
    contact = ContactFactory(created_by=UserFactory(role="officer"), subject_local="會面")
    official = OfficialFactory(partner=contact.partner)
    OfficialFactory()  # another partner's: not offered
    culture = TopicFactory(slug="culture", name="Culture", name_local="文化")
    client.force_login(officer)
    url = _url("contact", "edit", contact.partner, contact)
    form = client.get(url).content.decode()
    assert form.count('name="officials"') == 1
    response = client.post(
        url, _contact_form(contact, officials=[official.pk], topics=[culture.pk], subject="Meeting")
    )
    assert response.status_code == 302
    contact.refresh_from_db()
    assert (list(contact.officials.all()), list(contact.topics.all())) == ([official], [culture])
    assert (contact.subject, contact.version) == ("Meeting", 2)


def test_another_partners_official_cannot_be_linked_to_a_contact(client, officer):
    contact = ContactFactory(subject_local="會面")
    stranger = OfficialFactory()
    before = _state(contact)
    client.force_login(officer)
    response = client.post(
        _url("contact", "edit", contact.partner, contact),
        _contact_form(contact, officials=[stranger.pk]),
    )
    assert response.status_code == 422
    assert _state(contact) == before
    assert not contact.officials.exists()


def test_a_stale_contact_edit_is_refused_with_409_and_the_row_kept(client, officer, manager):
    contact = ContactFactory(subject_local="會面")
    url = _url("contact", "edit", contact.partner, contact)
    stale = _contact_form(contact)
    client.force_login(manager)
    assert client.post(url, {**stale, "summary_local": "談了交換學生。"}).status_code == 302
    before = _state(contact)
    client.force_login(officer)
    response = client.post(url, {**stale, "summary_local": "別的內容"})
    assert response.status_code == 409
    assert "談了交換學生。" in response.content.decode()
    assert _state(contact) == before


def test_an_officer_deletes_a_contact_they_logged(client, officer):
    contact = ContactFactory(created_by=officer)
    client.force_login(officer)
    page = client.get(reverse("relations:partner-detail", args=[contact.partner.pk]))
    assert _url("contact", "delete", contact.partner, contact) in page.content.decode()
    response = client.post(_url("contact", "delete", contact.partner, contact))
    assert response.status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_an_officer_may_not_delete_a_colleagues_contact(client, officer):
    contact = ContactFactory(created_by=UserFactory(role="officer"))
    before = _state(contact)
    client.force_login(officer)
    page = client.get(reverse("relations:partner-detail", args=[contact.partner.pk]))
    html = page.content.decode()
    assert _url("contact", "edit", contact.partner, contact) in html  # editing is shared
    assert _url("contact", "delete", contact.partner, contact) not in html
    assert client.post(_url("contact", "delete", contact.partner, contact)).status_code == 403
    assert _state(contact) == before


def test_a_manager_deletes_anyones_contact(client, manager):
    contact = ContactFactory(created_by=UserFactory(role="officer"))
    client.force_login(manager)
    assert client.post(_url("contact", "delete", contact.partner, contact)).status_code == 302
    assert not Contact.objects.filter(pk=contact.pk).exists()


def test_a_viewer_sees_no_edit_links_and_is_refused(client, viewer):
    contact = ContactFactory(subject_local="會面")
    official = OfficialFactory(partner=contact.partner)
    before = _state(contact)
    client.force_login(viewer)
    html = client.get(reverse("relations:partner-detail", args=[contact.partner.pk])).content
    for address in (b"/edit/", b"/delete/", b"/new/"):
        assert address not in html
    url = _url("contact", "edit", contact.partner, contact)
    assert client.post(url, _contact_form(contact, subject="x")).status_code == 403
    assert client.post(_url("official", "new", contact.partner), OFFICIAL).status_code == 403
    assert _state(contact) == before
    assert list(Official.objects.all()) == [official]


# --- Topics of a partner (PartnerForm) ----------------------------------------------------


def test_a_partners_topics_are_saved_and_cleared_by_its_edit_form(client, officer):
    culture = TopicFactory(slug="culture", name="Culture", name_local="文化")
    trade = TopicFactory(slug="trade", name="Trade", name_local="經貿")
    partner = PartnerFactory(name_local="塔可瑪市", region="WA")
    partner.topics.add(culture)
    client.force_login(officer)
    url = reverse("relations:partner-edit", args=[partner.pk])
    data = {
        "name_local": partner.name_local,
        "name": partner.name,
        "kind": partner.kind,
        "status": partner.status,
        "jurisdiction": partner.jurisdiction,
        "country": partner.country,
        "region": partner.region,
        "time_zone": partner.time_zone,
    }
    assert client.post(url, {**data, "version": 1, "topics": [trade.pk]}).status_code == 302
    assert list(partner.topics.all()) == [trade]
    assert client.post(url, {**data, "version": 2}).status_code == 302
    assert not partner.topics.exists()
