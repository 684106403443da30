"""Who we are related to: partners, agreements, organizations, officials, contacts, topics."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import ClassVar

import pgtrigger
from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import ExtractDay, ExtractMonth, Greatest
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext_lazy as _

from crm.core.audit import audited
from crm.core.fields import (
    NARRATIVE_MAX_LENGTH,
    NOTES_MAX_LENGTH,
    BoundedTextField,
    OwnerField,
)
from crm.core.formatting import pick_name
from crm.core.models import TrackedModel
from crm.core.validators import country_code, iana_time_zone


class DatePrecision(models.TextChoices):
    DAY = "day", _("day")
    MONTH = "month", _("month")
    YEAR = "year", _("year")


def precision_normalised(date_field: str, precision_field: str) -> Q:
    """An imprecise date is stored on its period's first day (the 1st, or 1 January), so it
    sorts at the period's start and its anniversary needs no precision logic."""
    return (
        Q(**{precision_field: "day"})
        | Q(**{precision_field: "month", f"{date_field}__day": 1})
        | Q(**{precision_field: "year", f"{date_field}__day": 1, f"{date_field}__month": 1})
    )


def normalise_to_precision(value: dt.date, precision: str) -> dt.date:
    """An imprecise date on the day ``precision_normalised`` stores it: the 1st of its month
    (month precision) or 1 January (year precision); a precise date as it is."""
    if precision == DatePrecision.MONTH:
        return value.replace(day=1)
    if precision == DatePrecision.YEAR:
        return value.replace(month=1, day=1)
    return value


def precision_field(verbose_name) -> models.CharField:
    return models.CharField(
        verbose_name=verbose_name,
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
        db_default=DatePrecision.DAY,
    )


class Topic(models.Model):
    """A subject of exchange (education, trade, libraries …); shipped as a fixture."""

    slug = models.SlugField(verbose_name=_("slug"), max_length=50, unique=True)
    name = models.CharField(verbose_name=_("name"), max_length=100)
    name_local = models.CharField(verbose_name=_("local name"), max_length=100, blank=True)

    class Meta:
        verbose_name = _("topic")
        verbose_name_plural = _("topics")
        ordering = ["name"]

    def __str__(self) -> str:
        """The topic in the reader's language (文化 / Culture), wherever it is shown."""
        return pick_name(self.name_local, self.name, language=translation.get_language())


class Health(models.TextChoices):
    """How recently we were in touch (SPEC §5.2): a contact or a visit day."""

    ACTIVE = "active", _("active")
    COOLING = "cooling", _("cooling")
    DORMANT = "dormant", _("dormant")


ACTIVE_WITHIN_DAYS = 180
COOLING_WITHIN_DAYS = 365


class PartnerQuerySet(models.QuerySet):
    """Partners, with the one definition of a partner's last activity and health."""

    # ``fn(today) -> {name: expression}`` from other apps (visits adds ``last_visit_on`` and
    # its commitment counts from ``VisitsConfig.ready``): relations never imports them.
    activity_providers: ClassVar[list[Callable[[dt.date], dict]]] = []

    @classmethod
    def register_activity(cls, provider: Callable[[dt.date], dict]) -> None:
        if provider not in cls.activity_providers:
            cls.activity_providers.append(provider)

    def with_activity(self, today: dt.date) -> PartnerQuerySet:
        """Annotate ``last_contact_on``, ``last_visit_on``, ``last_activity_on`` and ``health``.

        ``active``: a contact or visit day in the last 180 days; ``cooling``: 181–365;
        ``dormant``: longer, or never. Future-dated contacts and visits not yet begun do
        not count; a visit counts up to its last day (or today, while it lasts).
        """
        last_contact = (
            Contact.objects.filter(partner_id=models.OuterRef("pk"), occurred_on__lte=today)
            .order_by("-occurred_on")
            .values("occurred_on")[:1]
        )
        contributed: dict = {}
        for provider in self.activity_providers:
            contributed.update(provider(today))
        last_visit = contributed.pop(
            "last_visit_on", models.Value(None, output_field=models.DateField())
        )
        return self.annotate(
            last_contact_on=models.Subquery(last_contact),
            last_visit_on=last_visit,
            **contributed,
        ).annotate(
            last_activity_on=Greatest("last_contact_on", "last_visit_on"),
            health=models.Case(
                models.When(
                    last_activity_on__gte=today - dt.timedelta(days=ACTIVE_WITHIN_DAYS),
                    then=models.Value(Health.ACTIVE),
                ),
                models.When(
                    last_activity_on__gte=today - dt.timedelta(days=COOLING_WITHIN_DAYS),
                    then=models.Value(Health.COOLING),
                ),
                default=models.Value(Health.DORMANT),
                output_field=models.CharField(),
            ),
        )

    def quiet(self, today: dt.date) -> PartnerQuerySet:
        """Partners not ended that are cooling or dormant, longest silent first."""
        return (
            self.exclude(status=Partner.Status.ENDED)
            .with_activity(today)
            .filter(health__in=[Health.COOLING, Health.DORMANT])
            .order_by(models.F("last_activity_on").asc(nulls_first=True), "name", "pk")
        )


