"""Audit history of SPEC §2.3: every create, update and delete, with user and changed fields."""

from __future__ import annotations

import pytest

from crm.core.audit import history_for
from crm.core.services import create_object, delete_object, update_object
from relations.models import Partner
from tests.factories import PartnerFactory

pytestmark = pytest.mark.django_db


def test_an_update_shows_up_in_the_history_with_its_user_and_changed_fields(officer):
    partner = create_object(
        Partner, user=officer, fields={"name": "Tacoma", "kind": "sister", "country": "US"}
    )
    update_object(partner, user=officer, fields={"population": 190000}, expected_version=1)
    history = history_for(partner)
    assert [entry["action"] for entry in history] == ["create", "update"]
    update = history[-1]
    assert update["user"] == officer.username
    assert update["changes"]["population"] == [None, 190000]
    assert update["changes"]["version"] == [1, 2]
    assert partner.created_by == officer


def test_bulk_updates_and_deletes_are_recorded_too(manager):
    partner = PartnerFactory(name="Seattle")
    partner_pk = partner.pk
    Partner.objects.filter(pk=partner.pk).update(status="dormant")
    delete_object(partner, user=manager)
    history = history_for(Partner(pk=partner_pk))
    assert [entry["action"] for entry in history] == ["create", "update", "delete"]
    assert history[1]["changes"]["status"] == ["active", "dormant"]
    assert history[-1]["user"] == manager.username
