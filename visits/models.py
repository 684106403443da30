"""What we do together: visits, delegations, itineraries, promises, events, invitations, gifts."""

from __future__ import annotations

import datetime as dt
import zoneinfo

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import F, Q
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from crm.core.audit import audited
from crm.core.expressions import in_subquery
from crm.core.fields import (
    NARRATIVE_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    BoundedTextField,
    OwnerField,
)
from crm.core.formatting import local_today
from crm.core.models import TrackedModel
from crm.core.validators import currency_code, iana_time_zone
from relations.models import (
    Contact,
    Official,
    Organization,
    Partner,
    Topic,
    normalise_to_precision,
    precision_field,
    precision_normalised,
)


class VisitQuerySet(models.QuerySet):
    """The one definition of a trip report still owed, and of one overdue (SPEC §3.2)."""

    def report_pending(self) -> VisitQuerySet:
        """Visits whose report is due and not submitted (a cancelled visit owes none)."""
        return self.filter(report_pending_q())

    def report_due_by(self, day: dt.date) -> VisitQuerySet:
        return self.report_pending().filter(report_due_on__lte=day)

    def report_overdue(self, today: dt.date) -> VisitQuerySet:
        return self.filter(report_overdue_q(today))


def report_pending_q() -> Q:
    return Q(report_submitted_on__isnull=True, report_due_on__isnull=False) & ~Q(status="cancelled")


def report_overdue_q(today: dt.date) -> Q:
    return report_pending_q() & Q(report_due_on__lt=today)