@audited()
class Partner(TrackedModel):
    """A partner city, county or state. Ending a partnership is ``status=ended``, not a delete.

    ``established_on``/``established_precision`` are copied from the earliest
    commemorated agreement by a database trigger on Agreement, so they stay right
    whatever path writes agreements (admin, API, import, SQL).
    """

    class Kind(models.TextChoices):
        SISTER = "sister", _("sister city")
        FRIENDSHIP = "friendship", _("friendship city")
        PROSPECTIVE = "prospective", _("prospective")

    class Jurisdiction(models.TextChoices):
        CITY = "city", _("city")
        COUNTY = "county", _("county")
        DISTRICT = "district", _("district")
        STATE = "state", _("state")
        PROVINCE = "province", _("province")
        OTHER = "other", _("other")

    class Status(models.TextChoices):
        ACTIVE = "active", _("active")
        DORMANT = "dormant", _("dormant")
        ENDED = "ended", _("ended")

    name = models.CharField(verbose_name=_("name"), max_length=200)
    name_local = models.CharField(verbose_name=_("local name"), max_length=200, blank=True)
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    jurisdiction = models.CharField(
        verbose_name=_("jurisdiction"),
        max_length=20,
        choices=Jurisdiction.choices,
        default=Jurisdiction.CITY,
    )
    country = models.CharField(
        verbose_name=_("country"), max_length=2, validators=[country_code], db_index=True
    )
    region = models.CharField(verbose_name=_("region or state"), max_length=100, blank=True)
    population = models.PositiveIntegerField(verbose_name=_("population"), null=True, blank=True)
    time_zone = models.CharField(
        verbose_name=_("time zone"), max_length=64, validators=[iana_time_zone], blank=True
    )
    website = models.URLField(verbose_name=_("website"), blank=True)
    status = models.CharField(
        verbose_name=_("status"), max_length=20, choices=Status.choices, default=Status.ACTIVE
    )
    owner = OwnerField(
        verbose_name=_("desk officer"),
        null=True,
        blank=True,
        related_name="partners",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="partners"
    )
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)
    established_on = models.DateField(
        verbose_name=_("established on"), null=True, blank=True, editable=False
    )
    established_precision = models.CharField(
        verbose_name=_("established precision"),
        max_length=5,
        choices=DatePrecision.choices,
        blank=True,
        editable=False,
    )

    objects = PartnerQuerySet.as_manager()

    class Meta:
        verbose_name = _("partner")
        verbose_name_plural = _("partners")
        ordering = ["name"]
        constraints = [
            models.UniqueConstraint(
                fields=["country", "region", "name"], name="partner_unique_name_per_region"
            ),
            models.CheckConstraint(
                condition=Q(country__regex=r"^[A-Z]{2}$"), name="partner_country_iso2"
            ),
        ]
        indexes = [
            models.Index(fields=["kind"], name="partner_kind_idx"),
            models.Index(fields=["status"], name="partner_status_idx"),
            models.Index(fields=["established_on"], name="partner_established_idx"),
            models.Index(fields=["name_local"], name="partner_name_local_idx"),
        ]

    def __str__(self) -> str:
        return f"{self.name} · {self.name_local}" if self.name_local else self.name

    def get_absolute_url(self) -> str:
        return reverse("relations:partner-detail", args=[self.pk])


