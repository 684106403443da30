"""The follow-up review: overdue, due within 14 days and done-awaiting-review lists, with
complete, change due date, reassign and review in place (htmx), through the services."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from crm.core.formatting import local_today
from tests.factories import CommitmentFactory, UserFactory
from tests.pages.conftest import text
from visits.models import Commitment

pytestmark = pytest.mark.django_db

HTMX = {"HTTP_HX_REQUEST": "true"}


def _section(html: str, section_id: str) -> str:
    start = html.index(f'<section class="fu-section" id="{section_id}"')
    return html[start : html.index("</section>", start)]


@pytest.fixture
def commitments(officer):
    today = local_today()
    other = UserFactory(role="officer", username="other")
    return {
        "overdue": CommitmentFactory(
            owner=officer, title="Invite Hines", due_on=today - dt.timedelta(days=12)
        ),
        "soon": CommitmentFactory(
            owner=officer, title="Send programme", due_on=today + dt.timedelta(days=3)
        ),
        "later": CommitmentFactory(
            owner=officer, title="Plan 2030", due_on=today + dt.timedelta(days=60)
        ),
        "done": CommitmentFactory(
            owner=other,
            title="Thank Tacoma",
            status="done",
            outcome="Letter sent",
            completed_on=today,
        ),
        "others_overdue": CommitmentFactory(
            owner=other, title="Their late one", due_on=today - dt.timedelta(days=1)
        ),
    }


def test_managers_see_everyones_follow_ups_in_three_lists(client, manager, commitments):
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    overdue = _section(html, "overdue")
    assert "Invite Hines" in overdue
    assert "Their late one" in overdue
    assert "Send programme" in _section(html, "due-soon")
    assert "Thank Tacoma" in _section(html, "awaiting-review")
    assert "Plan 2030" not in html
    assert "追蹤事項審核" in html


def test_managers_narrow_the_review_to_one_owner(client, manager, commitments, officer):
    client.force_login(manager)
    html = client.get(reverse("visits:follow-ups"), {"owner": officer.pk}).content.decode()
    assert "Invite Hines" in html
    assert "Their late one" not in html


def test_officers_see_only_their_own(client, officer, commitments):
    client.force_login(officer)
    html = client.get(reverse("visits:follow-ups")).content.decode()
    assert "Invite Hines" in html
    assert "Their late one" not in html
    assert "Thank Tacoma" not in html
    assert "我的追蹤事項" in html
    assert "/reassign/" not in html
    assert "/review/" not in html


def test_completing_in_place_returns_the_updated_row(client, officer, commitments):
    commitment = commitments["overdue"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Invitation sent", "status": "done", "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    row = response.content.decode()
    assert f'id="commitment-{commitment.pk}"' in row
    assert "待審核" in text(row)
    commitment.refresh_from_db()
    assert (commitment.status, commitment.outcome, commitment.completed_on) == (
        "done",
        "Invitation sent",
        local_today(),
    )


def test_completing_without_an_outcome_is_refused_and_keeps_the_choice(
    client, officer, commitments
):
    commitment = commitments["overdue"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "  ", "status": "dropped", "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 422
    row = response.content.decode()
    assert "結案前請說明辦理結果。" in row
    assert '<option value="dropped" selected>' in row
    assert 'aria-invalid="true"' in row
    commitment.refresh_from_db()
    assert commitment.status == "open"


def test_a_stale_version_shows_a_conflict_instead_of_overwriting(client, manager, commitments):
    from crm.core.services import update_object

    commitment = commitments["overdue"]
    stale = commitment.version
    update_object(commitment, user=None, fields={"due_on": local_today()})  # someone else
    client.force_login(manager)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Done", "version": stale},
        **HTMX,
    )
    assert response.status_code == 409
    assert "此追蹤事項已被他人修改" in response.content.decode()
    commitment.refresh_from_db()
    assert commitment.status == "open"
    # The row that came back carries the current version, so a retry can succeed.
    assert f'name="version" value="{commitment.version}"' in response.content.decode()


def test_a_manager_reassigns_changes_the_due_date_and_reviews(
    client, manager, commitments, officer
):
    commitment = commitments["others_overdue"]
    client.force_login(manager)
    new_due = local_today() + dt.timedelta(days=30)
    response = client.post(
        reverse("visits:change-due", args=[commitment.pk]),
        {"due_on": new_due.isoformat(), "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.due_on == new_due
    response = client.post(
        reverse("visits:reassign", args=[commitment.pk]),
        {"owner": officer.pk, "version": commitment.version},
        **HTMX,
    )
    assert response.status_code == 200
    commitment.refresh_from_db()
    assert commitment.owner == officer

    done = commitments["done"]
    response = client.post(
        reverse("visits:review", args=[done.pk]), {"version": done.version}, **HTMX
    )
    assert response.status_code == 200
    assert "已審核" in text(response.content.decode())
    done.refresh_from_db()
    assert done.reviewed_by == manager
    assert done.reviewed_at is not None


def test_a_bad_due_date_or_owner_is_an_error_not_a_crash(client, manager, commitments):
    commitment = commitments["overdue"]
    client.force_login(manager)
    bad_date = client.post(
        reverse("visits:change-due", args=[commitment.pk]),
        {"due_on": "2024-02-30", "version": commitment.version},
        **HTMX,
    )
    assert bad_date.status_code == 422
    bad_owner = client.post(
        reverse("visits:reassign", args=[commitment.pk]),
        {"owner": "999999", "version": commitment.version},
        **HTMX,
    )
    assert bad_owner.status_code == 422
    assert Commitment.objects.get(pk=commitment.pk).version == commitment.version


def test_without_htmx_an_action_redirects_back_to_the_list(client, officer, commitments):
    commitment = commitments["soon"]
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[commitment.pk]),
        {"outcome": "Sent", "version": commitment.version},
    )
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('visits:follow-ups')}#commitment-{commitment.pk}"
