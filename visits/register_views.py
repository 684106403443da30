"""The gift register (受贈財物登錄, ``visits.gift_register``): a printable page and an XLSX.

* ``/gifts/register/?year=2024``: the page — every role reads it; print CSS gives a clean
  A4 table, and on a phone each gift is a card;
* ``/api/v1/gifts/register.xlsx?year=2024``: the same rows as an XLSX download (token or
  session; the page links to it), headers in the reader's language.

The year defaults to this year; a year that is not a number from 1900 to 2999 is a 400.
"""

from __future__ import annotations

from django.http import FileResponse
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema
from rest_framework.exceptions import ValidationError
from rest_framework.generics import GenericAPIView

from crm.api.exports import export_language
from crm.core.formatting import format_number, local_today
from crm.core.spreadsheets import XLSX_CONTENT_TYPE
from crm.web.access import PageMixin, small_int
from visits.gift_register import (
    MAX_YEAR,
    MIN_YEAR,
    STATUS_LABELS,
    gift_register,
    headers,
    occasion,
    register_xlsx,
    source,
    threshold_note,
    title,
)
from visits.models import Gift


def parse_year(raw: str | None) -> int | None:
    """The ``year`` of the query: this year when absent, None when not a valid year."""
    if raw in (None, ""):
        return local_today().year
    year = small_int(raw)
    return year if year is not None and MIN_YEAR <= year <= MAX_YEAR else None


def year_error() -> str:
    return _("Enter a year from %(first)s to %(last)s.") % {"first": MIN_YEAR, "last": MAX_YEAR}


def _amount(value, language: str) -> str:
    """12,800 or 12,800.50: cents only where there are some."""
    if value is None:
        return ""
    decimals = 0 if value == value.to_integral() else 2
    return format_number(value, language=language, decimals=decimals)


class GiftRegisterView(PageMixin, View):
    """The printable register of one year's gifts received."""

    def get(self, request):
        year = parse_year(request.GET.get("year"))
        if year is None:
            context = {"nav": "gifts", "error": year_error(), "year": None}
            return render(request, "visits/gift_register.html", context, status=400)
        register = gift_register(year)
        language = get_language()
        context = {
            "nav": "gifts",
            "year": year,
            "register": register,
            "title": title(register),
            "threshold_note": threshold_note(register),
            "headers": headers(),
            "rows": [
                {
                    "entry": entry,
                    "gift": entry.gift,
                    "source": source(entry.gift, language),
                    "occasion": occasion(entry.gift, language),
                    "value": _amount(entry.gift.estimated_value, language),
                    "value_twd": _amount(entry.gift.value_twd, language),
                }
                for entry in register.entries
            ],
            "total_twd": _amount(register.total_twd, language),
            "summary": [
                (status, STATUS_LABELS[status], count) for status, count in register.summary.items()
            ],
            "previous_year": year - 1 if year > MIN_YEAR else None,
            "next_year": year + 1 if year < MAX_YEAR else None,
            "xlsx_url": f"{reverse('api:gift-register')}?year={year}",
        }
        return render(request, "visits/gift_register.html", context)


class GiftRegisterXlsxView(GenericAPIView):
    """The gift register of one year (gifts received) as an XLSX workbook."""

    queryset = Gift.objects.all()  # the permissions read the model: viewing gifts
    filter_backends = []
    pagination_class = None

    @extend_schema(
        summary=gettext_lazy("The ethics office's gift register of one year, as XLSX"),
        parameters=[
            OpenApiParameter(
                "year",
                {"type": "integer", "minimum": MIN_YEAR, "maximum": MAX_YEAR},
                description=gettext_lazy("Calendar year (default: this year)."),
            )
        ],
        responses={(200, XLSX_CONTENT_TYPE): OpenApiTypes.BINARY},
    )
    def get(self, request):
        year = parse_year(request.query_params.get("year"))
        if year is None:
            raise ValidationError({"year": [year_error()]})
        workbook = register_xlsx(gift_register(year), export_language(request))
        return FileResponse(
            workbook,
            as_attachment=True,
            filename=f"gift-register-{year}.xlsx",
            content_type=XLSX_CONTENT_TYPE,
        )
