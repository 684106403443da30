"""The attachment table (SPEC §2.3); uploads and their checks: ``crm.attachments.services``."""

from __future__ import annotations

import logging
import posixpath
import secrets

from django.db import models, transaction
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete
from django.dispatch import receiver
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from crm.core.audit import audited
from crm.core.models import TrackedModel

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

    Written only through ``crm.attachments.services.attach``, which checks the size limit and
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

    # The stored name (``attachments/2025/07/19/<random>.pdf``) is a storage secret: the
    # audit history says that the file was set or changed, not where it is.
    history_redacted = frozenset({"file"})

    class Meta:
        app_label = "crm"
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

    @staticmethod
    def target_columns() -> dict[str, models.Expression]:
        """``target_type`` and ``target_id`` as SQL, for reads that build no instances: the
        first linked target in ``ATTACHMENT_TARGETS`` order, as the properties say."""
        linked = [(name, f"{name}_id") for name in ATTACHMENT_TARGETS]
        return {
            "target_type": models.Case(
                *(
                    models.When(**{f"{column}__isnull": False}, then=models.Value(name))
                    for name, column in linked
                ),
                output_field=models.CharField(),
            ),
            "target_id": Coalesce(*(column for _name, column in linked)),
        }

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
