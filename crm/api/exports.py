"""Lists downloaded as XLSX or CSV (``?format=xlsx`` / ``?format=csv`` on a list endpoint).

The columns of a resource are declared once, as its django-import-export resource
(``relations.resources``, ``visits.resources``) — the same declaration the admin's import
and export use. A list export takes the list's own queryset with its FilterSet and
ordering applied, and writes every matching row (not one page) through
``crm.core.spreadsheets``, so the CSV and the XLSX of one request have the same columns,
header labels and values:

* header labels are the model fields' names in the reader's language (zh-Hant by default;
  ``Accept-Language``, the language cookie, or else the user's saved language); the import
  reads these labels as well as the plain column names, so an export can be edited and
  imported again;
* dates, times and numbers stay typed in XLSX; choices are written as words of the
  reader's language (姊妹市, not ``sister``); foreign keys as the import reads them (a
  partner by name, a user by username, topics by slug). The import reads the words of
  either language back as their codes.

Bounded: a list of more than ``EXPORT_MAX_ROWS`` rows (default 20,000) is refused with a
400 that says how many rows matched and asks for narrower filters. CSV is streamed (rows
are read in chunks of ``EXPORT_CHUNK_ROWS``); XLSX is written row by row into a temporary
file. Either way memory does not grow with the rows.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.conf import settings
from django.core.exceptions import FieldDoesNotExist
from django.db.models import QuerySet
from django.http import FileResponse, StreamingHttpResponse
from django.utils import translation
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from import_export import widgets
from rest_framework.exceptions import ValidationError

from crm.core.formatting import local_today
from crm.core.spreadsheets import CSV_CONTENT_TYPE, XLSX_CONTENT_TYPE, csv_lines, write_xlsx

CSV, XLSX, JSON = "csv", "xlsx", "json"
EXPORT_FORMATS = (CSV, XLSX)
# Values written as they are (typed in XLSX, ISO 8601 in CSV); others go through the widget.
TYPED = (dt.date, dt.time, Decimal, int, float)


# --- Columns --------------------------------------------------------------------------------


def column_label(resource, field) -> str:
    """A column's header: the resource's own label, else the model field's verbose name."""
    labels = getattr(resource, "column_labels", {}) or {}
    if field.column_name in labels:
        return capfirst(str(labels[field.column_name]))
    model = resource._meta.model
    name = (field.attribute or field.column_name).split("__")[0].removesuffix("_id")
    try:
        return capfirst(str(model._meta.get_field(name).verbose_name))
    except FieldDoesNotExist:
        return field.column_name


def export_fields(resource) -> list:
    return resource.get_export_fields()


def headers(resource) -> list[str]:
    """The header labels in the active language."""
    return [column_label(resource, field) for field in export_fields(resource)]


def header_aliases(resource) -> dict[str, str]:
    """Every language's header label → the column name the import reads."""
    aliases: dict[str, str] = {}
    for code, _name in settings.LANGUAGES:
        with translation.override(code):
            for field in export_fields(resource):
                aliases.setdefault(column_label(resource, field), field.column_name)
    return aliases


def _model_field(resource, field):
    name = (field.attribute or field.column_name).split("__")[0]
    try:
        return resource._meta.model._meta.get_field(name)
    except FieldDoesNotExist:
        return None


def choice_words(resource) -> list[dict[str, str] | None]:
    """Per column, a choice column's words in the active language (code → label), else None.

    An export writes ``姊妹市`` / ``sister city`` rather than the code ``sister``; the import
    reads any language's word back as its code (``choice_aliases``)."""
    words = []
    for field in export_fields(resource):
        model_field = _model_field(resource, field)
        choices = (
            model_field.flatchoices
            if model_field is not None and model_field.choices and not model_field.is_relation
            else None
        )
        words.append({str(code): str(label) for code, label in choices} if choices else None)
    return words


def choice_aliases(resource) -> dict[str, dict[str, str]]:
    """Column name → every language's word for a choice → its code (for the import)."""
    aliases: dict[str, dict[str, str]] = {}
    fields = export_fields(resource)
    for language, _name in settings.LANGUAGES:
        with translation.override(language):
            for field, words in zip(fields, choice_words(resource), strict=True):
                if words:
                    column = aliases.setdefault(field.column_name, {})
                    for code, label in words.items():
                        column.setdefault(label, code)
    return aliases


DEHYDRATED, RELATED, PLAIN = "dehydrated", "related", "plain"


def _kind(resource, field) -> str:
    """How a column is read: a ``dehydrate_<name>`` method, a related row (through the
    widget), or the row's own value."""
    if getattr(resource, f"dehydrate_{resource.get_field_name(field)}", None) is not None:
        return DEHYDRATED
    if isinstance(field.widget, widgets.ForeignKeyWidget | widgets.ManyToManyWidget):
        return RELATED
    return PLAIN


