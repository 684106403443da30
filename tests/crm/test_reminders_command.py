"""``manage.py reminders run [--today] [--dry-run]`` (SPEC §6), and the default beat schedules."""

from __future__ import annotations

import datetime as dt
from io import StringIO

import pytest
from django.core import mail
from django.core.management import CommandError, call_command
from django_celery_beat.models import PeriodicTask

from crm.celery import app
from crm.outbox.models import Notification
from tests.factories import AgreementFactory, CommitmentFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


def reminders(*args: str) -> str:
    out = StringIO()
    call_command("reminders", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def due_on_12_july():
    officer = UserFactory(role="officer")
    AgreementFactory(partner=PartnerFactory(owner=officer), signed_on=dt.date(2000, 7, 19))
    CommitmentFactory(owner=officer, due_on=dt.date(2025, 7, 15))
    return officer


def test_a_dry_run_prints_what_would_be_sent_and_writes_nothing(due_on_12_july):
    out = reminders("run", "--today", "2025-07-12", "--dry-run")

    assert "would send 2" in out
    assert "anniversary            2025-07-19 lead    7" in out
    assert "commitment_due         2025-07-15 lead    3" in out
    assert due_on_12_july.email in out
    assert Notification.objects.count() == 0
    assert mail.outbox == []


def test_run_scans_and_delivers_for_the_given_day_and_is_safe_to_repeat(due_on_12_july):
    out = reminders("run", "--today", "2025-07-12")

    assert "Reminders for 2025-07-12: 2 owed, 2 new; delivery: 2 sent." in out
    assert sorted(m.to[0] for m in mail.outbox) == [due_on_12_july.email] * 2
    assert set(Notification.objects.values_list("status", flat=True)) == {"sent"}

    again = reminders("run", "--today", "2025-07-12")
    assert "2 owed, 0 new; delivery: nothing due." in again
    assert len(mail.outbox) == 2


def test_run_refuses_a_date_that_is_not_a_date():
    with pytest.raises(CommandError, match="not a date"):
        reminders("run", "--today", "12/07/2025")


def test_the_default_schedules_are_installed_in_taipei_time():
    tasks = {t.name: t for t in PeriodicTask.objects.select_related("crontab")}

    def crontab(name):
        c = tasks[name].crontab
        return (c.minute, c.hour, c.day_of_week, c.day_of_month, c.month_of_year, str(c.timezone))

    assert tasks["Reminder scan"].task == "crm.tasks.run_reminder_scan"
    assert crontab("Reminder scan") == ("0", "6", "*", "*", "*", "Asia/Taipei")
    assert tasks["Stale notification sweeper"].task == "crm.tasks.sweep_notifications"
    assert crontab("Stale notification sweeper") == ("*/5", "*", "*", "*", "*", "Asia/Taipei")
    assert tasks["Managers' weekly digest"].task == "crm.tasks.send_weekly_digest"
    assert crontab("Managers' weekly digest") == ("0", "8", "1", "*", "*", "Asia/Taipei")
    assert all(tasks[name].enabled for name in tasks if name.startswith(("Reminder", "Stale")))


def test_the_scheduled_tasks_are_registered_with_the_celery_app():
    app.loader.import_default_modules()

    for name in (
        "crm.tasks.run_reminder_scan",
        "crm.tasks.sweep_notifications",
        "crm.tasks.send_weekly_digest",
        "crm.tasks.send_notification",
    ):
        assert name in app.tasks
