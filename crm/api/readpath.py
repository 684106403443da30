"""The compiled read path of list responses: a serializer's own fields, without DRF per row.

A resource is declared once, as its serializer (fields, sources, help texts: what the
writes validate and what the OpenAPI schema shows). Rendering a page of 100 rows through
it costs a model instance per row and a ``get_attribute`` / ``to_representation`` call
per field, which is most of a list's time (README, "Benchmark"). ``ReadPath`` compiles
the same serializer, once per class, into

* the columns to read with ``values_list()`` — a field's model column (a foreign key's
  ``<name>_id``), or an annotation of the list's queryset (computed columns, and the
  ``<relation>_values`` arrays of many-to-many fields, ``relations.selectors.linked_values``);
* one converter per field, chosen from what the field's ``to_representation`` does: the
  value as it comes from PostgreSQL where that is already the answer (text, numbers,
  booleans, choices, ids), ``isoformat`` for dates, times of day and date-times (these in
  the request's time zone, ``Z`` for UTC, as DRF writes them), and the field's own
  ``to_representation`` otherwise (decimals, the project's own fields);
* nested lists of a reverse relation (a member's absences) read with one more query, in
  the order of the list queryset's ``Prefetch`` of that relation.

A ``SerializerMethodField`` is compiled when its method is declared a function of one
column (``@from_column``); any other field the compiler cannot read from columns is an
``ImproperlyConfigured`` error at the first list request, never a silent difference.
``tests/crm/test_read_path.py`` holds every resource's fast path to its serializer:
identical JSON for the same rows.
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import cache, partial, wraps

from django.core.exceptions import ImproperlyConfigured
from django.db.models import BigIntegerField, DateTimeField, F, Func, Prefetch, QuerySet, Subquery
from rest_framework import relations, serializers
from rest_framework.response import Response
from rest_framework.settings import ISO_8601, api_settings

Converter = Callable[[object], object]
# Fields whose value, read from PostgreSQL, is already what ``to_representation`` returns.
AS_STORED = frozenset(
    {
        serializers.CharField.to_representation,
        serializers.ChoiceField.to_representation,
        serializers.IntegerField.to_representation,
        serializers.BooleanField.to_representation,
    }
)

# A 64-bit id (``BigAutoField``), written as a number unless COERCE_BIGINT_TO_STRING says text.
BIG_INTEGER = serializers.BigIntegerField.to_representation


def _isoformat(value: dt.date | dt.time) -> str:
    return value.isoformat()


def _iso_datetime(zone) -> Converter:
    """DRF's ISO 8601 date-time of a UTC wall time (``UtcWallTime``): in ``zone`` (the
    request's), ``Z`` for UTC."""

    def convert(value: dt.datetime) -> str:
        text = value.replace(tzinfo=dt.UTC).astimezone(zone).isoformat()
        return text[:-6] + "Z" if text.endswith("+00:00") else text

    return convert


class UtcWallTime(Func):
    """A ``timestamptz`` read as its UTC wall time, a plain ``timestamp``.

    Django registers a loader of its own, in Python, for ``timestamptz``; psycopg reads a
    ``timestamp`` with its C loader. Two date-times a row were a tenth of the contacts
    list's time (README, "Benchmark"); the converter puts the zone back."""

    template = "(%(expressions)s AT TIME ZONE 'UTC')"
    output_field = DateTimeField()


@dataclass(frozen=True)
class Column:
    """One key of the response: read from ``source`` (a ``values_list`` name)."""

    name: str
    source: str
    field: serializers.Field
    kind: str  # "stored", "iso" (dates, times), "datetime", "field" (its to_representation)
    # or "method" (a @from_column method)


@dataclass(frozen=True)
class Nested:
    """A list of child rows (a reverse relation), rendered by the child's own read path."""

    name: str
    relation: str
    path: ReadPath


