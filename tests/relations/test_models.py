"""Integrity rules of the relations app, enforced by the database."""

from __future__ import annotations

import datetime as dt

import pytest
from django.db import IntegrityError, connection, transaction
from django.utils import translation

from crm.core.services import ProtectedDelete, delete_object
from relations.models import Agreement, Contact, Official, Partner
from relations.services import create_agreement, update_agreement
from tests.factories import (
    AgreementFactory,
    ContactFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _messages_in_english():
    with translation.override("en"):
        yield


D = dt.date


def test_the_tests_run_on_postgresql():
    assert connection.vendor == "postgresql"


def test_a_contact_needs_a_partner_or_an_organization():
    with pytest.raises(IntegrityError, match="contact_has_partner_or_organization"):
        Contact.objects.create(occurred_on=D(2024, 7, 23), channel="email", subject="Hello")


def test_an_official_needs_a_partner_or_an_organization():
    with pytest.raises(IntegrityError, match="official_has_partner_or_organization"):
        Official.objects.create(name="Nobody")


def test_an_official_with_only_an_organization_is_fine():
    official = Official.objects.create(name_local="花凱龍", organization=OrganizationFactory())
    assert official.pk


def test_an_official_term_cannot_end_before_it_starts():
    with pytest.raises(IntegrityError, match="official_term_ends_after_start"):
        OfficialFactory(term_start=D(2024, 1, 1), term_end=D(2023, 1, 1))


def test_a_partner_country_must_be_an_iso_code_in_capitals():
    with pytest.raises(IntegrityError, match="partner_country_iso2"):
        PartnerFactory(country="us")


def test_a_month_precise_agreement_must_be_stored_on_the_first():
    with pytest.raises(IntegrityError, match="agreement_precision_normalised"):
        AgreementFactory(signed_on=D(1983, 3, 9), signed_precision="month")


def test_deleting_a_partner_that_has_contacts_is_refused_and_names_them():
    contact = ContactFactory()
    with pytest.raises(ProtectedDelete) as refused:
        delete_object(contact.partner, user=None)
    assert refused.value.blockers == {"contacts": 1}
    assert Partner.objects.filter(pk=contact.partner_id).exists()


def test_the_service_normalises_imprecise_dates_and_commemorates_sister_cities_by_default():
    partner = PartnerFactory()
    sister = create_agreement(
        user=None,
        fields={"partner": partner, "kind": "sister_city", "signed_on": D(2016, 8, 3),
                "signed_precision": "year"},
    )  # fmt: skip
    mou = create_agreement(
        user=None, fields={"partner": partner, "kind": "mou", "signed_on": D(2018, 5, 2)}
    )
    assert (sister.signed_on, sister.commemorate) == (D(2016, 1, 1), True)
    assert mou.commemorate is False


def test_partner_established_on_follows_the_earliest_commemorated_agreement():
    partner = PartnerFactory()
    later = AgreementFactory(partner=partner, signed_on=D(2000, 7, 19))
    partner.refresh_from_db()
    assert (partner.established_on, partner.established_precision) == (D(2000, 7, 19), "day")

    earlier = create_agreement(
        user=None,
        fields={"partner": partner, "kind": "friendship", "signed_on": D(1983, 3, 1),
                "signed_precision": "month"},
    )  # fmt: skip
    AgreementFactory(partner=partner, signed_on=D(1970, 1, 1), commemorate=False, kind="mou")
    partner.refresh_from_db()
    assert (partner.established_on, partner.established_precision) == (D(1983, 3, 1), "month")

    earlier.delete()
    partner.refresh_from_db()
    assert partner.established_on == later.signed_on

    # Bulk updates bypass save(): the trigger still sees them.
    Agreement.objects.filter(pk=later.pk).update(commemorate=False)
    partner.refresh_from_db()
    assert (partner.established_on, partner.established_precision) == (None, "")


def test_moving_an_agreement_refreshes_both_partners():
    first, second = PartnerFactory(), PartnerFactory()
    agreement = AgreementFactory(partner=first, signed_on=D(2000, 7, 19))
    update_agreement(agreement, user=None, fields={"partner": second})
    first.refresh_from_db()
    second.refresh_from_db()
    assert (first.established_on, second.established_on) == (None, D(2000, 7, 19))


def test_current_officials_are_those_without_an_end_date_or_ending_today_or_later():
    partner = PartnerFactory()
    current = OfficialFactory(partner=partner, role="mayor")
    past = OfficialFactory(partner=partner, role="mayor", term_end=D(2020, 12, 31))
    assert list(Official.objects.filter(partner=partner).current()) == [current]
    assert list(Official.objects.filter(partner=partner).past()) == [past]
    assert current.is_current
    assert not past.is_current


def test_two_partners_of_the_same_name_in_the_same_region_are_refused():
    PartnerFactory(name="Springfield", region="IL")
    PartnerFactory(name="Springfield", region="MA")
    with pytest.raises(IntegrityError), transaction.atomic():
        PartnerFactory(name="Springfield", region="IL")


def test_an_official_whose_term_ends_today_is_still_current():
    # "Today" is Taipei's date, compared as a date: not the database clock's timestamp.
    from crm.core.formatting import local_today

    official = OfficialFactory(term_end=local_today())
    assert list(Official.objects.current()) == [official]
    assert official.is_current
