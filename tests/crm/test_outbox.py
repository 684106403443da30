"""The outbox's delivery guarantees (SPEC §3.3), with a real SMTP server and no Celery."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from celery.exceptions import Retry
from django.core import mail
from django.utils import timezone

from crm.outbox import notifications
from crm.outbox.models import Notification
from crm.outbox.tasks import send_notification, sweep_notifications
from tests.crm.reminders_support import at, free_port, smtp_server
from tests.factories import CommitmentFactory, UserFactory

pytestmark = pytest.mark.django_db

D = dt.date
DUE = D(2025, 3, 10)


@pytest.fixture
def pending():
    """One pending notification: a commitment due today, for its owner."""
    CommitmentFactory(owner=UserFactory(), due_on=DUE)
    with time_machine.travel(at(DUE), tick=False):
        result = notifications.scan(today=DUE)
    (pk,) = result.created_ids
    return Notification.objects.get(pk=pk)


@pytest.fixture
def smtp_settings(settings):
    """Django's real SMTP backend pointed at a loopback port where nothing listens yet."""
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = free_port()
    settings.EMAIL_TIMEOUT = 5
    return settings


def test_the_scan_writes_one_row_per_key_with_its_recipient_and_language(pending):
    owner = pending.recipient
    assert (pending.kind, pending.object_type, pending.occurrence, pending.lead_days) == (
        "commitment_due",
        "visits.commitment",
        DUE,
        0,
    )
    assert (pending.email, pending.language, pending.status) == (owner.email, "zh-hant", "pending")
    assert pending.scheduled_for == DUE
    assert pending.owed_on == DUE


def test_the_scan_queues_ids_only_and_only_after_its_transaction_commits(
    django_capture_on_commit_callbacks,
):
    CommitmentFactory(due_on=DUE)
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = notifications.scan(today=DUE)

    assert len(callbacks) == 1
    assert callbacks[0].func is notifications.enqueue
    assert callbacks[0].args == (result.created_ids,)
    assert all(isinstance(pk, int) for pk in result.created_ids)


