"""Viewsets of the visits API."""

from __future__ import annotations

from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.decorators import action
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from crm.api.permissions import requires
from crm.api.viewsets import CrmModelViewSet, etag
from crm.core import policy
from crm.core.formatting import local_today
from visits import selectors, services
from visits.api.serializers import (
    CommitmentSerializer,
    CompleteCommitmentSerializer,
    EngagementSerializer,
    EventSerializer,
    GiftSerializer,
    InvitationSerializer,
    MemberSerializer,
    VisitDetailSerializer,
    VisitSerializer,
)
from visits.filters import (
    CommitmentFilterSet,
    EngagementFilterSet,
    EventFilterSet,
    GiftFilterSet,
    InvitationFilterSet,
    MemberFilterSet,
    VisitFilterSet,
)
from visits.models import Commitment, Gift, Visit
from visits.report import build_trip_report
from visits.resources import (
    CommitmentResource,
    EngagementResource,
    EventResource,
    GiftResource,
    InvitationResource,
    VisitResource,
)


class VisitViewSet(CrmModelViewSet):
    """Delegation trips; the detail embeds the delegation and the itinerary."""

    queryset = selectors.visit_list()
    serializer_class = VisitSerializer
    filterset_class = VisitFilterSet
    export_resource = VisitResource
    export_basename = "visits"

    def get_queryset(self):
        return selectors.visit_detail() if self.action == "retrieve" else super().get_queryset()

    def get_serializer_class(self):
        return VisitDetailSerializer if self.action == "retrieve" else VisitSerializer

    def create_instance(self, *, fields, many):
        return services.create_visit(
            user=self.request.user, fields=fields, partners=many.get("partners", ())
        )


class MemberViewSet(CrmModelViewSet):
    """Delegation members of visits, in protocol order."""

    queryset = selectors.member_list()
    serializer_class = MemberSerializer
    filterset_class = MemberFilterSet


class EngagementViewSet(CrmModelViewSet):
    """Itinerary items; times are in the engagement's own time zone."""

    queryset = selectors.engagement_list()
    serializer_class = EngagementSerializer
    filterset_class = EngagementFilterSet
    export_resource = EngagementResource
    export_basename = "engagements"

    def create_instance(self, *, fields, many):
        return services.create_engagement(user=self.request.user, fields=fields, many=many)


class CommitmentViewSet(CrmModelViewSet):
    """Promises made and their follow-up. Only managers review them or change their owner."""

    queryset = Commitment.objects.none()  # see get_queryset: "overdue" depends on today
    serializer_class = CommitmentSerializer
    filterset_class = CommitmentFilterSet
    policy_actions = {"complete": policy.CHANGE, "review": policy.REVIEW}
    export_resource = CommitmentResource
    export_basename = "commitments"

    def get_queryset(self):
        return selectors.commitment_list(today=local_today())

    def create_instance(self, *, fields, many):
        return services.create_commitment(
            user=self.request.user, fields=fields, counterparts=many.get("counterparts", ())
        )

    def update_instance(self, instance, *, fields, many):
        return services.update_commitment(
            instance,
            user=self.request.user,
            fields=fields,
            many=many,
            expected_version=self.expected_version,
        )

    @extend_schema(
        summary=_("Close a commitment as done (or dropped), saying what came of it"),
        request=CompleteCommitmentSerializer,
        responses={200: CommitmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def complete(self, request, *args, **kwargs):
        commitment = self.get_object()
        query = CompleteCommitmentSerializer(data=request.data)
        query.is_valid(raise_exception=True)
        services.complete_commitment(commitment, user=request.user, **query.validated_data)
        return self._respond(commitment)

    @extend_schema(
        summary=_("Record a manager's review of a commitment"),
        request=None,
        responses={200: CommitmentSerializer},
    )
    @action(detail=True, methods=["post"])
    def review(self, request, *args, **kwargs):
        commitment = self.get_object()
        services.review_commitment(commitment, user=request.user)
        return self._respond(commitment)

    def _respond(self, commitment: Commitment) -> Response:
        fresh = self.get_queryset().get(pk=commitment.pk)
        return Response(self.get_serializer(fresh).data, headers={"ETag": etag(fresh.version)})


class EventViewSet(CrmModelViewSet):
    """Our own occasions that guests are invited to."""

    queryset = selectors.event_list()
    serializer_class = EventSerializer
    filterset_class = EventFilterSet
    export_resource = EventResource
    export_basename = "events"


class InvitationViewSet(CrmModelViewSet):
    """Invitations of officials to our events, and their answers."""

    queryset = selectors.invitation_list()
    serializer_class = InvitationSerializer
    filterset_class = InvitationFilterSet
    export_resource = InvitationResource
    export_basename = "invitations"


class GiftViewSet(CrmModelViewSet):
    """The gift registry: gifts received and given."""

    queryset = Gift.objects.none()  # see get_queryset: the threshold is read per request
    serializer_class = GiftSerializer
    filterset_class = GiftFilterSet
    export_resource = GiftResource
    export_basename = "gifts"

    def get_queryset(self):
        return selectors.gift_list()

    def create_instance(self, *, fields, many):
        return services.record_gift(user=self.request.user, fields=fields)

    def update_instance(self, instance, *, fields, many):
        return services.update_gift(
            instance,
            user=self.request.user,
            fields=fields,
            expected_version=self.expected_version,
        )


DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"


class TripReportView(GenericAPIView):
    """The visit's official trip report as a Word document (SPEC §5.5); ``?lang=en``."""

    permission_classes = [requires("visits.view_visit")]
    queryset = Visit.objects.all()
    filter_backends = []
    pagination_class = None

    @extend_schema(
        parameters=[
            OpenApiParameter(
                "lang", str, enum=["zh-hant", "en"], description=_("Language of the report.")
            )
        ],
        responses={(200, DOCX): OpenApiTypes.BINARY},
    )
    def get(self, request, pk: int):
        visit = self.get_object()
        language = request.query_params.get("lang") or "zh-hant"
        try:
            document = build_trip_report(visit.pk, language)
        except ValueError:
            raise ValidationError({"lang": [_("Use zh-hant or en.")]}) from None
        response = HttpResponse(document, content_type=DOCX)
        filename = f"trip-report-{visit.pk}-{'en' if language == 'en' else 'zh-hant'}.docx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
