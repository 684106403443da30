"""/api/v1/contacts/ and /api/v1/topics/: CRUD, the own-contacts rule, filters."""

from __future__ import annotations

import datetime as dt

import pytest

from relations.models import Contact
from tests.api_support import ids, results
from tests.factories import (
    ContactFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    VisitFactory,
)

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db
URL = "/api/v1/contacts/"


def test_an_officer_logs_a_contact_and_is_its_staff_by_default(api):
    partner = PartnerFactory()
    official = OfficialFactory(partner=partner)
    TopicFactory(slug="trade")
    officer = api("officer")
    response = officer.post(
        URL,
        {
            "partner": partner.pk,
            "occurred_on": "2024-07-23",
            "occurred_at": "10:30",
            "channel": "meeting",
            "subject": "Courtesy call on Mayor Woodards",
            "officials": [official.pk],
            "topics": ["trade"],
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["staff"] == [officer.user.pk]
    assert body["officials"] == [official.pk]
    assert body["topics"] == ["trade"]
    assert body["occurred_at"] == "10:30:00"
    assert Contact.objects.get(pk=body["id"]).created_by == officer.user


def test_contacts_list_retrieve_and_update(api):
    contact = ContactFactory(subject="Call")
    client = api("officer")
    assert client.get(URL).json()["count"] == 1
    assert client.get(f"{URL}{contact.pk}/").json()["subject"] == "Call"
    other = UserFactory(role="officer")
    response = client.patch(f"{URL}{contact.pk}/", {"staff": [other.pk], "summary": "Agreed"})
    assert response.status_code == 200, response.content
    contact.refresh_from_db()
    assert list(contact.staff.all()) == [other]
    assert contact.version == 2


def test_a_contact_needs_a_partner_or_an_organization(api):
    response = api("officer").post(
        URL, {"occurred_on": "2024-07-23", "channel": "email", "subject": "Hello"}
    )
    assert response.status_code == 400
    assert "partner" in response.json()


def test_an_officer_deletes_only_the_contacts_they_logged(api):
    officer = api("officer")
    own = ContactFactory(created_by=officer.user)
    someone_elses = ContactFactory(created_by=UserFactory(role="officer"))
    assert officer.delete(f"{URL}{someone_elses.pk}/").status_code == 403
    assert officer.delete(f"{URL}{own.pk}/").status_code == 204
    assert list(Contact.objects.all()) == [someone_elses]


def test_a_manager_deletes_anyones_contact(api):
    contact = ContactFactory(created_by=UserFactory(role="officer"))
    assert api("manager").delete(f"{URL}{contact.pk}/").status_code == 204


def test_filter_partner_and_organization(api):
    partner, organization = PartnerFactory(), OrganizationFactory()
    ContactFactory(partner=partner)
    ContactFactory(partner=None, organization=organization)
    ContactFactory()
    client = api("viewer")
    assert client.get(URL, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(URL, {"organization": organization.pk}).json()["count"] == 1


def test_filter_official_counts_each_contact_once(api):
    hines, other = OfficialFactory(), OfficialFactory()
    both = ContactFactory()
    both.officials.add(hines, other)
    ContactFactory().officials.add(other)
    assert ids(api("viewer").get(URL, {"official": hines.pk})) == {both.pk}
    assert api("viewer").get(URL, {"official": other.pk}).json()["count"] == 2


def test_filter_channel_and_direction(api):
    ContactFactory(channel="email", direction="incoming")
    ContactFactory.create_batch(2, channel="meeting")
    client = api("viewer")
    assert client.get(URL, {"channel": "meeting"}).json()["count"] == 2
    assert client.get(URL, {"direction": "incoming"}).json()["count"] == 1


def test_filter_topic(api):
    tagged = ContactFactory()
    tagged.topics.add(TopicFactory(slug="libraries"))
    ContactFactory()
    assert ids(api("viewer").get(URL, {"topic": "libraries"})) == {tagged.pk}


def test_filter_visit(api):
    visit = VisitFactory()
    ContactFactory(visit=visit)
    ContactFactory()
    assert api("viewer").get(URL, {"visit": visit.pk}).json()["count"] == 1


def test_filter_staff(api):
    staff = UserFactory()
    mine = ContactFactory()
    mine.staff.add(staff)
    ContactFactory()
    assert ids(api("viewer").get(URL, {"staff": staff.pk})) == {mine.pk}


def test_filter_occurred_after_and_before(api):
    for day in (1, 10, 20):
        ContactFactory(occurred_on=dt.date(2024, 7, day))
    client = api("viewer")
    assert client.get(URL, {"occurred_after": "2024-07-10"}).json()["count"] == 2
    assert client.get(URL, {"occurred_before": "2024-07-10"}).json()["count"] == 2


def test_q_searches_subject_and_summary(api):
    hit = ContactFactory(subject="Library opening", summary="invite the director")
    ContactFactory(subject="Banquet")
    client = api("viewer")
    assert ids(client.get(URL, {"q": "library"})) == {hit.pk}
    assert ids(client.get(URL, {"q": "DIRECTOR"})) == {hit.pk}


def test_contacts_are_listed_newest_first(api):
    old = ContactFactory(occurred_on=dt.date(2024, 1, 1))
    new = ContactFactory(occurred_on=dt.date(2024, 7, 1))
    assert [c["id"] for c in results(api("viewer").get(URL))] == [new.pk, old.pk]


# --- Topics (read-only, by slug) -------------------------------------------------------------


def test_topics_are_listed_and_retrieved_by_slug_and_read_only(api):
    TopicFactory(slug="education", name="Education", name_local="教育")
    client = api("manager")
    assert results(client.get("/api/v1/topics/")) == [
        {"slug": "education", "name": "Education", "name_local": "教育"}
    ]
    assert client.get("/api/v1/topics/education/").json()["name_local"] == "教育"
    assert client.get("/api/v1/topics/", {"q": "教育"}).json()["count"] == 1
    assert client.post("/api/v1/topics/", {"slug": "x", "name": "X"}).status_code == 405
    assert client.delete("/api/v1/topics/education/").status_code == 405
