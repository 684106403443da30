"""Who may look after a record (issue #11 item 6.1): a partner's desk officer and the owner
of a commitment, event or invitation is an active officer, manager or administrator.

The rule is ``crm.core.roles.owner_choices``, the owner fields' ``limit_choices_to``: the
services' ``full_clean`` refuses anyone else, so the API, the admin and the pages do too.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import ValidationError
from django.urls import reverse

from crm.core.services import create_object, update_object
from relations.models import Partner
from tests.crm.test_admin import form_data, url
from tests.factories import (
    CommitmentFactory,
    EventFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Commitment, Event, Invitation

pytestmark = pytest.mark.django_db


@pytest.fixture
def not_owners(db) -> dict:
    """Users who cannot look after anything: no role, a viewer, an inactive officer."""
    return {
        "role-less": UserFactory(username="nobody"),
        "viewer": UserFactory(username="reader", role="viewer"),
        "inactive officer": UserFactory(username="gone", role="officer", is_active=False),
    }


def test_owners_are_the_active_officers_managers_and_admins(not_owners, officer, manager):
    from crm.core.roles import owners

    admin = UserFactory(username="root", is_superuser=True)
    both = UserFactory(username="both", role="officer")
    both.groups.add(*manager.groups.all())  # in two owner groups: listed once

    assert list(owners()) == sorted([officer, manager, admin, both], key=lambda u: u.username)


# --- API -------------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["role-less", "viewer", "inactive officer"])
def test_the_api_refuses_a_partner_desk_officer_who_cannot_act(api, not_owners, who):
    manager = api("manager")
    user = not_owners[who]
    created = manager.post(
        "/api/v1/partners/",
        {"name": "City of Tacoma", "kind": "sister", "country": "US", "owner": user.pk},
    )
    assert created.status_code == 400, created.content
    assert set(created.json()) == {"owner"}
    assert "active officer, manager or administrator" in created.json()["owner"][0]
    assert not Partner.objects.exists()

    partner = PartnerFactory(owner=manager.user)
    changed = manager.patch(f"/api/v1/partners/{partner.pk}/", {"owner": user.pk})
    assert changed.status_code == 400, changed.content
    assert set(changed.json()) == {"owner"}
    partner.refresh_from_db()
    assert (partner.owner, partner.version) == (manager.user, 1)


def test_the_api_accepts_an_officer_as_desk_officer(api, officer):
    response = api("manager").post(
        "/api/v1/partners/",
        {"name": "City of Tacoma", "kind": "sister", "country": "US", "owner": officer.pk},
    )
    assert response.status_code == 201, response.content
    assert Partner.objects.get().owner == officer


@pytest.mark.parametrize("who", ["role-less", "viewer", "inactive officer"])
def test_the_api_refuses_a_commitment_owner_who_cannot_act(api, not_owners, who):
    manager = api("manager")
    user = not_owners[who]
    created = manager.post(
        "/api/v1/commitments/", {"title": "Invite Hines", "kind": "invitation", "owner": user.pk}
    )
    assert created.status_code == 400, created.content
    assert set(created.json()) == {"owner"}
    assert "active officer, manager or administrator" in created.json()["owner"][0]
    assert not Commitment.objects.exists()

    commitment = CommitmentFactory(owner=manager.user)
    changed = manager.patch(f"/api/v1/commitments/{commitment.pk}/", {"owner": user.pk})
    assert changed.status_code == 400, changed.content
    assert set(changed.json()) == {"owner"}
    commitment.refresh_from_db()
    assert (commitment.owner, commitment.version) == (manager.user, 1)


def test_the_api_refuses_an_event_or_invitation_owner_without_a_role(api, not_owners):
    manager = api("manager")
    nobody = not_owners["role-less"]
    event = manager.post(
        "/api/v1/events/", {"title": "Opening", "starts_on": "2025-12-01", "owner": nobody.pk}
    )
    assert (event.status_code, set(event.json())) == (400, {"owner"})
    assert not Event.objects.exists()

    existing = EventFactory(owner=manager.user)
    invitation = manager.post(
        "/api/v1/invitations/",
        {"event": existing.pk, "invitee": OfficialFactory().pk, "owner": nobody.pk},
    )
    assert (invitation.status_code, set(invitation.json())) == (400, {"owner"})
    assert not Invitation.objects.exists()


def test_an_owner_kept_from_before_does_not_block_other_changes(api, officer, manager):
    """An officer who left (deactivated) or became a viewer still owns their follow-ups
    until a manager reassigns them; meanwhile a colleague can still complete one."""
    commitment = CommitmentFactory(owner=officer)
    partner = PartnerFactory(owner=officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])

    colleague = api("officer")
    done = colleague.post(f"/api/v1/commitments/{commitment.pk}/complete/", {"outcome": "Sent"})
    assert done.status_code == 200, done.content
    assert colleague.patch(f"/api/v1/partners/{partner.pk}/", {"notes": "x"}).status_code == 200
    # Giving it to them again is a new choice, and refused; giving it to someone who can act
    # is what a manager does.
    boss = api("manager")
    other = PartnerFactory(owner=manager)
    again = boss.patch(f"/api/v1/partners/{other.pk}/", {"owner": officer.pk})
    assert (again.status_code, set(again.json())) == (400, {"owner"})
    moved = boss.patch(f"/api/v1/partners/{partner.pk}/", {"owner": manager.pk})
    assert moved.status_code == 200, moved.content


def test_the_admin_saves_a_row_whose_owner_was_deactivated_since(staff_client, officer):
    partner = PartnerFactory(owner=officer)
    officer.is_active = False
    officer.save(update_fields=["is_active"])
    data = form_data(staff_client.get(url(Partner, "change", partner.pk)))
    data["notes"] = "Still ours"

    response = staff_client.post(url(Partner, "change", partner.pk), data)

    assert response.status_code == 302, response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert (partner.owner, partner.notes) == (officer, "Still ours")


def test_the_services_refuse_it_whatever_the_entry_point(manager, not_owners):
    nobody = not_owners["role-less"]
    with pytest.raises(ValidationError) as refused:
        create_object(Commitment, user=manager, fields={"title": "Invite", "owner": nobody})
    assert set(refused.value.message_dict) == {"owner"}

    invitation = InvitationFactory(owner=manager)
    with pytest.raises(ValidationError):
        update_object(invitation, user=manager, fields={"owner": nobody})
    invitation.refresh_from_db()
    assert invitation.owner == manager


# --- Pages -----------------------------------------------------------------------------------


@pytest.mark.parametrize("who", ["role-less", "viewer", "inactive officer"])
def test_the_visit_page_refuses_a_commitment_owner_who_cannot_act(client, officer, not_owners, who):
    visit = VisitFactory(start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31))
    client.force_login(officer)
    response = client.post(
        reverse("visits:commitment-add", args=[visit.pk]),
        {
            "title_local": "邀請海因斯副市長訪問臺中",
            "kind": "invitation",
            "owner": not_owners[who].pk,
            "priority": "normal",
        },
    )
    assert response.status_code == 422
    assert response.context["commitment_form"].errors.keys() == {"owner"}
    assert not Commitment.objects.exists()
    # Only people who can act are offered.
    offered = response.context["commitment_form"].fields["owner"].queryset
    assert officer in offered
    assert not offered.filter(pk=not_owners[who].pk).exists()


def test_the_follow_ups_page_does_not_reassign_to_someone_who_cannot_act(
    client, manager, not_owners
):
    commitment = CommitmentFactory(owner=manager)
    client.force_login(manager)
    response = client.post(
        reverse("visits:reassign", args=[commitment.pk]),
        {"owner": not_owners["viewer"].pk, "version": commitment.version},
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    commitment.refresh_from_db()
    assert commitment.owner == manager


# --- Admin -----------------------------------------------------------------------------------


@pytest.fixture
def staff_client(client, admin_user):
    client.force_login(admin_user)
    client.defaults["HTTP_ACCEPT_LANGUAGE"] = "en"
    return client


@pytest.mark.parametrize("who", ["role-less", "viewer"])
def test_the_admin_refuses_a_desk_officer_who_cannot_act(staff_client, not_owners, who):
    partner = PartnerFactory()
    data = form_data(staff_client.get(url(Partner, "change", partner.pk)))
    data["owner"] = str(not_owners[who].pk)

    response = staff_client.post(url(Partner, "change", partner.pk), data)

    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    partner.refresh_from_db()
    assert (partner.owner, partner.version) == (None, 1)


def test_the_admin_owner_autocomplete_offers_only_people_who_can_act(
    staff_client, not_owners, officer
):
    response = staff_client.get(
        reverse("admin:autocomplete"),
        {"app_label": "visits", "model_name": "commitment", "field_name": "owner"},
    )
    assert response.status_code == 200
    offered = {int(row["id"]) for row in response.json()["results"]}
    assert officer.pk in offered
    assert not offered & {user.pk for user in not_owners.values()}


def test_the_admin_refuses_a_commitment_owner_without_a_role(staff_client, not_owners):
    commitment = CommitmentFactory()
    data = form_data(staff_client.get(url(Commitment, "change", commitment.pk)))
    data["owner"] = str(not_owners["role-less"].pk)

    response = staff_client.post(url(Commitment, "change", commitment.pk), data)

    assert response.status_code == 200
    assert "owner" in response.context["adminform"].form.errors
    assert Commitment.objects.get().version == 1