class ReadPath:
    """A serializer class compiled for lists: see the module."""

    def __init__(self, serializer_class: type[serializers.ModelSerializer]):
        self.serializer_class = serializer_class
        self.model = serializer_class.Meta.model
        self.columns: list[Column] = []
        self.nested: list[Nested] = []
        self.order: list[str] = []  # the keys of a row, in the serializer's order
        for name, field in serializer_class().fields.items():
            if field.write_only:
                continue
            self.order.append(name)
            if isinstance(field, serializers.ListSerializer):
                self.nested.append(self._nested(name, field))
            else:
                self.columns.append(self._column(name, field))
        self.attnames = {f.attname for f in self.model._meta.concrete_fields} | {"pk"}
        self.names = [column.name for column in self.columns]
        self.sources = [column.source for column in self.columns]
        # What is selected: date-times as UTC wall times (``UtcWallTime``), under aliases.
        aliases = {
            column.source: f"utc_wall_time_{column.source}"
            for column in self.columns
            if column.kind == "datetime"
        }
        self.wall_times = {alias: UtcWallTime(F(source)) for source, alias in aliases.items()}
        self.selected = [aliases.get(source, source) for source in self.sources]

    # --- Compiling -------------------------------------------------------------------------
    def _column(self, name: str, field: serializers.Field) -> Column:
        if isinstance(field, relations.ManyRelatedField):
            return Column(name, f"{field.source}_values", field, "stored")
        if isinstance(field, relations.PrimaryKeyRelatedField) and field.pk_field is None:
            attname = self.model._meta.get_field(field.source).attname
            return Column(name, attname, field, "stored")
        if isinstance(field, serializers.SerializerMethodField):
            method = getattr(self.serializer_class, field.method_name)
            if hasattr(method, "read_column"):
                return Column(name, method.read_column, field, "method")
        if isinstance(field, (serializers.SerializerMethodField, relations.RelatedField)):
            raise ImproperlyConfigured(
                f"{self.serializer_class.__name__}.{name}: the read path reads columns; "
                "declare the value as a field reading a column or an annotation of the list "
                "queryset, or its method as a function of one (@from_column)."
            )
        if "." in field.source or field.source == "*":
            raise ImproperlyConfigured(
                f"{self.serializer_class.__name__}.{name}: source {field.source!r} is not a "
                "column or an annotation."
            )
        return Column(name, field.source, field, _kind(field))

    def _nested(self, name: str, field: serializers.ListSerializer) -> Nested:
        return Nested(name, field.source, compiled(type(field.child)))

    # --- Reading ---------------------------------------------------------------------------
    def rows(self, queryset: QuerySet, **annotations) -> QuerySet:
        """``queryset`` as tuples of this path's columns (plus the id, for nested lists),
        with ``annotations`` added (see ``CompiledListMixin.read_annotations``)."""
        if annotations:
            queryset = queryset.annotate(**annotations)
        names = queryset.query.annotations.keys() | self.attnames
        unknown = [source for source in self.sources if source not in names]
        if unknown:
            raise ImproperlyConfigured(
                f"{self.serializer_class.__name__}: {unknown} are neither columns nor "
                "annotations of the list queryset (relations.selectors.linked_values for "
                "many-to-many fields)."
            )
        extra = ["pk"] if self.nested else []
        return self.select(queryset.prefetch_related(None), *extra)

    def select(self, queryset: QuerySet, *extra: str) -> QuerySet:
        """``queryset`` as tuples of this path's columns, then ``extra``."""
        return queryset.annotate(**self.wall_times).values_list(*self.selected, *extra)

    @property
    def calls_serializer(self) -> bool:
        """Whether rendering calls a serializer's fields or methods (``field``, ``method``
        columns, here or in a nested list)."""
        return any(column.kind in ("field", "method") for column in self.columns) or any(
            nested.path.calls_serializer for nested in self.nested
        )

    def render(
        self, rows: Sequence[tuple], *, serializer=None, prefetches: Iterable = ()
    ) -> list[dict]:
        """The response rows of ``rows`` (from ``rows()``), as the serializer writes them.

        ``serializer``: one of this request (its context holds the request), for the fields
        and methods that are called as they are (``field`` and ``method`` columns).
        """
        converters, methods = self._converters(serializer)
        names, width = self.names, len(self.names)
        out = []
        for row in rows:
            values = list(row) if len(row) == width else list(row[:width])
            for index, convert in converters:
                value = values[index]
                if value is not None:
                    values[index] = convert(value)
            for index, method in methods:  # as the serializer calls them: None included
                values[index] = method(values[index])
            out.append(dict(zip(names, values, strict=True)))
        if self.nested:
            self._attach_nested(out, [row[-1] for row in rows], prefetches, serializer)
            out = [{name: row[name] for name in self.order} for row in out]
        return out

    def _converters(self, serializer) -> tuple[list, list]:
        """(position, converter) of every column not shown as stored, and of every method
        field; per request, because a date-time is written in the request's time zone and
        a field may read the request."""
        converters, methods = [], []
        for index, column in enumerate(self.columns):
            if column.kind == "iso":
                converters.append((index, _isoformat))
            elif column.kind == "datetime":
                converters.append((index, _iso_datetime(_zone(column.field))))
            elif column.kind == "field":
                converters.append((index, serializer.fields[column.name].to_representation))
            elif column.kind == "method":
                method = getattr(type(serializer), column.field.method_name)
                methods.append((index, partial(method.from_value, serializer)))
        return converters, methods

    def _attach_nested(self, out: list[dict], ids: list, prefetches: Iterable, serializer) -> None:
        lookups = {p.prefetch_through: p for p in prefetches if isinstance(p, Prefetch)}
        for nested in self.nested:
            relation = self.model._meta.get_field(nested.relation)
            children = _child_queryset(relation, lookups.get(nested.relation))
            parent_column = relation.field.attname
            found = nested.path.select(
                children.filter(**{f"{parent_column}__in": ids}), parent_column
            )
            grouped: dict[object, list] = defaultdict(list)
            rows = list(found)
            rendered = nested.path.render(rows, serializer=_child(serializer, nested))
            for child, row in zip(rendered, rows, strict=True):
                grouped[row[-1]].append(child)
            for parent, pk in zip(out, ids, strict=True):
                parent[nested.name] = grouped.get(pk, [])