@audited()
class Agreement(TrackedModel):
    """A signed agreement. Commemorated ones produce a yearly anniversary (SPEC §3.1)."""

    class Kind(models.TextChoices):
        SISTER_CITY = "sister_city", _("sister-city agreement")
        FRIENDSHIP = "friendship", _("friendship agreement")
        MOU = "mou", _("memorandum of understanding")
        REAFFIRMATION = "reaffirmation", _("reaffirmation")
        OTHER = "other", _("other")

    COMMEMORATED_BY_DEFAULT = frozenset({Kind.SISTER_CITY, Kind.FRIENDSHIP})

    partner = models.ForeignKey(
        Partner, verbose_name=_("partner"), on_delete=models.PROTECT, related_name="agreements"
    )
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    signed_on = models.DateField(verbose_name=_("signed on"))
    signed_precision = models.CharField(
        verbose_name=_("date precision"),
        max_length=5,
        choices=DatePrecision.choices,
        default=DatePrecision.DAY,
    )
    title = models.CharField(verbose_name=_("title"), max_length=300, blank=True)
    title_local = models.CharField(verbose_name=_("local title"), max_length=300, blank=True)
    signatories = BoundedTextField(
        verbose_name=_("signatories"), max_length=NOTES_MAX_LENGTH, blank=True
    )
    reference = models.CharField(verbose_name=_("reference"), max_length=200, blank=True)
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)
    commemorate = models.BooleanField(
        verbose_name=_("commemorate"),
        default=True,
        help_text=_("Commemorated agreements produce yearly anniversaries."),
    )
    # 719 for 19 July: integer arithmetic for the anniversary scan instead of date parsing.
    month_day = models.GeneratedField(
        verbose_name=_("month and day"),
        expression=ExtractMonth("signed_on") * 100 + ExtractDay("signed_on"),
        output_field=models.PositiveSmallIntegerField(),
        db_persist=True,
    )

    class Meta:
        verbose_name = _("agreement")
        verbose_name_plural = _("agreements")
        ordering = ["partner", "signed_on"]
        constraints = [
            # A month- or year-precise date is stored on the 1st of the month / 1 January,
            # which is also the day its anniversary falls on (SPEC §3.1).
            models.CheckConstraint(
                condition=precision_normalised("signed_on", "signed_precision"),
                name="agreement_precision_normalised",
            ),
        ]
        indexes = [
            # The anniversary scan reads commemorated agreements only.
            models.Index(
                fields=["signed_on"],
                name="agreement_commemorated_idx",
                condition=Q(commemorate=True),
            ),
            # The anniversary window scan: agreements whose day falls in the window.
            models.Index(
                fields=["month_day"],
                name="agreement_month_day_idx",
                condition=Q(commemorate=True),
            ),
        ]
        triggers = [
            # Keeps Partner.established_on in step with its earliest commemorated agreement
            # on every path that writes agreements; both the old and the new partner are
            # refreshed when an agreement moves between partners.
            pgtrigger.Trigger(
                name="sync_partner_established",
                operation=pgtrigger.Insert | pgtrigger.Update | pgtrigger.Delete,
                when=pgtrigger.After,
                func="""
                    UPDATE relations_partner p
                    SET established_on = first.signed_on,
                        established_precision = COALESCE(first.signed_precision, '')
                    FROM relations_partner target
                    LEFT JOIN LATERAL (
                        SELECT a.signed_on, a.signed_precision
                        FROM relations_agreement a
                        WHERE a.partner_id = target.id AND a.commemorate
                        ORDER BY a.signed_on, a.id
                        LIMIT 1
                    ) first ON TRUE
                    WHERE p.id = target.id
                      AND target.id IN (
                          CASE WHEN TG_OP <> 'INSERT' THEN OLD.partner_id END,
                          CASE WHEN TG_OP <> 'DELETE' THEN NEW.partner_id END
                      )
                      AND (p.established_on IS DISTINCT FROM first.signed_on
                           OR p.established_precision
                              IS DISTINCT FROM COALESCE(first.signed_precision, ''));
                    RETURN NULL;
                """,
            ),
        ]

    def __str__(self) -> str:
        return f"{self.partner.name} — {self.get_kind_display()} ({self.signed_on:%Y-%m-%d})"


