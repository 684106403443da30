"""The notification outbox table (SPEC §3.3); the work on it: ``crm.outbox.notifications``."""

from __future__ import annotations

import datetime as dt

from django.conf import settings
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.core.models import User


class Notification(models.Model):
    """One email of the outbox: a reminder kind × object × occurrence × lead time × recipient.

    The unique key is what makes reminders exactly-once (SPEC §3.3): scans insert with
    ``ON CONFLICT DO NOTHING``, so however often or in parallel they run a key gets one
    row; senders claim a row with a conditional update (``pending`` → ``sending``) and
    send only when they won it. The object is named by ``object_type`` (an app label and
    model name, ``relations.agreement``) and ``object_id`` rather than a generic foreign
    key: the scan writes thousands of rows in one statement without content-type lookups.
    ``lead_days`` is days before the occurrence (negative: days after it, for overdue
    and daily reminders), so the day it was owed is ``occurrence - lead_days``.
    """

    class Kind(models.TextChoices):
        ANNIVERSARY = "anniversary", _("anniversary")
        COMMITMENT_DUE = "commitment_due", _("commitment due")
        COMMITMENT_OVERDUE = "commitment_overdue", _("commitment overdue")
        INVITATION_RSVP_SOON = "invitation_rsvp_soon", _("invitation: RSVP date near")
        INVITATION_NO_ANSWER = "invitation_no_answer", _("invitation: no answer yet")
        INVITATION_LOGISTICS = "invitation_logistics", _("invitation: event near, accepted")
        INVITATION_DRAFT = "invitation_draft", _("invitation: event near, still a draft")
        TRIP_REPORT_DUE = "trip_report_due", _("trip report due")
        TRIP_REPORT_OVERDUE = "trip_report_overdue", _("trip report overdue")
        GIFT_REGISTRATION = "gift_registration", _("gift to register")
        WEEKLY_DIGEST = "weekly_digest", _("managers' weekly digest")

    class Status(models.TextChoices):
        PENDING = "pending", _("pending")
        SENDING = "sending", _("sending")
        SENT = "sent", _("sent")
        FAILED = "failed", _("failed")
        # What it reminded of was settled before its turn came (commitment done, gift registered).
        CANCELLED = "cancelled", _("cancelled")

    kind = models.CharField(verbose_name=_("kind"), max_length=30, choices=Kind.choices)
    object_type = models.CharField(verbose_name=_("object type"), max_length=60)
    object_id = models.PositiveBigIntegerField(verbose_name=_("object id"))
    occurrence = models.DateField(
        verbose_name=_("occurrence"),
        help_text=_("The date reminded of: the anniversary, the due date, the event …"),
    )
    lead_days = models.IntegerField(
        verbose_name=_("lead time (days)"),
        help_text=_("Days before the occurrence; negative for reminders after it."),
    )
    recipient = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("recipient"),
        on_delete=models.CASCADE,
        related_name="notifications",
    )
    email = models.EmailField(verbose_name=_("email address"))
    language = models.CharField(
        verbose_name=_("language"), max_length=8, choices=User.Language.choices
    )
    scheduled_for = models.DateField(
        verbose_name=_("owed on"), help_text=_("The local date the scan found it owed.")
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(verbose_name=_("attempts"), default=0)
    last_error = models.TextField(verbose_name=_("last error"), blank=True)
    created_at = models.DateTimeField(verbose_name=_("created at"), default=timezone.now)
    next_attempt_at = models.DateTimeField(verbose_name=_("next attempt at"), default=timezone.now)
    claimed_at = models.DateTimeField(verbose_name=_("claimed at"), null=True, blank=True)
    sent_at = models.DateTimeField(verbose_name=_("sent at"), null=True, blank=True)

    class Meta:
        app_label = "crm"
        verbose_name = _("notification")
        verbose_name_plural = _("notifications")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.UniqueConstraint(
                fields=["kind", "object_type", "object_id", "occurrence", "lead_days", "recipient"],
                name="notification_unique_key",
            ),
        ]
        indexes = [
            # Due work is found with one query over the pending rows only (healthchecks' Flip).
            models.Index(
                fields=["next_attempt_at"],
                name="notification_pending_idx",
                condition=models.Q(status="pending"),
            ),
            # The sweeper looks for rows left in `sending` by a killed worker.
            models.Index(
                fields=["claimed_at"],
                name="notification_sending_idx",
                condition=models.Q(status="sending"),
            ),
            models.Index(fields=["object_type", "object_id"], name="notification_object_idx"),
            models.Index(fields=["status", "-created_at"], name="notification_status_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.get_kind_display()} → {self.email} ({self.occurrence:%Y-%m-%d})"

    @property
    def owed_on(self):
        """The day this reminder was due by the rules (before any catch-up delay)."""
        return self.occurrence - dt.timedelta(days=self.lead_days)