def from_column(source: str):
    """Declare a ``SerializerMethodField``'s method a function of one column or annotation.

    The decorated ``get_<field>(self, value)`` receives ``row.<source>``: the serializer
    calls it with each instance's attribute (None on an instance read without that
    annotation), the read path with the column's value, so both write what this one
    function returns. (The schema still reads the method's type
    hint or ``@extend_schema_field``.)
    """

    def decorate(function):
        @wraps(function)
        def method(self, instance):
            return function(self, getattr(instance, source, None))

        method.read_column = source
        method.from_value = function
        return method

    return decorate


def _kind(field: serializers.Field) -> str:
    method = type(field).to_representation
    if method in AS_STORED:
        return "stored"
    if method is BIG_INTEGER and not _big_integer_as_text(field):
        return "stored"
    if method is serializers.DateField.to_representation and _iso(field, "DATE_FORMAT"):
        return "iso"
    if method is serializers.TimeField.to_representation and _iso(field, "TIME_FORMAT"):
        return "iso"
    if method is serializers.DateTimeField.to_representation and _iso(field, "DATETIME_FORMAT"):
        return "datetime"
    return "field"


def _big_integer_as_text(field: serializers.Field) -> bool:
    return getattr(field, "coerce_to_string", api_settings.COERCE_BIGINT_TO_STRING)


def _iso(field: serializers.Field, setting: str) -> bool:
    output_format = getattr(field, "format", getattr(api_settings, setting))
    return isinstance(output_format, str) and output_format.lower() == ISO_8601


def _zone(field: serializers.DateTimeField):
    """The zone DRF writes ``field`` in: its own, else the request's current one."""
    return field.timezone if hasattr(field, "timezone") else field.default_timezone()