@audited()
class Organization(TrackedModel):
    """A company, museum, library, association … that we deal with."""

    class Kind(models.TextChoices):
        COMPANY = "company", _("company")
        MUSEUM = "museum", _("museum")
        LIBRARY = "library", _("library")
        UNIVERSITY = "university", _("university")
        SCHOOL = "school", _("school")
        ASSOCIATION = "association", _("association")
        GOVERNMENT_AGENCY = "government_agency", _("government agency")
        OVERSEAS_COMMUNITY = "overseas_community", _("overseas community")
        MEDIA = "media", _("media")
        OTHER = "other", _("other")

    name = models.CharField(verbose_name=_("name"), max_length=200, blank=True)
    name_local = models.CharField(verbose_name=_("local name"), max_length=200, blank=True)
    kind = models.CharField(verbose_name=_("kind"), max_length=20, choices=Kind.choices)
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="organizations",
    )
    country = models.CharField(
        verbose_name=_("country"), max_length=2, validators=[country_code], blank=True
    )
    city = models.CharField(verbose_name=_("city"), max_length=100, blank=True)
    website = models.URLField(verbose_name=_("website"), blank=True)
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)

    class Meta:
        verbose_name = _("organization")
        verbose_name_plural = _("organizations")
        ordering = ["name", "name_local"]
        constraints = [
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(name_local=""), name="organization_has_a_name"
            ),
            models.UniqueConstraint(
                fields=["name", "name_local", "country", "city"],
                name="organization_unique_name_per_city",
            ),
        ]
        indexes = [models.Index(fields=["kind"], name="organization_kind_idx")]

    def __str__(self) -> str:
        if self.name and self.name_local:
            return f"{self.name} · {self.name_local}"
        return self.name or self.name_local


class OfficialQuerySet(models.QuerySet):
    """The one definition of an official in office (``Official.is_current`` for one row)."""

    @staticmethod
    def current_q(today: dt.date) -> Q:
        """In office on ``today``: no end of term, or an end of term ``today`` or later."""
        return Q(term_end__isnull=True) | Q(term_end__gte=today)

    def current(self):
        """Officials in office today (Taipei)."""
        from crm.core.formatting import local_today

        return self.filter(self.current_q(local_today()))

    def past(self):
        from crm.core.formatting import local_today

        return self.filter(~self.current_q(local_today()))

    def with_in_office(self, today: dt.date):
        """Each row's ``in_office`` on ``today`` (what the API calls ``is_current``)."""
        return self.annotate(
            in_office=models.ExpressionWrapper(self.current_q(today), models.BooleanField())
        )


@audited()
class Official(TrackedModel):
    """A person we deal with at a partner or organization.

    Offices change hands: "the current mayor of San Diego" is the official with
    that role and partner whose term is current; past holders stay, with history.
    """

    class Role(models.TextChoices):
        MAYOR = "mayor", _("mayor")
        DEPUTY_MAYOR = "deputy_mayor", _("deputy mayor")
        COUNCIL_MEMBER = "council_member", _("council member")
        COUNTY_SUPERVISOR = "county_supervisor", _("county supervisor")
        AGENCY_HEAD = "agency_head", _("agency head")
        ASSOCIATION_CHAIR = "association_chair", _("association chair")
        EXECUTIVE = "executive", _("executive")
        DIPLOMAT = "diplomat", _("diplomat")
        OTHER = "other", _("other")

    name = models.CharField(verbose_name=_("name"), max_length=200, blank=True)
    name_local = models.CharField(verbose_name=_("local name"), max_length=200, blank=True)
    form_of_address = models.CharField(
        verbose_name=_("form of address"), max_length=100, blank=True
    )
    title = models.CharField(verbose_name=_("title"), max_length=200, blank=True)
    title_local = models.CharField(verbose_name=_("local title"), max_length=200, blank=True)
    role = models.CharField(
        verbose_name=_("role"), max_length=20, choices=Role.choices, default=Role.OTHER
    )
    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="officials",
    )
    email = models.EmailField(verbose_name=_("email"), blank=True)
    phone = models.CharField(verbose_name=_("phone"), max_length=50, blank=True)
    preferred_language = models.CharField(
        verbose_name=_("preferred language"), max_length=20, blank=True
    )
    term_start = models.DateField(verbose_name=_("term start"), null=True, blank=True)
    term_end = models.DateField(verbose_name=_("term end"), null=True, blank=True)
    notes = BoundedTextField(verbose_name=_("notes"), max_length=NOTES_MAX_LENGTH, blank=True)

    objects = OfficialQuerySet.as_manager()

    class Meta:
        verbose_name = _("official")
        verbose_name_plural = _("officials")
        ordering = ["name", "name_local"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(organization__isnull=False),
                name="official_has_partner_or_organization",
            ),
            models.CheckConstraint(
                condition=~Q(name="") | ~Q(name_local=""), name="official_has_a_name"
            ),
            models.CheckConstraint(
                condition=Q(term_start__isnull=True)
                | Q(term_end__isnull=True)
                | Q(term_end__gte=models.F("term_start")),
                name="official_term_ends_after_start",
            ),
        ]
        indexes = [
            models.Index(fields=["role"], name="official_role_idx"),
            models.Index(fields=["partner", "role", "term_end"], name="official_office_idx"),
            models.Index(fields=["name_local"], name="official_name_local_idx"),
        ]

    def __str__(self) -> str:
        name = self.name or self.name_local
        return (
            f"{name}, {self.title or self.title_local}"
            if (self.title or self.title_local)
            else name
        )

    @property
    def is_current(self) -> bool:
        from crm.core.formatting import local_today

        return self.term_end is None or self.term_end >= local_today()


