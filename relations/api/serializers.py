"""Serializers of the relations API. They validate; the viewsets call the services to write.

Field names are the models' (SPEC §2.1, §5.2); foreign keys are ids, topics slugs.
"""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.api import fields
from crm.api.readpath import from_column
from crm.api.serializers import TRACKING_FIELDS, CrmModelSerializer
from crm.core.models import User
from relations.anniversaries import is_milestone
from relations.models import (
    Agreement,
    Contact,
    DatePrecision,
    Official,
    Organization,
    Partner,
    Topic,
)
from relations.selectors import HEALTH_CHOICES

END_BEFORE_START = _("This is before the start.")
NEEDS_PARTNER_OR_ORGANIZATION = _("Give a partner, an organization or both.")
NEEDS_A_NAME = _("Give a name in at least one script.")
PRECISION_HELP = _(
    "day, month or year: how much of the date is on record. With month precision the date "
    "is stored on the 1st of the month, with year precision on 1 January."
)


class TopicSlugsField(fields.StrictSlugRelatedField):
    """Topics are referred to by slug (SPEC §5.2)."""

    def __init__(self, **kwargs):
        kwargs.setdefault("slug_field", "slug")
        kwargs.setdefault("queryset", Topic.objects.all())
        super().__init__(**kwargs)


class NextAnniversarySerializer(serializers.Serializer):
    date = serializers.DateField()
    years = serializers.IntegerField()
    is_milestone = serializers.BooleanField()
    approximate = serializers.BooleanField(
        help_text=_("The agreement's exact day (or month) is not on record.")
    )


class PartnerSerializer(CrmModelSerializer):
    # Any user id is read here; the model's rule (crm.core.roles.owner_choices) then says
    # why one who cannot act is refused, as for the other owner fields.
    owner = fields.StrictPrimaryKeyRelatedField(
        queryset=User.objects.all(),
        required=False,
        allow_null=True,
        help_text=_("Desk officer (user id): an active officer, manager or administrator."),
    )
    topics = TopicSlugsField(many=True, required=False)
    established_precision = serializers.ChoiceField(
        choices=DatePrecision.choices, allow_blank=True, read_only=True
    )
    next_anniversary = serializers.SerializerMethodField()
    last_contact_on = serializers.DateField(read_only=True, allow_null=True)
    open_commitments = serializers.IntegerField(read_only=True)
    overdue_commitments = serializers.IntegerField(read_only=True)
    health = serializers.ChoiceField(
        choices=HEALTH_CHOICES,
        read_only=True,
        help_text=_(
            "active: contact or visit ≤ 180 days ago; cooling: ≤ 365; dormant: older or never."
        ),
    )

    class Meta:
        model = Partner
        fields = [
            "id",
            "name",
            "name_local",
            "kind",
            "jurisdiction",
            "country",
            "region",
            "population",
            "time_zone",
            "website",
            "status",
            "owner",
            "topics",
            "notes",
            "established_on",
            "established_precision",
            "next_anniversary",
            "last_contact_on",
            "open_commitments",
            "overdue_commitments",
            "health",
            *TRACKING_FIELDS,
        ]
        read_only_fields = ["established_on", "established_precision", *TRACKING_FIELDS]

    @extend_schema_field(NextAnniversarySerializer(allow_null=True))
    @from_column("next_anniversary")
    def get_next_anniversary(self, found: dict | None) -> dict | None:
        """The list's ``next_anniversary`` annotation (``relations.selectors.partner_list``:
        ``{date, years, approximate}``) with its milestone flag."""
        if not found:
            return None
        return {
            "date": dt.date.fromisoformat(found["date"]).isoformat(),
            "years": found["years"],
            "is_milestone": is_milestone(found["years"]),
            "approximate": found["approximate"],
        }


class AgreementSerializer(CrmModelSerializer):
    class Meta:
        model = Agreement
        fields = [
            "id",
            "partner",
            "kind",
            "signed_on",
            "signed_precision",
            "title",
            "title_local",
            "signatories",
            "reference",
            "notes",
            "commemorate",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS
        extra_kwargs = {
            "commemorate": {
                "help_text": _(
                    "Commemorated agreements produce yearly anniversaries. Default: true for "
                    "sister-city and friendship agreements, false otherwise."
                )
            },
            "signed_on": {
                "help_text": _(
                    "With month precision the date is stored on the 1st of the month, with "
                    "year precision on 1 January."
                )
            },
        }


class OrganizationSerializer(CrmModelSerializer):
    class Meta:
        model = Organization
        fields = [
            "id",
            "name",
            "name_local",
            "kind",
            "partner",
            "country",
            "city",
            "website",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs):
        self.require_one_of(attrs, ("name", "name_local"), NEEDS_A_NAME)
        return attrs


class OfficialSerializer(CrmModelSerializer):
    is_current = serializers.BooleanField(
        source="in_office",
        read_only=True,
        help_text=_("In office today: no end of term, or one today or later."),
    )

    class Meta:
        model = Official
        fields = [
            "id",
            "name",
            "name_local",
            "form_of_address",
            "title",
            "title_local",
            "role",
            "partner",
            "organization",
            "email",
            "phone",
            "preferred_language",
            "term_start",
            "term_end",
            "is_current",
            "notes",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS

    def validate(self, attrs):
        self.require_one_of(attrs, ("name", "name_local"), NEEDS_A_NAME)
        self.require_one_of(attrs, ("partner", "organization"), NEEDS_PARTNER_OR_ORGANIZATION)
        self.require_order(attrs, "term_start", "term_end", END_BEFORE_START)
        return attrs


class ContactSerializer(CrmModelSerializer):
    topics = TopicSlugsField(many=True, required=False)

    class Meta:
        model = Contact
        fields = [
            "id",
            "partner",
            "organization",
            "occurred_on",
            "occurred_precision",
            "occurred_at",
            "channel",
            "direction",
            "subject_local",
            "subject",
            "summary_local",
            "summary",
            "officials",
            "staff",
            "topics",
            "visit",
            *TRACKING_FIELDS,
        ]
        read_only_fields = TRACKING_FIELDS
        extra_kwargs = {
            "staff": {
                "required": False,
                "help_text": _("Our staff involved (user ids); defaults to you."),
            },
            "officials": {"required": False},
            "occurred_precision": {"help_text": PRECISION_HELP},
            "subject_local": {"help_text": _("Subject in the office's language.")},
            "subject": {
                "help_text": _("Subject in English; one of subject_local and subject is required.")
            },
        }

    def validate(self, attrs):
        self.require_one_of(attrs, ("partner", "organization"), NEEDS_PARTNER_OR_ORGANIZATION)
        self.require_one_of(
            attrs,
            ("subject", "subject_local"),
            _("Give a subject: subject_local (the office's language), subject (English) or both."),
        )
        return attrs


class TopicSerializer(serializers.ModelSerializer):
    class Meta:
        model = Topic
        fields = ["slug", "name", "name_local"]
