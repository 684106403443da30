"""Filter building blocks shared by every resource's FilterSet (API and pages alike).

Every FilterSet has ``q`` (search over names in both scripts and other text) and
``ordering``. A bad value (unknown choice, impossible date, non-numeric id) is a 400
with ``{parameter: [message]}``, never a 500.
"""

from __future__ import annotations

import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from crm.core.countries import country_codes

# Ids are PostgreSQL bigints: anything larger cannot name a row, and is refused instead
# of overflowing in the database.
MAX_ID = 2**63 - 1
MAX_SEARCH_LENGTH = 200


class IdField(forms.IntegerField):
    def __init__(self, **kwargs):
        kwargs.setdefault("min_value", 1)
        kwargs.setdefault("max_value", MAX_ID)
        super().__init__(**kwargs)


@extend_schema_field({"type": "integer", "minimum": 1, "maximum": MAX_ID})
class IdFilter(django_filters.NumberFilter):
    """A row id (``?partner=12``). An id that names no row matches nothing (no 400)."""

    field_class = IdField


@extend_schema_field({"type": "string", "maxLength": MAX_SEARCH_LENGTH})
class SearchFilter(django_filters.CharFilter):
    """``q``: every word must appear in one of the FilterSet's ``search_fields``."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Search"))
        kwargs.setdefault("max_length", MAX_SEARCH_LENGTH)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value: str) -> QuerySet:
        fields = self.parent.search_fields
        for term in (value or "").split():
            qs = qs.filter(reduce(operator.or_, (Q(**{f"{f}__icontains": term}) for f in fields)))
        return qs


class StrictBooleanField(forms.Field):
    """``true``/``false`` (also ``1``/``0``, any case); empty means "not given"; else an error."""

    TRUE, FALSE = frozenset({"true", "1"}), frozenset({"false", "0"})

    def __init__(self, **kwargs):
        kwargs.setdefault(
            "widget",
            forms.Select(choices=[("", "---------"), ("true", _("Yes")), ("false", _("No"))]),
        )
        super().__init__(**kwargs)

    def to_python(self, value):
        if value in (None, ""):
            return None
        if isinstance(value, bool):
            return value
        text = str(value).strip().lower()
        if text in self.TRUE:
            return True
        if text in self.FALSE:
            return False
        raise forms.ValidationError(_("Enter true or false."), code="invalid")


class BooleanFilter(django_filters.BooleanFilter):
    """django-filter's BooleanFilter, except that a value other than true/false is a 400."""

    field_class = StrictBooleanField


class StableOrderingFilter(django_filters.OrderingFilter):
    """``ordering=name,-id``; the primary key breaks ties so pages never overlap."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Sort by"))
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value):
        qs = super().filter(qs, value)
        if value:
            last = value[-1]
            qs = qs.order_by(*qs.query.order_by, "-pk" if last.startswith("-") else "pk")
        return qs


class RelatedExistsFilter(IdFilter):
    """Rows linked to the given id through a many-to-many relation, without duplicates.

    ``Exists`` instead of a join: a row linked twice still comes back once, and the
    count stays a plain ``count(*)``.
    """

    def __init__(self, *, through: str, **kwargs):
        self.through = through  # e.g. "officials": the many-to-many field name
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value):
        if value in (None, ""):
            return qs
        return qs.filter(linked_through(qs, self.through, "_id", value))


def linked_through(qs: QuerySet, name: str, lookup: str, value) -> Exists:
    """Rows of ``qs`` whose many-to-many ``name`` links to a row where ``lookup`` is
    ``value`` (``"_id"``: by id; ``"__slug"``: by slug), as an ``Exists`` on the link table."""
    relation = qs.model._meta.get_field(name)
    own, other = relation.m2m_field_name(), relation.m2m_reverse_field_name()
    links = relation.remote_field.through.objects
    return Exists(links.filter(**{own: OuterRef("pk"), f"{other}{lookup}": value}))


class TopicFilter(django_filters.CharFilter):
    """Rows tagged with the topic of this slug."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Topic (slug)"))
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        return qs.filter(linked_through(qs, "topics", "__slug", value))


@extend_schema_field({"type": "string", "maxLength": 100})
class CountryField(forms.CharField):
    """A country typed as a code or a name; one that names no country is refused (400 in
    the API, a field error on a page) rather than silently matching nothing."""

    def clean(self, value):
        value = super().clean(value)
        if value and value.strip() and not country_codes(value):
            raise forms.ValidationError(
                _(
                    "No country is called “%(value)s”: give its two-letter code (US) or its name "
                    "(United States, 美國)."
                ),
                code="unknown_country",
                params={"value": value.strip()},
            )
        return value


class CountryFilter(django_filters.CharFilter):
    """``?country=US``, ``?country=United States`` or ``?country=美國``: a two-letter code or
    a country's name in either language (``crm.core.countries.country_codes``)."""

    field_class = CountryField

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Country (code or name: US, United States, 美國)"))
        kwargs.setdefault("max_length", 100)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value):
        if not value or not value.strip():
            return qs
        codes = country_codes(value)
        return qs.filter(**{f"{self.field_name}__in": codes}) if codes else qs.none()


class CrmFilterSet(django_filters.FilterSet):
    """Base: ``q`` over ``search_fields``. Subclasses declare their filters explicitly."""

    search_fields: tuple[str, ...] = ()
    q = SearchFilter()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.search_fields and cls.__name__ != "CrmFilterSet":
            raise TypeError(f"{cls.__name__} needs search_fields for its q filter")

    def get_form_class(self):
        """The form class, built once per FilterSet class (django-filter builds a field
        per filter and a new class on every request). Its fields come from the declared
        filters alone — none of these reads the request — and every form deep-copies
        them before use, so one request's form never changes another's."""
        form_class = type(self).__dict__.get("_form_class")
        if form_class is None:
            form_class = super().get_form_class()
            type(self)._form_class = form_class
        return form_class
