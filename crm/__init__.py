"""Project package: settings, URLs, the Celery app and what the domain apps share."""

from crm.celery import app as celery_app

__all__ = ["celery_app"]