@audited()
class Contact(TrackedModel):
    """An interaction logged by staff: a meeting, email, call, letter, gift …"""

    class Channel(models.TextChoices):
        MEETING = "meeting", _("meeting")
        EMAIL = "email", _("email")
        PHONE = "phone", _("phone")
        VIDEO = "video", _("video call")
        LETTER = "letter", _("letter")
        EVENT = "event", _("event")
        GIFT = "gift", _("gift")
        SOCIAL_MEDIA = "social_media", _("social media")
        OTHER = "other", _("other")

    class Direction(models.TextChoices):
        INCOMING = "incoming", _("incoming")
        OUTGOING = "outgoing", _("outgoing")
        MUTUAL = "mutual", _("mutual")

    partner = models.ForeignKey(
        Partner,
        verbose_name=_("partner"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    organization = models.ForeignKey(
        Organization,
        verbose_name=_("organization"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )
    occurred_on = models.DateField(verbose_name=_("date"))
    occurred_precision = precision_field(_("date precision"))
    occurred_at = models.TimeField(verbose_name=_("time"), null=True, blank=True)
    channel = models.CharField(verbose_name=_("channel"), max_length=20, choices=Channel.choices)
    direction = models.CharField(
        verbose_name=_("direction"),
        max_length=10,
        choices=Direction.choices,
        default=Direction.MUTUAL,
    )
    # Narrative in two languages (SPEC §2.3): ``_local`` is the office's, the other English.
    subject_local = models.CharField(
        verbose_name=_("subject"), max_length=300, blank=True, db_default=""
    )
    subject = models.CharField(verbose_name=_("subject (English)"), max_length=300, blank=True)
    summary_local = BoundedTextField(
        verbose_name=_("summary"),
        max_length=NARRATIVE_MAX_LENGTH,
        blank=True,
        db_default="",
    )
    summary = BoundedTextField(
        verbose_name=_("summary (English)"), max_length=NARRATIVE_MAX_LENGTH, blank=True
    )
    officials = models.ManyToManyField(
        Official, verbose_name=_("officials involved"), blank=True, related_name="contacts"
    )
    staff = models.ManyToManyField(
        settings.AUTH_USER_MODEL,
        verbose_name=_("our staff involved"),
        blank=True,
        related_name="contacts",
    )
    topics = models.ManyToManyField(
        Topic, verbose_name=_("topics"), blank=True, related_name="contacts"
    )
    visit = models.ForeignKey(
        "visits.Visit",
        verbose_name=_("visit"),
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="contacts",
    )

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["-occurred_on", "-occurred_at", "-id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(partner__isnull=False) | Q(organization__isnull=False),
                name="contact_has_partner_or_organization",
            ),
            models.CheckConstraint(
                condition=~Q(subject_local="") | ~Q(subject=""),
                name="contact_has_a_subject",
                violation_error_message=_("Give the contact a subject."),
            ),
            models.CheckConstraint(
                condition=precision_normalised("occurred_on", "occurred_precision"),
                name="contact_precision_normalised",
            ),
        ]
        indexes = [
            models.Index(fields=["partner", "-occurred_on"], name="contact_partner_date_idx"),
            models.Index(
                fields=["organization", "-occurred_on"], name="contact_organization_date_idx"
            ),
            models.Index(fields=["-occurred_on", "-id"], name="contact_date_idx"),
            models.Index(fields=["channel"], name="contact_channel_idx"),
        ]

    def clean(self) -> None:
        # "2013" may be typed as any day of 2013: it is stored on 1 January (SPEC §2.1).
        if isinstance(self.occurred_on, dt.date):
            self.occurred_on = normalise_to_precision(self.occurred_on, self.occurred_precision)

    def __str__(self) -> str:
        subject = self.subject_local or self.subject
        return f"{self.occurred_on:%Y-%m-%d} {subject}" if self.occurred_on else subject
