"""/api/v1/partners/: CRUD, computed facts, filters, ETag concurrency."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from relations.models import Partner
from tests.api_support import ids, results
from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import VisitPartner

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db
URL = "/api/v1/partners/"
TODAY = dt.date(2024, 7, 1)


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 7, 1, 10, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_it_lists_partners_in_the_envelope(api):
    PartnerFactory.create_batch(3)
    body = api("viewer").get(URL).json()
    assert set(body) == {"count", "next", "previous", "results"}
    assert body["count"] == 3
    assert body["next"] is None


def test_it_pages_with_page_size_and_caps_it_at_200(api):
    PartnerFactory.create_batch(3)
    client = api("viewer")
    body = client.get(URL, {"page_size": 2}).json()
    assert len(body["results"]) == 2
    assert "page=2" in body["next"]
    assert len(client.get(URL, {"page_size": 2, "page": 2}).json()["results"]) == 1
    assert client.get(URL, {"page_size": 500}).json()["count"] == 3


def test_it_refuses_a_page_size_or_page_that_is_not_a_positive_number(api):
    client = api("viewer")
    assert client.get(URL, {"page_size": "0"}).json() == {
        "page_size": ["Enter a whole number of 1 or more."]
    }
    assert client.get(URL, {"page": "abc"}).status_code == 400
    assert client.get(URL, {"page": "7"}).status_code == 404


def test_it_retrieves_a_partner_with_its_computed_facts_and_an_etag(api):
    partner = PartnerFactory(name="City of Tacoma", name_local="塔可瑪市", country="US")
    AgreementFactory(partner=partner, signed_on=dt.date(2000, 7, 19))
    ContactFactory(partner=partner, occurred_on=dt.date(2024, 6, 1))
    CommitmentFactory(partner=partner, due_on=dt.date(2024, 6, 30))  # overdue
    CommitmentFactory(partner=partner, due_on=dt.date(2024, 8, 30))
    CommitmentFactory(partner=partner, status="done", outcome="done", completed_on=TODAY)
    response = api("viewer").get(f"{URL}{partner.pk}/")
    assert response.status_code == 200
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["name_local"] == "塔可瑪市"
    assert body["established_on"] == "2000-07-19"
    assert body["next_anniversary"] == {
        "date": "2024-07-19",
        "years": 24,
        "is_milestone": False,
        "approximate": False,
    }
    assert body["last_contact_on"] == "2024-06-01"
    assert body["open_commitments"] == 2
    assert body["overdue_commitments"] == 1
    assert body["health"] == "active"
    assert body["version"] == 1


@pytest.mark.parametrize(
    ("signed_on", "precision", "expected"),
    [
        # Already past this year: next year's, a milestone (25).
        (dt.date(1999, 3, 1), "month", {"date": "2025-03-01", "years": 26}),
        (dt.date(2000, 6, 30), "day", {"date": "2025-06-30", "years": 25}),
        # Today counts as "next".
        (dt.date(2004, 7, 1), "day", {"date": "2024-07-01", "years": 20}),
        # 29 February falls on 28 February in a common year.
        (dt.date(2000, 2, 29), "day", {"date": "2025-02-28", "years": 25}),
        # Signed this year: the first anniversary is next year.
        (dt.date(2024, 1, 1), "year", {"date": "2025-01-01", "years": 1}),
    ],
)
def test_it_computes_the_next_anniversary_in_sql(api, signed_on, precision, expected):
    partner = PartnerFactory()
    AgreementFactory(partner=partner, signed_on=signed_on, signed_precision=precision)
    found = api("viewer").get(f"{URL}{partner.pk}/").json()["next_anniversary"]
    assert found["date"] == expected["date"]
    assert found["years"] == expected["years"]
    assert found["is_milestone"] == (expected["years"] % 5 == 0)
    assert found["approximate"] == (precision != "day")


def test_a_partner_without_commemorated_agreements_has_no_next_anniversary(api):
    partner = PartnerFactory()
    AgreementFactory(partner=partner, kind="mou", commemorate=False)
    assert api("viewer").get(f"{URL}{partner.pk}/").json()["next_anniversary"] is None


@pytest.mark.parametrize(
    ("contact_days_ago", "visit_days_ago", "health"),
    [
        (180, None, "active"),
        (181, None, "cooling"),
        (365, None, "cooling"),
        (366, None, "dormant"),
        (None, None, "dormant"),
        (400, 10, "active"),
        (None, 200, "cooling"),
    ],
)
def test_it_rates_partner_health_by_the_last_contact_or_visit(
    api, contact_days_ago, visit_days_ago, health
):
    partner = PartnerFactory()
    if contact_days_ago is not None:
        ContactFactory(partner=partner, occurred_on=TODAY - dt.timedelta(days=contact_days_ago))
    if visit_days_ago is not None:
        day = TODAY - dt.timedelta(days=visit_days_ago)
        visit = VisitFactory(start_on=day - dt.timedelta(days=3), end_on=day)
        VisitPartner.objects.create(visit=visit, partner=partner)
    assert api("viewer").get(f"{URL}{partner.pk}/").json()["health"] == health


def test_an_officer_creates_a_partner_with_topics_by_slug(api):
    TopicFactory(slug="education")
    officer = api("officer")
    response = officer.post(
        URL,
        {
            "name": "City of San Diego",
            "name_local": "聖地牙哥市",
            "kind": "sister",
            "country": "US",
            "region": "California",
            "time_zone": "America/Los_Angeles",
            "topics": ["education"],
            "owner": officer.user.pk,
        },
    )
    assert response.status_code == 201, response.content
    assert response["ETag"] == '"1"'
    body = response.json()
    assert body["topics"] == ["education"]
    assert body["health"] == "dormant"
    partner = Partner.objects.get(pk=body["id"])
    assert partner.created_by == officer.user
    assert partner.owner == officer.user


def test_it_refuses_invalid_partner_fields_with_400_per_field(api):
    response = api("officer").post(
        URL,
        {
            "name": "x" * 201,
            "kind": "twin",
            "country": "usa",
            "time_zone": "Mars/Olympus",
            "population": -1,
            "topics": ["no-such-topic"],
        },
    )
    assert response.status_code == 400
    assert set(response.json()) == {"name", "kind", "country", "time_zone", "population", "topics"}


def test_it_refuses_a_duplicate_partner_with_400(api):
    PartnerFactory(name="Tacoma", country="US", region="WA")
    response = api("officer").post(
        URL, {"name": "Tacoma", "kind": "sister", "country": "US", "region": "WA"}
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_an_officer_updates_a_partner_and_the_version_goes_up(api):
    partner = PartnerFactory(status="active")
    response = api("officer").patch(f"{URL}{partner.pk}/", {"status": "dormant"})
    assert response.status_code == 200, response.content
    assert response.json()["status"] == "dormant"
    assert response.json()["version"] == 2
    assert response["ETag"] == '"2"'
    partner.refresh_from_db()
    assert partner.status == "dormant"


def test_put_needs_every_required_field(api):
    partner = PartnerFactory(region="WA")
    client = api("officer")
    url = f"{URL}{partner.pk}/"
    assert set(client.put(url, {"name": partner.name}).json()) == {"kind", "country"}
    response = client.put(
        url, {"name": partner.name, "kind": "friendship", "country": "US", "region": "WA"}
    )
    assert response.status_code == 200, response.content
    partner.refresh_from_db()
    assert partner.kind == "friendship"


def test_two_clients_patching_with_the_same_etag_one_wins_one_gets_412(api):
    partner = PartnerFactory(name="Tacoma", notes="")
    first, second = api("officer"), api("officer")
    etag = first.get(f"{URL}{partner.pk}/")["ETag"]
    assert second.get(f"{URL}{partner.pk}/")["ETag"] == etag

    won = first.patch(f"{URL}{partner.pk}/", {"notes": "first"}, HTTP_IF_MATCH=etag)
    lost = second.patch(f"{URL}{partner.pk}/", {"notes": "second"}, HTTP_IF_MATCH=etag)

    assert won.status_code == 200
    assert lost.status_code == 412
    assert lost.json()["current_version"] == 2
    partner.refresh_from_db()
    assert (partner.notes, partner.version) == ("first", 2)


def test_a_current_if_match_is_accepted_in_any_usual_spelling(api):
    partner = PartnerFactory()
    client = api("officer")
    assert (
        client.patch(f"{URL}{partner.pk}/", {"notes": "a"}, HTTP_IF_MATCH='W/"1"').status_code
        == 200
    )
    assert (
        client.patch(f"{URL}{partner.pk}/", {"notes": "b"}, HTTP_IF_MATCH='"1", "2"').status_code
        == 200
    )
    assert client.patch(f"{URL}{partner.pk}/", {"notes": "c"}, HTTP_IF_MATCH="*").status_code == 200
    assert (
        client.patch(f"{URL}{partner.pk}/", {"notes": "d"}, HTTP_IF_MATCH="garbage").status_code
        == 412
    )


def test_a_manager_deletes_an_unreferenced_partner(api):
    partner = PartnerFactory()
    assert api("manager").delete(f"{URL}{partner.pk}/").status_code == 204
    assert not Partner.objects.filter(pk=partner.pk).exists()


def test_deleting_a_referenced_partner_is_a_409_naming_what_refers_to_it(api):
    partner = PartnerFactory()
    ContactFactory.create_batch(2, partner=partner)
    response = api("manager").delete(f"{URL}{partner.pk}/")
    assert response.status_code == 409
    body = response.json()
    assert body["blockers"] == {"contacts": 2}
    assert "2 contacts" in body["detail"]
    assert Partner.objects.filter(pk=partner.pk).exists()


def test_an_unknown_partner_is_a_404(api):
    client = api("viewer")
    assert client.get(f"{URL}999999/").status_code == 404
    assert client.get(f"{URL}abc/").status_code == 404
    assert client.get(f"{URL}{10**30}/").status_code == 404


# --- Filters: one count test each ----------------------------------------------------------


def test_filter_kind(api):
    PartnerFactory(kind="sister")
    PartnerFactory.create_batch(2, kind="friendship")
    assert api("viewer").get(URL, {"kind": "friendship"}).json()["count"] == 2


def test_filter_status(api):
    PartnerFactory(status="ended")
    PartnerFactory.create_batch(2, status="active")
    assert api("viewer").get(URL, {"status": "ended"}).json()["count"] == 1


def test_filter_country_in_either_case(api):
    PartnerFactory(country="JP")
    PartnerFactory.create_batch(2, country="US")
    client = api("viewer")
    assert client.get(URL, {"country": "jp"}).json()["count"] == 1
    assert client.get(URL, {"country": "US"}).json()["count"] == 2


def test_filter_owner(api):
    owner = UserFactory(role="officer")
    mine = PartnerFactory(owner=owner)
    PartnerFactory()
    assert ids(api("viewer").get(URL, {"owner": owner.pk})) == {mine.pk}


def test_filter_topic(api):
    topic = TopicFactory(slug="libraries")
    tagged = PartnerFactory()
    tagged.topics.add(topic, TopicFactory(slug="education"))
    PartnerFactory()
    assert ids(api("viewer").get(URL, {"topic": "libraries"})) == {tagged.pk}


def test_filter_established_after_and_before(api):
    for year in (1983, 2000, 2016):
        AgreementFactory(partner=PartnerFactory(), signed_on=dt.date(year, 5, 1))
    client = api("viewer")
    assert client.get(URL, {"established_after": "2000-01-01"}).json()["count"] == 2
    assert client.get(URL, {"established_before": "2000-05-01"}).json()["count"] == 2
    assert (
        client.get(
            URL, {"established_after": "1990-01-01", "established_before": "2010-01-01"}
        ).json()["count"]
        == 1
    )


def test_filter_health(api):
    active, cooling = PartnerFactory(), PartnerFactory()
    PartnerFactory()  # dormant: never contacted
    ContactFactory(partner=active, occurred_on=TODAY - dt.timedelta(days=5))
    ContactFactory(partner=cooling, occurred_on=TODAY - dt.timedelta(days=300))
    client = api("viewer")
    assert ids(client.get(URL, {"health": "active"})) == {active.pk}
    assert ids(client.get(URL, {"health": "cooling"})) == {cooling.pk}
    assert client.get(URL, {"health": "dormant"}).json()["count"] == 1


def test_q_searches_names_in_both_scripts(api):
    tacoma = PartnerFactory(name="City of Tacoma", name_local="塔可瑪市")
    PartnerFactory(name="City of San Diego", name_local="聖地牙哥市")
    client = api("viewer")
    assert ids(client.get(URL, {"q": "tacoma"})) == {tacoma.pk}
    assert ids(client.get(URL, {"q": "塔可瑪"})) == {tacoma.pk}
    assert client.get(URL, {"q": "city of"}).json()["count"] == 2
    assert client.get(URL, {"q": "city nowhere"}).json()["count"] == 0


def test_ordering_sorts_and_refuses_unknown_fields(api):
    PartnerFactory(name="B", country="JP")
    PartnerFactory(name="A", country="US")
    client = api("viewer")
    assert [p["name"] for p in results(client.get(URL, {"ordering": "-name"}))] == ["B", "A"]
    assert [p["name"] for p in results(client.get(URL, {"ordering": "-country"}))] == ["A", "B"]
    assert set(client.get(URL, {"ordering": "password"}).json()) == {"ordering"}


@pytest.mark.parametrize(
    "query",
    [
        {"kind": "twin"},
        {"established_after": "2024-02-30"},
        {"established_before": "yesterday"},
        {"owner": "abc"},
        {"owner": "0"},
        {"owner": str(2**64)},
        {"health": "thriving"},
        {"q": "x" * 201},
        {"country": "USA"},
    ],
)
def test_bad_filter_values_are_400_naming_the_parameter(api, query):
    response = api("viewer").get(URL, query)
    assert response.status_code == 400
    assert set(response.json()) == set(query)
