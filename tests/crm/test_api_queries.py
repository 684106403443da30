"""Every API list runs the same number of queries whatever the page size (SPEC §7).

Each list is asked for at ``page_size=1`` and ``page_size=100`` over the same rows,
every row carrying its many-to-many links, and must run exactly the number of
queries given here: token lookup, the user's permissions (user and group), the
page with its count (``crm.api.readpath.PageSource``), and one per prefetched
relation (none for the relations read as array columns of the page's query).
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    EngagementFactory,
    GiftFactory,
    InvitationFactory,
    MemberFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import MemberAbsence, VisitPartner

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db

# Authentication 2 (the token with its user; the user's tokens, which knox sweeps of expired
# ones), permissions (user's, groups') 2, the page and its count 1.
BASE = 5


@pytest.fixture
def rows(db):
    """Three rows of every resource, each with its links filled in."""
    topics = [TopicFactory(slug=f"topic-{n}") for n in range(3)]
    staff = UserFactory()
    for n in range(3):
        partner = PartnerFactory()
        partner.topics.set(topics)
        AgreementFactory(partner=partner, signed_on=dt.date(2000 + n, 7, 19))
        organization = OrganizationFactory(partner=partner)
        official = OfficialFactory(partner=partner, organization=organization)
        visit = VisitFactory()
        VisitPartner.objects.create(visit=visit, partner=partner)
        member = MemberFactory(visit=visit)
        MemberAbsence.objects.create(
            member=member, starts_on=dt.date(2024, 7, 23), ends_on=dt.date(2024, 7, 24)
        )
        contact = ContactFactory(partner=partner, organization=organization, visit=visit)
        contact.officials.add(official)
        contact.staff.add(staff)
        contact.topics.set(topics)
        engagement = EngagementFactory(visit=visit, partner=partner)
        engagement.officials.add(official)
        engagement.attendees.add(member)
        engagement.topics.set(topics)
        commitment = CommitmentFactory(partner=partner, visit=visit, owner=staff)
        commitment.counterparts.add(official)
        InvitationFactory(invitee=official, commitment=commitment)
        GiftFactory(partner=partner, official=official, visit=visit)


@pytest.mark.parametrize(
    ("resource", "extra"),
    [
        ("partners", 0),  # topics: an array column of the page's query
        ("agreements", 0),
        ("organizations", 0),
        ("officials", 0),
        ("contacts", 0),  # officials, staff, topics: array columns of the page's query
        ("topics", 0),
        ("visits", 0),  # partners: an array column
        ("members", 1),  # absences
        ("engagements", 0),  # officials, attendees, topics: array columns
        ("commitments", 0),  # counterparts: an array column
        ("events", 0),
        ("invitations", 0),
        ("gifts", 0),
    ],
)
def test_a_list_runs_the_same_queries_at_page_size_1_and_100(
    api, rows, django_assert_num_queries, resource, extra
):
    client = api("viewer")
    url = f"/api/v1/{resource}/"
    for page_size in (1, 100):
        with django_assert_num_queries(BASE + extra):
            response = client.get(url, {"page_size": page_size})
        assert response.status_code == 200
        assert len(response.json()["results"]) == min(page_size, response.json()["count"])
    assert response.json()["count"] >= 3


def test_the_anniversaries_list_runs_one_query_for_any_range(api, rows, django_assert_num_queries):
    client = api("viewer")
    for query in ({"page_size": 1}, {"from": "2000-01-01", "to": "2009-12-31", "page_size": 100}):
        # Authentication 2, permissions 2, the anniversary scan 1.
        with django_assert_num_queries(5):
            assert client.get("/api/v1/anniversaries/", query).status_code == 200


def test_the_visit_detail_runs_the_same_queries_however_long_the_itinerary(
    api, django_assert_num_queries
):
    client = api("viewer")
    counts = []
    for size in (1, 10):
        visit = VisitFactory()
        for order in range(size):
            member = MemberFactory(visit=visit, order=order + 1)
            engagement = EngagementFactory(visit=visit)
            engagement.attendees.add(member)
            engagement.topics.add(TopicFactory(slug=f"t-{size}-{order}"))
        with django_assert_num_queries(4 + 1 + 2 + 1) as captured:
            # auth + permissions, the visit (with its partners), members (+ absences),
            # engagements (with their officials, attendees and topics)
            assert client.get(f"/api/v1/visits/{visit.pk}/").status_code == 200
        counts.append(len(captured))
    assert counts[0] == counts[1]
