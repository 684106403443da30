"""Filters for partners, agreements, organizations, officials, contacts and topics.

One FilterSet per resource, shared by the API (``filterset_class``) and the HTML
lists. Every FilterSet has ``q`` (search over names in both scripts and other text)
and ``ordering``; the building blocks below are reused by ``visits.filters``.
A bad value (unknown choice, impossible date, non-numeric id) is a 400 with
``{parameter: [message]}``, never a 500.
"""

from __future__ import annotations

import operator
from functools import reduce

import django_filters
from django import forms
from django.db.models import Exists, OuterRef, Q, QuerySet
from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field

from crm.core.formatting import local_today
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from relations.selectors import HEALTH_CHOICES

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
        relation = qs.model._meta.get_field(self.through)
        through = relation.remote_field.through
        own = relation.m2m_field_name()
        other = relation.m2m_reverse_field_name()
        return qs.filter(
            Exists(through.objects.filter(**{own: OuterRef("pk"), f"{other}_id": value}))
        )


class TopicFilter(django_filters.CharFilter):
    """Rows tagged with the topic of this slug."""

    def __init__(self, **kwargs):
        kwargs.setdefault("label", _("Topic (slug)"))
        kwargs.setdefault("max_length", 50)
        super().__init__(**kwargs)

    def filter(self, qs: QuerySet, value):
        if not value:
            return qs
        relation = qs.model._meta.get_field("topics")
        through = relation.remote_field.through
        own = relation.m2m_field_name()
        other = relation.m2m_reverse_field_name()
        return qs.filter(
            Exists(through.objects.filter(**{own: OuterRef("pk"), f"{other}__slug": value}))
        )


class CrmFilterSet(django_filters.FilterSet):
    """Base: ``q`` over ``search_fields``. Subclasses declare their filters explicitly."""

    search_fields: tuple[str, ...] = ()
    q = SearchFilter()

    def __init_subclass__(cls, **kwargs):
        super().__init_subclass__(**kwargs)
        if not cls.search_fields and cls.__name__ != "CrmFilterSet":
            raise TypeError(f"{cls.__name__} needs search_fields for its q filter")


class PartnerFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "region", "notes")

    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices)
    status = django_filters.ChoiceFilter(choices=Partner.Status.choices)
    jurisdiction = django_filters.ChoiceFilter(choices=Partner.Jurisdiction.choices)
    country = django_filters.CharFilter(method="filter_country", max_length=2)
    owner = IdFilter(field_name="owner_id", label=_("Desk officer (user id)"))
    topic = TopicFilter()
    established_after = django_filters.DateFilter(field_name="established_on", lookup_expr="gte")
    established_before = django_filters.DateFilter(field_name="established_on", lookup_expr="lte")
    health = django_filters.ChoiceFilter(
        choices=HEALTH_CHOICES,
        label=_("Health: active (contact or visit ≤ 180 days), cooling (≤ 365), dormant"),
    )
    ordering = StableOrderingFilter(
        fields=(
            "name",
            "name_local",
            "country",
            "kind",
            "status",
            "established_on",
            "last_contact_on",
            "created_at",
            "updated_at",
        )
    )

    class Meta:
        model = Partner
        fields = []

    def filter_country(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(country=value.upper()) if value else qs


class AgreementFilterSet(CrmFilterSet):
    search_fields = ("title", "title_local", "reference", "signatories", "partner__name")

    partner = IdFilter(field_name="partner_id")
    kind = django_filters.ChoiceFilter(choices=Agreement.Kind.choices)
    commemorate = BooleanFilter()
    signed_after = django_filters.DateFilter(field_name="signed_on", lookup_expr="gte")
    signed_before = django_filters.DateFilter(field_name="signed_on", lookup_expr="lte")
    ordering = StableOrderingFilter(fields=("signed_on", "kind", "created_at"))

    class Meta:
        model = Agreement
        fields = []


class OrganizationFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "city", "notes")

    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices)
    partner = IdFilter(field_name="partner_id")
    country = django_filters.CharFilter(method="filter_country", max_length=2)
    ordering = StableOrderingFilter(fields=("name", "name_local", "country", "kind", "created_at"))

    class Meta:
        model = Organization
        fields = []

    def filter_country(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(country=value.upper()) if value else qs


class OfficialFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "title", "title_local", "email")

    partner = IdFilter(field_name="partner_id")
    organization = IdFilter(field_name="organization_id")
    role = django_filters.ChoiceFilter(choices=Official.Role.choices)
    current = BooleanFilter(
        method="filter_current",
        label=_("In office today (no end of term, or one today or later)"),
    )
    ordering = StableOrderingFilter(
        fields=("name", "name_local", "role", "term_start", "term_end", "created_at")
    )

    class Meta:
        model = Official
        fields = []

    def filter_current(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        # "Today" is the office's local date (SPEC §3.4), not the database's clock.
        current = Q(term_end__isnull=True) | Q(term_end__gte=local_today())
        return qs.filter(current) if value else qs.exclude(current)


class ContactFilterSet(CrmFilterSet):
    search_fields = ("subject", "summary")

    partner = IdFilter(field_name="partner_id")
    organization = IdFilter(field_name="organization_id")
    official = RelatedExistsFilter(through="officials", label=_("Official involved (id)"))
    staff = RelatedExistsFilter(through="staff", label=_("Our staff involved (user id)"))
    channel = django_filters.ChoiceFilter(choices=Contact.Channel.choices)
    direction = django_filters.ChoiceFilter(choices=Contact.Direction.choices)
    topic = TopicFilter()
    visit = IdFilter(field_name="visit_id")
    occurred_after = django_filters.DateFilter(field_name="occurred_on", lookup_expr="gte")
    occurred_before = django_filters.DateFilter(field_name="occurred_on", lookup_expr="lte")
    ordering = StableOrderingFilter(fields=("occurred_on", "channel", "created_at"))

    class Meta:
        model = Contact
        fields = []


class TopicFilterSet(CrmFilterSet):
    search_fields = ("slug", "name", "name_local")

    ordering = StableOrderingFilter(fields=("slug", "name"))

    class Meta:
        model = Topic
        fields = []
