"""A partner's activity and health, defined once (``PartnerQuerySet.with_activity``) and
read the same way by the API list, the dashboard and the weekly digest."""

from __future__ import annotations

import datetime as dt

import pytest

from relations.models import Partner
from relations.selectors import cooling_partners, partner_list
from tests.factories import CommitmentFactory, ContactFactory, PartnerFactory, VisitFactory

pytestmark = pytest.mark.django_db

TODAY = dt.date(2025, 6, 30)


def days_ago(n: int) -> dt.date:
    return TODAY - dt.timedelta(days=n)


def health_of(partner) -> str:
    return Partner.objects.with_activity(TODAY).get(pk=partner.pk).health


@pytest.mark.parametrize(
    ("last_contact", "health"),
    [(0, "active"), (180, "active"), (181, "cooling"), (365, "cooling"), (366, "dormant")],
)
def test_health_follows_the_days_since_the_last_contact(last_contact, health):
    partner = PartnerFactory()
    ContactFactory(partner=partner, occurred_on=days_ago(last_contact))
    assert health_of(partner) == health


def test_a_partner_never_in_touch_is_dormant_and_future_contacts_do_not_count():
    partner = PartnerFactory()
    assert health_of(partner) == "dormant"
    ContactFactory(partner=partner, occurred_on=TODAY + dt.timedelta(days=3))
    assert health_of(partner) == "dormant"


def test_a_visit_counts_up_to_its_last_day_capped_at_today_and_cancelled_ones_not_at_all():
    ongoing, cancelled, old = PartnerFactory(), PartnerFactory(), PartnerFactory()
    VisitFactory(start_on=days_ago(2), end_on=TODAY + dt.timedelta(days=5)).partners.add(ongoing)
    VisitFactory(start_on=days_ago(10), end_on=days_ago(8), status="cancelled").partners.add(
        cancelled
    )
    VisitFactory(start_on=days_ago(200), end_on=days_ago(190)).partners.add(old)
    rows = {p.pk: p for p in Partner.objects.with_activity(TODAY)}
    assert rows[ongoing.pk].last_visit_on == TODAY
    assert rows[cancelled.pk].last_visit_on is None
    assert (rows[old.pk].last_activity_on, rows[old.pk].health) == (days_ago(190), "cooling")


def test_the_api_list_carries_the_commitment_counts_visits_contributes():
    partner = PartnerFactory()
    CommitmentFactory(partner=partner, due_on=days_ago(1))
    CommitmentFactory(partner=partner, due_on=TODAY)
    CommitmentFactory(partner=partner, status="done", outcome="Done.", completed_on=TODAY)
    row = partner_list(today=TODAY).get(pk=partner.pk)
    assert (row.open_commitments, row.overdue_commitments) == (2, 1)


def test_the_dashboard_lists_quiet_partners_longest_silent_first_and_never_ended_ones():
    never = PartnerFactory(name="Never")
    cooling = PartnerFactory(name="Cooling")
    ContactFactory(partner=cooling, occurred_on=days_ago(200))
    dormant = PartnerFactory(name="Dormant")
    ContactFactory(partner=dormant, occurred_on=days_ago(400))
    PartnerFactory(name="Ended", status="ended")
    ContactFactory(partner=PartnerFactory(name="Active"), occurred_on=days_ago(3))
    assert [p.name for p in cooling_partners(today=TODAY)] == ["Never", "Dormant", "Cooling"]
    assert [p.pk for p in cooling_partners(today=TODAY, limit=1)] == [never.pk]