def test_a_scan_that_finds_nothing_new_queues_nothing(pending, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        result = notifications.scan(today=DUE)

    assert result.owed == 1
    assert result.created_ids == []
    assert callbacks == []


def test_a_scan_returns_the_ids_of_the_rows_it_created_not_of_those_already_there(pending):
    other_owner = UserFactory(email='o\'brien+"quoted"@example.org', language="en")
    CommitmentFactory(owner=other_owner, due_on=DUE)
    result = notifications.scan(today=DUE)

    (created,) = Notification.objects.filter(pk__in=result.created_ids)
    assert result.owed == 2
    assert created.pk != pending.pk
    assert (created.recipient, created.email, created.language) == (
        other_owner,
        other_owner.email,
        "en",
    )


def test_only_the_caller_that_claims_a_notification_sends_it(pending):
    assert notifications.deliver(pending.pk).status == "sent"
    assert notifications.deliver(pending.pk).status == "skipped"

    assert len(mail.outbox) == 1
    pending.refresh_from_db()
    assert (pending.status, pending.attempts, pending.last_error) == ("sent", 1, "")
    assert pending.sent_at is not None
    assert pending.claimed_at is not None


def test_a_notification_being_sent_elsewhere_is_not_sent_again(pending):
    Notification.objects.filter(pk=pending.pk).update(status="sending", claimed_at=timezone.now())

    assert notifications.deliver(pending.pk).status == "skipped"
    assert mail.outbox == []


def test_an_smtp_failure_puts_it_back_to_pending_with_exponential_back_off(pending, smtp_settings):
    now = timezone.now()
    outcome = notifications.deliver(pending.pk, now=now)

    assert outcome == notifications.Outcome("retry", retry_in=30)
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("pending", 1)
    assert "ConnectionRefusedError" in pending.last_error
    assert pending.next_attempt_at >= now + dt.timedelta(seconds=30)
    assert pending.pk not in notifications.due_ids(now=now)  # not before its back-off
    assert [notifications.retry_delay(n) for n in (1, 2, 3, 4)] == [30, 60, 120, 240]


def test_after_five_failed_tries_it_is_marked_failed_with_the_last_error(pending, smtp_settings):
    outcomes = [notifications.deliver(pending.pk).status for _ in range(6)]

    assert outcomes == ["retry", "retry", "retry", "retry", "failed", "skipped"]
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("failed", 5)
    assert "ConnectionRefusedError" in pending.last_error


def test_when_the_smtp_server_comes_back_the_retry_delivers_it_once(pending, smtp_settings):
    assert notifications.deliver(pending.pk).status == "retry"
    assert notifications.deliver(pending.pk).status == "retry"

    with smtp_server(port=smtp_settings.EMAIL_PORT) as server:
        assert notifications.deliver(pending.pk).status == "sent"
        assert notifications.deliver(pending.pk).status == "skipped"

    assert server.notification_ids() == [pending.pk]
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("sent", 3)
    assert pending.last_error == ""


def test_the_sweeper_requeues_a_notification_left_sending_for_15_minutes(pending):
    claimed = timezone.now()
    Notification.objects.filter(pk=pending.pk).update(
        status="sending", claimed_at=claimed, attempts=1
    )

    assert notifications.sweep(now=claimed + dt.timedelta(minutes=14), queue=False) == []
    assert notifications.sweep(now=claimed + dt.timedelta(minutes=16), queue=False) == [pending.pk]

    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("pending", 1)
    assert "stopped before finishing" in pending.last_error
    assert notifications.deliver(pending.pk).status == "sent"
    assert len(mail.outbox) == 1


def test_the_sweeper_gives_up_on_a_notification_that_used_all_its_attempts(pending):
    claimed = timezone.now()
    Notification.objects.filter(pk=pending.pk).update(
        status="sending", claimed_at=claimed, attempts=5
    )

    assert notifications.sweep(now=claimed + dt.timedelta(minutes=20), queue=False) == []
    pending.refresh_from_db()
    assert pending.status == "failed"


def test_the_sweeper_requeues_a_pending_notification_whose_task_was_lost_once_per_period(
    pending, django_capture_on_commit_callbacks
):
    later = pending.next_attempt_at + dt.timedelta(minutes=16)

    with django_capture_on_commit_callbacks(execute=False) as callbacks:
        assert notifications.sweep(now=later) == [pending.pk]
    assert callbacks[0].func is notifications.enqueue
    assert callbacks[0].args == ([pending.pk],)
    # Re-queued just now: the next sweeps leave it alone until another stale period passes.
    assert notifications.sweep(now=later + dt.timedelta(minutes=5), queue=False) == []
    assert notifications.sweep(now=later + dt.timedelta(minutes=16), queue=False) == [pending.pk]


def test_a_recipient_without_an_email_address_fails_without_retrying(pending):
    type(pending.recipient).objects.filter(pk=pending.recipient_id).update(email="")

    assert notifications.deliver(pending.pk).status == "failed"
    pending.refresh_from_db()
    assert pending.last_error == "The recipient has no email address."


def test_the_send_task_is_a_thin_wrapper_that_asks_celery_to_retry_on_failure(pending, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST, settings.EMAIL_PORT = "127.0.0.1", free_port()

    with pytest.raises(Retry):
        send_notification(pending.pk)
    pending.refresh_from_db()
    assert (pending.status, pending.attempts) == ("pending", 1)

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    assert send_notification(pending.pk) == "sent"
    assert len(mail.outbox) == 1


def test_the_sweep_task_returns_how_many_it_requeued(pending):
    Notification.objects.filter(pk=pending.pk).update(
        status="sending", claimed_at=timezone.now() - dt.timedelta(hours=1)
    )
    assert sweep_notifications() == 1
