"""Filters for partners, agreements, organizations, officials, contacts and topics.

One FilterSet per resource, shared by the API (``filterset_class``) and the HTML
lists. Every FilterSet has ``q`` (search over names in both scripts and other text)
and ``ordering``; the building blocks are in ``crm.api.filters``.
A bad value (unknown choice, impossible date, non-numeric id) is a 400 with
``{parameter: [message]}``, never a 500.
"""

from __future__ import annotations

import django_filters
from django.db.models import Q, QuerySet
from django.utils.translation import gettext_lazy as _

from crm.api.filters import (
    BooleanFilter,
    CountryFilter,
    CrmFilterSet,
    IdFilter,
    RelatedExistsFilter,
    StableOrderingFilter,
    TopicFilter,
)
from crm.core.formatting import local_today
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from relations.selectors import HEALTH_CHOICES


class PartnerFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "region", "notes")

    kind = django_filters.ChoiceFilter(choices=Partner.Kind.choices, label=_("Kind"))
    status = django_filters.ChoiceFilter(choices=Partner.Status.choices, label=_("Status"))
    jurisdiction = django_filters.ChoiceFilter(
        choices=Partner.Jurisdiction.choices, label=_("Jurisdiction")
    )
    country = CountryFilter()
    owner = IdFilter(field_name="owner_id", label=_("Desk officer (user id)"))
    topic = TopicFilter()
    established_after = django_filters.DateFilter(
        field_name="established_on", lookup_expr="gte", label=_("Established from")
    )
    established_before = django_filters.DateFilter(
        field_name="established_on", lookup_expr="lte", label=_("Established until")
    )
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


class AgreementFilterSet(CrmFilterSet):
    search_fields = ("title", "title_local", "reference", "signatories", "partner__name")

    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    kind = django_filters.ChoiceFilter(choices=Agreement.Kind.choices, label=_("Kind"))
    commemorate = BooleanFilter(label=_("Anniversaries commemorated"))
    signed_after = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="gte", label=_("Signed from")
    )
    signed_before = django_filters.DateFilter(
        field_name="signed_on", lookup_expr="lte", label=_("Signed until")
    )
    ordering = StableOrderingFilter(fields=("signed_on", "kind", "created_at"))

    class Meta:
        model = Agreement
        fields = []


class OrganizationFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "city", "notes")

    kind = django_filters.ChoiceFilter(choices=Organization.Kind.choices, label=_("Kind"))
    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    country = CountryFilter()
    ordering = StableOrderingFilter(fields=("name", "name_local", "country", "kind", "created_at"))

    class Meta:
        model = Organization
        fields = []


class OfficialFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "title", "title_local", "email")

    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    organization = IdFilter(field_name="organization_id", label=_("Organization (id)"))
    role = django_filters.ChoiceFilter(choices=Official.Role.choices, label=_("Role"))
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
    search_fields = ("subject_local", "subject", "summary_local", "summary")

    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    organization = IdFilter(field_name="organization_id", label=_("Organization (id)"))
    official = RelatedExistsFilter(through="officials", label=_("Official involved (id)"))
    staff = RelatedExistsFilter(through="staff", label=_("Our staff involved (user id)"))
    channel = django_filters.ChoiceFilter(choices=Contact.Channel.choices, label=_("Channel"))
    direction = django_filters.ChoiceFilter(choices=Contact.Direction.choices, label=_("Direction"))
    topic = TopicFilter()
    visit = IdFilter(field_name="visit_id", label=_("Visit (id)"))
    occurred_after = django_filters.DateFilter(
        field_name="occurred_on", lookup_expr="gte", label=_("Date from")
    )
    occurred_before = django_filters.DateFilter(
        field_name="occurred_on", lookup_expr="lte", label=_("Date until")
    )
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
