"""Roles of SPEC §4 as groups created by a migration."""

from __future__ import annotations

import pytest
from django.contrib.auth.models import Group

from crm.core.roles import role_of, sync_roles

pytestmark = pytest.mark.django_db


def test_the_migration_creates_the_three_groups():
    assert set(Group.objects.values_list("name", flat=True)) >= {"viewer", "officer", "manager"}


def test_a_viewer_reads_everything_and_writes_nothing(viewer):
    assert viewer.has_perm("relations.view_partner")
    assert viewer.has_perm("visits.view_gift")
    assert viewer.has_perm("relations.view_partnerevent")  # the audit history
    assert not viewer.has_perm("relations.change_partner")
    assert not viewer.has_perm("relations.add_contact")
    assert role_of(viewer) == "viewer"


def test_an_officer_creates_and_updates_but_deletes_only_contacts(officer):
    officer_perms = [
        "relations.add_partner",
        "relations.change_official",
        "visits.add_commitment",
        "visits.change_gift",
        "visits.add_invitation",
        "relations.delete_contact",
    ]
    for perm in officer_perms:
        assert officer.has_perm(perm), perm
    assert not officer.has_perm("relations.delete_partner")
    assert not officer.has_perm("visits.delete_visit")
    assert not officer.has_perm("visits.review_commitment")


def test_a_manager_deletes_and_reviews_but_never_deletes_history(manager):
    assert manager.has_perm("relations.delete_partner")
    assert manager.has_perm("visits.delete_visit")
    assert manager.has_perm("visits.review_commitment")
    assert not manager.has_perm("relations.delete_partnerevent")
    assert not manager.has_perm("crm.change_user")
    assert manager.has_perm("crm.view_notification")


def test_syncing_again_changes_nothing():
    before = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    sync_roles()
    after = {
        g.name: set(g.permissions.values_list("codename", flat=True)) for g in Group.objects.all()
    }
    assert before == after


def test_anonymous_and_superusers_have_the_expected_role(admin_user):
    from django.contrib.auth.models import AnonymousUser

    assert role_of(AnonymousUser()) is None
    assert role_of(admin_user) == "admin"
