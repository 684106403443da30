"""Serializers shared by every app's API: the domain-row base, history, token, ``me``, errors."""

from __future__ import annotations

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers

from crm.api import fields
from crm.core import calendar_tokens
from crm.core.models import User
from crm.core.roles import ADMIN, ROLES, role_of

TRACKING_FIELDS = ("version", "created_at", "updated_at", "created_by")


class CrmModelSerializer(serializers.ModelSerializer):
    """Base of every domain row's serializer: validates only, never saves.

    The viewsets hand ``validated_data`` to the services (``crm.core.services`` or the
    app's), which run ``full_clean`` with the model's constraints and record the
    audit user; ``version`` (the ETag) and the tracking fields are read-only.
    """

    serializer_field_mapping = {
        **serializers.ModelSerializer.serializer_field_mapping,
        models.CharField: fields.StrictCharField,
        models.TextField: fields.StrictCharField,
        models.EmailField: fields.StrictEmailField,
        models.URLField: fields.StrictURLField,
        models.SlugField: fields.StrictSlugField,
        models.IntegerField: fields.StrictIntegerField,
        models.PositiveIntegerField: fields.StrictIntegerField,
        models.PositiveSmallIntegerField: fields.StrictIntegerField,
        models.SmallIntegerField: fields.StrictIntegerField,
        models.BigIntegerField: fields.StrictIntegerField,
        models.BooleanField: fields.StrictBooleanField,
        models.DecimalField: fields.StrictDecimalField,
        models.TimeField: fields.LocalTimeField,
    }
    serializer_related_field = fields.StrictPrimaryKeyRelatedField

    def create(self, validated_data):  # pragma: no cover - the viewsets call services
        raise NotImplementedError("Writes go through the services, see CrmModelViewSet.")

    def update(self, instance, validated_data):  # pragma: no cover
        raise NotImplementedError("Writes go through the services, see CrmModelViewSet.")

    def current(self, attrs: dict, name: str):
        """A field's value after this request: the submitted one, else the row's."""
        if name in attrs:
            return attrs[name]
        return getattr(self.instance, name, None) if self.instance is not None else None

    def require_order(self, attrs: dict, first: str, last: str, message) -> None:
        """Refuse ``last`` before ``first`` (end before start) as an error on ``last``."""
        start, end = self.current(attrs, first), self.current(attrs, last)
        if start is not None and end is not None and end < start:
            raise serializers.ValidationError({last: [message]})

    def require_one_of(self, attrs: dict, names: tuple[str, ...], message) -> None:
        """At least one of ``names`` must be set (e.g. a partner or an organization)."""
        if not any(self.current(attrs, name) not in (None, "") for name in names):
            raise serializers.ValidationError({names[0]: [message]})


class HistoryEntrySerializer(serializers.Serializer):
    at = serializers.DateTimeField()
    user = serializers.CharField(allow_null=True, help_text=_("Username, when known."))
    action = serializers.ChoiceField(choices=["create", "update", "delete"])
    changes = serializers.DictField(
        child=serializers.ListField(child=serializers.JSONField(allow_null=True)),
        help_text=_("{field: [old, new]}"),
    )


class TokenRequestSerializer(serializers.Serializer):
    username = fields.StrictCharField(max_length=150)
    password = fields.StrictCharField(max_length=4096, trim_whitespace=False)


class TokenResponseSerializer(serializers.Serializer):
    token = serializers.CharField(help_text=_("Shown only now: only its hash is kept."))
    expiry = serializers.DateTimeField(
        allow_null=True, help_text=_("When it stops working (API_TOKEN_TTL_DAYS); null: never.")
    )


class MeSerializer(serializers.ModelSerializer):
    name = serializers.SerializerMethodField()
    role = serializers.SerializerMethodField()
    calendar_url = serializers.SerializerMethodField()

    class Meta:
        model = User
        fields = [
            "id",
            "username",
            "name",
            "email",
            "role",
            "language",
            "roc_dates",
            "calendar_url",
        ]
        read_only_fields = fields

    def get_name(self, user: User) -> str:
        return user.get_full_name() or user.username

    @extend_schema_field(
        {"type": "string", "enum": [*ROLES, ADMIN], "nullable": True, "readOnly": True}
    )
    def get_role(self, user: User) -> str | None:
        return role_of(user)

    @extend_schema_field(OpenApiTypes.URI)
    def get_calendar_url(self, user: User) -> str:
        return calendar_tokens.url_for(user)


class ErrorSerializer(serializers.Serializer):
    detail = serializers.CharField()


class ConflictSerializer(ErrorSerializer):
    blockers = serializers.DictField(
        child=serializers.IntegerField(), help_text=_("{what still refers to the row: count}")
    )


class PreconditionFailedSerializer(ErrorSerializer):
    current_version = serializers.IntegerField(required=False)
