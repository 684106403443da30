"""The reports page (``/reports/…``), its XLSX/CSV downloads and the JSON API (SPEC §5.7).

The numbers come from :mod:`crm.desk.reports`; this module only turns a report's tables
into cells — one function, ``cells``, for the page, the CSV and the XLSX alike, so the
three show the same numbers — and into a chart (:mod:`crm.desk.report_charts`).
Every role reads reports (``crm.core.policy`` VIEW on what they count). Invalid query
parameters are a form error with status 422 on the page, a 400 in the API and the
downloads.
"""

from __future__ import annotations

import calendar
import dataclasses
import datetime as dt
from collections.abc import Iterator
from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.http import FileResponse, Http404, JsonResponse, StreamingHttpResponse
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.generic import TemplateView
from drf_spectacular.types import OpenApiTypes
from drf_spectacular.utils import OpenApiParameter, extend_schema, inline_serializer
from rest_framework import permissions, serializers
from rest_framework.exceptions import ValidationError
from rest_framework.response import Response
from rest_framework.views import APIView

from crm.core import policy, spreadsheets
from crm.core.formatting import (
    bilingual_name,
    choice_label,
    format_number,
    is_chinese,
    local_today,
    name_pair,
)
from crm.desk import report_charts as charts
from crm.desk import reports
from crm.desk.forms import REPORT_FILTERS as FILTERS
from crm.desk.forms import ReportFilterForm
from crm.web.access import PageMixin
from relations.models import Agreement, Contact, Partner
from visits.models import Commitment, Gift, Invitation, Visit

# What each report reads: a role must be allowed to view all of it (every role is, SPEC §4).
READS = {
    "activity": (Partner, Contact, Visit, Invitation, Commitment),
    "reciprocity": (Partner, Visit, Gift, Invitation),
    "follow-ups": (Commitment, Visit),
    "anniversaries": (Partner, Agreement),
}
PAGE_ROWS = 100  # rows of a table on the page; the downloads hold every row
CHART_ROWS = 15  # bars of a chart: the first rows of its table
FORMATS = ("xlsx", "csv")


def may_read(user, name: str) -> bool:
    return all(policy.can(user, policy.VIEW, model) for model in READS[name])


# --- cells: one rendering of a table for the page, the CSV and the XLSX ----------------------


@dataclasses.dataclass(frozen=True)
class Cell:
    kind: str
    value: object  # typed: int, Decimal, float, date, bool, str or None (XLSX writes this)
    text: str  # as a person reads it (the CSV writes this; the page shows it)
    alt: str = ""  # the name in the other script, shown lighter on the page
    href: str = ""
    css: str = ""


def month_label(month: int, language: str) -> str:
    """A short month name that fits under a chart column: ``7月`` / ``Jul``."""
    return f"{month}月" if is_chinese(language) else calendar.month_abbr[month]


def _name_cell(kind: str, local: str, english: str, language: str, href: str = "") -> Cell:
    first, second = name_pair(local, english, language=language)
    return Cell(kind, bilingual_name(local, english, language=language), first, second, href)


def _cell(column: reports.Column, row: dict, language: str) -> Cell:
    key = column.key
    if key == "partner":
        local = row.get("name_local", row.get("partner_name_local", ""))
        english = row.get("name", row.get("partner_name", ""))
        href = reverse("relations:partner-detail", args=[row["partner_id"]])
        return _name_cell(reports.TEXT, local, english, language, href)
    if key == "visit":
        href = reverse("visits:visit-detail", args=[row["visit_id"]]) if row["visit_id"] else ""
        return _name_cell(
            reports.TEXT, row["visit_title_local"], row["visit_title"], language, href
        )
    value = row.get(key)
    if key == "month":
        label = month_label(value, language)
        return Cell(reports.TEXT, label, label)
    if key == "kind":
        label = choice_label(Agreement.Kind, value, language=language)
        return Cell(reports.TEXT, label, label)
    if column.kind == reports.FLAG:
        text = _("Yes") if value else ""
        return Cell(column.kind, text, text, css=f"flag {key}")
    if value is None:
        return Cell(column.kind, None, "", css="num" if column.kind != reports.DATE else "date")
    if column.kind == reports.DATE:
        return Cell(column.kind, value, value.isoformat(), css="date")
    if column.kind == reports.DAYS:
        days = round(float(value), 1)
        return Cell(
            column.kind, days, format_number(days, language=language, decimals=1), css="num"
        )
    if column.kind in (reports.INT, reports.MONEY):
        number = value if isinstance(value, Decimal | int) else Decimal(value)
        if isinstance(number, Decimal) and number == number.to_integral():
            number = int(number)
        return Cell(column.kind, number, format_number(number, language=language), css="num")
    return Cell(column.kind, value, str(value))


