"""Each page runs the same, exact number of queries whether it shows 5 rows or 50."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from crm.core.formatting import local_today
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
    VisitFactory,
)
from visits.models import MemberAbsence

pytestmark = pytest.mark.django_db


def _queries(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


def _same_count_at_5_and_50(client, url_of, add_rows, expected: int) -> None:
    add_rows(5)
    url = url_of()
    client.get(url)  # warm caches (content types, permissions) before counting
    at_5 = _queries(client, url)
    add_rows(45)
    at_50 = _queries(client, url)
    assert (at_5, at_50) == (expected, expected), f"{url}: {at_5} at 5 rows, {at_50} at 50"


def test_the_dashboard(client, manager):
    today = local_today()
    topic = TopicFactory()

    def add(n):
        for _ in range(n):
            partner = PartnerFactory(owner=manager)
            partner.topics.add(topic)
            AgreementFactory(
                partner=partner, signed_on=(today + dt.timedelta(days=20)).replace(year=2000)
            )
            CommitmentFactory(owner=manager, partner=partner, due_on=today - dt.timedelta(3))
            InvitationFactory(owner=manager, status="sent", sent_on=today)
            VisitFactory(start_on=today + dt.timedelta(9), end_on=today + dt.timedelta(12))

    client.force_login(manager)
    # The user's groups are read once per request (crm.web.access.request_role) and reused by
    # every policy answer after it.
    _same_count_at_5_and_50(client, lambda: reverse("pages:dashboard"), add, expected=14)


def test_the_partners_list(client, officer):
    topic = TopicFactory()

    def add(n):
        for _ in range(n):
            partner = PartnerFactory(owner=officer)
            partner.topics.add(topic)
            AgreementFactory(partner=partner)
            ContactFactory(partner=partner)
            CommitmentFactory(partner=partner, owner=officer)

    client.force_login(officer)
    # 9: the list's own 7, and the user's permissions (two queries) that decide whether
    # the "New partner" button is offered.
    _same_count_at_5_and_50(client, lambda: reverse("relations:partner-list"), add, expected=9)


def _partner_history(partner, officer):
    """``add(n)``: n more of everything a partner's page shows, timeline entries of each kind."""
    topic = TopicFactory()
    partner.topics.add(topic)

    def add(n):
        for i in range(n):
            official = OfficialFactory(partner=partner)
            OfficialFactory(
                partner=partner, term_start=dt.date(2001, 1, 1), term_end=dt.date(2002, 1, 1)
            )
            AgreementFactory(partner=partner, kind="mou", signed_on=dt.date(2001, 1, 1 + i % 28))
            contact = ContactFactory(partner=partner)
            contact.officials.add(official)
            contact.topics.add(topic)
            # The officer's own contacts offer "delete", a colleague's do not (one policy
            # answer per row, from the groups read once).
            ContactFactory(partner=partner, created_by=officer)
            OrganizationFactory(partner=partner)
            visit = VisitFactory()
            visit.partners.add(partner)
            CommitmentFactory(partner=partner, owner=officer, visit=visit)
            InvitationFactory(invitee=official, owner=officer)
            GiftFactory(partner=partner)

    return add


def test_the_partner_page(client, officer):
    partner = PartnerFactory(owner=officer)
    client.force_login(officer)
    # 20: one query per kind of timeline entry (5) and one for the contacts' officials, the
    # partner and its officials, agreements, organizations, topics and attachments, the log
    # form's officials (2) and topics, the session, the user and their groups (read once
    # per request, crm.web.access.request_role) and permissions (2).
    _same_count_at_5_and_50(
        client,
        lambda: reverse("relations:partner-detail", args=[partner.pk]),
        _partner_history(partner, officer),
        expected=20,
    )


def test_an_older_page_of_the_partner_timeline(client, officer):
    """A page that starts at a position (``?before=``) reads what the first page reads."""
    partner = PartnerFactory(owner=officer)
    client.force_login(officer)
    _same_count_at_5_and_50(
        client,
        lambda: (
            reverse("relations:partner-detail", args=[partner.pk])
            + "?before=2100-01-01.0.contact.1"
        ),
        _partner_history(partner, officer),
        expected=20,
    )


