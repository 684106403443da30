"""Serializers of the visits API. They validate; the viewsets call the services to write.

Field names are the models' (SPEC §2.2, §5.2); foreign keys are ids, topics slugs.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import serializers

from crm.api import fields
from crm.api.serializers import TRACKING_FIELDS, CrmModelSerializer
from crm.core.models import User
from relations.api.serializers import (
    END_BEFORE_START,
    NEEDS_A_NAME,
    PRECISION_HELP,
    TopicSlugsField,
)
from relations.models import Partner
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    MemberAbsence,
    Visit,
)
from visits.services import default_report_due

CLOSED = (Commitment.Status.DONE, Commitment.Status.DROPPED)
OUTCOME_HELP = _(
    "What came of it: outcome_local in the office's language, outcome in English. One of "
    "them is required to close a commitment (done or dropped)."
)
NEEDS_AN_OUTCOME = _(
    "Say what came of it before closing the commitment: outcome_local (the office's "
    "language), outcome (English) or both."
)
# Owners default to the signed-in user when a row is created, never when it is replaced (PUT).
CURRENT_USER_ON_CREATE = serializers.CreateOnlyDefault(serializers.CurrentUserDefault())


class VisitSerializer(CrmModelSerializer):
    partners = fields.StrictPrimaryKeyRelatedField(
        many=True,
        queryset=Partner.objects.all(),
        required=False,
        help_text=_("Partners visited (outbound) or visiting (inbound)."),
    )

    class Meta:
        model = Visit
        fields = [
            "id",
            "title",
            "title_local",
            "direction",
            "category",
            "purpose_local",
            "purpose",
            "partners",
            "start_on",
            "end_on",
            "date_precision",
            "status",
            *Visit.REPORT_NARRATIVE,
            "report_due_on",
            "report_submitted_on",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS
        extra_kwargs = {
            "report_due_on": {"help_text": _("Default: three months after the end of the visit.")},
            "date_precision": {"help_text": PRECISION_HELP},
        }

    def validate(self, attrs):
        self.require_order(attrs, "start_on", "end_on", END_BEFORE_START)
        if self.instance is None and attrs.get("end_on") and not attrs.get("report_due_on"):
            try:
                default_report_due(attrs["end_on"])
            except (OverflowError, ValueError):
                raise serializers.ValidationError(
                    {"end_on": [_("Too far in the future to set a report due date from.")]}
                ) from None
        return attrs


class AbsenceSerializer(serializers.ModelSerializer):
    class Meta:
        model = MemberAbsence
        fields = ["starts_on", "ends_on", "reason"]


class MemberSerializer(CrmModelSerializer):
    absences = AbsenceSerializer(
        many=True,
        read_only=True,
        help_text=_("Breaks in the member's participation (left, then rejoined)."),
    )

    class Meta:
        model = DelegationMember
        fields = [
            "id",
            "visit",
            "order",
            "name",
            "name_local",
            "department",
            "department_local",
            "title",
            "title_local",
            "role",
            "user",
            "official",
            "joined_on",
            "left_on",
            "absences",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs):
        self.require_one_of(attrs, ("name", "name_local"), NEEDS_A_NAME)
        self.require_order(attrs, "joined_on", "left_on", END_BEFORE_START)
        return attrs


class EngagementSerializer(CrmModelSerializer):
    topics = TopicSlugsField(many=True, required=False)

    class Meta:
        model = Engagement
        fields = [
            "id",
            "visit",
            "date",
            "order",
            "start_time",
            "end_time",
            "time_zone",
            "kind",
            "title",
            "title_local",
            "partner",
            "organization",
            "location",
            "officials",
            "attendees",
            "topics",
            "notes_local",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS
        extra_kwargs = {
            "officials": {"required": False},
            "attendees": {
                "required": False,
                "help_text": _("Our attendees: ids of members of the same visit."),
            },
            "time_zone": {"help_text": _("IANA time zone of the place; default: the partner's.")},
        }

    def validate(self, attrs):
        self.require_one_of(
            attrs, ("title", "title_local"), _("Give a title in at least one script.")
        )
        self.require_order(attrs, "start_time", "end_time", END_BEFORE_START)
        visit = self.current(attrs, "visit")
        attendees = attrs.get("attendees") or []
        strangers = [m.pk for m in attendees if visit is not None and m.visit_id != visit.pk]
        if strangers:
            raise serializers.ValidationError(
                {"attendees": [_("Members %(ids)s are not on this visit.") % {"ids": strangers}]}
            )
        return attrs


class VisitDetailSerializer(VisitSerializer):
    """A visit with its delegation (protocol order) and itinerary (by day and order)."""

    members = MemberSerializer(many=True, read_only=True)
    engagements = EngagementSerializer(many=True, read_only=True)

    class Meta(VisitSerializer.Meta):
        fields = [*VisitSerializer.Meta.fields, "members", "engagements"]


class CommitmentSerializer(CrmModelSerializer):
    owner = fields.StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(),
        default=CURRENT_USER_ON_CREATE,
        help_text=_(
            "Who follows it up (user id: an active officer, manager or administrator); "
            "defaults to you. Only managers change it."
        ),
    )
    is_overdue = serializers.BooleanField(
        source="overdue",
        read_only=True,
        help_text=_("Open or in progress, and due before today."),
    )

    class Meta:
        model = Commitment
        fields = [
            "id",
            "title_local",
            "title",
            "details_local",
            "details",
            "kind",
            "visit",
            "engagement",
            "contact",
            "partner",
            "counterparts",
            "owner",
            "due_on",
            "priority",
            "status",
            "completed_on",
            "outcome_local",
            "outcome",
            "is_overdue",
            "reviewed_by",
            "reviewed_at",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["reviewed_by", "reviewed_at", *TRACKING_FIELDS]
        extra_kwargs = {
            "counterparts": {"required": False},
            "completed_on": {"help_text": _("Default when closing: today.")},
            "title_local": {"help_text": _("Title in the office's language.")},
            "title": {
                "help_text": _("Title in English; one of title_local and title is required.")
            },
            "outcome_local": {"help_text": OUTCOME_HELP},
            "outcome": {"help_text": OUTCOME_HELP},
        }

    def validate(self, attrs):
        self.require_one_of(
            attrs,
            ("title", "title_local"),
            _("Give a title: title_local (the office's language), title (English) or both."),
        )
        if self.current(attrs, "status") in CLOSED and not Commitment.states_outcome(
            self.current(attrs, "outcome_local"), self.current(attrs, "outcome")
        ):
            raise serializers.ValidationError({"outcome": [NEEDS_AN_OUTCOME]})
        return attrs


class CompleteCommitmentSerializer(serializers.Serializer):
    outcome_local = fields.StrictCharField(
        max_length=Commitment._meta.get_field("outcome_local").max_length,
        required=False,
        allow_blank=True,
        help_text=_("What came of it, in the office's language."),
    )
    outcome = fields.StrictCharField(
        max_length=Commitment._meta.get_field("outcome").max_length,
        required=False,
        allow_blank=True,
        help_text=_("What came of it, in English. One of outcome_local and outcome is required."),
    )
    status = serializers.ChoiceField(choices=CLOSED, default=Commitment.Status.DONE)
    completed_on = serializers.DateField(required=False, help_text=_("Default: today."))

    def validate(self, attrs):
        if not Commitment.states_outcome(attrs.get("outcome_local"), attrs.get("outcome")):
            raise serializers.ValidationError({"outcome": [NEEDS_AN_OUTCOME]})
        return attrs


class EventSerializer(CrmModelSerializer):
    owner = fields.StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(),
        default=CURRENT_USER_ON_CREATE,
        help_text=_("User id (an active officer, manager or administrator); defaults to you."),
    )

    class Meta:
        model = Event
        fields = [
            "id",
            "title",
            "title_local",
            "starts_on",
            "ends_on",
            "location",
            "description_local",
            "description",
            "owner",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs):
        self.require_order(attrs, "starts_on", "ends_on", END_BEFORE_START)
        return attrs


class InvitationSerializer(CrmModelSerializer):
    owner = fields.StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(),
        default=CURRENT_USER_ON_CREATE,
        help_text=_("User id (an active officer, manager or administrator); defaults to you."),
    )

    class Meta:
        model = Invitation
        fields = [
            "id",
            "event",
            "invitee",
            "owner",
            "status",
            "sent_on",
            "rsvp_by",
            "responded_on",
            "commitment",
            "notes_local",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs):
        sent = {
            Invitation.Status.SENT,
            Invitation.Status.ACCEPTED,
            Invitation.Status.DECLINED,
            Invitation.Status.NO_RESPONSE,
        }
        if self.current(attrs, "status") in sent and self.current(attrs, "sent_on") is None:
            raise serializers.ValidationError(
                {"sent_on": [_("Give the date the invitation was sent.")]}
            )
        return attrs


class GiftSerializer(CrmModelSerializer):
    needs_registration = serializers.BooleanField(
        source="registration_due",
        read_only=True,
        help_text=_(
            "Received, not registered yet, and worth the registration threshold or more in "
            "TWD, or with no value in TWD recorded (someone must decide)."
        ),
    )

    class Meta:
        model = Gift
        fields = [
            "id",
            "direction",
            "description",
            "description_local",
            "date",
            "partner",
            "official",
            "organization",
            "member",
            "user",
            "visit",
            "engagement",
            "event",
            "estimated_value",
            "currency",
            "value_twd",
            "disposition",
            "registered_on",
            "needs_registration",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["value_twd", *TRACKING_FIELDS]
        extra_kwargs = {"estimated_value": {"min_value": 0}}

    def validate(self, attrs):
        self.require_one_of(
            attrs,
            ("description", "description_local"),
            _("Describe the gift in at least one script."),
        )
        return attrs
