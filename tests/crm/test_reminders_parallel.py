"""Two ``manage.py reminders run`` processes at once against one database (SPEC §3.3, §6)."""

from __future__ import annotations

import datetime as dt
import re
import subprocess
import sys

import pytest

from crm.outbox.models import Notification
from tests.crm.reminders_support import BASE_DIR, make_manager, smtp_server, subprocess_env
from tests.factories import AgreementFactory, CommitmentFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db(transaction=True)

PARTNERS = 40


def run_in_parallel(count: int, env: dict[str, str]) -> list[str]:
    command = [sys.executable, "manage.py", "reminders", "run", "--today", "2025-07-12"]
    processes = [
        subprocess.Popen(
            command, cwd=BASE_DIR, env=env, stdout=subprocess.PIPE, stderr=subprocess.STDOUT
        )
        for _ in range(count)
    ]
    outputs = []
    for process in processes:
        try:
            out, _ = process.communicate(timeout=90)
        finally:
            if process.poll() is None:
                process.kill()
        assert process.returncode == 0, out.decode()
        outputs.append(out.decode())
    return outputs


def test_two_runs_in_parallel_send_exactly_one_email_per_key():
    officer = UserFactory(role="officer", language="en")
    managers = [make_manager(language="en"), make_manager(language="zh-hant")]
    for _ in range(PARTNERS):
        AgreementFactory(partner=PartnerFactory(owner=officer), signed_on=dt.date(2000, 7, 19))
    CommitmentFactory(owner=officer, due_on=dt.date(2025, 7, 15))

    with smtp_server() as server:
        env = subprocess_env(EMAIL_HOST="127.0.0.1", EMAIL_PORT=str(server.port))
        outputs = run_in_parallel(2, env)
        received = server.notification_ids()
        # And once more, after both: nothing is owed that was not sent.
        (again,) = run_in_parallel(1, env)
        assert server.notification_ids() == received

    expected = PARTNERS * 3 + 1 + len(managers)  # anniversaries, the commitment, digests
    assert len(received) == expected
    assert len(set(received)) == expected  # no email twice
    assert Notification.objects.count() == expected  # no row twice
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}
    assert sorted(received) == sorted(Notification.objects.values_list("pk", flat=True))
    # Each process reports what it sent; together they sent each email once.
    sent = [int(m.group(1)) for out in outputs for m in [re.search(r"(\d+) sent", out)] if m]
    assert sum(sent) == expected
    assert "nothing due" in again
