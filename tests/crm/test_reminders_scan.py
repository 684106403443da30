"""The scan is set-based (SPEC §3.1, issue 4): the same few queries for 10 or 1,000 partners."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
import time_machine
from django.db import connection
from django.test.utils import CaptureQueriesContext

from crm.outbox import notifications
from crm.outbox.models import Notification
from relations.models import Agreement, Official, Partner
from tests.crm.reminders_support import at, make_manager
from tests.factories import EventFactory, UserFactory
from visits.models import Commitment, Gift, Invitation, Visit

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 7, 12)  # a Saturday: this week's digest is owed too


def add_partners(count: int, *, start: int, owners, event) -> None:
    """``count`` partners, each with something owed today of every kind."""
    partners = Partner.objects.bulk_create(
        Partner(
            name=f"Partner {start + i}",
            kind="sister",
            country="US",
            region=str(start + i),
            owner=owners[i % len(owners)],
        )
        for i in range(count)
    )
    Agreement.objects.bulk_create(
        Agreement(partner=p, kind="sister_city", signed_on=dt.date(2000, 7, 19)) for p in partners
    )
    officials = Official.objects.bulk_create(
        Official(name=f"Official {start + i}", partner=p) for i, p in enumerate(partners)
    )
    Commitment.objects.bulk_create(
        Commitment(title=f"Promise {start + i}", owner=p.owner, partner=p, due_on=TODAY)
        for i, p in enumerate(partners)
    )
    Invitation.objects.bulk_create(
        Invitation(
            event=event,
            invitee=o,
            owner=owners[0],
            status="sent",
            sent_on=dt.date(2025, 6, 1),
            rsvp_by=TODAY + dt.timedelta(days=2),
        )
        for o in officials
    )
    Visit.objects.bulk_create(
        Visit(
            title=f"Visit {start + i}",
            direction="outbound",
            start_on=dt.date(2025, 1, 1),
            end_on=dt.date(2025, 1, 5),
            report_due_on=TODAY + dt.timedelta(days=7),
            created_by=p.owner,
        )
        for i, p in enumerate(partners)
    )
    Gift.objects.bulk_create(
        Gift(
            direction="received",
            description=f"Gift {start + i}",
            date=TODAY - dt.timedelta(days=2),
            partner=p,
            user=p.owner,
            value_twd=Decimal("5000"),
        )
        for i, p in enumerate(partners)
    )


def scan_queries(day: dt.date) -> tuple[int, notifications.ScanResult]:
    with time_machine.travel(at(day), tick=False), CaptureQueriesContext(connection) as queries:
        result = notifications.scan(today=day)
    return len(queries), result


def test_the_scan_runs_the_same_queries_for_10_and_for_1000_partners():
    owners = [UserFactory() for _ in range(5)]
    make_manager()
    make_manager()
    event = EventFactory(starts_on=TODAY + dt.timedelta(days=20))

    add_partners(10, start=0, owners=owners, event=event)
    small, small_result = scan_queries(TODAY)
    add_partners(990, start=10, owners=owners, event=event)
    Notification.objects.all().delete()
    large, large_result = scan_queries(TODAY)

    # anniversary (7 days before) to owner + 2 managers, commitment, invitation, trip report
    # to creator + 2 managers, gift; and one digest per manager.
    per_partner = 3 + 1 + 1 + 3 + 1
    assert len(small_result.created_ids) == 10 * per_partner + 2
    assert len(large_result.created_ids) == 1000 * per_partner + 2
    assert small == large == 11


def test_the_digest_alone_does_not_run_the_other_sources():
    make_manager()
    with CaptureQueriesContext(connection) as queries:
        result = notifications.scan(today=TODAY, kinds=["weekly_digest"])

    assert len(result.created_ids) == 1
    assert not any("relations_agreement" in q["sql"] for q in queries.captured_queries)


def test_the_scan_passes_its_columns_as_array_literals_that_keep_any_text_as_it_is():
    texts = ("anniversary", 'a "quoted", {braced} \\ value', "", "NULL", "中文", "anniversary")
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT %s::varchar[], %s::date[], %s::bigint[]",
            [
                notifications._array(texts, quoted=True),
                notifications._array((TODAY, dt.date(2024, 2, 29))),
                notifications._array((1, -14, 2**40)),
            ],
        )
        assert cursor.fetchone() == (list(texts), [TODAY, dt.date(2024, 2, 29)], [1, -14, 2**40])
