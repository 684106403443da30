"""The base of every domain viewset: writes through services, ETags, history.

A resource's viewset stays declarative (queryset, serializer, filterset,
permissions); this base supplies what they all share:

* writes go to services — ``create_object`` / ``update_object`` / ``delete_object``
  by default, the app's domain services where a subclass overrides
  ``create_instance`` / ``update_instance`` / ``delete_instance``;
* detail responses carry ``ETag: "<version>"``; an ``If-Match`` that does not name the
  current version gets 412 and changes nothing (the services re-check it under a row
  lock, so two writers holding the same version cannot both win);
* ``GET <resource>/{id}/history/`` reads the audit trail;
* ``GET <resource>/?format=csv|xlsx`` downloads the filtered list (``export_resource``);
* a JSON list is rendered by the serializer's compiled read path (``crm.api.readpath``).
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django.db import models
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema
from rest_framework import viewsets
from rest_framework.decorators import action
from rest_framework.response import Response

from crm.api.exceptions import PreconditionFailed
from crm.api.exports import ExportListMixin
from crm.api.readpath import CompiledListMixin
from crm.api.serializers import HistoryEntrySerializer
from crm.core.audit import history_for
from crm.core.services import create_object, delete_object, update_object

ETAG_ACTIONS = frozenset({"retrieve", "create", "update", "partial_update"})
CONDITIONAL_ACTIONS = frozenset({"update", "partial_update", "destroy"})


def etag(version: int) -> str:
    return f'"{version}"'


def parse_if_match(header: str) -> list[str]:
    """The entity tags of an ``If-Match`` header, weak prefixes and quotes removed."""
    tags = []
    for part in header.split(","):
        tag = part.strip()
        tag = tag.removeprefix("W/").strip()
        if len(tag) >= 2 and tag[0] == tag[-1] == '"':
            tag = tag[1:-1]
        if tag:
            tags.append(tag)
    return tags


def split_many(
    model: type[models.Model], data: Mapping[str, Any]
) -> tuple[dict[str, Any], dict[str, Iterable]]:
    """Validated data as the services take it: plain fields, and many-to-many ones apart."""
    fields: dict[str, Any] = {}
    many: dict[str, Iterable] = {}
    for name, value in data.items():
        target = many if model._meta.get_field(name).many_to_many else fields
        target[name] = value
    return fields, many


class CrmModelViewSet(ExportListMixin, CompiledListMixin, viewsets.ModelViewSet):
    """List (read through ``crm.api.readpath``, also as CSV/XLSX, ``crm.api.exports``),
    retrieve, create, update, delete and history of one domain model."""

    http_method_names = ["get", "post", "put", "patch", "delete", "head", "options"]
    # Set on conditional updates: the version If-Match named (see check_if_match).
    expected_version: int | None = None

    # --- Reads ---------------------------------------------------------------------------
    def filter_queryset(self, queryset):
        # Filters and ordering apply to lists; a detail URL names one row whatever the query.
        if self.action != "list":
            return queryset
        return super().filter_queryset(queryset)

    def check_if_match(self, instance) -> int | None:
        """The version named by ``If-Match`` when it is the current one; 412 otherwise.

        Checked once the request is otherwise valid (a bad body is a 400 whatever its
        If-Match); the services check the version again under a row lock.
        """
        header = self.request.headers.get("If-Match", "")
        tags = parse_if_match(header)
        if not tags or "*" in tags:
            return None
        if str(instance.version) in tags:
            return instance.version
        raise PreconditionFailed(
            _("This row is at version %(current)s, your If-Match names %(sent)s: reload it.")
            % {"current": instance.version, "sent": header[:100]},
            current_version=instance.version,
        )

    def finalize_response(self, request, response, *args, **kwargs):
        response = super().finalize_response(request, response, *args, **kwargs)
        data = getattr(response, "data", None)
        if (
            self.action in ETAG_ACTIONS
            and 200 <= response.status_code < 300
            and isinstance(data, Mapping)
            and isinstance(data.get("version"), int)
        ):
            response["ETag"] = etag(data["version"])
        return response

    # --- Writes, through the services -------------------------------------------------------
    @property
    def model(self) -> type[models.Model]:
        return self.get_queryset().model

    def create_instance(self, *, fields: dict, many: dict):
        return create_object(self.model, user=self.request.user, fields=fields, many=many)

    def update_instance(self, instance, *, fields: dict, many: dict):
        return update_object(
            instance,
            user=self.request.user,
            fields=fields,
            many=many,
            expected_version=self.expected_version,
        )

    def delete_instance(self, instance) -> None:
        delete_object(instance, user=self.request.user)

    def perform_create(self, serializer) -> None:
        fields, many = split_many(self.model, serializer.validated_data)
        instance = self.create_instance(fields=fields, many=many)
        # Re-read through the viewset's queryset: computed columns and prefetches included.
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def perform_update(self, serializer) -> None:
        self.expected_version = self.check_if_match(serializer.instance)
        fields, many = split_many(self.model, serializer.validated_data)
        instance = self.update_instance(serializer.instance, fields=fields, many=many)
        serializer.instance = self.get_queryset().get(pk=instance.pk)

    def perform_destroy(self, instance) -> None:
        self.check_if_match(instance)
        self.delete_instance(instance)

    # --- Audit history ---------------------------------------------------------------------
    @extend_schema(
        summary=_("Audit history of one row, oldest first"),
        responses={200: HistoryEntrySerializer(many=True)},
    )
    @action(detail=True, methods=["get"], pagination_class=None, filter_backends=[])
    def history(self, request, *args, **kwargs):
        instance = self.get_object()
        return Response(HistoryEntrySerializer(history_for(instance), many=True).data)