def cells(table: reports.Table, language: str, limit: int | None = None) -> Iterator[list[Cell]]:
    rows = table.rows if limit is None else table.rows[:limit]
    for row in rows:
        yield [_cell(column, row, language) for column in table.columns]


def headers(table: reports.Table) -> list[str]:
    return [str(column.label) for column in table.columns]


# --- charts --------------------------------------------------------------------------------


def _labels(table: reports.Table, language: str, rows: list[dict]) -> list[str]:
    first = table.columns[0]
    return [_cell(first, row, language).text for row in rows]


def chart_for(report: reports.Report, language: str) -> charts.Chart:
    """The report's chart: the first rows of its (first) table, with the table's numbers."""
    if report.name == "anniversaries":
        months = report.table("months")
        labels = _labels(months, language, months.rows)
        milestones = [r["milestones"] for r in months.rows]
        others = [r["anniversaries"] - r["milestones"] for r in months.rows]
        return charts.columns(
            _("Anniversaries per month"),
            labels,
            [
                charts.Series("milestones", _("Milestones"), "s-gold", milestones),
                charts.Series("others", _("Other anniversaries"), "s1", others),
            ],
        )
    table = report.tables[0]
    rows = table.rows[:CHART_ROWS]
    labels = _labels(table, language, rows)

    def series(key: str, css: str) -> charts.Series:
        label = next(str(c.label) for c in table.columns if c.key == key)
        return charts.Series(key, label, css, [r[key] or 0 for r in rows])

    if report.name == "activity":
        return charts.bars(
            _("Activity per partner"),
            labels,
            [series(key, f"s{i}") for i, key in enumerate(reports.ACTIVITY_MEASURES, start=1)],
        )
    if report.name == "reciprocity":
        return charts.bars(
            _("What we did (right) and what they did (left)"),
            labels,
            [
                series("delegations_sent", "s1"),
                series("gifts_given", "s2"),
                series("invitations_sent", "s3"),
            ],
            left=[
                series("delegations_received", "s4"),
                series("gifts_received", "s5"),
                series("invitations_accepted", "s6"),
            ],
        )
    return charts.bars(
        _("Follow-ups per officer"),
        labels,
        [
            series("open", "s1"),
            series("overdue", "s-red"),
            series("closed", "s3"),
            series("closed_on_time", "s-green"),
        ],
        grouped=True,
    )


# --- the page --------------------------------------------------------------------------------


class ReportView(PageMixin, TemplateView):
    template_name = "pages/reports.html"

    def get(self, request, *args, name: str = "activity", **kwargs):
        if name not in reports.REPORTS:
            raise Http404
        if not may_read(request.user, name):
            raise PermissionDenied
        language = translation.get_language() or ""
        form = ReportFilterForm(request.GET or None, name=name, language=language)
        context = self.get_context_data(
            nav="reports",
            name=name,
            report_title=reports.TITLES[name],
            tabs=[
                (key, reports.TITLES[key], reverse("pages:report", args=[key]))
                for key in reports.TITLES
            ],
            form=form,
            query=request.GET.urlencode(),
        )
        try:
            report = reports.build(name, request.GET, today=local_today())
        except reports.ReportParamsError as error:
            form.is_valid()
            for field, messages in error.errors.items():
                form.add_error(field if field in form.fields else None, messages)
            return self.render_to_response(context, status=422)
        context.update(
            report=report,
            chart=chart_for(report, language),
            tables=[
                {
                    "table": table,
                    "headers": table.columns,
                    "rows": list(cells(table, language, PAGE_ROWS)),
                    "count": len(table.rows),
                    "cut": len(table.rows) > PAGE_ROWS,
                    "csv": f"{reverse('pages:report-export', args=[name, 'csv'])}?"
                    + _with(request.GET, table=table.key),
                }
                for table in report.tables
            ],
            chart_rows=CHART_ROWS,
            page_rows=PAGE_ROWS,
            xlsx=f"{reverse('pages:report-export', args=[name, 'xlsx'])}?{request.GET.urlencode()}",
        )
        return self.render_to_response(context)


def _with(query, **extra) -> str:
    copy = query.copy()
    for key, value in extra.items():
        copy[key] = value
    return copy.urlencode()


# --- downloads -----------------------------------------------------------------------------