@audited()
class Visit(TrackedModel):
    """A delegation trip: ours to a partner (outbound) or theirs to us (inbound)."""

    class Direction(models.TextChoices):
        OUTBOUND = "outbound", _("outbound")
        INBOUND = "inbound", _("inbound")

    class Category(models.TextChoices):
        INSPECTION = "inspection", _("inspection")
        EXCHANGE = "exchange", _("exchange")
        CONFERENCE = "conference", _("conference")
        TRAINING = "training", _("training")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        PLANNED = "planned", _("planned")
        APPROVED = "approved", _("approved")
        ONGOING = "ongoing", _("ongoing")
        COMPLETED = "completed", _("completed")
        CANCELLED = "cancelled", _("cancelled")

    title = models.CharField(verbose_name=_("title"), max_length=300)
    title_local = models.CharField(
        verbose_name=_("local title"), max_length=300, blank=True, db_default=""
    )
    direction = models.CharField(
        verbose_name=_("direction"), max_length=10, choices=Direction.choices
    )
    category = models.CharField(
        verbose_name=_("category"),
        max_length=20,
        choices=Category.choices,
        default=Category.EXCHANGE,
    )
    purpose_local = BoundedTextField(
        verbose_name=_("purpose"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    purpose = BoundedTextField(
        verbose_name=_("purpose (English)"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    partners = models.ManyToManyField(
        Partner,
        verbose_name=_("partners visited"),
        through="VisitPartner",
        blank=True,
        related_name="visits",
    )
    start_on = models.DateField(verbose_name=_("start"))
    end_on = models.DateField(verbose_name=_("end"))
    # Past exchanges known only by month or year (SPEC §2.1): both dates on the period's start.
    date_precision = precision_field(_("date precision"))
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.PLANNED
    )
    summary_local = BoundedTextField(
        verbose_name=_("summary"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    summary = BoundedTextField(
        verbose_name=_("summary (English)"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    insights_local = BoundedTextField(
        verbose_name=_("insights and benefits"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    insights = BoundedTextField(
        verbose_name=_("insights and benefits (English)"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
    )
    recommendations_local = BoundedTextField(
        verbose_name=_("recommendations"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    recommendations = BoundedTextField(
        verbose_name=_("recommendations (English)"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    report_due_on = models.DateField(
        verbose_name=_("report due"),
        null=True,
        blank=True,
        help_text=_("Defaults to three months after the end of the visit."),
    )
    report_submitted_on = models.DateField(
        verbose_name=_("report submitted"), null=True, blank=True
    )

    # The trip report's narrative pairs (office language first), as forms and the admin show them.
    REPORT_NARRATIVE = (
        "summary_local",
        "summary",
        "insights_local",
        "insights",
        "recommendations_local",
        "recommendations",
    )

    objects = VisitQuerySet.as_manager()

    class Meta:
        verbose_name = _("visit")
        verbose_name_plural = _("visits")
        ordering = ["-start_on", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_on__gte=F("start_on")), name="visit_ends_after_start"
            ),
            models.CheckConstraint(
                condition=precision_normalised("start_on", "date_precision")
                & precision_normalised("end_on", "date_precision"),
                name="visit_precision_normalised",
            ),
        ]
        indexes = [
            models.Index(fields=["-start_on"], name="visit_start_idx"),
            models.Index(fields=["direction"], name="visit_direction_idx"),
            models.Index(fields=["status"], name="visit_status_idx"),
            models.Index(
                fields=["report_due_on"],
                name="visit_report_pending_idx",
                condition=Q(report_submitted_on__isnull=True),
            ),
        ]

    def clean(self) -> None:
        # A past exchange known only by its month or year starts and ends on that period's
        # first day, whatever day was typed (SPEC §2.1).
        for name in ("start_on", "end_on"):
            value = getattr(self, name)
            if isinstance(value, dt.date):
                setattr(self, name, normalise_to_precision(value, self.date_precision))

    def __str__(self) -> str:
        return f"{self.title} ({self.start_on:%Y-%m-%d})"

    def report_is_overdue(self, today: dt.date | None = None) -> bool:
        """Its report is owed and past due (default: today in the office's zone, so that a
        template can write ``visit.report_is_overdue``)."""
        today = today or local_today()
        return (
            self.report_submitted_on is None
            and self.report_due_on is not None
            and self.status != self.Status.CANCELLED
            and self.report_due_on < today
        )


class VisitPartner(models.Model):
    """A partner a visit went to (or came from). Protects the partner from deletion."""

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="visit_partners"
    )
    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="visit_links"
    )

    class Meta:
        verbose_name = _("partner visited")
        verbose_name_plural = _("partners visited")
        ordering = ["visit", "id"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "partner"], name="visit_partner_unique"),
        ]

    def __str__(self) -> str:
        return f"{self.visit_id} → {self.partner}"


@audited()
class DelegationMember(TrackedModel):
    """A person on a visit's delegation, in protocol order.

    ``joined_on``/``left_on`` bound the member's time with the delegation; breaks in
    the middle (the mayor flew home for a typhoon and came back) are ``absences``.
    """

    class Role(models.TextChoices):
        LEADER = "leader", _("leader")
        MEMBER = "member", _("member")
        STAFF = "staff", _("staff")
        INTERPRETER = "interpreter", _("interpreter")
        PRESS = "press", _("press")

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="members"
    )
    order = models.PositiveSmallIntegerField(verbose_name=_("protocol order"))
    name = models.CharField(verbose_name=_("name"), max_length=200, blank=True)
    name_local = models.CharField(verbose_name=_("local name"), max_length=200, blank=True)
    department = models.CharField(verbose_name=_("department"), max_length=200, blank=True)
    department_local = models.CharField(
        verbose_name=_("local department"), max_length=200, blank=True
    )
    title = models.CharField(verbose_name=_("title"), max_length=200, blank=True)
    title_local = models.CharField(
        verbose_name=_("local title"), max_length=200, blank=True, db_default=""
    )
    role = models.CharField(
        verbose_name=_("role"), max_length=20, choices=Role.choices, default=Role.MEMBER
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("user"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_memberships",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="delegation_memberships",
    )
    joined_on = models.DateField(verbose_name=_("joined on"), null=True, blank=True)
    left_on = models.DateField(verbose_name=_("left on"), null=True, blank=True)
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("delegation member")
        verbose_name_plural = _("delegation members")
        ordering = ["visit", "order"]
        constraints = [
            models.UniqueConstraint(fields=["visit", "order"], name="member_unique_order"),
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(name_local=""), name="member_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(joined_on__isnull=True)
                | Q(left_on__isnull=True)
                | Q(left_on__gte=F("joined_on")),
                name="member_leaves_after_joining",
            ),
        ]

    def __str__(self) -> str:
        return f"{self.order}. {self.name_local or self.name}"


class MemberAbsence(models.Model):
    """A break in a member's participation (left the delegation, then rejoined)."""

    member = models.ForeignKey(
        DelegationMember,
        verbose_name=_("member"),
        on_delete=models.CASCADE,
        related_name="absences",
    )
    starts_on = models.DateField(verbose_name=_("away from"))
    ends_on = models.DateField(verbose_name=_("away until"))
    reason = models.CharField(verbose_name=_("reason"), max_length=300, blank=True)

    class Meta:
        verbose_name = _("absence")
        verbose_name_plural = _("absences")
        ordering = ["member", "starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")), name="absence_ends_after_start"
            ),
        ]

    def __str__(self) -> str:
        return f"{self.member}: {self.starts_on:%Y-%m-%d} → {self.ends_on:%Y-%m-%d}"


@audited()
class Engagement(TrackedModel):
    """An itinerary item of a visit. Times are in the engagement's own IANA time zone."""

    class Kind(models.TextChoices):
        COURTESY_CALL = "courtesy_call", _("courtesy call")
        MEETING = "meeting", _("meeting")
        COMPANY_VISIT = "company_visit", _("company visit")
        SITE_VISIT = "site_visit", _("site visit")
        EVENT = "event", _("event")
        SPEECH = "speech", _("speech")
        BANQUET = "banquet", _("banquet")
        BUSINESS_VISIT = "business_visit", _("business visit")
        TRAVEL = "travel", _("travel")
        OTHER = "other", _("other")

    visit = models.ForeignKey(
        Visit, verbose_name=_("visit"), on_delete=models.CASCADE, related_name="engagements"
    )
    date = models.DateField(verbose_name=_("date"))
    start_time = models.TimeField(verbose_name=_("start time"), null=True, blank=True)
    end_time = models.TimeField(verbose_name=_("end time"), null=True, blank=True)
    time_zone = models.CharField(
        verbose_name=_("time zone"),
        max_length=64,
        validators=[iana_time_zone],
        blank=True,
        help_text=_("IANA zone of the place; defaults to the partner's."),
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    title = models.CharField(verbose_name=_("title"), max_length=300, blank=True)
    title_local = models.CharField(
        verbose_name=_("local title"), max_length=300, blank=True, db_default=""
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="engagements",
    )
    location = models.CharField(verbose_name=_("location"), max_length=300, blank=True)
    officials = models.ManyToManyField(
        Official, verbose_name=_("officials met"), blank=True, related_name="engagements"
    )
    attendees = models.ManyToManyField(
        DelegationMember,
        verbose_name=_("our attendees"),
        blank=True,
        related_name="engagements",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="engagements"
    )
    notes_local = BoundedTextField(
        verbose_name=_("notes and outcome"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    notes = BoundedTextField(
        verbose_name=_("notes and outcome (English)"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    order = models.PositiveSmallIntegerField(verbose_name=_("order within the day"), default=1)

    class Meta:
        verbose_name = _("engagement")
        verbose_name_plural = _("engagements")
        ordering = ["visit", "date", "order", "start_time"]
        constraints = [
            models.CheckConstraint(
                condition=Q(start_time__isnull=True)
                | Q(end_time__isnull=True)
                | Q(end_time__gte=F("start_time")),
                name="engagement_ends_after_start",
            ),
            models.CheckConstraint(
                condition=~Q(title="") | ~Q(title_local=""), name="engagement_has_a_title"
            ),
        ]
        indexes = [
            models.Index(fields=["date"], name="engagement_date_idx"),
            models.Index(fields=["kind"], name="engagement_kind_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.date:%Y-%m-%d} {self.title or self.title_local}"

    @property
    def zone_name(self) -> str:
        """The IANA name the engagement goes by: its own, else its partner's ("" if neither)."""
        if self.time_zone:
            return self.time_zone
        partner = self.partner
        return partner.time_zone if partner is not None else ""

    @property
    def zone(self) -> zoneinfo.ZoneInfo:
        """The zone its times are in: its own, else its partner's, else ``TIME_ZONE``.

        The one place that resolves it (pages, trip report, calendar feed). A name that is
        not an IANA zone (a row from before validation, an import) means ``TIME_ZONE`` too.
        """
        name = self.zone_name
        if name:
            try:
                return zoneinfo.ZoneInfo(name)
            except (zoneinfo.ZoneInfoNotFoundError, ValueError, OSError):
                pass
        return zoneinfo.ZoneInfo(settings.TIME_ZONE)


def from_visit_q(visit_id: int) -> Q:
    """Commitments and gifts from a visit: made on the visit itself or at one of its
    engagements (their ids, not a join: under the OR a join reads the whole table, this
    reads two indexes, ``in_subquery``)."""
    engagements = Engagement.objects.filter(visit_id=visit_id).values("pk")
    return Q(visit_id=visit_id) | in_subquery("engagement_id", engagements)


class CommitmentQuerySet(models.QuerySet):
    """The one definition of open and overdue commitments (SPEC §2.2); everything else calls it.

    Open: ``open`` or ``in_progress``. Overdue: open, with ``due_on`` before ``today`` (due
    today is not overdue yet; a closed commitment never is). Each rule is also a ``Q``
    (``*_q``) for filters, conditional counts and annotations.
    """

    OPEN_STATUSES = ("open", "in_progress")

    @classmethod
    def open_q(cls) -> Q:
        """The open condition, for filters, annotations and constraints."""
        return Q(status__in=list(cls.OPEN_STATUSES))

    @classmethod
    def overdue_q(cls, today: dt.date) -> Q:
        return cls.open_q() & Q(due_on__lt=today)

    def with_overdue(self, today: dt.date):
        """Each row's ``overdue`` on ``today`` (``Commitment.is_overdue`` for one row)."""
        return self.annotate(
            overdue=models.ExpressionWrapper(self.overdue_q(today), models.BooleanField())
        )

    @classmethod
    def undated_q(cls) -> Q:
        return cls.open_q() & Q(due_on__isnull=True)

    @classmethod
    def due_between_q(cls, start: dt.date, end: dt.date) -> Q:
        return cls.open_q() & Q(due_on__gte=start, due_on__lte=end)

    @classmethod
    def due_after_q(cls, day: dt.date) -> Q:
        return cls.open_q() & Q(due_on__gt=day)

    @classmethod
    def awaiting_review_q(cls) -> Q:
        """Closed (done or dropped) and not reviewed by a manager yet."""
        return ~cls.open_q() & Q(reviewed_at__isnull=True)

    def open(self):
        return self.filter(self.open_q())

    def closed(self):
        """Done or dropped."""
        return self.exclude(self.open_q())

    def overdue(self, today: dt.date):
        return self.filter(self.overdue_q(today))

    def undated(self):
        """Open, with no due date."""
        return self.filter(self.undated_q())

    def due_between(self, start: dt.date, end: dt.date):
        """Open, due from ``start`` to ``end`` (both included)."""
        return self.filter(self.due_between_q(start, end))

    def due_after(self, day: dt.date):
        """Open, due after ``day`` (not included)."""
        return self.filter(self.due_after_q(day))

    def awaiting_review(self):
        """Done or dropped, waiting for a manager's review."""
        return self.filter(self.awaiting_review_q())


@audited()
class Commitment(TrackedModel):
    """A promise made to a partner ("invite Deputy Mayor Hines to Taichung") and its follow-up."""

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation")
        VISIT = "visit", _("visit")
        EXCHANGE = "exchange", _("exchange")
        INFORMATION = "information", _("information")
        INVESTMENT = "investment", _("investment")
        EVENT = "event", _("event")
        THANKS = "thanks", _("thanks")
        OTHER = "other", _("other")

    class Priority(models.TextChoices):
        LOW = "low", _("low")
        NORMAL = "normal", _("normal")
        HIGH = "high", _("high")

    class Status(models.TextChoices):
        OPEN = "open", _("open")
        IN_PROGRESS = "in_progress", _("in progress")
        DONE = "done", _("done")
        DROPPED = "dropped", _("dropped")

    title_local = models.CharField(
        verbose_name=_("title"), max_length=300, blank=True, db_default=""
    )
    title = models.CharField(verbose_name=_("title (English)"), max_length=300, blank=True)
    details_local = BoundedTextField(
        verbose_name=_("details"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    details = BoundedTextField(
        verbose_name=_("details (English)"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    kind = models.CharField(
        verbose_name=_("kind"), max_length=20, choices=Kind.choices, default=Kind.OTHER
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    contact = models.ForeignKey(
        Contact,
        verbose_name=_("contact"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="commitments",
    )
    counterparts = models.ManyToManyField(
        Official, verbose_name=_("counterparts"), blank=True, related_name="commitments"
    )
    owner = OwnerField(
        verbose_name=_("owner"),
        related_name="commitments",
    )
    due_on = models.DateField(verbose_name=_("due on"), null=True, blank=True)
    priority = models.CharField(
        verbose_name=_("priority"),
        max_length=10,
        choices=Priority.choices,
        default=Priority.NORMAL,
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.OPEN
    )
    completed_on = models.DateField(verbose_name=_("completed on"), null=True, blank=True)
    outcome_local = BoundedTextField(
        verbose_name=_("outcome"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    outcome = BoundedTextField(
        verbose_name=_("outcome (English)"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    reviewed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("reviewed by"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="reviewed_commitments",
    )
    reviewed_at = models.DateTimeField(verbose_name=_("reviewed at"), null=True, blank=True)

    objects = CommitmentQuerySet.as_manager()

    class Meta:
        verbose_name = _("commitment")
        verbose_name_plural = _("commitments")
        permissions = [("review_commitment", _("Can review commitments and reassign owners"))]
        ordering = [F("due_on").asc(nulls_last=True), "id"]
        constraints = [
            models.CheckConstraint(
                condition=CommitmentQuerySet.open_q() | ~Q(outcome_local="") | ~Q(outcome=""),
                name="commitment_closed_needs_outcome",
            ),
            models.CheckConstraint(
                condition=~Q(title_local="") | ~Q(title=""),
                name="commitment_has_a_title",
                violation_error_message=_("Give the commitment a title."),
            ),
            models.CheckConstraint(
                condition=CommitmentQuerySet.open_q() | Q(completed_on__isnull=False),
                name="commitment_closed_needs_date",
            ),
            models.CheckConstraint(
                condition=Q(reviewed_by__isnull=True, reviewed_at__isnull=True)
                | Q(reviewed_by__isnull=False, reviewed_at__isnull=False),
                name="commitment_review_has_reviewer_and_time",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="commitment_status_idx"),
            models.Index(fields=["kind"], name="commitment_kind_idx"),
            models.Index(fields=["due_on"], name="commitment_due_idx"),
            # Reminders and the overdue filter read only pending commitments.
            models.Index(
                fields=["due_on", "owner"],
                name="commitment_pending_due_idx",
                condition=CommitmentQuerySet.open_q(),
            ),
        ]

    def __str__(self) -> str:
        return self.title_local or self.title

    @staticmethod
    def states_outcome(outcome_local: str | None, outcome: str | None) -> bool:
        """What came of it, in either language: closing (done or dropped) needs it
        (``commitment_closed_needs_outcome``); every entry point asks this."""
        return bool((outcome_local or "").strip() or (outcome or "").strip())

    @property
    def is_open(self) -> bool:
        """Open or in progress (not done, not dropped)."""
        return self.status in CommitmentQuerySet.OPEN_STATUSES

    @property
    def awaits_follow_up(self) -> bool:
        """Still on the follow-ups page: open, or closed and not reviewed yet."""
        return self.is_open or self.reviewed_at is None

    def get_absolute_url(self) -> str:
        """Where a link to the commitment lands: its row on the follow-ups page, narrowed to
        its owner, while it is followed up there (every such row is listed); afterwards its
        row on its visit's page, else its partner's page, else its own edit page."""
        if self.awaits_follow_up:
            return f"{reverse('visits:follow-ups')}?owner={self.owner_id}#commitment-{self.pk}"
        if self.visit_id:
            return f"{reverse('visits:visit-detail', args=[self.visit_id])}#commitment-{self.pk}"
        if self.partner_id:
            return reverse("relations:partner-detail", args=[self.partner_id])
        return reverse("visits:commitment-edit", args=[self.pk])

    def is_overdue(self, today: dt.date | None = None) -> bool:
        """Open and due before ``today`` (default: today in the office's zone, so that a
        template can write ``c.is_overdue``)."""
        if today is None:
            today = local_today()
        return self.is_open and self.due_on is not None and self.due_on < today


@audited()
class Event(TrackedModel):
    """One of our own occasions that guests are invited to (a library opening, a festival)."""

    title = models.CharField(verbose_name=_("title"), max_length=300)
    title_local = models.CharField(
        verbose_name=_("local title"), max_length=300, blank=True, db_default=""
    )
    starts_on = models.DateField(verbose_name=_("starts on"))
    ends_on = models.DateField(verbose_name=_("ends on"), null=True, blank=True)
    location = models.CharField(verbose_name=_("location"), max_length=300, blank=True)
    description_local = BoundedTextField(
        verbose_name=_("description"),
        max_length=NOTES_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    description = BoundedTextField(
        verbose_name=_("description (English)"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    owner = OwnerField(
        verbose_name=_("owner"),
        related_name="events",
    )

    class Meta:
        verbose_name = _("event")
        verbose_name_plural = _("events")
        ordering = ["-starts_on", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="event_ends_after_start",
            ),
        ]
        indexes = [models.Index(fields=["starts_on"], name="event_starts_idx")]

    def __str__(self) -> str:
        return self.title_local or self.title


@audited()
class Invitation(TrackedModel):
    """An invitation of an official to one of our events, and its answer."""

    class Status(models.TextChoices):
        DRAFT = "draft", _("draft")
        SENT = "sent", _("sent")
        ACCEPTED = "accepted", _("accepted")
        DECLINED = "declined", _("declined")
        NO_RESPONSE = "no_response", _("no response")
        CANCELLED = "cancelled", _("cancelled")

    event = models.ForeignKey(
        Event, verbose_name=_("event"), on_delete=models.PROTECT, related_name="invitations"
    )
    invitee = models.ForeignKey(
        Official, verbose_name=_("invitee"), on_delete=models.PROTECT, related_name="invitations"
    )
    owner = OwnerField(
        verbose_name=_("owner"),
        related_name="invitations",
    )
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.DRAFT
    )
    sent_on = models.DateField(verbose_name=_("sent on"), null=True, blank=True)
    rsvp_by = models.DateField(verbose_name=_("RSVP by"), null=True, blank=True)
    responded_on = models.DateField(verbose_name=_("responded on"), null=True, blank=True)
    commitment = models.ForeignKey(
        Commitment,
        verbose_name=_("fulfils commitment"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="invitations",
    )
    notes_local = BoundedTextField(
        verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True, db_default=""
    )
    notes = BoundedTextField(
        verbose_name=_("notes (English)"), max_length=NOTES_MAX_LENGTH, blank=True
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["event", "id"]
        constraints = [
            models.UniqueConstraint(fields=["event", "invitee"], name="invitation_unique_invitee"),
            models.CheckConstraint(
                condition=~Q(status__in=["sent", "accepted", "declined", "no_response"])
                | Q(sent_on__isnull=False),
                name="invitation_sent_has_date",
            ),
        ]
        indexes = [
            models.Index(fields=["status"], name="invitation_status_idx"),
            models.Index(
                fields=["rsvp_by"],
                name="invitation_awaiting_idx",
                condition=Q(status="sent"),
            ),
        ]

    def __str__(self) -> str:
        return f"{self.invitee} → {self.event}"


class GiftQuerySet(models.QuerySet):
    """The one definition of a gift still to register with the ethics office (SPEC §2.2).

    Received, not registered, and either worth ``GIFT_REGISTRATION_THRESHOLD_TWD`` or more
    in TWD, or with no value in TWD on record: then someone must decide (record the value,
    or register it).
    """

    @staticmethod
    def unregistered_q() -> Q:
        return Q(
            Q(value_twd__isnull=True) | Q(value_twd__gte=settings.GIFT_REGISTRATION_THRESHOLD_TWD),
            direction=Gift.Direction.RECEIVED,
            registered_on__isnull=True,
        )

    def unregistered(self):
        return self.filter(self.unregistered_q())

    def with_registration_due(self):
        """Each row's ``registration_due``: what the API calls ``needs_registration``."""
        return self.annotate(
            registration_due=models.ExpressionWrapper(self.unregistered_q(), models.BooleanField())
        )


@audited()
class Gift(TrackedModel):
    """The gift registry: gifts received (reported to the ethics office) and given."""

    class Direction(models.TextChoices):
        RECEIVED = "received", _("received")
        GIVEN = "given", _("given")

    class Disposition(models.TextChoices):
        PENDING = "pending", _("pending")
        KEPT_AS_PUBLIC_PROPERTY = "kept_as_public_property", _("kept as public property")
        DISPLAYED = "displayed", _("displayed")
        ARCHIVED = "archived", _("archived")
        DONATED = "donated", _("donated")
        RETURNED = "returned", _("returned")
        PURCHASED_BY_RECIPIENT = "purchased_by_recipient", _("purchased by recipient")

    direction = models.CharField(
        verbose_name=_("direction"), max_length=10, choices=Direction.choices
    )
    description = models.CharField(verbose_name=_("description"), max_length=300, blank=True)
    description_local = models.CharField(
        verbose_name=_("local description"),
        max_length=300,
        blank=True,
        db_default="",
    )
    date = models.DateField(verbose_name=_("date"))
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    official = models.ForeignKey(
        Official,
        verbose_name=_("counterpart official"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("counterpart organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    member = models.ForeignKey(
        DelegationMember,
        verbose_name=_("our person (delegation member)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name=_("our person (user)"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    visit = models.ForeignKey(
        Visit,
        verbose_name=_("visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    engagement = models.ForeignKey(
        Engagement,
        verbose_name=_("engagement"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    event = models.ForeignKey(
        Event,
        verbose_name=_("event"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="gifts",
    )
    estimated_value = models.DecimalField(
        verbose_name=_("estimated value"),
        max_digits=12,
        decimal_places=2,
        null=True,
        blank=True,
    )
    currency = models.CharField(
        verbose_name=_("currency"), max_length=3, default="TWD", validators=[currency_code]
    )
    value_twd = models.DecimalField(
        verbose_name=_("value in TWD"),
        max_digits=14,
        decimal_places=2,
        null=True,
        blank=True,
        editable=False,
        help_text=_("Computed from the estimated value with the configured exchange rates."),
    )
    disposition = models.CharField(
        verbose_name=_("disposition"),
        max_length=30,
        choices=Disposition.choices,
        default=Disposition.PENDING,
    )
    registered_on = models.DateField(
        verbose_name=_("registered with the ethics office on"), null=True, blank=True
    )
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)

    objects = GiftQuerySet.as_manager()

    class Meta:
        verbose_name = _("gift")
        verbose_name_plural = _("gifts")
        ordering = ["-date", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(description="") | ~Q(description_local=""),
                name="gift_has_a_description",
            ),
            models.CheckConstraint(
                condition=Q(estimated_value__isnull=True) | Q(estimated_value__gte=0),
                name="gift_value_not_negative",
            ),
        ]
        indexes = [
            models.Index(fields=["direction"], name="gift_direction_idx"),
            models.Index(fields=["-date"], name="gift_date_idx"),
            models.Index(
                fields=["date"],
                name="gift_unregistered_idx",
                condition=Q(direction="received", registered_on__isnull=True),
            ),
        ]

    def __str__(self) -> str:
        return self.description_local or self.description

    @property
    def needs_registration(self) -> bool:
        """``GiftQuerySet.unregistered`` for one gift already in hand."""
        return (
            self.direction == self.Direction.RECEIVED
            and self.registered_on is None
            and (
                self.value_twd is None or self.value_twd >= settings.GIFT_REGISTRATION_THRESHOLD_TWD
            )
        )


def letter_template_check(file) -> None:
    """An uploaded letter template must be a Word document without macros or other active
    content (the attachments' checks) whose merge fields parse in Jinja's sandbox."""
    import io
    import zipfile

    from docxtpl import DocxTemplate
    from jinja2 import TemplateError
    from jinja2.sandbox import SandboxedEnvironment

    from crm.attachments.services import DOCX, validate_file

    kind, _name = validate_file(file, getattr(file, "name", "") or "template.docx")
    if kind != DOCX:
        raise ValidationError(_("Upload a Word document (.docx)."), code="not_docx")
    file.seek(0)
    try:
        DocxTemplate(io.BytesIO(file.read())).get_undeclared_template_variables(
            SandboxedEnvironment(autoescape=True)
        )
    except (TemplateError, ValueError, KeyError, zipfile.BadZipFile) as error:
        raise ValidationError(
            _("The merge fields of this document do not parse: %(error)s"),
            params={"error": error},
            code="bad_template",
        ) from None
    finally:
        file.seek(0)


class LetterTemplate(TrackedModel):
    """A Word letter the office writes often (邀請函, 謝函), with merge fields.

    The file is a ``.docx`` with ``{{ official_name }}``, ``{{ date }}`` … in its text
    (``visits.letters.FIELDS`` lists them). The four shipped defaults have no uploaded
    file: they read ``visits/letter_templates/<shipped>`` until the office uploads its own
    version in the admin.
    """

    class Kind(models.TextChoices):
        INVITATION = "invitation", _("invitation letter")
        THANK_YOU = "thank_you", _("thank-you letter")

    class Language(models.TextChoices):
        ZH_HANT = "zh-hant", _("Traditional Chinese")
        EN = "en", _("English")

    name = models.CharField(verbose_name=_("name"), max_length=200)
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    language = models.CharField(verbose_name=_("language"), max_length=10, choices=Language.choices)
    file = models.FileField(
        verbose_name=_("Word file"),
        upload_to="letter-templates/",
        blank=True,
        validators=[letter_template_check],
        help_text=_(
            "A .docx with merge fields such as {{ official_name }} and {{ date }}. "
            "Empty: the shipped default is used."
        ),
    )
    shipped = models.CharField(
        verbose_name=_("shipped default"), max_length=100, blank=True, editable=False
    )

    class Meta:
        verbose_name = _("letter template")
        verbose_name_plural = _("letter templates")
        ordering = ["kind", "language", "name"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(file="") | ~Q(shipped=""),
                name="letter_template_has_a_file",
                violation_error_message=_("Upload a Word file."),
            ),
        ]

    def __str__(self) -> str:
        return self.name