def cell(resource, field, instance, kind: str | None = None):
    """One cell: typed values as they are, related rows as the import reads them."""
    kind = kind or _kind(resource, field)
    if kind == PLAIN:
        value = field.get_value(instance)
        if value is None or (isinstance(value, (*TYPED, str)) and not isinstance(value, bool)):
            return value if value != "" else None
    value = resource.export_field(field, instance) if kind == DEHYDRATED else field.export(instance)
    return value if value not in (None, "") else None


def rows(resource, queryset: QuerySet, words: list[dict[str, str] | None]):
    """The cells of every row; ``words``: ``choice_words`` (taken before a stream starts,
    in the reader's language)."""
    fields = export_fields(resource)
    columns = [
        (field, _kind(resource, field), choices)
        for field, choices in zip(fields, words, strict=True)
    ]
    for instance in queryset.iterator(chunk_size=settings.EXPORT_CHUNK_ROWS):
        row = []
        for field, kind, choices in columns:
            value = cell(resource, field, instance, kind)
            row.append(choices.get(value, value) if choices and isinstance(value, str) else value)
        yield row


def prepared(resource, queryset: QuerySet) -> QuerySet:
    """The queryset with what the columns read joined or prefetched (a fixed query count)."""
    joins, prefetches = [], []
    for field in export_fields(resource):
        if not field.attribute:
            continue
        if isinstance(field.widget, widgets.ManyToManyWidget):
            prefetches.append(field.attribute)
        elif isinstance(field.widget, widgets.ForeignKeyWidget):
            joins.append(field.attribute)
    return queryset.select_related(*joins).prefetch_related(*prefetches)


# --- Responses ------------------------------------------------------------------------------


def export_language(request) -> str:
    """The language of the headers: what the request asks for (cookie, ``Accept-Language``),
    else the signed-in user's saved language, else the site's (zh-Hant)."""
    asked = settings.LANGUAGE_COOKIE_NAME in request.COOKIES or request.headers.get(
        "Accept-Language"
    )
    saved = getattr(request.user, "language", "")
    if not asked and saved in dict(settings.LANGUAGES):
        return saved
    return translation.get_language() or settings.LANGUAGE_CODE


def too_many(count: int) -> ValidationError:
    return ValidationError(
        {
            "format": [
                _(
                    "%(count)s rows match, more than the %(limit)s an export may hold: "
                    "narrow the filters (e.g. a date range) and export again."
                )
                % {"count": f"{count:,}", "limit": f"{settings.EXPORT_MAX_ROWS:,}"}
            ]
        }
    )


def export_response(resource, queryset: QuerySet, fmt: str, *, basename: str, language: str):
    """The rows of ``queryset`` as a CSV (streamed) or XLSX download."""
    count = queryset.count()
    if count > settings.EXPORT_MAX_ROWS:
        raise too_many(count)
    queryset = prepared(resource, queryset)
    with translation.override(language):
        labels = headers(resource)
        words = choice_words(resource)
        title = str(capfirst(resource._meta.model._meta.verbose_name_plural))
    filename = f"{basename}-{local_today().isoformat()}.{fmt}"
    if fmt == CSV:
        response = StreamingHttpResponse(
            (line.encode() for line in csv_lines(labels, rows(resource, queryset, words))),
            content_type=CSV_CONTENT_TYPE,
        )
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response
    workbook = write_xlsx(labels, rows(resource, queryset, words), title=title)
    return FileResponse(
        workbook, as_attachment=True, filename=filename, content_type=XLSX_CONTENT_TYPE
    )


class ExportListMixin:
    """``?format=csv|xlsx`` on a list: its filtered rows as a download (see the module).

    A viewset names its columns with ``export_resource`` (an import-export resource class)
    and its file name with ``export_basename``; without them the list has no export.
    """

    export_resource = None
    export_basename = ""

    def list(self, request, *args, **kwargs):
        fmt = (request.query_params.get("format") or JSON).strip().lower()
        if fmt == JSON:
            return super().list(request, *args, **kwargs)
        if fmt not in EXPORT_FORMATS or self.export_resource is None:
            choices = ", ".join((JSON, *EXPORT_FORMATS)) if self.export_resource else JSON
            raise ValidationError(
                {"format": [_("Use one of: %(choices)s.") % {"choices": choices}]}
            )
        queryset = self.filter_queryset(self.get_queryset())
        return export_response(
            self.export_resource(),
            queryset,
            fmt,
            basename=self.export_basename or queryset.model._meta.model_name,
            language=export_language(request),
        )
