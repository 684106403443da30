"""Install the reminder schedules in django-celery-beat's database scheduler (admin-editable).

Crontabs in Asia/Taipei, whatever the server's zone: the reminder scan every day at
06:00 (it is idempotent, so an administrator may make it hourly), the stale-notification
sweeper every 5 minutes, the managers' weekly digest on Mondays at 08:00.
Existing tasks with these names are left as the administrator set them.
"""

from django.db import migrations

TIME_ZONE = "Asia/Taipei"

SCHEDULES = [
    # name, task, crontab (minute, hour, day_of_week), description
    (
        "Reminder scan",
        "crm.tasks.run_reminder_scan",
        ("0", "6", "*"),
        "Finds every reminder owed today (anniversaries, commitments, invitations, trip "
        "reports, gifts) and queues its emails. Safe to run hourly.",
    ),
    (
        "Stale notification sweeper",
        "crm.tasks.sweep_notifications",
        ("*/5", "*", "*"),
        "Re-queues notifications left 'sending' by a killed worker for 15 minutes.",
    ),
    (
        "Managers' weekly digest",
        "crm.tasks.send_weekly_digest",
        ("0", "8", "1"),
        "Monday 08:00 Taipei: the weekly digest to every manager.",
    ),
]


def install(apps, schema_editor):
    crontab_model = apps.get_model("django_celery_beat", "CrontabSchedule")
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    for name, task, (minute, hour, day_of_week), description in SCHEDULES:
        if task_model.objects.filter(name=name).exists():
            continue
        crontab, _ = crontab_model.objects.get_or_create(
            minute=minute,
            hour=hour,
            day_of_week=day_of_week,
            day_of_month="*",
            month_of_year="*",
            timezone=TIME_ZONE,
        )
        task_model.objects.create(
            name=name, task=task, crontab=crontab, description=description, enabled=True
        )


def remove(apps, schema_editor):
    task_model = apps.get_model("django_celery_beat", "PeriodicTask")
    task_model.objects.filter(name__in=[name for name, *_ in SCHEDULES]).delete()


class Migration(migrations.Migration):
    dependencies = [
        ("crm", "0003_notification_outbox"),
        ("django_celery_beat", "0019_alter_periodictasks_options"),
    ]

    operations = [migrations.RunPython(install, remove)]
