"""The visits API reads many-to-many links as array columns: same values, same order.

Visits' partners, engagements' officials, attendees and topics and commitments'
counterparts come from array columns of the rows' query (``linked_values``); lists
and the visit's detail must show what the relations hold, in the related model's order.
"""

from __future__ import annotations

import pytest

from tests.factories import (
    CommitmentFactory,
    EngagementFactory,
    MemberFactory,
    OfficialFactory,
    PartnerFactory,
    TopicFactory,
    VisitFactory,
)
from visits.api.serializers import CommitmentSerializer, EngagementSerializer, VisitSerializer
from visits.models import Commitment, Engagement, Visit, VisitPartner

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    """A visit, an engagement and a commitment linked in the reverse of display order."""
    visit = VisitFactory()
    partners = [PartnerFactory(name=name) for name in ("Yokohama", "Kaohsiung", "Busan")]
    for partner in partners:
        VisitPartner.objects.create(visit=visit, partner=partner)
    officials = [OfficialFactory(name=name) for name in ("Wu", "Lin", "Chen")]
    members = [MemberFactory(visit=visit, order=order) for order in (3, 2, 1)]
    topics = [
        TopicFactory(slug=slug, name=name)
        for slug, name in (("zeta", "Zoos"), ("beta", "Bridges"), ("alpha", "Art"))
    ]
    engagement = EngagementFactory(visit=visit)
    engagement.officials.set(officials)
    engagement.attendees.set(members)
    engagement.topics.set(topics)
    commitment = CommitmentFactory(visit=visit)
    commitment.counterparts.set(officials)
    return visit, engagement, commitment, partners, officials, members


def test_the_visit_lists_show_links_in_the_related_models_order(api, linked):
    visit, engagement, commitment, partners, officials, members = linked
    client = api("viewer")
    reordered = [o.pk for o in reversed(officials)]  # Chen, Lin, Wu

    row = client.get("/api/v1/visits/").json()["results"][0]
    assert row["partners"] == [p.pk for p in reversed(partners)]  # Busan, Kaohsiung, Yokohama
    assert row == VisitSerializer(Visit.objects.get(pk=visit.pk)).data

    row = client.get("/api/v1/engagements/").json()["results"][0]
    assert row["officials"] == reordered
    assert row["attendees"] == [m.pk for m in reversed(members)]  # protocol order 1, 2, 3
    assert row["topics"] == ["alpha", "beta", "zeta"]
    assert row == EngagementSerializer(Engagement.objects.get(pk=engagement.pk)).data

    row = client.get("/api/v1/commitments/").json()["results"][0]
    assert row["counterparts"] == reordered
    plain = CommitmentSerializer(Commitment.objects.get(pk=commitment.pk)).data
    assert row["counterparts"] == plain["counterparts"]


def test_the_visit_detail_shows_its_itinerary_links(api, linked):
    visit, *_ = linked
    client = api("viewer")
    detail = client.get(f"/api/v1/visits/{visit.pk}/").json()
    listed = client.get("/api/v1/engagements/").json()["results"][0]
    assert detail["partners"] == client.get("/api/v1/visits/").json()["results"][0]["partners"]
    assert detail["engagements"] == [listed]
