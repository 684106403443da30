"""Viewsets of the relations API, and the computed anniversaries list."""

from __future__ import annotations

import datetime as dt

from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework import serializers, viewsets
from rest_framework.generics import GenericAPIView

from crm.api.filters import MAX_ID
from crm.api.permissions import requires
from crm.api.readpath import CompiledListMixin
from crm.api.viewsets import CrmModelViewSet
from crm.core.formatting import add_months, local_today
from relations import selectors, services
from relations.anniversaries import anniversaries_between
from relations.api.serializers import (
    AgreementSerializer,
    ContactSerializer,
    OfficialSerializer,
    OrganizationSerializer,
    PartnerSerializer,
    TopicSerializer,
)
from relations.filters import (
    AgreementFilterSet,
    ContactFilterSet,
    OfficialFilterSet,
    OrganizationFilterSet,
    PartnerFilterSet,
    TopicFilterSet,
)
from relations.models import Official, Partner
from relations.resources import (
    ContactResource,
    OfficialResource,
    OrganizationResource,
    PartnerResource,
)


class PartnerViewSet(CrmModelViewSet):
    """Partner cities, counties and states, with their next anniversary and health."""

    queryset = Partner.objects.none()  # see get_queryset: the computed columns need "today"
    serializer_class = PartnerSerializer
    filterset_class = PartnerFilterSet
    export_resource = PartnerResource
    export_basename = "partners"

    def get_queryset(self):
        return selectors.partner_list(today=local_today())


class AgreementViewSet(CrmModelViewSet):
    """Signed agreements; commemorated ones produce anniversaries."""

    queryset = selectors.agreement_list()
    serializer_class = AgreementSerializer
    filterset_class = AgreementFilterSet

    def create_instance(self, *, fields, many):
        return services.create_agreement(user=self.request.user, fields=fields)

    def update_instance(self, instance, *, fields, many):
        return services.update_agreement(
            instance,
            user=self.request.user,
            fields=fields,
            expected_version=self.expected_version,
        )


class OrganizationViewSet(CrmModelViewSet):
    """Companies, museums, libraries, associations … that we deal with."""

    queryset = selectors.organization_list()
    serializer_class = OrganizationSerializer
    filterset_class = OrganizationFilterSet
    export_resource = OrganizationResource
    export_basename = "organizations"


class OfficialViewSet(CrmModelViewSet):
    """People we deal with, current and past office holders."""

    queryset = Official.objects.none()  # see get_queryset: "in office" depends on today
    serializer_class = OfficialSerializer
    filterset_class = OfficialFilterSet
    export_resource = OfficialResource
    export_basename = "officials"

    def get_queryset(self):
        return selectors.official_list(today=local_today())


class ContactViewSet(CrmModelViewSet):
    """Logged interactions. Officers delete only the contacts they logged."""

    queryset = selectors.contact_list()
    serializer_class = ContactSerializer
    filterset_class = ContactFilterSet
    export_resource = ContactResource
    export_basename = "contacts"

    def create_instance(self, *, fields, many):
        return services.log_contact(
            user=self.request.user,
            fields=fields,
            officials=many.get("officials", ()),
            topics=many.get("topics", ()),
            staff=many.get("staff"),
        )

    def delete_instance(self, instance) -> None:
        services.delete_contact(instance, user=self.request.user)


class TopicViewSet(CompiledListMixin, viewsets.ReadOnlyModelViewSet):
    """Subjects of exchange, referred to by slug."""

    queryset = selectors.topic_list()
    serializer_class = TopicSerializer
    filterset_class = TopicFilterSet
    lookup_field = "slug"


# --- Anniversaries -------------------------------------------------------------------------

MAX_RANGE_YEARS = 10


def _capped(compute) -> dt.date:
    """A date computed forward from another, or the last date there is (9999-12-31)."""
    try:
        return compute()
    except (OverflowError, ValueError):
        return dt.date.max


class AnniversaryQuerySerializer(serializers.Serializer):
    """The query of ``GET anniversaries/``: a date range of at most ten years."""

    from_ = serializers.DateField(required=False, help_text=_("First day (default: today)."))
    to = serializers.DateField(required=False, help_text=_("Last day (default: from + 365 days)."))
    partner = serializers.IntegerField(required=False, min_value=1, max_value=MAX_ID)
    milestone = serializers.CharField(
        required=False, help_text=_("Only milestones (true) or only others (false).")
    )

    def get_fields(self):
        fields = super().get_fields()
        fields["from"] = fields.pop("from_")
        return fields

    def validate_milestone(self, value: str) -> bool:
        found = {"true": True, "1": True, "false": False, "0": False}.get(value.strip().lower())
        if found is None:
            raise serializers.ValidationError(_("Enter true or false."))
        return found

    def validate(self, attrs):
        start = attrs.get("from") or local_today()
        end = attrs.get("to") or _capped(lambda: start + dt.timedelta(days=365))
        if end < start:
            raise serializers.ValidationError({"to": [_("This is before 'from'.")]})
        if end > _capped(lambda: add_months(start, 12 * MAX_RANGE_YEARS)):
            raise serializers.ValidationError(
                {
                    "to": [
                        _("The range is longer than %(years)s years.") % {"years": MAX_RANGE_YEARS}
                    ]
                }
            )
        return {**attrs, "from": start, "to": end}


class AnniversarySerializer(serializers.Serializer):
    partner = serializers.IntegerField(source="partner_id")
    partner_name = serializers.CharField()
    partner_name_local = serializers.CharField()
    agreement = serializers.IntegerField(source="agreement_id")
    kind = serializers.CharField(help_text=_("The agreement's kind."))
    date = serializers.DateField()
    years = serializers.IntegerField()
    is_milestone = serializers.BooleanField()
    approximate = serializers.BooleanField(
        help_text=_("The agreement's exact day (or month) is not on record.")
    )


class AnniversaryListView(GenericAPIView):
    """Anniversaries of commemorated agreements in a date range, sorted by date.

    Computed by one SQL query over all agreements (SPEC §3.1); partners whose
    relationship has ended are left out.
    """

    permission_classes = [requires("relations.view_agreement", "relations.view_partner")]
    serializer_class = AnniversarySerializer
    filter_backends = []

    @extend_schema(
        responses=AnniversarySerializer(many=True),
        parameters=[
            OpenApiParameter(
                "from", OpenApiTypes.DATE, description=_("First day (default: today).")
            ),
            OpenApiParameter(
                "to",
                OpenApiTypes.DATE,
                description=_("Last day (default: from + 365 days); at most 10 years after from."),
            ),
            OpenApiParameter("partner", {"type": "integer", "minimum": 1, "maximum": MAX_ID}),
            OpenApiParameter("milestone", OpenApiTypes.BOOL),
        ],
    )
    def get(self, request):
        query = AnniversaryQuerySerializer(data=request.query_params)
        query.is_valid(raise_exception=True)
        found = anniversaries_between(
            query.validated_data["from"],
            query.validated_data["to"],
            partner_ids=[query.validated_data["partner"]]
            if "partner" in query.validated_data
            else None,
            milestone=query.validated_data.get("milestone"),
        )
        page = self.paginate_queryset(found)
        return self.get_paginated_response(self.get_serializer(page, many=True).data)
