"""Page-number pagination: 50 rows by default, at most 200, ``{count, next, previous, results}``."""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _
from rest_framework import pagination
from rest_framework.exceptions import ValidationError

DEFAULT_PAGE_SIZE = 50
MAX_PAGE_SIZE = 200


def _positive_int(request, name: str) -> int | None:
    raw = request.query_params.get(name)
    if raw in (None, ""):
        return None
    try:
        value = int(raw)
    except ValueError:
        value = 0
    if value < 1:
        raise ValidationError({name: [_("Enter a whole number of 1 or more.")]})
    return value


class PageNumberPagination(pagination.PageNumberPagination):
    """DRF's page-number pagination, strict about its parameters.

    A ``page_size`` above 200 is capped at 200 (SPEC §5.2); a ``page`` or ``page_size``
    that is not a positive whole number is a 400 instead of being silently ignored,
    and a page past the last one is a 404.
    """

    page_size = DEFAULT_PAGE_SIZE
    page_size_query_param = "page_size"
    max_page_size = MAX_PAGE_SIZE
    last_page_strings = ()

    def get_page_size(self, request) -> int:
        requested = _positive_int(request, self.page_size_query_param)
        return self.page_size if requested is None else min(requested, self.max_page_size)

    def get_page_number(self, request, paginator):
        return _positive_int(request, self.page_query_param) or 1

    def get_schema_operation_parameters(self, view):
        parameters = super().get_schema_operation_parameters(view)
        for parameter in parameters:
            parameter["schema"]["minimum"] = 1
            if parameter["name"] == self.page_size_query_param:
                parameter["description"] = str(
                    _("Number of results per page (default %(default)s, capped at %(max)s).")
                    % {"default": self.page_size, "max": self.max_page_size}
                )
        return parameters
