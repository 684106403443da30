"""Filters for visits, members, engagements, commitments, events, invitations and gifts.

One FilterSet per resource, shared by the API and the HTML lists; the building
blocks (``q``, ids, topics, stable ordering) come from ``relations.filters``.
"""

from __future__ import annotations

import django_filters
from django.db.models import Exists, OuterRef, QuerySet
from django.utils.translation import gettext_lazy as _

from crm.api.filters import (
    BooleanFilter,
    CrmFilterSet,
    IdFilter,
    RelatedExistsFilter,
    StableOrderingFilter,
    TopicFilter,
)
from crm.core.formatting import local_today
from visits.models import (
    Commitment,
    CommitmentQuerySet,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    GiftQuerySet,
    Invitation,
    Visit,
    VisitPartner,
    report_overdue_q,
)


class VisitFilterSet(CrmFilterSet):
    search_fields = (
        "title",
        "title_local",
        "purpose_local",
        "purpose",
        "summary_local",
        "summary",
    )

    direction = django_filters.ChoiceFilter(choices=Visit.Direction.choices, label=_("Direction"))
    category = django_filters.ChoiceFilter(choices=Visit.Category.choices, label=_("Category"))
    status = django_filters.ChoiceFilter(choices=Visit.Status.choices, label=_("Status"))
    partner = IdFilter(method="filter_partner", label=_("Partner visited (id)"))
    start_after = django_filters.DateFilter(
        field_name="start_on", lookup_expr="gte", label=_("Starting from")
    )
    start_before = django_filters.DateFilter(
        field_name="start_on", lookup_expr="lte", label=_("Starting until")
    )
    report_overdue = BooleanFilter(
        method="filter_report_overdue",
        label=_("Trip report past its due date and not submitted"),
    )
    ordering = StableOrderingFilter(
        fields=("start_on", "end_on", "status", "report_due_on", "created_at")
    )

    class Meta:
        model = Visit
        fields = []

    def filter_partner(self, qs: QuerySet, name: str, value) -> QuerySet:
        if value is None:
            return qs
        return qs.filter(
            Exists(VisitPartner.objects.filter(visit_id=OuterRef("pk"), partner_id=value))
        )

    def filter_report_overdue(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        overdue = report_overdue_q(local_today())
        return qs.filter(overdue) if value else qs.exclude(overdue)


class MemberFilterSet(CrmFilterSet):
    search_fields = ("name", "name_local", "department", "department_local", "title", "title_local")

    visit = IdFilter(field_name="visit_id", label=_("Visit (id)"))
    role = django_filters.ChoiceFilter(choices=DelegationMember.Role.choices, label=_("Role"))
    user = IdFilter(field_name="user_id", label=_("User (id)"))
    official = IdFilter(field_name="official_id", label=_("Official (id)"))
    ordering = StableOrderingFilter(fields=("visit", "order", "name", "name_local"))

    class Meta:
        model = DelegationMember
        fields = []


class EngagementFilterSet(CrmFilterSet):
    search_fields = ("title", "title_local", "location", "notes_local", "notes")

    visit = IdFilter(field_name="visit_id", label=_("Visit (id)"))
    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    organization = IdFilter(field_name="organization_id", label=_("Organization (id)"))
    official = RelatedExistsFilter(through="officials", label=_("Official met (id)"))
    kind = django_filters.ChoiceFilter(choices=Engagement.Kind.choices, label=_("Kind"))
    topic = TopicFilter()
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Date from")
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Date until")
    )
    ordering = StableOrderingFilter(fields=("date", "start_time", "order", "kind"))

    class Meta:
        model = Engagement
        fields = []


