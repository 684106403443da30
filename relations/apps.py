from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class RelationsConfig(AppConfig):
    name = "relations"
    verbose_name = _("Relations")

    def ready(self) -> None:
        # The shared packages never name this app: it registers what it contributes.
        from crm.outbox.models import Notification
        from crm.outbox.notifications import register_digest_section, register_source
        from relations import reminders

        register_source(
            reminders.due_anniversaries,
            kinds=[Notification.Kind.ANNIVERSARY],
            context=reminders.anniversary_context,
        )
        register_digest_section(reminders.digest_section)
