"""The role table of SPEC §4, row by row, over the API, for anonymous, viewer, officer, manager.

| action                                           | viewer | officer | manager |
| read everything                                  | yes    | yes     | yes     |
| create/update partners, agreements, officials …  | –      | yes     | yes     |
| create/update contacts, visits, members …        | –      | yes     | yes     |
| delete a contact                                 | –      | own     | yes     |
| delete anything else                             | –      | –       | yes     |
| review commitments, reassign owners              | –      | –       | yes     |
| users, roles, schedules                          | –      | –       | –  (admin only)

Anonymous requests get 401 everywhere; a role without the right gets 403.
"""

from __future__ import annotations

import datetime as dt

import pytest

from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    EngagementFactory,
    EventFactory,
    GiftFactory,
    InvitationFactory,
    MemberFactory,
    OfficialFactory,
    OrganizationFactory,
    PartnerFactory,
    TopicFactory,
    UserFactory,
    VisitFactory,
)

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db

ROLES = ("anonymous", "viewer", "officer", "manager")
RESOURCES = [
    "partners",
    "agreements",
    "organizations",
    "officials",
    "contacts",
    "topics",
    "visits",
    "members",
    "engagements",
    "commitments",
    "events",
    "invitations",
    "gifts",
    "anniversaries",
]


def client_as(api, role):
    return api(None if role == "anonymous" else role)


def expect(role: str, allowed: dict[str, int], denied: int = 403) -> int:
    if role == "anonymous":
        return 401
    return allowed.get(role, denied)


# Row 1: read everything --------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", RESOURCES)
def test_row_read_everything(api, role, resource):
    response = client_as(api, role).get(f"/api/v1/{resource}/")
    assert response.status_code == expect(role, {"viewer": 200, "officer": 200, "manager": 200})


@pytest.mark.parametrize("role", ROLES)
def test_row_read_everything_includes_details_history_and_me(api, role):
    partner = PartnerFactory()
    TopicFactory(slug="education")
    client = client_as(api, role)
    ok = {"viewer": 200, "officer": 200, "manager": 200}
    assert client.get(f"/api/v1/partners/{partner.pk}/").status_code == expect(role, ok)
    assert client.get(f"/api/v1/partners/{partner.pk}/history/").status_code == expect(role, ok)
    assert client.get("/api/v1/topics/education/").status_code == expect(role, ok)
    assert client.get("/api/v1/me/").status_code == expect(role, ok)


def test_a_signed_in_user_without_a_role_reads_nothing(api):
    client = api("viewer")
    client.user.groups.clear()
    assert client.get("/api/v1/partners/").status_code == 403
    assert client.get("/api/v1/anniversaries/").status_code == 403
    assert client.get("/api/v1/me/").json()["role"] is None


# Rows 2 and 3: create and update -------------------------------------------------------------


def _payloads(user) -> dict[str, tuple[dict, object]]:
    """For each resource: a valid body to create one, and an existing row to update."""
    partner = PartnerFactory()
    official = OfficialFactory(partner=partner)
    visit = VisitFactory()
    event = EventFactory(owner=user)
    return {
        "partners": ({"name": "Tacoma", "kind": "sister", "country": "US"}, PartnerFactory()),
        "agreements": (
            {"partner": partner.pk, "kind": "sister_city", "signed_on": "2000-07-19"},
            AgreementFactory(partner=partner),
        ),
        "officials": ({"name": "John Hines", "partner": partner.pk}, official),
        "organizations": ({"name": "MoPOP", "kind": "museum"}, OrganizationFactory()),
        "contacts": (
            {
                "partner": partner.pk,
                "occurred_on": "2024-07-23",
                "channel": "email",
                "subject": "Hi",
            },
            ContactFactory(partner=partner),
        ),
        "visits": (
            {
                "title": "Trip",
                "direction": "outbound",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
            },
            visit,
        ),
        "members": ({"visit": visit.pk, "order": 5, "name": "Staff"}, MemberFactory(visit=visit)),
        "engagements": (
            {"visit": visit.pk, "date": "2024-07-23", "kind": "meeting", "title": "Call"},
            EngagementFactory(visit=visit),
        ),
        "commitments": ({"title": "Invite Hines", "owner": user.pk}, CommitmentFactory(owner=user)),
        "events": ({"title": "Opening", "starts_on": "2025-12-01"}, event),
        "invitations": (
            {"event": event.pk, "invitee": OfficialFactory().pk},
            InvitationFactory(event=event, invitee=official),
        ),
        "gifts": (
            {"direction": "given", "description": "Tea", "date": "2024-07-23"},
            GiftFactory(partner=partner),
        ),
    }


