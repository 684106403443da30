"""The record pages of crm.web.records, shown on the partner: create (with the similar-records
check), edit with the version check, delete as the roles allow (SPEC §4)."""

from __future__ import annotations

import pytest
from django.contrib.messages import get_messages
from django.urls import reverse

from relations.models import Partner
from tests.factories import ContactFactory, PartnerFactory, TopicFactory

pytestmark = pytest.mark.django_db

NEW = {
    "name_local": "塔可瑪市",
    "name": "Tacoma",
    "kind": "sister",
    "status": "active",
    "jurisdiction": "city",
    "country": "US",
    "region": "Washington",
    "population": "219346",
    "time_zone": "America/Los_Angeles",
    "website": "",
    "notes": "",
}


def _form_of(partner: Partner, **changes) -> dict:
    data = {
        "version": partner.version,
        "name_local": partner.name_local,
        "name": partner.name,
        "kind": partner.kind,
        "status": partner.status,
        "jurisdiction": partner.jurisdiction,
        "country": partner.country,
        "region": partner.region,
        "population": partner.population or "",
        "time_zone": partner.time_zone,
        "website": partner.website,
        "notes": partner.notes,
        "owner": partner.owner_id or "",
    }
    return {**data, **changes}


def test_an_officer_creates_a_partner_with_topics_and_is_told_so(client, officer):
    culture = TopicFactory(slug="culture", name="Culture", name_local="文化")
    client.force_login(officer)
    response = client.post(
        reverse("relations:partner-new"), {**NEW, "owner": officer.pk, "topics": [culture.pk]}
    )
    partner = Partner.objects.get(name="Tacoma")
    assert response.status_code == 302
    assert response["Location"] == reverse("relations:partner-detail", args=[partner.pk])
    assert list(partner.topics.all()) == [culture]
    assert partner.created_by == officer
    # The message names the record in the reader's script.
    assert [str(m) for m in get_messages(response.wsgi_request)] == ["塔可瑪市 已建立。"]


def test_a_similar_partner_is_shown_before_a_duplicate_is_created(client, officer):
    existing = PartnerFactory(name="Tacoma", name_local="塔可瑪市", country="US", region="WA")
    client.force_login(officer)
    # Simplified script, other region: not a database duplicate, but the same city.
    data = {**NEW, "name_local": "塔可玛市", "name": "Tacoma (WA)", "owner": officer.pk}
    first = client.post(reverse("relations:partner-new"), data)
    assert first.status_code == 200
    assert f'href="/partners/{existing.pk}/"' in first.content.decode()
    assert Partner.objects.count() == 1
    confirmed = client.post(reverse("relations:partner-new"), {**data, "confirm_new": "1"})
    assert confirmed.status_code == 302
    assert Partner.objects.count() == 2


def test_a_form_without_the_chinese_name_is_refused_with_422(client, officer):
    client.force_login(officer)
    response = client.post(reverse("relations:partner-new"), {**NEW, "name_local": ""})
    assert response.status_code == 422
    assert 'aria-invalid="true"' in response.content.decode()
    assert not Partner.objects.exists()


def test_a_viewer_gets_403_and_nothing_is_created(client, viewer):
    client.force_login(viewer)
    assert client.get(reverse("relations:partner-new")).status_code == 403
    assert client.post(reverse("relations:partner-new"), NEW).status_code == 403
    assert not Partner.objects.exists()


def test_an_edit_writes_the_change_and_bumps_the_version(client, officer):
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", population=None)
    client.force_login(officer)
    url = reverse("relations:partner-edit", args=[partner.pk])
    assert client.get(url).status_code == 200
    response = client.post(url, _form_of(partner, population="219346"))
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.population, partner.version) == (219346, 2)


def test_a_stale_edit_is_refused_with_409_and_the_stored_values_shown(client, officer, manager):
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", region="WA")
    stale = _form_of(partner, region="Washington State")
    client.force_login(manager)
    client.post(
        reverse("relations:partner-edit", args=[partner.pk]), _form_of(partner, region="Pierce")
    )
    client.force_login(officer)
    response = client.post(reverse("relations:partner-edit", args=[partner.pk]), stale)
    assert response.status_code == 409
    html = response.content.decode()
    assert "Pierce" in html  # the stored value, shown beside the person's input
    assert 'value="Washington State"' in html  # their input is kept
    partner.refresh_from_db()
    assert (partner.region, partner.version) == ("Pierce", 2)


def test_an_officer_cannot_reassign_a_partner_from_its_page(client, officer, manager):
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", owner=manager)
    client.force_login(officer)
    response = client.post(
        reverse("relations:partner-edit", args=[partner.pk]),
        _form_of(partner, owner=officer.pk, region="Pierce"),
    )
    # The owner field is shown but disabled: the posted owner is ignored, the rest saved.
    assert response.status_code == 302
    partner.refresh_from_db()
    assert (partner.owner, partner.region) == (manager, "Pierce")


def test_an_officer_may_not_delete_a_partner(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    assert client.post(reverse("relations:partner-delete", args=[partner.pk])).status_code == 403
    assert Partner.objects.filter(pk=partner.pk, version=partner.version).exists()


def test_a_partner_with_history_is_kept_and_the_manager_told_why(client, manager):
    partner = PartnerFactory()
    ContactFactory(partner=partner)
    client.force_login(manager)
    response = client.post(reverse("relations:partner-delete", args=[partner.pk]))
    assert response.status_code == 409
    assert "聯繫" in response.content.decode()
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_a_manager_deletes_a_partner_without_history(client, manager):
    partner = PartnerFactory()
    client.force_login(manager)
    response = client.post(reverse("relations:partner-delete", args=[partner.pk]))
    assert response.status_code == 302
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_an_unknown_record_is_a_404(client, officer):
    client.force_login(officer)
    assert client.get(reverse("relations:partner-edit", args=[999999])).status_code == 404