class CommitmentFilterSet(CrmFilterSet):
    search_fields = (
        "title_local",
        "title",
        "details_local",
        "details",
        "outcome_local",
        "outcome",
    )

    status = django_filters.ChoiceFilter(choices=Commitment.Status.choices, label=_("Status"))
    owner = IdFilter(field_name="owner_id", label=_("Owner (user id)"))
    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    visit = IdFilter(field_name="visit_id", label=_("Visit (id)"))
    kind = django_filters.ChoiceFilter(choices=Commitment.Kind.choices, label=_("Kind"))
    priority = django_filters.ChoiceFilter(choices=Commitment.Priority.choices, label=_("Priority"))
    due_after = django_filters.DateFilter(
        field_name="due_on", lookup_expr="gte", label=_("Due from")
    )
    due_before = django_filters.DateFilter(
        field_name="due_on", lookup_expr="lte", label=_("Due until")
    )
    overdue = BooleanFilter(
        method="filter_overdue", label=_("Open or in progress, and due before today")
    )
    reviewed = BooleanFilter(
        field_name="reviewed_at", lookup_expr="isnull", exclude=True, label=_("Reviewed")
    )
    ordering = StableOrderingFilter(
        fields=("due_on", "priority", "status", "completed_on", "created_at")
    )

    class Meta:
        model = Commitment
        fields = []

    def filter_overdue(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        overdue = CommitmentQuerySet.overdue_q(local_today())
        return qs.filter(overdue) if value else qs.exclude(overdue)


class EventFilterSet(CrmFilterSet):
    search_fields = ("title", "title_local", "location", "description_local", "description")

    owner = IdFilter(field_name="owner_id", label=_("Owner (user id)"))
    starts_after = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="gte", label=_("Starting from")
    )
    starts_before = django_filters.DateFilter(
        field_name="starts_on", lookup_expr="lte", label=_("Starting until")
    )
    ordering = StableOrderingFilter(fields=("starts_on", "title", "created_at"))

    class Meta:
        model = Event
        fields = []


class InvitationFilterSet(CrmFilterSet):
    search_fields = ("notes_local", "notes", "invitee__name", "invitee__name_local")

    event = IdFilter(field_name="event_id", label=_("Event (id)"))
    status = django_filters.ChoiceFilter(choices=Invitation.Status.choices, label=_("Status"))
    partner = IdFilter(field_name="invitee__partner_id", label=_("Invitee's partner (id)"))
    official = IdFilter(field_name="invitee_id", label=_("Invitee (official id)"))
    owner = IdFilter(field_name="owner_id", label=_("Owner (user id)"))
    rsvp_after = django_filters.DateFilter(
        field_name="rsvp_by", lookup_expr="gte", label=_("RSVP due from")
    )
    rsvp_before = django_filters.DateFilter(
        field_name="rsvp_by", lookup_expr="lte", label=_("RSVP due until")
    )
    ordering = StableOrderingFilter(fields=("rsvp_by", "sent_on", "status", "created_at"))

    class Meta:
        model = Invitation
        fields = []


class GiftFilterSet(CrmFilterSet):
    search_fields = ("description", "description_local", "notes")

    direction = django_filters.ChoiceFilter(choices=Gift.Direction.choices, label=_("Direction"))
    partner = IdFilter(field_name="partner_id", label=_("Partner (id)"))
    official = IdFilter(field_name="official_id", label=_("Official (id)"))
    organization = IdFilter(field_name="organization_id", label=_("Organization (id)"))
    visit = IdFilter(field_name="visit_id", label=_("Visit (id)"))
    disposition = django_filters.ChoiceFilter(
        choices=Gift.Disposition.choices, label=_("Disposition")
    )
    unregistered = BooleanFilter(
        method="filter_unregistered",
        label=_(
            "Received, not yet registered with the ethics office, and valued at or over "
            "the registration threshold or with no value recorded"
        ),
    )
    date_after = django_filters.DateFilter(
        field_name="date", lookup_expr="gte", label=_("Date from")
    )
    date_before = django_filters.DateFilter(
        field_name="date", lookup_expr="lte", label=_("Date until")
    )
    ordering = StableOrderingFilter(fields=("date", "value_twd", "created_at"))

    class Meta:
        model = Gift
        fields = []

    def filter_unregistered(self, qs: QuerySet, name: str, value: bool | None) -> QuerySet:
        if value is None:
            return qs
        flagged = GiftQuerySet.unregistered_q()
        return qs.filter(flagged) if value else qs.exclude(flagged)
