from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class VisitsConfig(AppConfig):
    name = "visits"
    verbose_name = _("Visits")

    def ready(self) -> None:
        # The shared packages never name this app: it registers what it contributes.
        from crm.outbox.models import Notification
        from crm.outbox.notifications import register_digest_section, register_source
        from relations.models import PartnerQuerySet
        from relations.selectors import register_timeline
        from visits import reminders, selectors

        kind = Notification.Kind
        for source, kinds, context in (
            (
                reminders.due_commitments,
                [kind.COMMITMENT_DUE, kind.COMMITMENT_OVERDUE],
                reminders.commitment_context,
            ),
            (
                reminders.due_invitations,
                [
                    kind.INVITATION_RSVP_SOON,
                    kind.INVITATION_NO_ANSWER,
                    kind.INVITATION_LOGISTICS,
                    kind.INVITATION_DRAFT,
                ],
                reminders.invitation_context,
            ),
            (
                reminders.due_trip_reports,
                [kind.TRIP_REPORT_DUE, kind.TRIP_REPORT_OVERDUE],
                reminders.trip_report_context,
            ),
            (reminders.due_gifts, [kind.GIFT_REGISTRATION], reminders.gift_context),
        ):
            register_source(source, kinds=kinds, context=context)
        register_digest_section(reminders.digest_section)
        PartnerQuerySet.register_activity(selectors.partner_activity)
        register_timeline(selectors.partner_timeline_entries)