def _visit_programme(visit, officer):
    """``add(n)``: n more members (each away a day), engagements, commitments and gifts."""
    partner = PartnerFactory()
    visit.partners.add(partner)

    def add(n):
        start = visit.members.count()
        for i in range(n):
            member = MemberFactory(visit=visit, order=start + i + 1)
            MemberAbsence.objects.create(
                member=member, starts_on=visit.start_on, ends_on=visit.start_on
            )
            engagement = EngagementFactory(visit=visit, partner=partner, start_time=dt.time(10, 0))
            engagement.officials.add(OfficialFactory(partner=partner))
            CommitmentFactory(visit=visit, owner=officer, partner=partner)
            GiftFactory(visit=visit, partner=partner, member=member)

    return add


def test_the_visit_page(client, officer):
    visit = VisitFactory()
    client.force_login(officer)
    # 14: the forms take the partners, the itinerary and the next place in the protocol
    # order from what the page has read (visits.views.visit_context), and the engagement and
    # commitment forms, whose choices read officials, organizations and owners, are built
    # only when their panel is opened (23 before: partners twice, their choices twice, the
    # engagements and the last order again, officials, organizations, owners).
    _same_count_at_5_and_50(
        client,
        lambda: reverse("visits:visit-detail", args=[visit.pk]),
        _visit_programme(visit, officer),
        expected=14,
    )


@pytest.mark.parametrize(
    ("panel", "expected"),
    [("engagement", 16), ("commitment", 15)],  # + organizations and officials; + owners
)
def test_the_visit_page_with_a_form_opened(client, officer, panel, expected):
    visit = VisitFactory()
    client.force_login(officer)
    _same_count_at_5_and_50(
        client,
        lambda: reverse("visits:visit-detail", args=[visit.pk]) + f"?open={panel}",
        _visit_programme(visit, officer),
        expected=expected,
    )


def test_the_visits_list(client, officer):
    def add(n):
        for _ in range(n):
            VisitFactory().partners.add(PartnerFactory())

    client.force_login(officer)
    # 6, and the user's and their groups' permissions for the "New visit" button.
    _same_count_at_5_and_50(client, lambda: reverse("visits:visit-list"), add, expected=8)


def test_the_follow_up_review(client, manager):
    today = local_today()

    def add(n):
        # A row in each of the five sections: overdue, due soon, later, undated, to review.
        for _ in range(n):
            partner = PartnerFactory()
            CommitmentFactory(partner=partner, due_on=today - dt.timedelta(5))
            CommitmentFactory(partner=partner, due_on=today + dt.timedelta(5))
            CommitmentFactory(partner=partner, due_on=today + dt.timedelta(60))
            CommitmentFactory(partner=partner, due_on=None)
            CommitmentFactory(partner=partner, status="done", outcome="ok", completed_on=today)

    client.force_login(manager)
    _same_count_at_5_and_50(client, lambda: reverse("visits:follow-ups"), add, expected=12)


def test_one_follow_up_section_page_by_page(client, manager):
    def add(n):
        for _ in range(n):
            CommitmentFactory(partner=PartnerFactory(), due_on=None)

    client.force_login(manager)
    _same_count_at_5_and_50(
        client,
        lambda: reverse("visits:follow-ups") + "?section=undated&page=1",
        add,
        expected=9,
    )


def test_the_events_list(client, officer):
    def add(n):
        for _ in range(n):
            InvitationFactory(status="accepted", sent_on=dt.date(2025, 9, 1))

    client.force_login(officer)
    _same_count_at_5_and_50(client, lambda: reverse("visits:event-list"), add, expected=7)


def test_an_event_page(client, officer):
    event = InvitationFactory().event

    def add(n):
        for _ in range(n):
            InvitationFactory(event=event, invitee=OfficialFactory())
            GiftFactory(event=event)

    client.force_login(officer)
    _same_count_at_5_and_50(
        client, lambda: reverse("visits:event-detail", args=[event.pk]), add, expected=8
    )


def test_the_search_results(client, officer):
    """The header search: one query per kind (8) besides the page's own, however many match."""

    def add(n):
        for _ in range(n):
            partner = PartnerFactory(notes="Lantern festival")
            official = OfficialFactory(partner=partner, name="Lantern keeper")
            ContactFactory(partner=partner, subject="Lantern call")
            VisitFactory(title="Lantern trip").partners.add(partner)
            CommitmentFactory(partner=partner, title="Lantern photos", owner=officer)
            InvitationFactory(invitee=official, owner=officer)
            GiftFactory(partner=partner, description="Paper lantern")

    client.force_login(officer)
    _same_count_at_5_and_50(
        client, lambda: reverse("pages:search") + "?q=lantern", add, expected=11
    )
