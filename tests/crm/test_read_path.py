"""The compiled read path of lists (``crm.api.readpath``) writes what the serializers write.

For every resource of the API, the same rows of the demo data (plus rows that fill the
fields the demo leaves empty) are rendered twice — by the resource's serializer from model
instances, and by its compiled read path from ``values_list`` tuples — and the two JSON
documents must be byte for byte identical, in the default time zone and in another one.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import orjson
import pytest
from django.db.models.signals import post_init
from django.utils import timezone
from rest_framework.request import Request
from rest_framework.test import APIRequestFactory

from crm.api.readpath import compiled
from crm.attachments.api import router as attachment_router
from relations.api.urls import router as relations_router
from tests.api_support import results
from tests.factories import (
    AttachmentFactory,
    CommitmentFactory,
    ContactFactory,
    EngagementFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    MemberFactory,
    OfficialFactory,
    UserFactory,
)
from visits.api.urls import router as visits_router
from visits.models import Commitment, MemberAbsence

RESOURCES = [
    (prefix, viewset)
    for router in (relations_router, visits_router, attachment_router)
    for prefix, viewset, _basename in router.registry
]


def list_view(viewset, user):
    """The resource's list view as a request would set it up (user, action, kwargs)."""
    request = Request(APIRequestFactory().get("/"))
    request.user = user
    view = viewset(action="list", request=request, format_kwarg=None, kwargs={})
    return view


@pytest.fixture
def rows_everywhere(demo):
    """Values the demo leaves empty: an absence, a gift with a value, an attachment, an
    official out of office, an overdue and a reviewed commitment, times of day, ends of
    events, answers to invitations."""
    member = MemberFactory(notes="Interpreter")
    MemberAbsence.objects.create(
        member=member, starts_on=dt.date(2024, 7, 22), ends_on=dt.date(2024, 7, 23), reason="x"
    )
    GiftFactory(estimated_value=Decimal("150.50"), currency="USD", value_twd=4700)
    GiftFactory(value_twd=5000, registered_on=dt.date(2024, 8, 5))
    AttachmentFactory()
    AttachmentFactory(partner=None, contact=ContactFactory())
    OfficialFactory(term_start=dt.date(2016, 12, 25), term_end=dt.date(2020, 1, 1))
    CommitmentFactory(due_on=dt.date(2020, 1, 1))
    EngagementFactory(start_time=dt.time(9, 30), end_time=dt.time(11, 0, 15))
    ContactFactory(occurred_at=dt.time(14, 5))
    CommitmentFactory(
        status=Commitment.Status.DONE,
        outcome="Sent",
        completed_on=dt.date(2024, 8, 1),
        reviewed_by=UserFactory(role="manager"),
        reviewed_at=dt.datetime(2024, 8, 2, 3, 4, 5, 123456, tzinfo=dt.UTC),
    )
    EventFactory(starts_on=dt.date(2025, 3, 1), ends_on=dt.date(2025, 3, 2))
    InvitationFactory(rsvp_by=dt.date(2025, 2, 1), responded_on=dt.date(2025, 1, 20))


@pytest.mark.parametrize("zone", ["Asia/Taipei", "America/Los_Angeles", "UTC"])
@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[p for p, _v in RESOURCES])
def test_the_read_path_writes_the_serializers_json_for_every_resource(
    rows_everywhere, prefix, viewset, zone
):
    view = list_view(viewset, UserFactory(role="viewer"))
    queryset = view.get_queryset()
    path = compiled(view.get_serializer_class())
    with timezone.override(zone):
        slow = view.get_serializer(list(queryset), many=True).data
        tuples = list(path.rows(queryset, **view.read_annotations()))
        fast = path.render(
            tuples,
            serializer=view.get_serializer(),
            prefetches=queryset._prefetch_related_lookups,
        )
    assert len(fast) >= 2
    assert orjson.dumps(fast) == orjson.dumps(slow)
    # Every converted column (dates, times, decimals, computed values) has a value in
    # some row, so each converter met a real value, not only None.
    converted = [column.name for column in path.columns if column.kind != "stored"]
    assert [name for name in converted if all(row[name] is None for row in fast)] == []


@pytest.mark.parametrize(("prefix", "viewset"), RESOURCES, ids=[p for p, _v in RESOURCES])
def test_a_json_list_builds_no_model_instances(rows_everywhere, api, prefix, viewset):
    built = []

    def count(sender, **kwargs):
        built.append(sender)

    model = list_view(viewset, UserFactory(role="viewer")).get_queryset().model
    post_init.connect(count, sender=model)
    try:
        listed = results(api("viewer").get(f"/api/v1/{prefix}/", {"page_size": 200}))
    finally:
        post_init.disconnect(count, sender=model)
    assert listed
    assert built == []


def test_every_page_counts_the_whole_list_in_the_pages_own_query(api, django_assert_num_queries):
    for n in range(5):
        ContactFactory(occurred_on=dt.date(2024, 7, 1 + n))
    client = api("viewer")
    seen = []
    for page in (1, 2, 3):
        # Authentication 2, permissions 2, the page with its count 1.
        with django_assert_num_queries(5):
            body = client.get("/api/v1/contacts/", {"page_size": 2, "page": page}).json()
        assert body["count"] == 5
        seen += [row["occurred_on"] for row in body["results"]]
    assert seen == [f"2024-07-0{day}" for day in (5, 4, 3, 2, 1)]


def test_an_empty_list_and_a_page_past_the_last_count_with_a_query_of_their_own(
    api, django_assert_num_queries
):
    client = api("viewer")
    with django_assert_num_queries(6):  # the page found no row to carry the count
        body = client.get("/api/v1/contacts/").json()
    assert body == {"count": 0, "next": None, "previous": None, "results": []}
    ContactFactory()
    assert client.get("/api/v1/contacts/", {"page": 2}).status_code == 404
    # Past any bigint OFFSET: a 404 from the count alone, not a database error.
    assert client.get("/api/v1/contacts/", {"page": 10**20, "page_size": 200}).status_code == 404
