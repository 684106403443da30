"""Integrity rules of the visits app, enforced by the database and the services."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError
from django.db.transaction import atomic
from django.utils import translation

from crm.core.services import ProtectedDelete, delete_object
from tests.factories import CommitmentFactory, GiftFactory, PartnerFactory, VisitFactory
from visits.models import Commitment, Visit
from visits.services import (
    complete_commitment,
    create_visit,
    record_gift,
    review_commitment,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


D = dt.date


def test_a_visit_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError, match="visit_ends_after_start"):
        VisitFactory(start_on=D(2024, 7, 31), end_on=D(2024, 7, 22))


def test_a_commitment_cannot_be_done_or_dropped_without_an_outcome():
    for status in ("done", "dropped"):
        with pytest.raises(IntegrityError, match="commitment_closed_needs_outcome"), atomic():
            CommitmentFactory(status=status, completed_on=D(2024, 9, 1), outcome="")


def test_the_service_refuses_to_complete_without_an_outcome(officer):
    commitment = CommitmentFactory(owner=officer)
    with pytest.raises(ValidationError) as refused:
        complete_commitment(commitment, user=officer, outcome="  ")
    assert "outcome" in refused.value.message_dict
    commitment.refresh_from_db()
    assert commitment.status == Commitment.Status.OPEN


def test_completing_and_reviewing_a_commitment_records_who_and_when(officer, manager):
    commitment = CommitmentFactory(owner=officer)
    complete_commitment(commitment, user=officer, outcome="Invitation letter sent")
    review_commitment(commitment, user=manager)
    commitment.refresh_from_db()
    assert commitment.status == "done"
    assert commitment.completed_on is not None
    assert commitment.reviewed_by == manager
    assert commitment.version == 3


def test_a_visit_report_is_due_three_months_after_it_ends():
    visit = create_visit(
        user=None,
        fields={"title": "US delegation", "direction": "outbound",
                "start_on": D(2024, 7, 22), "end_on": D(2024, 7, 31)},
        partners=[PartnerFactory()],
    )  # fmt: skip
    assert visit.report_due_on == D(2024, 10, 31)
    assert visit.partners.count() == 1


def test_a_partner_visited_cannot_be_deleted():
    visit = VisitFactory()
    partner = PartnerFactory()
    visit.partners.add(partner)
    with pytest.raises(ProtectedDelete) as refused:
        delete_object(partner, user=None)
    assert "partners visited" in str(refused.value)


def test_a_visit_with_commitments_cannot_be_deleted():
    commitment = CommitmentFactory(visit=VisitFactory())
    with pytest.raises(ProtectedDelete):
        delete_object(commitment.visit, user=None)
    assert Visit.objects.filter(pk=commitment.visit_id).exists()


def test_a_gift_over_the_threshold_in_foreign_currency_needs_registration(settings):
    settings.GIFT_EXCHANGE_RATES_TWD = {"TWD": 1.0, "USD": 32.0}
    partner = PartnerFactory()
    big = record_gift(
        user=None,
        fields={"direction": "received", "description": "Sculpture", "date": D(2024, 7, 29),
                "partner": partner, "estimated_value": Decimal("100"), "currency": "USD"},
    )  # fmt: skip
    small = GiftFactory(value_twd=Decimal("2999"))
    assert big.value_twd == Decimal("3200.00")
    assert big.needs_registration is True
    assert small.needs_registration is False


def test_a_visit_blocked_through_its_engagement_names_what_blocks_it():
    from tests.factories import AttachmentFactory, EngagementFactory

    engagement = EngagementFactory()
    AttachmentFactory(partner=None, engagement=engagement)
    with pytest.raises(ProtectedDelete) as refused:
        delete_object(engagement.visit, user=None)
    assert refused.value.blockers == {"attachments": 1}
    assert "1 attachments" in str(refused.value)
