"""/api/v1/events/, /invitations/, /gifts/: CRUD and filters."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest

from tests.api_support import ids
from tests.factories import (
    CommitmentFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Event, Gift, Invitation

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


# --- Events ----------------------------------------------------------------------------------


def test_events_list_retrieve_create_update_delete(api):
    officer = api("officer")
    created = officer.post(
        "/api/v1/events/",
        {
            "title": "Taichung Green Museumbrary opening",
            "title_local": "臺中綠美圖開幕",
            "starts_on": "2025-12-01",
            "ends_on": "2025-12-02",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert created.json()["owner"] == officer.user.pk
    assert officer.get("/api/v1/events/").json()["count"] == 1
    assert officer.get(f"/api/v1/events/{pk}/").json()["title_local"] == "臺中綠美圖開幕"
    assert officer.patch(f"/api/v1/events/{pk}/", {"location": "Taichung"}).status_code == 200
    assert Event.objects.get().location == "Taichung"
    assert api("manager").delete(f"/api/v1/events/{pk}/").status_code == 204


def test_an_event_cannot_end_before_it_starts(api):
    response = api("officer").post(
        "/api/v1/events/", {"title": "X", "starts_on": "2025-12-02", "ends_on": "2025-12-01"}
    )
    assert set(response.json()) == {"ends_on"}


def test_put_without_an_owner_keeps_the_owner(api):
    event = EventFactory()
    owner = event.owner
    response = api("manager").put(
        f"/api/v1/events/{event.pk}/", {"title": "Renamed", "starts_on": "2025-12-01"}
    )
    assert response.status_code == 200, response.content
    event.refresh_from_db()
    assert (event.title, event.owner) == ("Renamed", owner)


def test_event_filters(api):
    owner = UserFactory()
    EventFactory(owner=owner, starts_on=dt.date(2025, 1, 1))
    EventFactory(starts_on=dt.date(2025, 6, 1))
    client = api("viewer")
    assert client.get("/api/v1/events/", {"owner": owner.pk}).json()["count"] == 1
    assert client.get("/api/v1/events/", {"starts_after": "2025-03-01"}).json()["count"] == 1
    assert client.get("/api/v1/events/", {"starts_before": "2025-03-01"}).json()["count"] == 1


# --- Invitations -----------------------------------------------------------------------------


def test_invitations_list_retrieve_create_update_delete(api):
    event, invitee = EventFactory(), OfficialFactory()
    promise = CommitmentFactory()
    officer = api("officer")
    created = officer.post(
        "/api/v1/invitations/",
        {
            "event": event.pk,
            "invitee": invitee.pk,
            "status": "sent",
            "sent_on": "2025-09-01",
            "rsvp_by": "2025-10-01",
            "commitment": promise.pk,
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert officer.get("/api/v1/invitations/").json()["count"] == 1
    assert officer.get(f"/api/v1/invitations/{pk}/").json()["commitment"] == promise.pk
    response = officer.patch(
        f"/api/v1/invitations/{pk}/", {"status": "accepted", "responded_on": "2025-09-15"}
    )
    assert response.status_code == 200
    assert Invitation.objects.get().status == "accepted"
    # One invitation per invitee and event.
    again = officer.post("/api/v1/invitations/", {"event": event.pk, "invitee": invitee.pk})
    assert again.status_code == 400
    assert api("manager").delete(f"/api/v1/invitations/{pk}/").status_code == 204


def test_a_sent_invitation_needs_its_sending_date(api):
    response = api("officer").post(
        "/api/v1/invitations/",
        {"event": EventFactory().pk, "invitee": OfficialFactory().pk, "status": "sent"},
    )
    assert set(response.json()) == {"sent_on"}


def test_invitation_filters(api):
    event, partner = EventFactory(), PartnerFactory()
    hines = OfficialFactory(partner=partner)
    InvitationFactory(event=event, invitee=hines, status="sent", sent_on=dt.date(2025, 9, 1))
    InvitationFactory(event=event)
    InvitationFactory(status="declined", sent_on=dt.date(2025, 9, 1))
    client = api("viewer")
    url = "/api/v1/invitations/"
    assert client.get(url, {"event": event.pk}).json()["count"] == 2
    assert client.get(url, {"status": "sent"}).json()["count"] == 1
    assert client.get(url, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(url, {"official": hines.pk}).json()["count"] == 1


# --- Gifts -----------------------------------------------------------------------------------


def test_gifts_list_retrieve_create_update_delete(api):
    partner = PartnerFactory()
    officer = api("officer")
    created = officer.post(
        "/api/v1/gifts/",
        {
            "direction": "received",
            "description": "Glass sculpture",
            "description_local": "玻璃雕塑",
            "date": "2024-07-23",
            "partner": partner.pk,
            "estimated_value": "150.00",
            "currency": "USD",
        },
    )
    assert created.status_code == 201, created.content
    body = created.json()
    assert body["value_twd"] == "4800.00"
    assert body["needs_registration"] is True
    pk = body["id"]
    assert officer.get("/api/v1/gifts/").json()["count"] == 1
    assert officer.get(f"/api/v1/gifts/{pk}/").json()["currency"] == "USD"
    response = officer.patch(f"/api/v1/gifts/{pk}/", {"registered_on": "2024-07-25"})
    assert response.json()["needs_registration"] is False
    response = officer.patch(f"/api/v1/gifts/{pk}/", {"currency": "TWD"})
    assert response.json()["value_twd"] == "150.00"
    assert api("manager").delete(f"/api/v1/gifts/{pk}/").status_code == 204
    assert not Gift.objects.exists()


def test_a_gift_refuses_a_negative_value_and_a_bad_currency(api):
    response = api("officer").post(
        "/api/v1/gifts/",
        {
            "direction": "given",
            "description": "Tea",
            "date": "2024-07-23",
            "estimated_value": "-1",
            "currency": "usd",
        },
    )
    assert set(response.json()) == {"estimated_value", "currency"}


def test_gift_filters(api):
    partner, official, organization, visit = (
        PartnerFactory(),
        OfficialFactory(),
        OrganizationFactory(),
        VisitFactory(),
    )
    flagged = GiftFactory(
        partner=partner, official=official, visit=visit, value_twd=Decimal("5000")
    )
    GiftFactory(direction="given", organization=organization, value_twd=Decimal("100000"))
    GiftFactory(value_twd=Decimal("2999"))
    GiftFactory(value_twd=Decimal("9000"), registered_on=dt.date(2024, 7, 30))
    client = api("viewer")
    url = "/api/v1/gifts/"
    assert client.get(url, {"direction": "given"}).json()["count"] == 1
    assert client.get(url, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(url, {"official": official.pk}).json()["count"] == 1
    assert client.get(url, {"organization": organization.pk}).json()["count"] == 1
    assert client.get(url, {"visit": visit.pk}).json()["count"] == 1
    assert ids(client.get(url, {"unregistered": "true"})) == {flagged.pk}
    assert client.get(url, {"unregistered": "false"}).json()["count"] == 3
