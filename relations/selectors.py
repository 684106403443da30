"""Reads shared by the API, the pages and the reminders: partners with their computed facts.

Every list here is one SQL statement for the rows, whatever the number of rows: computed
columns, and the ids or slugs of many-to-many links (``<relation>_values``, see
``linked_values``), are correlated subqueries inside it. No per-row queries.
"""

from __future__ import annotations

import datetime as dt

from django.contrib.postgres.expressions import ArraySubquery
from django.db.models import (
    Case,
    CharField,
    Count,
    IntegerField,
    Model,
    OuterRef,
    QuerySet,
    Subquery,
    Value,
    When,
)
from django.db.models.functions import Coalesce, Greatest, Least
from django.utils.translation import gettext_lazy as _

from relations.anniversaries import next_anniversary_subquery
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic

ACTIVE_WITHIN_DAYS = 180
COOLING_WITHIN_DAYS = 365
HEALTH_ACTIVE, HEALTH_COOLING, HEALTH_DORMANT = "active", "cooling", "dormant"
HEALTH_CHOICES = [
    (HEALTH_ACTIVE, _("active")),
    (HEALTH_COOLING, _("cooling")),
    (HEALTH_DORMANT, _("dormant")),
]


def _count(queryset: QuerySet) -> Coalesce:
    """A correlated ``count(*)`` of ``queryset`` (already filtered on ``OuterRef``), 0 if none."""
    counted = queryset.order_by().values("partner_id").annotate(n=Count("pk")).values("n")
    return Coalesce(Subquery(counted, output_field=IntegerField()), 0)


def linked_values(model: type[Model], name: str, column: str = "pk") -> ArraySubquery:
    """The ``column`` (ids by default, or e.g. ``"slug"``) of the rows a row's many-to-many
    relation ``name`` links to, as one array column, in the related model's order.

    Annotated as ``<name>_values``, the API's many-to-many fields read it instead of
    ``row.<name>.all()`` (see ``crm.api.fields.StrictManyRelatedField``): the list costs
    no extra query and no related manager per row.
    """
    field = model._meta.get_field(name)
    through = field.remote_field.through
    source, target = field.m2m_field_name(), field.m2m_reverse_field_name()
    order = [
        f"-{target}__{o[1:]}" if o.startswith("-") else f"{target}__{o}"
        for o in field.related_model._meta.ordering
    ]
    value = f"{target}_id" if column == "pk" else f"{target}__{column}"
    return ArraySubquery(
        through.objects.filter(**{f"{source}_id": OuterRef("pk")})
        .order_by(*order, f"{target}_id")
        .values(value)
    )


def partner_list(*, today: dt.date) -> QuerySet[Partner]:
    """Partners with ``last_contact_on``, ``last_visit_on``, ``health``, ``open_commitments``,
    ``overdue_commitments`` and ``next_anniversary`` (``{date, years, approximate}``).

    Health (SPEC §5.2): ``active`` with a contact or visit in the last 180 days,
    ``cooling`` within 181–365 days, ``dormant`` beyond or never. Future-dated contacts
    and visits not yet begun do not count; a visit counts up to its last day.
    """
    from visits.models import Commitment, CommitmentQuerySet, Visit, VisitPartner

    last_contact = (
        Contact.objects.filter(partner_id=OuterRef("pk"), occurred_on__lte=today)
        .order_by("-occurred_on")
        .values("occurred_on")[:1]
    )
    last_visit = (
        VisitPartner.objects.filter(partner_id=OuterRef("pk"), visit__start_on__lte=today)
        .exclude(visit__status=Visit.Status.CANCELLED)
        .annotate(day=Least("visit__end_on", Value(today)))
        .order_by("-day")
        .values("day")[:1]
    )
    pending = Commitment.objects.filter(
        partner_id=OuterRef("pk"), status__in=CommitmentQuerySet.OPEN_STATUSES
    )
    return (
        Partner.objects.annotate(
            last_contact_on=Subquery(last_contact),
            last_visit_on=Subquery(last_visit),
            last_activity_on=Greatest("last_contact_on", "last_visit_on"),
            health=Case(
                When(
                    last_activity_on__gte=today - dt.timedelta(days=ACTIVE_WITHIN_DAYS),
                    then=Value(HEALTH_ACTIVE),
                ),
                When(
                    last_activity_on__gte=today - dt.timedelta(days=COOLING_WITHIN_DAYS),
                    then=Value(HEALTH_COOLING),
                ),
                default=Value(HEALTH_DORMANT),
                output_field=CharField(),
            ),
            open_commitments=_count(pending),
            overdue_commitments=_count(pending.filter(due_on__lt=today)),
            next_anniversary=next_anniversary_subquery(today),
        )
        .annotate(topics_values=linked_values(Partner, "topics", "slug"))
        .order_by("name", "pk")
    )


