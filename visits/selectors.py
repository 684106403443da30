"""Reads shared by the API, the pages and the reminders: visits, itineraries, promises, gifts.

Each list is one statement for the rows plus one per prefetched relation, whatever
the number of rows (the API asserts this at page sizes 1 and 100); the ids and slugs
of many-to-many links are array columns of the rows' statement (``linked_values``).
"""

from __future__ import annotations

import datetime as dt

from django.db.models import (
    Count,
    F,
    OuterRef,
    Prefetch,
    Q,
    QuerySet,
    Subquery,
    Value,
)
from django.db.models.functions import Coalesce, Least, TruncDate

from relations.models import Official
from relations.selectors import (
    TimelineEntry,
    TimelineKey,
    count_of,
    linked_values,
    timeline_rows,
)
from visits.models import (
    Commitment,
    CommitmentQuerySet,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    MemberAbsence,
    Visit,
    VisitPartner,
    from_visit_q,
    report_pending_q,
)


def partner_activity(today: dt.date) -> dict:
    """What visits add to ``PartnerQuerySet.with_activity`` (registered in ``VisitsConfig``):
    the partner's last visit day (capped at today while a visit lasts; cancelled visits and
    visits not yet begun do not count) and its open and overdue commitments."""
    last_visit = (
        VisitPartner.objects.filter(partner_id=OuterRef("pk"), visit__start_on__lte=today)
        .exclude(visit__status=Visit.Status.CANCELLED)
        .annotate(day=Least("visit__end_on", Value(today)))
        .order_by("-day")
        .values("day")[:1]
    )
    commitments = Commitment.objects.filter(partner_id=OuterRef("pk"))
    return {
        "last_visit_on": Subquery(last_visit),
        "open_commitments": count_of(commitments.open()),
        "overdue_commitments": count_of(commitments.overdue(today)),
    }


def visit_list() -> QuerySet[Visit]:
    return Visit.objects.annotate(partners_values=linked_values(Visit, "partners")).order_by(
        "-start_on", "-pk"
    )


def member_list() -> QuerySet[DelegationMember]:
    return DelegationMember.objects.prefetch_related(
        Prefetch("absences", queryset=MemberAbsence.objects.order_by("starts_on", "pk"))
    ).order_by("visit_id", "order", "pk")


def engagement_list() -> QuerySet[Engagement]:
    return Engagement.objects.annotate(
        officials_values=linked_values(Engagement, "officials"),
        attendees_values=linked_values(Engagement, "attendees"),
        topics_values=linked_values(Engagement, "topics", "slug"),
    ).order_by("visit_id", "date", "order", "start_time", "pk")


def visit_detail() -> QuerySet[Visit]:
    """Visits with their delegation (protocol order) and itinerary (by day and order)."""
    return visit_list().prefetch_related(
        Prefetch("members", queryset=member_list()),
        Prefetch("engagements", queryset=engagement_list()),
    )


def commitment_list(*, today: dt.date) -> QuerySet[Commitment]:
    """Commitments, soonest due first, each with ``overdue`` on ``today``."""
    return (
        Commitment.objects.with_overdue(today)
        .annotate(counterparts_values=linked_values(Commitment, "counterparts"))
        .order_by(F("due_on").asc(nulls_last=True), "pk")
    )


def event_list() -> QuerySet[Event]:
    return Event.objects.order_by("-starts_on", "-pk")


def invitation_list() -> QuerySet[Invitation]:
    return Invitation.objects.order_by("event_id", "pk")


def gift_list() -> QuerySet[Gift]:
    """Gifts, newest first, each with ``registration_due`` (at the current threshold)."""
    return Gift.objects.with_registration_due().order_by("-date", "-pk")


# --- Pages (dashboard, follow-up review) ------------------------------------------------------
# Appended by the pages feature: reads of the dashboard and the follow-up review page.
# Each is a fixed number of queries whatever the number of rows.


def dashboard_commitments(*, user, limit: int = 20) -> list[Commitment]:
    """The user's open commitments, overdue first (then by due date; no date last)."""
    return list(
        Commitment.objects.open()
        .filter(owner=user)
        .select_related("partner", "visit")
        .order_by(F("due_on").asc(nulls_last=True), "id")[:limit]
    )


def dashboard_invitations(*, user, today: dt.date, limit: int = 20) -> list[Invitation]:
    """Invitations sent and not yet answered: an officer's own, everyone's for the others."""
    from crm.core.roles import OFFICER, role_of

    qs = Invitation.objects.filter(status=Invitation.Status.SENT).select_related(
        "event", "invitee", "invitee__partner", "owner"
    )
    if role_of(user) == OFFICER:
        qs = qs.filter(owner=user)
    return list(qs.order_by(F("rsvp_by").asc(nulls_last=True), "id")[:limit])


def dashboard_visits(*, today: dt.date, limit: int = 20) -> list[Visit]:
    """Visits not over yet, and finished ones whose trip report is still to be submitted."""
    return list(
        Visit.objects.exclude(status=Visit.Status.CANCELLED)
        .filter(Q(end_on__gte=today) | (report_pending_q() & Q(end_on__lt=today)))
        .prefetch_related("partners")
        .order_by("start_on", "id")[:limit]
    )


# The follow-up page's sections, in the order shown (SPEC §5.3 "follow-ups hide nothing"):
# every open commitment is in exactly one of the first four; closed ones wait for review.
FOLLOW_UP_SECTIONS = ("overdue", "due_soon", "later", "undated", "awaiting_review")
FOLLOW_UP_SOON_DAYS = 14


