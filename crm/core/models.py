"""Shared models: the member of staff with their preferences, and the base of every domain row.

They belong to the ``crm`` Django app (``app_label``): the tables, permissions and
migrations stay where they were when these lived in ``crm/models.py``.
"""

from __future__ import annotations

import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils.translation import gettext_lazy as _

from crm.core.calendar_tokens import token_for


def new_calendar_key() -> str:
    return secrets.token_urlsafe(32)


# Migration crm.0001 names the default of the field this replaced.
new_calendar_token = new_calendar_key


class User(AbstractUser):
    """A member of staff. Role = Django group (viewer, officer, manager) or superuser."""

    class Language(models.TextChoices):
        ZH_HANT = "zh-hant", "繁體中文"
        EN = "en", "English"

    language = models.CharField(
        verbose_name=_("language"),
        max_length=8,
        choices=Language.choices,
        default=Language.ZH_HANT,
    )
    roc_dates = models.BooleanField(
        verbose_name=_("ROC calendar dates"),
        default=True,
        help_text=_("Show dates as 民國 years when the interface is in Traditional Chinese."),
    )
    calendar_key = models.CharField(
        verbose_name=_("calendar key"),
        max_length=64,
        default=new_calendar_key,
        editable=False,
        help_text=_("Random part of the secret calendar address; a new one revokes the old."),
    )

    class Meta(AbstractUser.Meta):
        app_label = "crm"
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username

    @property
    def calendar_token(self) -> str:
        """The secret part of the user's calendar address (``crm.core.calendar_tokens``)."""
        return token_for(self)


class TrackedModel(models.Model):
    """Base of every domain row: timestamps, creator, and a version for optimistic locking.

    ``version`` goes up by one on every update made through the services; the API
    exposes it as the ETag, so a stale ``If-Match`` is refused instead of overwriting.
    """

    created_at = models.DateTimeField(verbose_name=_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(verbose_name=_("updated at"), auto_now=True)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("created by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        editable=False,
    )
    version = models.PositiveIntegerField(verbose_name=_("version"), default=1, editable=False)

    class Meta:
        abstract = True