def agreement_list() -> QuerySet[Agreement]:
    return Agreement.objects.order_by("partner_id", "signed_on", "pk")


def organization_list() -> QuerySet[Organization]:
    return Organization.objects.order_by("name", "name_local", "pk")


def official_list() -> QuerySet[Official]:
    return Official.objects.order_by("name", "name_local", "pk")


def contact_list() -> QuerySet[Contact]:
    """Contacts, newest first, with the ids of their officials, staff and topic slugs."""
    return Contact.objects.annotate(
        officials_values=linked_values(Contact, "officials"),
        staff_values=linked_values(Contact, "staff"),
        topics_values=linked_values(Contact, "topics", "slug"),
    ).order_by("-occurred_on", "-occurred_at", "-pk")


def topic_list() -> QuerySet[Topic]:
    return Topic.objects.order_by("name", "pk")


# --- Pages (dashboard) ------------------------------------------------------------------------
# Appended by the pages feature.


def cooling_partners(*, today: dt.date, limit: int = 20) -> list[Partner]:
    """Partners not ended whose health is cooling or dormant, longest silent first."""
    from django.db.models import F

    return list(
        partner_list(today=today)
        .exclude(status=Partner.Status.ENDED)
        .filter(health__in=[HEALTH_COOLING, HEALTH_DORMANT])
        .order_by(F("last_activity_on").asc(nulls_first=True), "name", "pk")[:limit]
    )


class TimelineEntry:
    """One line of a partner's timeline: what happened, on which day, and the row itself."""

    __slots__ = ("created_at", "date", "kind", "obj")

    def __init__(self, kind: str, date: dt.date, obj, created_at: dt.datetime):
        self.kind = kind  # contact, visit, commitment, invitation, gift
        self.date = date
        self.obj = obj
        self.created_at = created_at


def partner_timeline(partner: Partner, *, limit: int = 100) -> list[TimelineEntry]:
    """Contacts, visits, commitments, invitations and gifts of a partner, newest first.

    Five queries (one per kind, each capped at ``limit``) plus one for the officials of
    the contacts, whatever the length of the history. A commitment is dated by what it
    came from (engagement, contact, visit), an invitation by when it was sent.
    """
    from django.db.models import Prefetch

    from visits.models import Commitment, Gift, Invitation

    contacts = (
        Contact.objects.filter(partner=partner)
        .select_related("created_by", "visit")
        .prefetch_related(Prefetch("officials", queryset=Official.objects.order_by("name")))
        .order_by("-occurred_on", "-occurred_at", "-pk")[:limit]
    )
    visits = partner.visits.order_by("-start_on", "-pk")[:limit]
    commitments = (
        Commitment.objects.filter(partner=partner)
        .select_related("owner", "engagement", "contact", "visit")
        .order_by("-created_at", "-pk")[:limit]
    )
    invitations = (
        Invitation.objects.filter(invitee__partner=partner)
        .select_related("event", "invitee")
        .order_by("-created_at", "-pk")[:limit]
    )
    gifts = Gift.objects.filter(partner=partner).order_by("-date", "-pk")[:limit]

    def commitment_date(c) -> dt.date:
        for source in (c.engagement and c.engagement.date, c.contact and c.contact.occurred_on):
            if source:
                return source
        return c.visit.start_on if c.visit else c.created_at.date()

    entries = [
        *(TimelineEntry("contact", c.occurred_on, c, c.created_at) for c in contacts),
        *(TimelineEntry("visit", v.start_on, v, v.created_at) for v in visits),
        *(TimelineEntry("commitment", commitment_date(c), c, c.created_at) for c in commitments),
        *(
            TimelineEntry("invitation", i.sent_on or i.created_at.date(), i, i.created_at)
            for i in invitations
        ),
        *(TimelineEntry("gift", g.date, g, g.created_at) for g in gifts),
    ]
    entries.sort(key=lambda e: (e.date, e.created_at), reverse=True)
    return entries[:limit]
