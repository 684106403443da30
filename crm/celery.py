"""The Celery application: Redis broker, JSON only, tasks discovered in each app."""

import os

from celery import Celery

os.environ.setdefault("DJANGO_SETTINGS_MODULE", "crm.settings")

app = Celery("crm")
app.config_from_object("django.conf:settings", namespace="CELERY")
# The outbox is the only package with tasks; it is not an installed app of its own.
app.autodiscover_tasks(["crm.outbox"])
