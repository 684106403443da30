"""End to end (SPEC §3.3, §7): a real Celery worker and beat on the real Redis, the test
database, and a real SMTP server (aiosmtpd) on loopback.

Each test gives its worker a queue of its own (``CELERY_TASK_DEFAULT_QUEUE``), so a
developer's running worker on the same embedded Redis never takes these tasks, and
points the worker and beat at pytest's test database through ``DATABASE_URL``. Beat
runs the scan (and the sweeper) every second from interval schedules the test adds.
"""

from __future__ import annotations

import datetime as dt

import pytest
from django.db.models import F
from django_celery_beat.models import IntervalSchedule, PeriodicTask

from crm.core.formatting import local_today
from crm.outbox.models import Notification
from tests.crm.reminders_support import (
    Processes,
    SMTPServer,
    beat_args,
    free_port,
    make_manager,
    private_queue,
    smtp_server,
    subprocess_env,
    wait_until,
    worker_args,
)
from tests.factories import AgreementFactory, CommitmentFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def processes(transactional_db, tmp_path):
    started = Processes(tmp_path)
    yield started
    started.stop_all()  # before the database is flushed


@pytest.fixture
def queue():
    return private_queue()


def every_second(*tasks: str) -> None:
    interval = IntervalSchedule.objects.create(every=1, period=IntervalSchedule.SECONDS)
    for task in tasks:
        PeriodicTask.objects.create(name=f"{task} (test)", task=task, interval=interval)


def start_celery(processes, queue, tmp_path, *, smtp_port, name="worker", beat=True, **env):
    environment = subprocess_env(
        CELERY_TASK_DEFAULT_QUEUE=queue,
        EMAIL_HOST="127.0.0.1",
        EMAIL_PORT=str(smtp_port),
        EMAIL_TIMEOUT="10",
        **env,
    )
    if beat:
        processes.start("beat", beat_args(tmp_path / "beat-schedule"), environment)
    return processes.start(name, worker_args(queue), environment)


def signed_for(anniversary: dt.date) -> dt.date:
    """A signing date whose anniversary falls on ``anniversary`` (11 years before)."""
    if (anniversary.month, anniversary.day) == (2, 29):
        return dt.date(2000, 2, 29)
    return anniversary.replace(year=anniversary.year - 11)


def scans_run(processes) -> int:
    log = (processes.log_dir / "worker.log").read_text(errors="replace")
    return log.count("Task crm.tasks.run_reminder_scan[") // 2  # "received" and "succeeded"


def test_a_due_reminder_reaches_the_smtp_server_once(processes, queue, tmp_path):
    owner = UserFactory(language="en")
    manager = make_manager(language="en")
    partner = PartnerFactory(owner=owner)
    agreement = AgreementFactory(
        partner=partner, signed_on=signed_for(local_today() + dt.timedelta(days=7))
    )
    every_second("crm.tasks.run_reminder_scan")

    with smtp_server() as server:
        start_celery(processes, queue, tmp_path, smtp_port=server.port)
        anniversaries = Notification.objects.filter(kind="anniversary", object_id=agreement.pk)
        wait_until(
            lambda: anniversaries.filter(status="sent").count() == 2,
            timeout=45,
            what="both anniversary emails",
            logs=processes.logs,
        )
        after_delivery = scans_run(processes)
        wait_until(
            lambda: scans_run(processes) >= after_delivery + 3,
            timeout=20,
            what="three more scans",
            logs=processes.logs,
        )
        received = server.notification_ids()
        recipients = sorted(
            m["To"] for m in server.messages if m["Subject"].strip().startswith("Anniversary")
        )

    assert recipients == sorted([owner.email, manager.email])
    assert set(anniversaries.values_list("pk", flat=True)) <= set(received)
    assert len(received) == len(set(received))  # every email once, however many scans ran
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(received) == sorted(Notification.objects.values_list("pk", flat=True))


def test_with_the_smtp_server_down_the_notification_is_retried_and_delivered_when_it_returns(
    processes, queue, tmp_path
):
    owner = UserFactory()
    CommitmentFactory(owner=owner, due_on=local_today())
    every_second("crm.tasks.run_reminder_scan")
    port = free_port()  # nothing listens there yet

    start_celery(processes, queue, tmp_path, smtp_port=port, NOTIFICATION_RETRY_SECONDS="1")
    wait_until(
        lambda: Notification.objects.filter(status="pending", attempts__gte=2).exists(),
        timeout=45,
        what="two failed attempts",
        logs=processes.logs,
    )
    notification = Notification.objects.get()
    assert "ConnectionRefusedError" in notification.last_error

    with smtp_server(port=port) as server:
        wait_until(
            lambda: Notification.objects.filter(status="sent").exists(),
            timeout=30,
            what="delivery once the SMTP server is back",
            logs=processes.logs,
        )
        received = server.notification_ids()

    notification.refresh_from_db()
    assert received == [notification.pk]
    assert notification.attempts >= 3
    assert notification.last_error == ""


def test_a_worker_killed_mid_send_loses_no_notification(processes, queue, tmp_path):
    owner = UserFactory()
    CommitmentFactory(owner=owner, due_on=local_today())
    every_second("crm.tasks.run_reminder_scan", "crm.tasks.sweep_notifications")
    server = SMTPServer().start()
    server.hang = True  # the first message hangs in DATA: the worker is stuck mid-send
    try:
        worker = start_celery(processes, queue, tmp_path, smtp_port=server.port)
        wait_until(server.hung.is_set, timeout=45, what="the send to hang", logs=processes.logs)
        notification = Notification.objects.get()
        assert notification.status == "sending"

        processes.kill(worker)  # SIGKILL: no chance to clean up
        notification.refresh_from_db()
        assert (notification.status, server.messages) == ("sending", [])

        # Fifteen minutes pass for the stuck row (NOTIFICATION_STALE_MINUTES).
        Notification.objects.filter(pk=notification.pk).update(
            claimed_at=F("claimed_at") - dt.timedelta(minutes=16)
        )
        start_celery(processes, queue, tmp_path, smtp_port=server.port, name="worker-2", beat=False)
        wait_until(
            lambda: Notification.objects.filter(status="sent").exists(),
            timeout=45,
            what="the sweeper to re-queue it and the new worker to send it",
            logs=processes.logs,
        )
        received = server.notification_ids()
    finally:
        server.stop()

    notification.refresh_from_db()
    assert received == [notification.pk]
    assert notification.attempts == 2
