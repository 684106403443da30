"""The header search: the page ``/search/?q=`` and ``GET /api/v1/search/?q=``, both showing
``crm.desk.search.search`` (the same groups, counts and hits)."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse, extend_schema
from rest_framework import serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from crm.api.permissions import requires
from crm.api.serializers import ErrorSerializer
from crm.core.text import MAX_QUERY_LENGTH
from crm.desk.search import KINDS, LIMIT, MAX_LIMIT, SearchError, clean_query, search
from crm.web.access import PageMixin

# Reading the results reads every kind: any role may (viewers read everything).
SEARCHED_MODELS = (
    "relations.view_partner",
    "relations.view_official",
    "relations.view_organization",
    "relations.view_contact",
    "visits.view_visit",
    "visits.view_commitment",
    "visits.view_invitation",
    "visits.view_gift",
)


class SearchPageView(PageMixin, TemplateView):
    """Results grouped by kind; no query shows the box alone, a bad one says why (400)."""

    template_name = "pages/search.html"

    def get(self, request, *args, **kwargs):
        raw = request.GET.get("q", "")
        context = self.get_context_data(query=raw[:MAX_QUERY_LENGTH], results=None, error="")
        status = 200
        if raw.strip():
            try:
                context["results"] = search(raw)
            except SearchError as error:
                context["error"], status = str(error), 400
        return self.render_to_response(context, status=status)

    def get_context_data(self, **kwargs):
        return super().get_context_data(nav="search", **kwargs)


# --- API ---------------------------------------------------------------------------------


class SearchQuerySerializer(serializers.Serializer):
    q = serializers.CharField(
        trim_whitespace=False,
        allow_blank=True,
        help_text=_("Words to find, in either script; every word must match."),
    )
    limit = serializers.IntegerField(
        required=False,
        min_value=1,
        max_value=MAX_LIMIT,
        default=LIMIT,
        help_text=_("Hits per kind."),
    )

    def validate_q(self, value: str) -> str:
        try:
            return clean_query(value)
        except SearchError as error:
            raise serializers.ValidationError(str(error)) from error


class SearchHitSerializer(serializers.Serializer):
    id = serializers.IntegerField()
    name = serializers.CharField(help_text=_("Name, title or subject in English."))
    name_local = serializers.CharField(help_text=_("The same in the office's language."))
    context_name = serializers.CharField(
        help_text=_("Where it belongs (a partner, an event …), in English.")
    )
    context_name_local = serializers.CharField()
    date = serializers.DateField(allow_null=True)
    url = serializers.CharField(
        help_text=_("Its page (or its partner's or visit's); may be empty.")
    )


class SearchGroupSerializer(serializers.Serializer):
    kind = serializers.ChoiceField(choices=[kind.key for kind in KINDS])
    label = serializers.CharField()
    count = serializers.IntegerField(help_text=_("How many match (at least, when more is true)."))
    more = serializers.BooleanField(help_text=_("The count stopped at its cap."))
    hits = SearchHitSerializer(many=True)


class SearchResultsSerializer(serializers.Serializer):
    query = serializers.CharField()
    total = serializers.IntegerField()
    groups = SearchGroupSerializer(many=True)


class SearchApiView(GenericAPIView):
    """Partners, officials, organizations, contacts, visits, commitments, invitations and
    gifts matching every word of ``q``: either script, case ignored, Traditional and
    Simplified Chinese folded, country names in English or Chinese finding the partners and
    organizations of that country. Every kind is listed (count 0 when none match), in a
    fixed order, each with its count and its first ``limit`` hits. The page ``/search/``
    shows the same results."""

    permission_classes = [requires(*SEARCHED_MODELS)]
    serializer_class = SearchResultsSerializer
    filter_backends = []
    pagination_class = None

    @extend_schema(
        summary=_("Search everything"),
        parameters=[
            OpenApiParameter(
                "q",
                {"type": "string", "minLength": 1, "maxLength": MAX_QUERY_LENGTH},
                required=True,
                description=_("Words to find, in either script; every word must match."),
            ),
            OpenApiParameter(
                "limit",
                {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": LIMIT},
                description=_("Hits per kind."),
            ),
        ],
        responses={
            200: SearchResultsSerializer,
            400: OpenApiResponse(
                ErrorSerializer, description=_("No query, or one that is too long.")
            ),
        },
    )
    def get(self, request):
        params = SearchQuerySerializer(data=request.query_params)
        params.is_valid(raise_exception=True)
        results = search(params.validated_data["q"], limit=params.validated_data["limit"])
        return Response(
            self.get_serializer(
                {"query": results.query, "total": results.total, "groups": results.groups}
            ).data
        )
