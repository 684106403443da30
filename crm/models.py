"""Shared models: the user with their preferences, the base class of domain rows, the outbox."""

from __future__ import annotations

import datetime as dt
import logging
import posixpath
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.audit import audited


def new_calendar_token() -> str:
    return secrets.token_urlsafe(32)


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
    calendar_token = models.CharField(
        verbose_name=_("calendar token"),
        max_length=64,
        unique=True,
        default=new_calendar_token,
        editable=False,
    )

    class Meta(AbstractUser.Meta):
        verbose_name = _("user")
        verbose_name_plural = _("users")
        ordering = ["username"]
        swappable = "AUTH_USER_MODEL"

    def __str__(self) -> str:
        return self.get_full_name() or self.username


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


# --- Attachments (SPEC §2.3) -------------------------------------------------------------------

# What an attachment can be linked to: the ``target_type`` of the API and its model.
ATTACHMENT_TARGETS = {
    "partner": "relations.Partner",
    "agreement": "relations.Agreement",
    "visit": "visits.Visit",
    "engagement": "visits.Engagement",
    "contact": "relations.Contact",
    "gift": "visits.Gift",
}


def attachment_path(instance: Attachment, filename: str) -> str:
    """Where a file is stored: ``attachments/2025/07/19/<32 random hex><extension>``.

    The name the user gave is kept in ``original_name`` only: a random stored name
    cannot be guessed, never collides, and carries nothing the user typed into the
    storage (no path tricks, no odd characters for an S3 key).
    """
    extension = posixpath.splitext(filename)[1].lower()[:10]
    return f"attachments/{timezone.localdate():%Y/%m/%d}/{secrets.token_hex(16)}{extension}"


def _exactly_one_target() -> models.Q:
    cases = []
    for name in ATTACHMENT_TARGETS:
        case = models.Q(**{f"{name}__isnull": False})
        for other in ATTACHMENT_TARGETS:
            if other != name:
                case &= models.Q(**{f"{other}__isnull": True})
        cases.append(case)
    condition = cases[0]
    for case in cases[1:]:
        condition |= case
    return condition


def _target(model: str, verbose_name) -> models.ForeignKey:
    return models.ForeignKey(
        model,
        verbose_name=verbose_name,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="attachments",
        # Listing by target uses the partial indexes of Meta.indexes instead.
        db_index=False,
    )


@audited()
class Attachment(TrackedModel):
    """A file (agreement scan, photo, letter) linked to exactly one partner, agreement,
    visit, engagement, contact or gift.

    Written only through ``crm.attachments.attach``, which checks the size limit and
    the type allow-list on the file's content. The file is stored through Django's
    storage API (``STORAGES["default"]``: local disk or an S3-compatible store) and is
    served only by the signed-in download views, never from a public media URL. A row
    that has attachments is not deleted silently: the foreign keys are PROTECT.
    """

    title = models.CharField(verbose_name=_("title"), max_length=200)
    file = models.FileField(verbose_name=_("file"), upload_to=attachment_path, max_length=255)
    original_name = models.CharField(verbose_name=_("original file name"), max_length=255)
    content_type = models.CharField(
        verbose_name=_("content type"),
        max_length=100,
        help_text=_("Detected from the file's content, not from its name."),
    )
    size = models.PositiveBigIntegerField(verbose_name=_("size (bytes)"))
    partner = _target("relations.Partner", _("partner"))
    agreement = _target("relations.Agreement", _("agreement"))
    visit = _target("visits.Visit", _("visit"))
    engagement = _target("visits.Engagement", _("engagement"))
    contact = _target("relations.Contact", _("contact"))
    gift = _target("visits.Gift", _("gift"))

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["-created_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=_exactly_one_target(),
                name="attachment_has_one_target",
                violation_error_message=_(
                    "Link the file to exactly one partner, agreement, visit, engagement, "
                    "contact or gift."
                ),
            ),
        ]
        indexes = [
            models.Index(
                fields=[name, "-created_at"],
                name=f"attachment_{name}_idx",
                condition=models.Q(**{f"{name}__isnull": False}),
            )
            for name in ATTACHMENT_TARGETS
        ]

    def __str__(self) -> str:
        return self.title or self.original_name

    @property
    def target_type(self) -> str | None:
        """Which of partner, agreement, visit, engagement, contact, gift it is linked to."""
        for name in ATTACHMENT_TARGETS:
            if getattr(self, f"{name}_id") is not None:
                return name
        return None

    @property
    def target_id(self) -> int | None:
        name = self.target_type
        return getattr(self, f"{name}_id") if name else None

    @property
    def target(self) -> models.Model | None:
        name = self.target_type
        return getattr(self, name) if name else None


@receiver(post_delete, sender=Attachment, dispatch_uid="crm.attachment_file_delete")
def _delete_attachment_file(sender, instance: Attachment, **kwargs) -> None:
    """A deleted attachment's file leaves the storage too, once the delete is committed."""
    name, storage = instance.file.name, instance.file.storage
    if not name:
        return

    def remove() -> None:
        try:
            storage.delete(name)
        except Exception:  # a storage hiccup must not undo a committed delete
            logging.getLogger(__name__).warning("Could not delete stored file %s", name)

    transaction.on_commit(remove)
