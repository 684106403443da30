"""/api/v1/commitments/: CRUD, complete, review, reassignment, filters."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine

from tests.api_support import ids
from tests.factories import (
    CommitmentFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)
from visits.models import Commitment

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db
URL = "/api/v1/commitments/"


@pytest.fixture(autouse=True)
def _today():
    with time_machine.travel(dt.datetime(2024, 9, 1, 4, 0, tzinfo=dt.UTC), tick=False):
        yield


def test_an_officer_records_a_promise_and_owns_it_by_default(api):
    partner = PartnerFactory()
    hines = OfficialFactory(partner=partner)
    officer = api("officer")
    response = officer.post(
        URL,
        {
            "title": "Invite Deputy Mayor Hines to Taichung",
            "kind": "invitation",
            "partner": partner.pk,
            "counterparts": [hines.pk],
            "due_on": "2024-12-31",
            "priority": "high",
        },
    )
    assert response.status_code == 201, response.content
    body = response.json()
    assert body["owner"] == officer.user.pk
    assert body["counterparts"] == [hines.pk]
    assert (body["status"], body["is_overdue"], body["reviewed_by"]) == ("open", False, None)


def test_commitments_list_retrieve_update_delete(api):
    commitment = CommitmentFactory(due_on=dt.date(2024, 8, 1))
    client = api("officer")
    assert client.get(URL).json()["count"] == 1
    body = client.get(f"{URL}{commitment.pk}/").json()
    assert body["is_overdue"] is True
    assert client.patch(f"{URL}{commitment.pk}/", {"status": "in_progress"}).status_code == 200
    assert Commitment.objects.get().status == "in_progress"
    assert client.delete(f"{URL}{commitment.pk}/").status_code == 403
    assert Commitment.objects.filter(pk=commitment.pk).exists()
    assert api("manager").delete(f"{URL}{commitment.pk}/").status_code == 204


def test_closing_by_update_needs_an_outcome_and_dates_it_today(api):
    commitment = CommitmentFactory()
    client = api("officer")
    response = client.patch(f"{URL}{commitment.pk}/", {"status": "done"})
    assert response.status_code == 400
    assert set(response.json()) == {"outcome"}
    response = client.patch(f"{URL}{commitment.pk}/", {"status": "done", "outcome": "Invited"})
    assert response.status_code == 200
    assert response.json()["completed_on"] == "2024-09-01"


def test_complete_needs_an_outcome(api):
    commitment = CommitmentFactory()
    client = api("officer")
    response = client.post(f"{URL}{commitment.pk}/complete/", {})
    assert response.status_code == 400
    assert set(response.json()) == {"outcome"}
    response = client.post(f"{URL}{commitment.pk}/complete/", {"outcome": "   "})
    assert response.status_code == 400
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_complete_closes_the_commitment_today(api):
    commitment = CommitmentFactory()
    response = api("officer").post(
        f"{URL}{commitment.pk}/complete/", {"outcome": "Hines visited in October."}
    )
    assert response.status_code == 200, response.content
    body = response.json()
    assert (body["status"], body["completed_on"], body["outcome"]) == (
        "done",
        "2024-09-01",
        "Hines visited in October.",
    )
    assert response["ETag"] == '"2"'


def test_complete_can_drop_with_a_date(api):
    commitment = CommitmentFactory()
    response = api("officer").post(
        f"{URL}{commitment.pk}/complete/",
        {"outcome": "Not feasible", "status": "dropped", "completed_on": "2024-08-15"},
    )
    assert (response.json()["status"], response.json()["completed_on"]) == ("dropped", "2024-08-15")
    bad = api("officer").post(f"{URL}{commitment.pk}/complete/", {"outcome": "x", "status": "open"})
    assert set(bad.json()) == {"status"}


def test_a_viewer_cannot_complete(api):
    commitment = CommitmentFactory()
    assert (
        api("viewer").post(f"{URL}{commitment.pk}/complete/", {"outcome": "x"}).status_code == 403
    )
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome, commitment.version) == ("open", "", 1)


def test_only_managers_review(api):
    commitment = CommitmentFactory()
    assert api("officer").post(f"{URL}{commitment.pk}/review/").status_code == 403
    commitment.refresh_from_db()
    assert (commitment.reviewed_by_id, commitment.reviewed_at, commitment.version) == (
        None,
        None,
        1,
    )
    manager = api("manager")
    response = manager.post(f"{URL}{commitment.pk}/review/")
    assert response.status_code == 200
    assert response.json()["reviewed_by"] == manager.user.pk
    assert response.json()["reviewed_at"] is not None


def test_only_managers_reassign_a_commitment(api):
    officer = api("officer")
    commitment = CommitmentFactory(owner=officer.user)
    colleague = UserFactory(role="officer")
    response = officer.patch(f"{URL}{commitment.pk}/", {"owner": colleague.pk})
    assert response.status_code == 403
    commitment.refresh_from_db()
    assert commitment.owner == officer.user
    # Sending the same owner back is not a reassignment.
    assert officer.patch(f"{URL}{commitment.pk}/", {"owner": officer.user.pk}).status_code == 200
    assert (
        api("manager").patch(f"{URL}{commitment.pk}/", {"owner": colleague.pk}).status_code == 200
    )
    commitment.refresh_from_db()
    assert commitment.owner == colleague


def test_review_fields_are_read_only_in_updates(api):
    commitment = CommitmentFactory()
    manager = UserFactory(role="manager")
    api("officer").patch(f"{URL}{commitment.pk}/", {"reviewed_by": manager.pk})
    commitment.refresh_from_db()
    assert commitment.reviewed_by is None


# --- Filters ---------------------------------------------------------------------------------


def test_filter_status_owner_partner_visit_kind(api):
    owner, partner, visit = UserFactory(), PartnerFactory(), VisitFactory()
    CommitmentFactory(owner=owner, partner=partner, visit=visit, kind="visit")
    CommitmentFactory(owner=owner, status="in_progress")
    CommitmentFactory(status="done", outcome="ok", completed_on=dt.date(2024, 8, 1))
    client = api("viewer")
    assert client.get(URL, {"status": "done"}).json()["count"] == 1
    assert client.get(URL, {"owner": owner.pk}).json()["count"] == 2
    assert client.get(URL, {"partner": partner.pk}).json()["count"] == 1
    assert client.get(URL, {"visit": visit.pk}).json()["count"] == 1
    assert client.get(URL, {"kind": "visit"}).json()["count"] == 1


def test_filter_due_after_and_before(api):
    for day in (1, 15, 30):
        CommitmentFactory(due_on=dt.date(2024, 9, day))
    client = api("viewer")
    assert client.get(URL, {"due_after": "2024-09-15"}).json()["count"] == 2
    assert client.get(URL, {"due_before": "2024-09-15"}).json()["count"] == 2


def test_filter_overdue(api):
    late = CommitmentFactory(due_on=dt.date(2024, 8, 31))
    CommitmentFactory(due_on=dt.date(2024, 9, 1))  # due today: not yet overdue
    CommitmentFactory(
        due_on=dt.date(2024, 8, 1), status="done", outcome="ok", completed_on=dt.date(2024, 8, 1)
    )
    CommitmentFactory(due_on=None)
    client = api("viewer")
    assert ids(client.get(URL, {"overdue": "true"})) == {late.pk}
    assert client.get(URL, {"overdue": "false"}).json()["count"] == 3


def test_filter_reviewed(api):
    manager = UserFactory(role="manager")
    CommitmentFactory(reviewed_by=manager, reviewed_at=dt.datetime(2024, 8, 1, tzinfo=dt.UTC))
    CommitmentFactory.create_batch(2)
    client = api("viewer")
    assert client.get(URL, {"reviewed": "true"}).json()["count"] == 1
    assert client.get(URL, {"reviewed": "false"}).json()["count"] == 2