def _filename(report: reports.Report, extension: str, table: str = "") -> str:
    parts = ["report", report.name, *(str(v) for v in report.params.values() if v), table]
    return "-".join(p for p in parts if p).replace("/", "-") + f".{extension}"


def xlsx_file(report: reports.Report, language: str):
    """The report as a workbook (the shared writer of the list exports): a sheet per table."""
    return spreadsheets.write_xlsx_sheets(
        (
            str(table.title),
            headers(table),
            ([c.value for c in row] for row in cells(table, language)),
        )
        for table in report.tables
    )


def csv_lines(table: reports.Table, language: str) -> Iterator[str]:
    """One table as CSV (the shared writer: UTF-8 with a byte-order mark for Excel)."""
    return spreadsheets.csv_lines(
        headers(table), ([c.value for c in row] for row in cells(table, language))
    )


class ReportExportView(PageMixin, TemplateView):
    """``/reports/<name>/export.<xlsx|csv>``: the report with the page's query."""

    def get(self, request, *args, name: str, fmt: str, **kwargs):
        if name not in reports.REPORTS or fmt not in FORMATS:
            raise Http404
        if not may_read(request.user, name):
            raise PermissionDenied
        try:
            report = reports.build(name, request.GET, today=local_today())
        except reports.ReportParamsError as error:
            return JsonResponse(error.errors, status=400)
        language = translation.get_language() or ""
        if fmt == "xlsx":
            return FileResponse(
                xlsx_file(report, language),
                as_attachment=True,
                filename=_filename(report, "xlsx"),
                content_type=spreadsheets.XLSX_CONTENT_TYPE,
            )
        else:
            key = request.GET.get("table") or report.tables[0].key
            table = next((t for t in report.tables if t.key == key), None)
            if table is None:
                keys = ", ".join(t.key for t in report.tables)
                return JsonResponse(
                    {"table": [_("Choose one of: %(keys)s.") % {"keys": keys}]}, status=400
                )
            response = StreamingHttpResponse(
                (line.encode() for line in csv_lines(table, language)),
                content_type=spreadsheets.CSV_CONTENT_TYPE,
            )
            filename = _filename(report, "csv", table.key if len(report.tables) > 1 else "")
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response


# --- API -------------------------------------------------------------------------------------


class CanReadReport(permissions.BasePermission):
    def has_permission(self, request, view) -> bool:
        user = request.user
        return bool(user and user.is_authenticated and may_read(user, view.report_name))


def _json_value(value):
    if isinstance(value, Decimal):
        return int(value) if value == value.to_integral() else float(value)
    if isinstance(value, float):
        return round(value, 1)
    return value


def report_json(report: reports.Report) -> dict:
    """``{report, title, params, tables: {key: [row, …]}}``: every column's value plus the
    ids and both scripts' names the rows carry."""
    return {
        "report": report.name,
        "title": report.title,
        "params": {
            k: (v.isoformat() if isinstance(v, dt.date) else v) for k, v in report.params.items()
        },
        "tables": {
            table.key: [{k: _json_value(v) for k, v in row.items()} for row in table.rows]
            for table in report.tables
        },
    }


def _rows(name: str, fields: dict) -> serializers.Serializer:
    return inline_serializer(name=name, fields=fields, many=True)


def _int() -> serializers.IntegerField:
    return serializers.IntegerField()


PARTNER_FIELDS = {
    "partner_id": _int(),
    "name": serializers.CharField(),
    "name_local": serializers.CharField(),
    "kind": serializers.CharField(),
    "country": serializers.CharField(),
}
FOLLOW_UP_FIELDS = {
    "open": _int(),
    "overdue": _int(),
    "closed": _int(),
    "closed_on_time": _int(),
    "median_days_to_close": serializers.FloatField(allow_null=True),
}
PARAMS = {
    "year": OpenApiParameter(
        "year",
        {"type": "integer", "minimum": reports.FIRST_YEAR, "maximum": reports.LAST_YEAR},
        description=gettext_lazy("Calendar year (default: this year)."),
    ),
    "kind": OpenApiParameter("kind", OpenApiTypes.STR, enum=Partner.Kind.values),
    "country": OpenApiParameter(
        "country",
        {"type": "string", "pattern": "^[A-Za-z]{2}$"},
        description=gettext_lazy("ISO 3166-1 alpha-2 code."),
    ),
    "topic": OpenApiParameter(
        "topic",
        {"type": "string", "maxLength": 50},
        description=gettext_lazy("Topic slug."),
    ),
}
# Where a report reads a filter its own way: the follow-ups' year is that of the visits.
REPORT_PARAMS = {
    "follow-ups": {
        "year": OpenApiParameter(
            "year",
            {"type": "integer", "minimum": reports.FIRST_YEAR, "maximum": reports.LAST_YEAR},
            description=gettext_lazy(
                "The per-visit table's visits began in this year (default: the latest year "
                "in which a visit with follow-ups began). The per-officer table counts "
                "every follow-up."
            ),
        ),
    },
}


