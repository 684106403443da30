"""Celery tasks: thin wrappers that take ids and call ``crm.outbox.notifications``.

Tested without Celery. Named ``crm.tasks.*``: the names the stored beat schedules use.

Beat runs the first three on the schedules installed by migration
``crm.0004_default_schedules`` (editable in the admin under Periodic tasks).
"""

from __future__ import annotations

from celery import shared_task

from crm.outbox import notifications


@shared_task(name="crm.tasks.run_reminder_scan", ignore_result=True)
def run_reminder_scan() -> int:
    """Insert today's owed reminders into the outbox; the new ones are queued after commit."""
    return len(notifications.scan().created_ids)


@shared_task(name="crm.tasks.send_weekly_digest", ignore_result=True)
def send_weekly_digest() -> int:
    """The managers' digest for this ISO week (one per manager, however often it runs)."""
    result = notifications.scan(kinds=[notifications.Kind.WEEKLY_DIGEST], force_digest=True)
    return len(result.created_ids)


@shared_task(name="crm.tasks.sweep_notifications", ignore_result=True)
def sweep_notifications() -> int:
    """Re-queue notifications left behind by a killed worker or a lost task."""
    return len(notifications.sweep())


# acks_late (settings): a worker killed mid-task leaves the message to be redelivered; the
# claim makes a redelivery harmless. Retries are counted in the outbox row, not by Celery.
@shared_task(name=notifications.SEND_TASK, bind=True, ignore_result=True, max_retries=None)
def send_notification(self, notification_id: int) -> str:
    outcome = notifications.deliver(notification_id)
    if outcome.retry_in is not None:
        raise self.retry(countdown=outcome.retry_in)
    return outcome.status