def follow_up_conditions(*, today: dt.date, soon_days: int) -> dict[str, Q]:
    """Each section's condition, from the rules of ``CommitmentQuerySet``."""
    rules = CommitmentQuerySet
    soon_end = today + dt.timedelta(days=soon_days)
    return {
        "overdue": rules.overdue_q(today),
        "due_soon": rules.due_between_q(today, soon_end),
        "later": rules.due_after_q(soon_end),
        "undated": rules.undated_q(),
        "awaiting_review": rules.awaiting_review_q(),
    }


def _section_order(section: str) -> tuple:
    """Soonest due first (the dashboard's order, so its links land on the first rows);
    reviews: the most recently closed first."""
    if section == "awaiting_review":
        return (F("completed_on").desc(nulls_last=True), "id")
    return (F("due_on").asc(nulls_last=True), "id")


def follow_up_rows(
    *, today: dt.date, section: str, owner=None, soon_days: int = FOLLOW_UP_SOON_DAYS
) -> QuerySet[Commitment]:
    """The commitments of one section, in the page's order (slice or paginate it)."""
    condition = follow_up_conditions(today=today, soon_days=soon_days)[section]
    rows = Commitment.objects.filter(condition).select_related(
        "owner", "partner", "visit", "reviewed_by"
    )
    if owner is not None:
        rows = rows.filter(owner=owner)
    return rows.order_by(*_section_order(section))


def follow_up_counts(
    *, today: dt.date, owner=None, soon_days: int = FOLLOW_UP_SOON_DAYS
) -> list[dict]:
    """Per owner (by name): how many open, and how many in each section — one query.

    Owners with nothing open and nothing awaiting review are left out.
    """
    conditions = follow_up_conditions(today=today, soon_days=soon_days)
    rows = Commitment.objects.filter(CommitmentQuerySet.open_q() | conditions["awaiting_review"])
    if owner is not None:
        rows = rows.filter(owner=owner)
    counted = (
        rows.values("owner_id", "owner__username", "owner__first_name", "owner__last_name")
        .annotate(
            open=Count("pk", filter=CommitmentQuerySet.open_q()),
            **{name: Count("pk", filter=q) for name, q in conditions.items()},
        )
        .order_by("owner__username", "owner_id")
    )
    user_model = Commitment._meta.get_field("owner").related_model
    return [
        {
            # The owner as the pages name users (``User.__str__``), without another query.
            "owner": user_model(
                pk=row.pop("owner_id"),
                username=row.pop("owner__username"),
                first_name=row.pop("owner__first_name"),
                last_name=row.pop("owner__last_name"),
            ),
            **row,
        }
        for row in counted
    ]


def follow_up_totals(by_owner: list[dict]) -> dict[str, int]:
    """The page's totals (open, and each section) from ``follow_up_counts``' rows."""
    return {name: sum(row[name] for row in by_owner) for name in ("open", *FOLLOW_UP_SECTIONS)}


def visit_page(visit: Visit) -> dict:
    """What a visit's page shows, in a fixed number of queries whatever the row counts:
    the delegation (protocol order, with absences), the itinerary (with partner,
    organization and officials met), and the commitments and gifts from the visit or
    any of its engagements.
    """
    from django.db.models import Prefetch

    from_visit = from_visit_q(visit.pk)
    return {
        "partners": list(visit.partners.order_by("name", "pk")),
        "members": list(
            visit.members.select_related("user", "official")
            .prefetch_related(
                Prefetch("absences", queryset=MemberAbsence.objects.order_by("starts_on", "pk"))
            )
            .order_by("order", "pk")
        ),
        "engagements": list(
            visit.engagements.select_related("partner", "organization")
            .prefetch_related(
                Prefetch("officials", queryset=Official.objects.order_by("name", "pk"))
            )
            .order_by("date", "order", "start_time", "pk")
        ),
        "commitments": list(
            Commitment.objects.filter(from_visit)
            .select_related("owner", "partner", "engagement")
            .order_by(F("due_on").asc(nulls_last=True), "pk")
        ),
        "gifts": list(
            Gift.objects.filter(from_visit)
            .select_related("partner", "official", "organization", "member", "user")
            .order_by("date", "pk")
        ),
    }


def partner_timeline_entries(
    partner, *, limit: int, before: TimelineKey | None = None
) -> list[TimelineEntry]:
    """The visits, commitments, invitations and gifts on a partner's timeline (registered in
    ``VisitsConfig``), the newest ``limit`` of each after ``before``. A commitment is dated
    by what it came from (engagement, contact, visit, else the day it was recorded), an
    invitation by when it was sent: dates computed in SQL, the order the page needs."""
    visits = timeline_rows(partner.visits.all(), "visit", "start_on", limit=limit, before=before)
    commitments = timeline_rows(
        Commitment.objects.filter(partner=partner)
        .select_related("owner", "engagement", "contact", "visit")
        .annotate(
            timeline_date=Coalesce(
                "engagement__date",
                "contact__occurred_on",
                "visit__start_on",
                TruncDate("created_at"),
            )
        ),
        "commitment",
        "timeline_date",
        limit=limit,
        before=before,
    )
    invitations = timeline_rows(
        Invitation.objects.filter(invitee__partner=partner)
        .select_related("event", "invitee")
        .annotate(timeline_date=Coalesce("sent_on", TruncDate("created_at"))),
        "invitation",
        "timeline_date",
        limit=limit,
        before=before,
    )
    gifts = timeline_rows(
        Gift.objects.filter(partner=partner), "gift", "date", limit=limit, before=before
    )
    return [
        *(TimelineEntry("visit", v.start_on, v, v.created_at, v.date_precision) for v in visits),
        *(TimelineEntry("commitment", c.timeline_date, c, c.created_at) for c in commitments),
        *(TimelineEntry("invitation", i.timeline_date, i, i.created_at) for i in invitations),
        *(TimelineEntry("gift", g.date, g, g.created_at) for g in gifts),
    ]
