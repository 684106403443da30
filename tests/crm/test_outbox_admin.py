"""The outbox in the admin (SPEC §3.3): visible, filterable, failed ones can be sent again."""

from __future__ import annotations

import datetime as dt

import pytest

from crm.outbox import notifications
from crm.outbox.models import Notification
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def outbox():
    for _ in range(2):
        CommitmentFactory(owner=UserFactory(), due_on=dt.date(2025, 3, 10))
    notifications.scan(today=dt.date(2025, 3, 10))
    failed, pending = Notification.objects.order_by("pk")
    Notification.objects.filter(pk=failed.pk).update(
        status="failed",
        attempts=5,
        last_error="SMTPServerDisconnected: Connection unexpectedly closed",
    )
    return failed, pending


def test_the_admin_lists_notifications_filtered_by_status_with_their_last_error(
    client, admin_user, outbox
):
    failed, pending = outbox
    client.force_login(admin_user)

    response = client.get("/admin/crm/notification/", {"status__exact": "failed"})

    assert response.status_code == 200
    page = response.content.decode()
    assert failed.email in page
    assert pending.email not in page
    assert "SMTPServerDisconnected" in page


def test_a_notification_is_readable_but_not_editable_in_the_admin(client, admin_user, outbox):
    failed, _ = outbox
    client.force_login(admin_user)

    response = client.get(f"/admin/crm/notification/{failed.pk}/change/")

    assert response.status_code == 200
    assert 'name="status"' not in response.content.decode()
    assert client.get("/admin/crm/notification/add/").status_code == 403


def test_failed_notifications_can_be_queued_again_from_the_admin(
    client, admin_user, outbox, django_capture_on_commit_callbacks
):
    failed, pending = outbox
    client.force_login(admin_user)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        response = client.post(
            "/admin/crm/notification/",
            {"action": "send_again", "_selected_action": [failed.pk, pending.pk]},
        )

    assert response.status_code == 302
    failed.refresh_from_db()
    assert (failed.status, failed.attempts, failed.last_error) == ("pending", 0, "")
    assert callbacks[0].args == ([failed.pk],)  # the pending one was not touched
