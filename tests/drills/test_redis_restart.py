"""Fault drill: the broker Redis restarted in the middle of a reminder run (SPEC §3.3).

A Celery worker and beat run on a Redis of this drill's own (append-only file on, as in
docker-compose.yml) and deliver due reminders to a real SMTP server that takes a moment
per message. When a third of them has arrived, Redis is stopped for a few seconds and
started again on the same files. Every reminder must arrive exactly once.

The scan queues a send task only for outbox rows it created, so the reminders still
queued at the restart can only reach the SMTP server if the queue survived it; and
the claim (``pending`` → ``sending``) keeps a task redelivered after the restart from
sending twice.

The restart is a clean one (SIGTERM, as ``docker compose restart redis`` sends): Redis
writes its append-only file before exiting. After a crash, with the default
``appendfsync everysec``, up to a second of queued tasks can be lost; their outbox rows
stay ``pending`` and the sweeper queues them again after ``NOTIFICATION_STALE_MINUTES``.
"""

from __future__ import annotations

import time

import pytest

from crm.core.formatting import local_today
from crm.outbox.models import Notification
from tests.crm.reminders_support import beat_args, wait_until, worker_args
from tests.drills.conftest import celery_env, log_of, run_every
from tests.factories import CommitmentFactory, UserFactory

pytestmark = [pytest.mark.drills, pytest.mark.django_db(transaction=True)]

REMINDERS = 30
OUTAGE_SECONDS = 3


def scans_run(processes) -> int:
    return log_of(processes, "worker").count("Task crm.tasks.run_reminder_scan[") // 2


def test_every_due_reminder_is_delivered_once_across_a_redis_restart(
    processes, queue, slow_smtp, private_redis
):
    owners = [UserFactory(language="en") for _ in range(5)]
    for i in range(REMINDERS):
        CommitmentFactory(owner=owners[i % len(owners)], due_on=local_today())
    run_every(1, "crm.tasks.run_reminder_scan", "Reminder scan (drill)")
    server = slow_smtp(delay=0.3)
    env = celery_env(queue, server.port, CELERY_BROKER_URL=private_redis.url)
    processes.start("beat", beat_args(processes.log_dir / "beat-schedule"), env)
    processes.start("worker", worker_args(queue), env)

    wait_until(
        lambda: len(server.messages) >= REMINDERS // 3,
        timeout=60,
        what="a third of the reminders",
        logs=processes.logs,
    )
    queued_at_stop = private_redis.llen(queue)
    private_redis.stop()
    stopped_at = time.monotonic()
    received_before = len(server.messages)
    time.sleep(OUTAGE_SECONDS)
    private_redis.start()
    back_at = time.monotonic()

    sent = Notification.objects.filter(status="sent")
    wait_until(
        lambda: sent.count() >= REMINDERS,
        timeout=90,
        what="every reminder after the restart",
        logs=processes.logs,
    )
    done_at = time.monotonic()
    # Beat and the worker are back on the restarted Redis: more scans run, none resends.
    scans = scans_run(processes)
    wait_until(
        lambda: scans_run(processes) >= scans + 3,
        timeout=30,
        what="three more scans after the restart",
        logs=processes.logs,
    )
    received = server.notification_ids()
    arrived_after = sum(1 for t in server.arrived if t > back_at)
    worker_log = log_of(processes, "worker")

    print(
        f"\nRedis drill: {REMINDERS} reminders; {received_before} received before the stop, "
        f"{queued_at_stop} tasks queued in Redis at the stop, Redis down "
        f"{back_at - stopped_at:.1f} s, {arrived_after} received after the restart, all "
        f"delivered {done_at - back_at:.1f} s after it; SMTP messages {len(received)}, "
        f"distinct {len(set(received))}"
    )
    assert 0 < received_before < REMINDERS  # the restart came in the middle of the run
    assert queued_at_stop > 0  # with sends still waiting in the queue
    assert arrived_after > 0
    assert "Connection to broker lost" in worker_log  # the worker did lose its broker
    assert len(received) == len(set(received)) == REMINDERS  # each exactly once
    assert sorted(received) == sorted(Notification.objects.values_list("pk", flat=True))
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