def _child(serializer, nested: Nested):
    """The nested serializer of this request, where the child's rendering calls it."""
    if serializer is None or not nested.path.calls_serializer:
        return None
    return serializer.fields[nested.name].child


def _child_queryset(relation, prefetch: Prefetch | None) -> QuerySet:
    if prefetch is not None and prefetch.queryset is not None:
        return prefetch.queryset
    return relation.related_model._default_manager.all()


@cache
def compiled(serializer_class: type[serializers.ModelSerializer]) -> ReadPath:
    """The read path of ``serializer_class``, compiled once per process."""
    return ReadPath(serializer_class)


# The largest OFFSET/LIMIT a page may ask for in SQL (a bigint); beyond it the page is
# past the last one whatever the count, and the paginator answers 404 from the count alone.
MAX_ROW_NUMBER = 2**63 - 1


class PageSource:
    """What the paginator pages: the read path's tuples, and their count.

    The page the request asks for is read with the count beside it, in one query: the
    count is an uncorrelated scalar subquery (PostgreSQL runs it once, with the plan it
    would have alone), so a list costs one round trip instead of two. A window with no
    rows (an empty list, a page past the last) says no count: then, and for queries a
    plain ``count(*)`` does not count (DISTINCT, GROUP BY, unions), the count is a query
    of its own, the list's WHERE by id alone."""

    def __init__(self, tuples: QuerySet, queryset: QuerySet, window: tuple[int, int]):
        self.tuples, self.queryset = tuples, queryset
        self.ordered = tuples.ordered
        self.window = window
        self.rows: list[tuple] | None = None

    def count(self) -> int:
        if self._counts_alongside():
            start, stop = self.window
            counted = self.tuples.annotate(page_total=Subquery(self._total()))
            found = list(counted[start:stop])
            self.rows = [row[:-1] for row in found]
            if found:
                return found[0][-1]
        return self.queryset.values("pk").order_by().count()

    def _counts_alongside(self) -> bool:
        query = self.queryset.query
        in_range = self.window[1] <= MAX_ROW_NUMBER  # a page past any count: the 404 path
        return in_range and not (query.distinct or query.group_by or query.combinator)

    def _total(self) -> QuerySet:
        return self.queryset.order_by().annotate(total=RowCount()).values("total")

    def __getitem__(self, index):
        start, stop = self.window
        if (
            self.rows is not None
            and isinstance(index, slice)
            and index.start == start
            and index.stop is not None
            and index.stop <= stop
        ):
            return self.rows[: index.stop - start]
        return self.tuples[index]


class RowCount(Func):
    """``count(*)`` of a query's rows, as a value (no GROUP BY: not an aggregate to Django)."""

    template = "COUNT(*)"
    output_field = BigIntegerField()


class CompiledListMixin:
    """A viewset's JSON list through ``ReadPath`` (same JSON as its serializer, see module).

    Pagination, filters and ordering are the viewset's own; only the rows of the page are
    read as tuples instead of model instances.
    """

    def _window(self, request) -> tuple[int, int]:
        """The rows [start, stop) of the page the request asks for."""
        if self.paginator is None:
            return (0, 0)
        size = self.paginator.get_page_size(request)
        number = self.paginator.get_page_number(request, None)
        return ((number - 1) * size, number * size)

    def read_annotations(self) -> dict:
        """Columns only the read path selects: values a model computes in Python (a
        property of the same name, which an annotation could not be set on an instance)."""
        return {}

    def list(self, request, *args, **kwargs):
        queryset = self.filter_queryset(self.get_queryset())
        path = compiled(self.get_serializer_class())
        tuples = path.rows(queryset, **self.read_annotations())
        page = self.paginate_queryset(PageSource(tuples, queryset, self._window(request)))
        rows = path.render(
            page if page is not None else list(tuples),
            serializer=self.get_serializer() if path.calls_serializer else None,
            prefetches=queryset._prefetch_related_lookups,
        )
        if page is not None:
            return self.get_paginated_response(rows)
        return Response(rows)
