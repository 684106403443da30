"""/api/v1/visits/, /members/, /engagements/: CRUD, the embedded visit detail, filters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.api_support import ids, results
from tests.factories import (
    EngagementFactory,
    MemberFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import DelegationMember, Engagement, MemberAbsence, Visit, VisitPartner

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


# --- Visits ----------------------------------------------------------------------------------


def test_an_officer_plans_a_visit_and_the_report_is_due_three_months_after(api):
    tacoma, sd = PartnerFactory(), PartnerFactory()
    response = api("officer").post(
        "/api/v1/visits/",
        {
            "title": "Taichung delegation to the USA",
            "title_local": "臺中市政府赴美國交流",
            "direction": "outbound",
            "category": "inspection",
            "partners": [tacoma.pk, sd.pk],
            "start_on": "2024-07-22",
            "end_on": "2024-07-31",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["report_due_on"] == "2024-10-31"
    assert sorted(body["partners"]) == sorted([tacoma.pk, sd.pk])
    assert body["status"] == "planned"


def test_a_visit_cannot_end_before_it_starts(api):
    response = api("officer").post(
        "/api/v1/visits/",
        {
            "title": "Backwards",
            "direction": "inbound",
            "start_on": "2024-07-22",
            "end_on": "2024-07-01",
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"end_on"}


def test_the_visit_detail_embeds_its_delegation_and_itinerary_in_order(api):
    visit = VisitFactory()
    second = MemberFactory(visit=visit, order=2, name_local="黃國榮")
    first = MemberFactory(visit=visit, order=1, name_local="盧秀燕")
    MemberAbsence.objects.create(
        member=first, starts_on=dt.date(2024, 7, 23), ends_on=dt.date(2024, 7, 26), reason="Typhoon"
    )
    late = EngagementFactory(visit=visit, date=dt.date(2024, 7, 24), title="Seattle")
    early = EngagementFactory(visit=visit, date=dt.date(2024, 7, 23), title="Tacoma")
    early.attendees.add(second)
    body = api("viewer").get(f"/api/v1/visits/{visit.pk}/").json()
    assert [m["id"] for m in body["members"]] == [first.pk, second.pk]
    assert body["members"][0]["absences"] == [
        {"starts_on": "2024-07-23", "ends_on": "2024-07-26", "reason": "Typhoon"}
    ]
    assert [e["id"] for e in body["engagements"]] == [early.pk, late.pk]
    assert body["engagements"][0]["attendees"] == [second.pk]
    # Lists stay light: no embedded rows.
    listed = results(api("viewer").get("/api/v1/visits/"))[0]
    assert "members" not in listed


def test_visits_update_and_delete(api):
    visit = VisitFactory()
    partner = PartnerFactory()
    response = api("officer").patch(
        f"/api/v1/visits/{visit.pk}/", {"status": "completed", "partners": [partner.pk]}
    )
    assert response.status_code == 200, response.content
    visit.refresh_from_db()
    assert visit.status == "completed"
    assert list(visit.partners.all()) == [partner]
    assert api("officer").delete(f"/api/v1/visits/{visit.pk}/").status_code == 403
    assert api("manager").delete(f"/api/v1/visits/{visit.pk}/").status_code == 204
    assert not Visit.objects.exists()


def test_visit_filters(api):
    tacoma = PartnerFactory()
    VisitPartner.objects.create(
        visit=VisitFactory(direction="outbound", status="completed"), partner=tacoma
    )
    VisitFactory(direction="inbound", start_on=dt.date(2023, 5, 1), end_on=dt.date(2023, 5, 3))
    VisitFactory(
        direction="outbound",
        status="planned",
        start_on=dt.date(2025, 3, 1),
        end_on=dt.date(2025, 3, 5),
        report_due_on=None,
    )
    client = api("viewer")
    url = "/api/v1/visits/"
    assert client.get(url, {"direction": "outbound"}).json()["count"] == 2
    assert client.get(url, {"status": "completed"}).json()["count"] == 1
    assert client.get(url, {"partner": tacoma.pk}).json()["count"] == 1
    assert client.get(url, {"start_after": "2024-01-01"}).json()["count"] == 2
    assert client.get(url, {"start_before": "2024-07-22"}).json()["count"] == 2


def test_filter_report_overdue(api):
    overdue = VisitFactory(report_due_on=dt.date(2024, 10, 31))
    VisitFactory(report_due_on=dt.date(2024, 10, 31), report_submitted_on=dt.date(2024, 11, 4))
    VisitFactory(report_due_on=dt.date(2025, 1, 31))
    with time_machine.travel(dt.datetime(2024, 12, 1, tzinfo=dt.UTC), tick=False):
        client = api("viewer")
        assert ids(client.get("/api/v1/visits/", {"report_overdue": "true"})) == {overdue.pk}
        assert client.get("/api/v1/visits/", {"report_overdue": "false"}).json()["count"] == 2


# --- Members ---------------------------------------------------------------------------------


def test_members_list_retrieve_create_update_delete(api):
    visit = VisitFactory()
    officer = api("officer")
    created = officer.post(
        "/api/v1/members/",
        {
            "visit": visit.pk,
            "order": 1,
            "name_local": "盧秀燕",
            "department_local": "臺中市長",
            "role": "leader",
            "joined_on": "2024-07-22",
            "left_on": "2024-07-31",
        },
    )
    assert created.status_code == 201, created.content
    pk = created.json()["id"]
    assert officer.get("/api/v1/members/").json()["count"] == 1
    assert officer.get(f"/api/v1/members/{pk}/").json()["role"] == "leader"
    assert officer.patch(f"/api/v1/members/{pk}/", {"notes": "vegetarian"}).status_code == 200
    assert DelegationMember.objects.get(pk=pk).notes == "vegetarian"
    # The same protocol order twice on one visit is refused.
    again = officer.post("/api/v1/members/", {"visit": visit.pk, "order": 1, "name": "Other"})
    assert again.status_code == 400
    assert api("manager").delete(f"/api/v1/members/{pk}/").status_code == 204


def test_a_member_cannot_leave_before_joining(api):
    response = api("officer").post(
        "/api/v1/members/",
        {
            "visit": VisitFactory().pk,
            "order": 1,
            "name": "X",
            "joined_on": "2024-07-26",
            "left_on": "2024-07-22",
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"left_on"}


def test_member_filters(api):
    visit, user, official = VisitFactory(), UserFactory(), OfficialFactory()
    MemberFactory(visit=visit, role="leader", user=user)
    MemberFactory(visit=visit, role="member", official=official)
    MemberFactory(role="member")
    client = api("viewer")
    url = "/api/v1/members/"
    assert client.get(url, {"visit": visit.pk}).json()["count"] == 2
    assert client.get(url, {"role": "member"}).json()["count"] == 2
    assert client.get(url, {"user": user.pk}).json()["count"] == 1
    assert client.get(url, {"official": official.pk}).json()["count"] == 1


# --- Engagements -----------------------------------------------------------------------------


def test_an_engagement_takes_its_partners_time_zone_by_default(api):
    visit = VisitFactory()
    member = MemberFactory(visit=visit)
    partner = PartnerFactory(time_zone="America/Los_Angeles")
    official = OfficialFactory(partner=partner)
    TopicFactory(slug="libraries")
    response = api("officer").post(
        "/api/v1/engagements/",
        {
            "visit": visit.pk,
            "date": "2024-07-24",
            "start_time": "10:00",
            "end_time": "11:00",
            "kind": "site_visit",
            "title": "Seattle Central Library",
            "partner": partner.pk,
            "officials": [official.pk],
            "attendees": [member.pk],
            "topics": ["libraries"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["time_zone"] == "America/Los_Angeles"
    assert (body["officials"], body["attendees"], body["topics"]) == (
        [official.pk],
        [member.pk],
        ["libraries"],
    )


def test_an_engagement_refuses_attendees_from_another_visit_and_end_before_start(api):
    visit = VisitFactory()
    stranger = MemberFactory()
    response = api("officer").post(
        "/api/v1/engagements/",
        {
            "visit": visit.pk,
            "date": "2024-07-24",
            "kind": "meeting",
            "title": "Meeting",
            "attendees": [stranger.pk],
        },
    )
    assert set(response.json()) == {"attendees"}
    response = api("officer").post(
        "/api/v1/engagements/",
        {
            "visit": visit.pk,
            "date": "2024-07-24",
            "kind": "meeting",
            "title": "Meeting",
            "start_time": "11:00",
            "end_time": "10:00",
        },
    )
    assert set(response.json()) == {"end_time"}


def test_engagements_list_retrieve_update_delete(api):
    engagement = EngagementFactory(title="Banquet")
    client = api("officer")
    assert client.get("/api/v1/engagements/").json()["count"] == 1
    assert client.get(f"/api/v1/engagements/{engagement.pk}/").json()["title"] == "Banquet"
    assert (
        client.patch(f"/api/v1/engagements/{engagement.pk}/", {"notes": "Good"}).status_code == 200
    )
    assert Engagement.objects.get().notes == "Good"
    assert api("manager").delete(f"/api/v1/engagements/{engagement.pk}/").status_code == 204


def test_engagement_filters(api):
    visit, partner, organization, official = (
        VisitFactory(),
        PartnerFactory(),
        OrganizationFactory(),
        OfficialFactory(),
    )
    met = EngagementFactory(
        visit=visit, partner=partner, kind="courtesy_call", date=dt.date(2024, 7, 23)
    )
    met.officials.add(official)
    EngagementFactory(
        visit=visit, organization=organization, kind="company_visit", date=dt.date(2024, 7, 24)
    )
    EngagementFactory(kind="banquet", date=dt.date(2024, 7, 27))
    client = api("viewer")
    url = "/api/v1/engagements/"
    assert client.get(url, {"visit": visit.pk}).json()["count"] == 2
    assert client.get(url, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(url, {"organization": organization.pk}).json()["count"] == 1
    assert ids(client.get(url, {"official": official.pk})) == {met.pk}
    assert client.get(url, {"kind": "banquet"}).json()["count"] == 1
    assert client.get(url, {"date_after": "2024-07-24"}).json()["count"] == 2
    assert client.get(url, {"date_before": "2024-07-24"}).json()["count"] == 2
