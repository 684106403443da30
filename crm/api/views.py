"""Views of the API that belong to no domain app: the token endpoint and ``me``."""

from __future__ import annotations

from axes.utils import reset
from django.contrib.auth import authenticate
from django.http import JsonResponse
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from drf_spectacular.utils import OpenApiResponse, extend_schema
from rest_framework import permissions, serializers
from rest_framework.generics import GenericAPIView
from rest_framework.response import Response

from crm.api.exceptions import LockedOut
from crm.api.serializers import (
    ErrorSerializer,
    MeSerializer,
    TokenRequestSerializer,
    TokenResponseSerializer,
)
from crm.api.throttling import AuthRateThrottle
from crm.core import api_tokens
from crm.core.services import regenerate_calendar_token


@csrf_exempt
def not_found(request, *args, **kwargs) -> JsonResponse:
    """A path under /api/v1/ that names no resource: JSON, not the site's HTML 404 page."""
    return JsonResponse({"detail": str(_("Not found."))}, status=404)


class TokenView(GenericAPIView):
    """Exchange a username and password for the user's API token.

    Send it back as ``Authorization: Token <token>``. Repeated failures for one
    username from one address lock that pair out for a cool-off period (429).
    """

    authentication_classes = []
    permission_classes = [permissions.AllowAny]
    throttle_classes = [AuthRateThrottle]
    serializer_class = TokenRequestSerializer

    @extend_schema(
        summary=_("Obtain an API token"),
        responses={
            200: TokenResponseSerializer,
            429: OpenApiResponse(ErrorSerializer, description=_("Locked out or throttled.")),
        },
        auth=[],
    )
    def post(self, request):
        serializer = self.get_serializer(data=request.data)
        serializer.is_valid(raise_exception=True)
        # The request goes to authenticate(): django-axes counts failures per
        # username+address and refuses locked-out pairs before the password is checked.
        user = authenticate(
            request=request,
            username=serializer.validated_data["username"],
            password=serializer.validated_data["password"],
        )
        if getattr(request, "axes_locked_out", False):
            raise LockedOut
        if user is None or not user.is_active:
            raise serializers.ValidationError(
                {"non_field_errors": [_("Unable to sign in with these credentials.")]}
            )
        # As a successful web sign-in does (AXES_RESET_ON_SUCCESS): earlier failures of this
        # username from this address no longer count towards a lock-out.
        reset(ip=getattr(request, "axes_ip_address", None), username=user.get_username())
        token, expiry = api_tokens.issue(user)
        return Response({"token": token, "expiry": expiry})


class RegenerateTokenView(GenericAPIView):
    """Revoke every API token of the signed-in user and issue a new one (shown only now)."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = TokenResponseSerializer
    pagination_class = None
    filter_backends = []

    @extend_schema(summary=_("Revoke all my API tokens and issue a new one"), request=None)
    def post(self, request):
        token, expiry = api_tokens.regenerate(request.user)
        return Response({"token": token, "expiry": expiry})


class MeView(GenericAPIView):
    """The signed-in user: role, language and date preferences, calendar feed URL."""

    permission_classes = [permissions.IsAuthenticated]
    serializer_class = MeSerializer
    pagination_class = None
    filter_backends = []

    def get(self, request):
        return Response(self.get_serializer(request.user).data)


class RegenerateCalendarView(MeView):
    """Give the signed-in user a new secret calendar address; the old one stops working."""

    http_method_names = ["post", "options"]

    @extend_schema(summary=_("Replace my secret calendar address"), request=None)
    def post(self, request):
        regenerate_calendar_token(request.user)
        return Response(self.get_serializer(request.user).data)
