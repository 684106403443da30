"""Many-to-many links read as array columns show what the rows' relations hold, in order.

The partner and contact lists read topic slugs, official and staff ids from array
columns of the page's query (``linked_values``) instead of one query per relation; the
lists must show the same values, in the related model's order, as the relation itself.
"""

from __future__ import annotations

import pytest

from relations.api.serializers import ContactSerializer, PartnerSerializer
from relations.models import Contact, Partner
from tests.factories import (
    ContactFactory,
    OfficialFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def linked():
    """A partner and a contact whose links were made in the reverse of their display order."""
    topics = [
        TopicFactory(slug=slug, name=name)
        for slug, name in (("zeta", "Zoos"), ("beta", "Bridges"), ("alpha", "Art"))
    ]
    partner = PartnerFactory()
    partner.topics.set(topics)
    officials = [OfficialFactory(partner=partner, name=name) for name in ("Wu", "Lin", "Chen")]
    staff = [UserFactory(username=name) for name in ("zhang", "mei", "an")]
    contact = ContactFactory(partner=partner)
    contact.officials.set(officials)
    contact.staff.set(staff)
    contact.topics.set(topics)
    return partner, contact, officials, staff


def test_the_contacts_list_shows_links_in_the_related_models_order(api, linked):
    partner, contact, officials, staff = linked
    row = api("viewer").get("/api/v1/contacts/", {"partner": partner.pk}).json()["results"][0]
    assert row["officials"] == [o.pk for o in reversed(officials)]  # Chen, Lin, Wu
    assert row["staff"] == [u.pk for u in reversed(staff)]  # an, mei, zhang
    assert row["topics"] == ["alpha", "beta", "zeta"]  # Art, Bridges, Zoos
    assert row == ContactSerializer(Contact.objects.get(pk=contact.pk)).data


def test_the_partners_list_shows_topic_slugs_in_the_topics_order(api, linked):
    partner, *_ = linked
    client = api("viewer")
    listed = client.get("/api/v1/partners/", {"page_size": 100}).json()["results"]
    row = next(r for r in listed if r["id"] == partner.pk)
    assert row["topics"] == ["alpha", "beta", "zeta"]
    assert client.get(f"/api/v1/partners/{partner.pk}/").json()["topics"] == row["topics"]
    plain = PartnerSerializer(Partner.objects.get(pk=partner.pk)).data
    assert plain["topics"] == row["topics"]


def test_a_row_without_links_shows_empty_lists(api):
    contact = ContactFactory()
    row = api("viewer").get(f"/api/v1/contacts/{contact.pk}/").json()
    assert (row["officials"], row["staff"], row["topics"]) == ([], [], [])
