"""/api/v1/agreements/, /organizations/, /officials/: CRUD and filters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from relations.models import Agreement, Official, Organization
from tests.api_support import ids
from tests.factories import (
    AgreementFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
)

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


# --- Agreements ------------------------------------------------------------------------------


def test_agreements_list_retrieve_create_update_delete(api):
    partner = PartnerFactory()
    existing = AgreementFactory(partner=partner)
    officer, manager = api("officer"), api("manager")

    assert officer.get("/api/v1/agreements/").json()["count"] == 1
    assert officer.get(f"/api/v1/agreements/{existing.pk}/").json()["signed_on"] == "2000-07-19"

    created = officer.post(
        "/api/v1/agreements/",
        {
            "partner": partner.pk,
            "kind": "mou",
            "signed_on": "1983-03-17",
            "signed_precision": "month",
            "reference": "Resolution No. 2024-275",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    # The service normalises a month-precise date to the 1st; MoUs are not commemorated.
    assert (body["signed_on"], body["commemorate"]) == ("1983-03-01", False)

    updated = officer.patch(f"/api/v1/agreements/{body['id']}/", {"title": "MoU on libraries"})
    assert updated.status_code == 200
    assert Agreement.objects.get(pk=body["id"]).title == "MoU on libraries"

    assert officer.delete(f"/api/v1/agreements/{body['id']}/").status_code == 403
    assert manager.delete(f"/api/v1/agreements/{body['id']}/").status_code == 204


def test_a_sister_city_agreement_is_commemorated_by_default(api):
    response = api("officer").post(
        "/api/v1/agreements/",
        {"partner": PartnerFactory().pk, "kind": "sister_city", "signed_on": "2000-07-19"},
    )
    assert response.json()["commemorate"] is True


def test_it_refuses_an_impossible_signing_date(api):
    response = api("officer").post(
        "/api/v1/agreements/",
        {"partner": PartnerFactory().pk, "kind": "mou", "signed_on": "2024-02-30"},
    )
    assert response.status_code == 400
    assert set(response.json()) == {"signed_on"}


def test_agreement_filters(api):
    tacoma, seattle = PartnerFactory(), PartnerFactory()
    AgreementFactory(partner=tacoma, kind="sister_city", signed_on=dt.date(2000, 7, 19))
    AgreementFactory(partner=tacoma, kind="mou", signed_on=dt.date(2020, 1, 5), commemorate=False)
    AgreementFactory(partner=seattle, kind="mou", signed_on=dt.date(2010, 1, 5), commemorate=False)
    client = api("viewer")
    url = "/api/v1/agreements/"
    assert client.get(url, {"partner": tacoma.pk}).json()["count"] == 2
    assert client.get(url, {"kind": "mou"}).json()["count"] == 2
    assert client.get(url, {"commemorate": "true"}).json()["count"] == 1
    assert client.get(url, {"signed_after": "2005-01-01"}).json()["count"] == 2
    assert client.get(url, {"signed_before": "2010-01-05"}).json()["count"] == 2


# --- Organizations ---------------------------------------------------------------------------


def test_organizations_list_retrieve_create_update_delete(api):
    officer, manager = api("officer"), api("manager")
    created = officer.post(
        "/api/v1/organizations/",
        {"name": "Museum of Pop Culture", "name_local": "流行文化博物館", "kind": "museum"},
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert officer.get("/api/v1/organizations/").json()["count"] == 1
    assert officer.get(f"/api/v1/organizations/{pk}/").json()["kind"] == "museum"
    assert officer.patch(f"/api/v1/organizations/{pk}/", {"city": "Seattle"}).status_code == 200
    assert Organization.objects.get(pk=pk).city == "Seattle"
    assert manager.delete(f"/api/v1/organizations/{pk}/").status_code == 204


def test_an_organization_needs_a_name_in_one_script(api):
    response = api("officer").post("/api/v1/organizations/", {"kind": "company"})
    assert response.status_code == 400
    assert "name" in response.json()


def test_organization_filters(api):
    partner = PartnerFactory()
    OrganizationFactory(kind="museum", partner=partner, country="US")
    OrganizationFactory(kind="company", country="JP")
    OrganizationFactory(kind="company", country="US", name="NVIDIA", name_local="輝達")
    client = api("viewer")
    url = "/api/v1/organizations/"
    assert client.get(url, {"kind": "company"}).json()["count"] == 2
    assert client.get(url, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(url, {"country": "us"}).json()["count"] == 2
    assert client.get(url, {"q": "輝達"}).json()["count"] == 1


# --- Officials -------------------------------------------------------------------------------


def test_officials_list_retrieve_create_update_delete(api):
    partner = PartnerFactory()
    officer, manager = api("officer"), api("manager")
    created = officer.post(
        "/api/v1/officials/",
        {
            "name": "John Hines",
            "form_of_address": "The Honorable",
            "title": "Deputy Mayor",
            "role": "deputy_mayor",
            "partner": partner.pk,
            "term_start": "2022-01-01",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["is_current"] is True
    assert officer.get("/api/v1/officials/").json()["count"] == 1
    assert officer.get(f"/api/v1/officials/{pk}/").json()["name"] == "John Hines"
    assert officer.patch(f"/api/v1/officials/{pk}/", {"email": "jh@example.org"}).status_code == 200
    assert Official.objects.get(pk=pk).email == "jh@example.org"
    assert manager.delete(f"/api/v1/officials/{pk}/").status_code == 204


def test_an_official_needs_a_partner_or_organization_and_a_term_that_ends_after_it_starts(api):
    client = api("officer")
    response = client.post("/api/v1/officials/", {"name": "Nobody"})
    assert response.status_code == 400
    assert "partner" in response.json()
    response = client.post(
        "/api/v1/officials/",
        {
            "name": "Backwards",
            "partner": PartnerFactory().pk,
            "term_start": "2024-01-01",
            "term_end": "2023-01-01",
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"term_end"}


def test_changing_a_term_end_before_its_start_by_patch_is_refused(api):
    official = OfficialFactory(term_start=dt.date(2024, 1, 1))
    response = api("officer").patch(f"/api/v1/officials/{official.pk}/", {"term_end": "2023-12-31"})
    assert response.status_code == 400
    assert set(response.json()) == {"term_end"}


def test_official_filters(api):
    sd = PartnerFactory()
    museum = OrganizationFactory()
    OfficialFactory(partner=sd, role="mayor", term_end=dt.date(2020, 12, 10))
    OfficialFactory(partner=sd, role="mayor", term_end=None)
    OfficialFactory(partner=None, organization=museum, role="executive")
    client = api("viewer")
    url = "/api/v1/officials/"
    assert client.get(url, {"partner": sd.pk}).json()["count"] == 2
    assert client.get(url, {"organization": museum.pk}).json()["count"] == 1
    assert client.get(url, {"role": "mayor"}).json()["count"] == 2
    assert client.get(url, {"role": "mayor", "current": "true"}).json()["count"] == 1
    assert client.get(url, {"current": "false"}).json()["count"] == 1


def test_an_official_whose_term_ends_today_is_current(api):
    with time_machine.travel(dt.datetime(2024, 7, 19, 23, 0, tzinfo=dt.UTC), tick=False):
        # 07:00 on 20 July in Taipei: the term that ended on the 19th is over…
        ended = OfficialFactory(term_end=dt.date(2024, 7, 19))
        today = OfficialFactory(term_end=dt.date(2024, 7, 20))
        found = ids(api("viewer").get("/api/v1/officials/", {"current": "true"}))
    assert today.pk in found
    assert ended.pk not in found
