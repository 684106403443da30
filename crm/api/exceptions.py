"""Errors as the API promises them (SPEC §5.2): never a 500 for something the client sent.

* ``django.core.exceptions.ValidationError`` (``full_clean``, services) → 400
  ``{field: [messages]}``, with model-wide messages under ``non_field_errors``;
* ``IntegrityError`` / ``DataError`` that slip past validation (a race on a unique
  constraint, a value PostgreSQL refuses) → 400;
* ``VersionConflict`` (stale ``If-Match``) → 412; ``ProtectedDelete`` → 409 naming
  what still refers to the row; ``PermissionDenied``/``PermissionError`` → 403.
"""

from __future__ import annotations

import logging

from django.core.exceptions import PermissionDenied as DjangoPermissionDenied
from django.core.exceptions import ValidationError as DjangoValidationError
from django.db import DataError, IntegrityError
from django.utils.translation import gettext_lazy as _
from rest_framework import exceptions, status
from rest_framework.serializers import as_serializer_error
from rest_framework.settings import api_settings
from rest_framework.views import exception_handler as drf_exception_handler

from crm.core.services import ProtectedDelete, VersionConflict

log = logging.getLogger(__name__)


class PreconditionFailed(exceptions.APIException):
    status_code = status.HTTP_412_PRECONDITION_FAILED
    default_detail = _("The row was changed by someone else; reload it and try again.")
    default_code = "precondition_failed"

    def __init__(self, detail=None, *, current_version: int | None = None):
        super().__init__(detail)
        self.current_version = current_version


class Conflict(exceptions.APIException):
    status_code = status.HTTP_409_CONFLICT
    default_detail = _("The row is still referred to and was not deleted.")
    default_code = "conflict"


class LockedOut(exceptions.APIException):
    status_code = status.HTTP_429_TOO_MANY_REQUESTS
    default_detail = _("Too many failed sign-in attempts. Try again later.")
    default_code = "locked_out"


# Models that can block a delete, by the API resource that lists them.
RESOURCE_OF_MODEL = {
    "relations.agreement": "agreements",
    "relations.contact": "contacts",
    "relations.official": "officials",
    "relations.organization": "organizations",
    "visits.commitment": "commitments",
    "visits.delegationmember": "members",
    "visits.engagement": "engagements",
    "visits.gift": "gifts",
    "visits.invitation": "invitations",
    "visits.visitpartner": "visits",
    "crm.attachment": "attachments",
}


def resource_of(row) -> str:
    """The API resource that lists ``row``'s kind: ``contacts`` for a Contact."""
    label = row._meta.label_lower
    return RESOURCE_OF_MODEL.get(label, label)


def _validation_payload(exc: DjangoValidationError) -> dict:
    detail = as_serializer_error(exc)
    if "__all__" in detail:
        detail[api_settings.NON_FIELD_ERRORS_KEY] = detail.pop("__all__")
    return detail


def exception_handler(exc, context):
    """DRF's handler, after translating domain and database errors into API errors."""
    extra: dict = {}
    if isinstance(exc, DjangoValidationError):
        exc = exceptions.ValidationError(_validation_payload(exc))
    elif isinstance(exc, VersionConflict):
        exc = PreconditionFailed(str(exc), current_version=exc.instance.version)
    elif isinstance(exc, ProtectedDelete):
        extra = {"blockers": exc.count_by(resource_of)}
        exc = Conflict(str(exc))
    elif isinstance(exc, PermissionError | DjangoPermissionDenied):
        exc = exceptions.PermissionDenied(str(exc) or None)
    elif isinstance(exc, IntegrityError | DataError):
        # Validation runs first (serializers, full_clean with the model's constraints), so
        # this is a race or a value only PostgreSQL knows to refuse: the client's to fix.
        log.info("Refused by the database: %s", exc)
        exc = exceptions.ValidationError(
            {
                api_settings.NON_FIELD_ERRORS_KEY: [
                    _("The database refused this change: %(reason)s")
                    % {"reason": str(exc).splitlines()[0] if str(exc) else exc.__class__.__name__}
                ]
            }
        )
    if isinstance(exc, PreconditionFailed) and exc.current_version is not None:
        extra = {"current_version": exc.current_version}
    response = drf_exception_handler(exc, context)
    if response is not None and extra and isinstance(response.data, dict):
        response.data.update(extra)
    return response
