"""GET <resource>/{id}/history/: who changed what, when (SPEC §2.3, §5.2)."""

from __future__ import annotations

import pytest

from tests.factories import CommitmentFactory

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


def test_history_lists_the_create_and_each_update_with_user_and_changed_fields(api):
    officer, manager = api("officer"), api("manager")
    created = officer.post(
        "/api/v1/partners/", {"name": "Tacoma", "kind": "sister", "country": "US"}
    )
    pk = created.json()["id"]
    officer.patch(f"/api/v1/partners/{pk}/", {"status": "dormant"})
    manager.patch(f"/api/v1/partners/{pk}/", {"notes": "Reaffirmed"})

    history = manager.get(f"/api/v1/partners/{pk}/history/").json()

    assert [(h["action"], h["user"]) for h in history] == [
        ("create", officer.user.username),
        ("update", officer.user.username),
        ("update", manager.user.username),
    ]
    assert history[0]["changes"]["name"] == [None, "Tacoma"]
    assert history[1]["changes"]["status"] == ["active", "dormant"]
    assert history[1]["changes"]["version"] == [1, 2]
    assert "notes" not in history[1]["changes"]
    assert history[2]["changes"]["notes"] == ["", "Reaffirmed"]
    assert history[0]["at"] <= history[1]["at"] <= history[2]["at"]


def test_history_records_actions_too(api):
    commitment = CommitmentFactory()
    client = api("officer")
    client.post(f"/api/v1/commitments/{commitment.pk}/complete/", {"outcome": "Done"})
    history = client.get(f"/api/v1/commitments/{commitment.pk}/history/").json()
    assert history[-1]["action"] == "update"
    assert history[-1]["user"] == client.user.username
    assert history[-1]["changes"]["status"] == ["open", "done"]


def test_history_of_an_unknown_row_is_a_404(api):
    assert api("viewer").get("/api/v1/visits/999999/history/").status_code == 404