def _response(name: str, tables: dict) -> serializers.Serializer:
    return inline_serializer(
        name=name,
        fields={
            "report": serializers.CharField(),
            "title": serializers.CharField(),
            "params": serializers.DictField(),
            "tables": inline_serializer(name=f"{name}Tables", fields=tables),
        },
    )


class ReportAPIView(APIView):
    """A report as JSON; 400 ``{parameter: [message]}`` for an invalid query."""

    permission_classes = [CanReadReport]
    report_name = ""

    def get(self, request):
        try:
            report = reports.build(self.report_name, request.query_params, today=local_today())
        except reports.ReportParamsError as error:
            raise ValidationError(error.errors) from error
        return Response(report_json(report))


def _api_view(name: str, summary, tables: dict) -> type[ReportAPIView]:
    """The API view of report ``name``, described with its filters as the parameters and
    ``tables`` (``{key: rows}``) as the response's tables (schema ``ActivityReport`` …)."""
    component = name.title().replace("-", "") + "Report"
    view = type(f"{component}APIView", (ReportAPIView,), {"report_name": name})
    params = {**PARAMS, **REPORT_PARAMS.get(name, {})}
    return extend_schema(
        summary=summary,
        parameters=[params[p] for p in FILTERS[name]],
        responses=_response(component, tables),
    )(view)


def _partner_rows(name: str, fields: dict) -> dict:
    """The ``partners`` table: a row per partner, its id and names, and ``fields``."""
    return {"partners": _rows(name, {**PARTNER_FIELDS, **fields})}


API_VIEWS = {
    view.report_name: view
    for view in (
        _api_view(
            "activity",
            gettext_lazy("Activity per partner in a year"),
            _partner_rows(
                "ActivityRow",
                {**{m: _int() for m in reports.ACTIVITY_MEASURES}, "total": _int()},
            ),
        ),
        _api_view(
            "reciprocity",
            gettext_lazy("Reciprocity ledger per partner"),
            _partner_rows(
                "ReciprocityRow",
                {
                    "delegations_sent": _int(),
                    "delegations_received": _int(),
                    "gifts_given": _int(),
                    "gifts_given_twd": serializers.FloatField(),
                    "gifts_received": _int(),
                    "gifts_received_twd": serializers.FloatField(),
                    "invitations_sent": _int(),
                    "invitations_accepted": _int(),
                    "we_last_visited_on": serializers.DateField(allow_null=True),
                    "years_since_we_visited": serializers.IntegerField(allow_null=True),
                    "they_last_visited_on": serializers.DateField(allow_null=True),
                    "years_since_they_visited": serializers.IntegerField(allow_null=True),
                },
            ),
        ),
        _api_view(
            "follow-ups",
            gettext_lazy("Follow-up performance per officer and per visit"),
            {
                "officers": _rows(
                    "FollowUpsOfficerRow",
                    {
                        "owner_id": _int(),
                        "username": serializers.CharField(),
                        "owner": serializers.CharField(),
                        **FOLLOW_UP_FIELDS,
                    },
                ),
                "visits": _rows(
                    "FollowUpsVisitRow",
                    {
                        "visit_id": serializers.IntegerField(allow_null=True),
                        "visit_title": serializers.CharField(),
                        "visit_title_local": serializers.CharField(),
                        "start_on": serializers.DateField(allow_null=True),
                        **FOLLOW_UP_FIELDS,
                    },
                ),
            },
        ),
        _api_view(
            "anniversaries",
            gettext_lazy("Every partner's anniversary in a year"),
            {
                "months": _rows(
                    "AnniversariesMonthRow",
                    {"month": _int(), "anniversaries": _int(), "milestones": _int()},
                ),
                "anniversaries": _rows(
                    "AnniversariesRow",
                    {
                        "partner_id": _int(),
                        "partner_name": serializers.CharField(),
                        "partner_name_local": serializers.CharField(),
                        "agreement_id": _int(),
                        "kind": serializers.CharField(),
                        "date": serializers.DateField(),
                        "years": _int(),
                        "is_milestone": serializers.BooleanField(),
                        "approximate": serializers.BooleanField(),
                    },
                ),
            },
        ),
    )
}
