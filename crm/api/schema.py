"""OpenAPI generation: every answer the API can give is in the schema.

drf-spectacular documents the success responses; this adds the error responses
each operation can return (400, 401, 403, 404, 409, 412, 415, 429), the
``ETag`` / ``If-Match`` headers of the domain viewsets and the ``format`` of the lists
that download as CSV or XLSX, so that clients (and schemathesis) can rely on the schema
for every status code and content type.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from drf_spectacular import openapi
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, OpenApiResponse

from crm.api.serializers import ConflictSerializer, ErrorSerializer, PreconditionFailedSerializer
from crm.core.spreadsheets import XLSX_CONTENT_TYPE

VALIDATION_ERROR = {
    "type": "object",
    "description": _(
        "{field: [messages]} for each invalid field or query parameter; errors about the "
        "row as a whole under non_field_errors; an unreadable body under detail."
    ),
    "additionalProperties": {},
}

IF_MATCH = OpenApiParameter(
    "If-Match",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    description=_(
        'The ETag of the version you edited (e.g. "3"). If the row has changed since, '
        "the request is refused with 412 and nothing is changed."
    ),
)
ETAG = OpenApiParameter(
    "ETag",
    OpenApiTypes.STR,
    OpenApiParameter.HEADER,
    response=[200, 201],
    description=_('The row\'s version, e.g. "3": send it back in If-Match when you write.'),
)


EXPORT_FORMAT = OpenApiParameter(
    "format",
    OpenApiTypes.STR,
    enum=["json", "csv", "xlsx"],
    description=_(
        "json (default): a page of results; csv or xlsx: every row the filters match, as a "
        "download with headers in the reader's language (at most EXPORT_MAX_ROWS rows)."
    ),
)


def _error(description) -> OpenApiResponse:
    return OpenApiResponse(ErrorSerializer, description=description)


class AutoSchema(openapi.AutoSchema):
    def _crm_action(self) -> str | None:
        from crm.api.viewsets import CrmModelViewSet

        return self.view.action if isinstance(self.view, CrmModelViewSet) else None

    def get_override_parameters(self):
        from crm.api.viewsets import CONDITIONAL_ACTIONS, ETAG_ACTIONS

        parameters = list(super().get_override_parameters())
        action = self._crm_action()
        if action in CONDITIONAL_ACTIONS:
            parameters.append(IF_MATCH)
        if action in ETAG_ACTIONS:
            parameters.append(ETAG)
        if self._exports():
            parameters.append(EXPORT_FORMAT)
        return parameters

    def _exports(self) -> bool:
        """A list with a CSV/XLSX download (``?format=``, ``crm.api.exports``)."""
        return self._crm_action() == "list" and self.view.export_resource is not None

    # An empty optional query parameter (?status=&page=) means "not given" everywhere in the
    # API: HTML forms sharing these FilterSets send empty fields. The schema says so.
    def _get_parameters(self):
        return [
            {**p, "allowEmptyValue": True} if p["in"] == "query" and not p.get("required") else p
            for p in super()._get_parameters()
        ]

    def _insert_field_validators(self, field, schema):
        super()._insert_field_validators(field, schema)
        # A URL or e-mail that may be blank comes out as oneOf [the format, ""]. Where the
        # format is only an annotation, "" matches both branches, which oneOf forbids: anyOf
        # says what is meant.
        alternatives = schema.get("oneOf")
        if (
            isinstance(alternatives, list)
            and len(alternatives) == 2
            and alternatives[1] == {"type": "string", "maxLength": 0}
        ):
            schema["anyOf"] = schema.pop("oneOf")

    def error_responses(self) -> dict[int, OpenApiResponse | dict]:
        from crm.api.viewsets import CONDITIONAL_ACTIONS

        errors: dict[int, OpenApiResponse | dict] = {
            400: OpenApiResponse(VALIDATION_ERROR, description=_("Invalid input.")),
            401: _error(_("No or invalid credentials.")),
            403: _error(_("Your role does not allow this.")),
            404: _error(_("No such row, or a page past the last one.")),
            429: _error(_("Too many requests; see Retry-After.")),
        }
        if self.method in ("POST", "PUT", "PATCH"):
            errors[415] = _error(_("Send the body as application/json."))
        if self.method == "DELETE":
            errors[409] = OpenApiResponse(
                ConflictSerializer, description=_("Other rows still refer to this one.")
            )
        if self._crm_action() in CONDITIONAL_ACTIONS:
            errors[412] = OpenApiResponse(
                PreconditionFailedSerializer, description=_("If-Match names an old version.")
            )
        return errors

    def _get_response_bodies(self, direction="response"):
        responses = super()._get_response_bodies(direction)
        if self._exports() and "200" in responses:
            content = responses["200"].setdefault("content", {})
            content["text/csv"] = {"schema": {"type": "string"}}
            content[XLSX_CONTENT_TYPE] = {"schema": {"type": "string", "format": "binary"}}
        for code, response in self.error_responses().items():
            key = str(code)
            if key not in responses:
                responses[key] = self._get_response_for_code(response, key, direction=direction)
        return responses
