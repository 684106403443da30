"""Fault drill: two beat processes (DatabaseScheduler) and two workers at once (SPEC §3.3, §6).

Beat has no lock of its own: started twice by mistake (or by scaling out), both fire the
reminder scan on schedule. Here both fire it every two seconds for about twenty seconds
against a database holding reminders of several kinds, with two workers taking the
tasks, and every (kind, object, occurrence, lead time, recipient) must be emailed once.
"""

from __future__ import annotations

import datetime as dt
import time
from collections import Counter

import pytest

from crm.core.formatting import local_today
from crm.outbox.models import Notification
from tests.crm.reminders_support import beat_args, make_manager, wait_until, worker_args
from tests.drills.conftest import celery_env, log_of, run_every
from tests.factories import AgreementFactory, CommitmentFactory, PartnerFactory, UserFactory

pytestmark = [pytest.mark.drills, pytest.mark.django_db(transaction=True)]

RUN_SECONDS = 20


def anniversary_in(days: int) -> dt.date:
    """A signing date, 10 years back, whose anniversary is ``days`` from today."""
    day = local_today() + dt.timedelta(days=days)
    if (day.month, day.day) == (2, 29):
        day += dt.timedelta(days=1)
    return day.replace(year=day.year - 10)


def fired(processes) -> dict[str, int]:
    """How many times each beat sent the scan task."""
    return {
        name: log_of(processes, name).count("Sending due task Reminder scan")
        for name in ("beat-1", "beat-2")
    }


def test_two_beats_and_two_workers_email_each_reminder_once(processes, queue, slow_smtp):
    owners = [UserFactory(language=language) for language in ("en", "zh-hant", "en")]
    make_manager(language="en")
    make_manager(language="zh-hant")
    today = local_today()
    for i in range(12):  # due today, due in 3 days, a week overdue
        CommitmentFactory(owner=owners[i % 3], due_on=today + dt.timedelta(days=(0, 3, -7)[i % 3]))
    for i in range(4):  # anniversaries in 7 days (a milestone, 10 years): owner and managers
        partner = PartnerFactory(owner=owners[i % 3])
        AgreementFactory(partner=partner, signed_on=anniversary_in(7))
    run_every(2, "crm.tasks.run_reminder_scan", "Reminder scan")  # the installed task, faster
    server = slow_smtp(delay=0.05)
    env = celery_env(queue, server.port)
    for name in ("beat-1", "beat-2"):
        processes.start(name, beat_args(processes.log_dir / f"{name}-schedule"), env)
    for name in ("worker-1", "worker-2"):
        processes.start(name, [*worker_args(queue)[:-1], f"--hostname={name}-{queue}@%h"], env)

    started = time.monotonic()
    wait_until(
        lambda: Notification.objects.exists(), timeout=45, what="a scan", logs=processes.logs
    )
    time.sleep(max(0.0, RUN_SECONDS - (time.monotonic() - started)))
    wait_until(  # on a slow machine the beats start late: give them their turns
        lambda: min(fired(processes).values()) >= 5,
        timeout=30,
        what="each beat to fire the scan five times",
        logs=processes.logs,
    )
    wait_until(
        lambda: not Notification.objects.exclude(status="sent").exists(),
        timeout=30,
        what="every notification sent",
        logs=processes.logs,
    )
    received = server.notification_ids()
    fired_scans = fired(processes)
    scans = sum(
        log_of(processes, name).count("crm.tasks.run_reminder_scan[") // 2
        for name in ("worker-1", "worker-2")
    )
    sends = {
        name: log_of(processes, name).count("Task crm.tasks.send_notification[") // 2
        for name in ("worker-1", "worker-2")
    }
    rows = Notification.objects.in_bulk(received)
    keys = Counter(
        (n.kind, n.object_type, n.object_id, n.occurrence, n.lead_days, n.recipient_id)
        for n in (rows[pk] for pk in received)
    )

    print(
        f"\nTwo-beat drill: {RUN_SECONDS} s; beat fired the scan {fired_scans}, workers ran "
        f"{scans} scans and {sends} sends; outbox {Notification.objects.count()} rows; "
        f"SMTP received {len(received)} ({len(set(received))} distinct)"
    )
    assert min(fired_scans.values()) >= 5  # both beats really fired the scan, again and again
    assert scans >= 10
    assert len(received) == len(set(received))  # no notification emailed twice
    assert max(keys.values()) == 1  # no (kind, object, occurrence, lead, recipient) twice
    assert all(m["To"] == rows[int(m["X-CRM-Notification"])].email for m in server.messages)
    assert len(received) == Notification.objects.filter(status="sent").count()
    kinds = Counter(Notification.objects.values_list("kind", flat=True))
    print(f"Two-beat drill: outbox by kind {dict(kinds)}")
    assert kinds["commitment_due"] + kinds["commitment_overdue"] == 12
    assert kinds["anniversary"] == 4 * 3  # the owner and the two managers
    assert kinds["weekly_digest"] in {0, 2}  # none on Monday before 08:00
    assert sum(kinds.values()) == len(received)
