"""Admin for the notification outbox: what was sent, what is waiting, what failed and why.

Rows are written by the reminder scan only; the admin reads them and can send failed
or cancelled ones again (back to ``pending``, attempts reset, queued after commit).
"""

from __future__ import annotations

from functools import partial

from django.contrib import admin, messages
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crm.outbox.models import Notification
from crm.outbox.notifications import enqueue


@admin.register(Notification)
class NotificationAdmin(admin.ModelAdmin):
    list_display = (
        "created_at",
        "kind",
        "recipient",
        "email",
        "occurrence",
        "lead_days",
        "status",
        "attempts",
        "sent_at",
        "short_error",
    )
    list_filter = ("status", "kind", "language", "scheduled_for", "created_at")
    search_fields = ("email", "recipient__username", "recipient__last_name", "last_error")
    date_hierarchy = "created_at"
    list_select_related = ("recipient",)
    list_per_page = 100
    ordering = ("-created_at", "-id")
    actions = ("send_again",)
    readonly_fields = [field.name for field in Notification._meta.fields]

    def has_add_permission(self, request):
        return False

    def has_change_permission(self, request, obj=None):
        # Viewable, not editable: the status is the sender's to change.
        return False

    @admin.display(description=_("last error"))
    def short_error(self, obj: Notification) -> str:
        return (obj.last_error[:80] + "…") if len(obj.last_error) > 80 else obj.last_error

    def has_resend_permission(self, request) -> bool:
        return request.user.has_perm("crm.change_notification")

    @admin.action(
        description=_("Send the selected failed or cancelled notifications again"),
        permissions=["resend"],
    )
    def send_again(self, request, queryset):
        with transaction.atomic():
            ids = list(
                queryset.filter(
                    status__in=[Notification.Status.FAILED, Notification.Status.CANCELLED]
                ).values_list("pk", flat=True)
            )
            Notification.objects.filter(pk__in=ids).update(
                status=Notification.Status.PENDING,
                attempts=0,
                last_error="",
                next_attempt_at=timezone.now(),
            )
            transaction.on_commit(partial(enqueue, ids), robust=True)
        self.message_user(
            request,
            ngettext(
                "%(count)d notification queued again.",
                "%(count)d notifications queued again.",
                len(ids),
            )
            % {"count": len(ids)},
            messages.SUCCESS,
        )