ROW_2 = ["partners", "agreements", "officials", "organizations"]
ROW_3 = [
    "contacts",
    "visits",
    "members",
    "engagements",
    "commitments",
    "events",
    "invitations",
    "gifts",
]


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize("resource", ROW_2 + ROW_3)
def test_rows_create_and_update(api, role, resource):
    client = client_as(api, role)
    user = getattr(client, "user", None) or UserFactory()
    body, existing = _payloads(user)[resource]
    created = client.post(f"/api/v1/{resource}/", body)
    assert created.status_code == expect(role, {"officer": 201, "manager": 201}), created.content
    updated = client.patch(f"/api/v1/{resource}/{existing.pk}/", {})
    assert updated.status_code == expect(role, {"officer": 200, "manager": 200}), updated.content


# Row 4: delete a contact ---------------------------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_row_delete_a_contact(api, role):
    client = client_as(api, role)
    own = ContactFactory(created_by=getattr(client, "user", None))
    someone_elses = ContactFactory(created_by=UserFactory(role="officer"))
    assert client.delete(f"/api/v1/contacts/{own.pk}/").status_code == expect(
        role, {"officer": 204, "manager": 204}
    )
    assert client.delete(f"/api/v1/contacts/{someone_elses.pk}/").status_code == expect(
        role, {"manager": 204}
    )


# Row 5: delete anything else -----------------------------------------------------------------


def _deletable() -> dict[str, object]:
    return {
        "partners": PartnerFactory(),
        "agreements": AgreementFactory(),
        "organizations": OrganizationFactory(),
        "officials": OfficialFactory(),
        "visits": VisitFactory(),
        "members": MemberFactory(),
        "engagements": EngagementFactory(),
        "commitments": CommitmentFactory(),
        "events": EventFactory(),
        "invitations": InvitationFactory(),
        "gifts": GiftFactory(),
    }


@pytest.mark.parametrize("role", ROLES)
@pytest.mark.parametrize(
    "resource",
    [
        "partners",
        "agreements",
        "organizations",
        "officials",
        "visits",
        "members",
        "engagements",
        "commitments",
        "events",
        "invitations",
        "gifts",
    ],
)
def test_row_delete_anything_else(api, role, resource):
    row = _deletable()[resource]
    response = client_as(api, role).delete(f"/api/v1/{resource}/{row.pk}/")
    assert response.status_code == expect(role, {"manager": 204})
    assert type(row).objects.filter(pk=row.pk).exists() == (role != "manager")


# Row 6: review commitments, reassign owners ---------------------------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_row_review_commitments(api, role):
    commitment = CommitmentFactory()
    response = client_as(api, role).post(f"/api/v1/commitments/{commitment.pk}/review/")
    assert response.status_code == expect(role, {"manager": 200})
    commitment.refresh_from_db()
    assert (commitment.reviewed_at is not None) == (role == "manager")


@pytest.mark.parametrize("role", ROLES)
def test_row_reassign_owners(api, role):
    client = client_as(api, role)
    commitment = CommitmentFactory(owner=getattr(client, "user", None) or UserFactory())
    colleague = UserFactory(role="officer")
    response = client.patch(f"/api/v1/commitments/{commitment.pk}/", {"owner": colleague.pk})
    assert response.status_code == expect(role, {"manager": 200})
    commitment.refresh_from_db()
    assert (commitment.owner == colleague) == (role == "manager")


# Row 7: users, roles, schedules — admin only, and not in the API ------------------------------


@pytest.mark.parametrize("role", ROLES)
def test_row_users_roles_and_schedules_are_not_in_the_api(api, role):
    for path in ("users", "groups", "schedules"):
        assert client_as(api, role).get(f"/api/v1/{path}/").status_code in {401, 404}


def test_an_admin_may_do_everything(api):
    admin = api("admin")
    commitment = CommitmentFactory(due_on=dt.date(2024, 12, 31))
    assert admin.post(f"/api/v1/commitments/{commitment.pk}/review/").status_code == 200
    assert admin.delete(f"/api/v1/contacts/{ContactFactory().pk}/").status_code == 204
    assert admin.delete(f"/api/v1/partners/{PartnerFactory().pk}/").status_code == 204
    assert admin.get("/api/v1/me/").json()["role"] == "admin"
