"""Admin of visits, delegations, itineraries, commitments, events, invitations and gifts.

A visit's page holds its partners, members (protocol order) and engagements; a
member's page holds their absences. Writes go through ``visits.services``: a new
visit gets its report deadline, a gift its value in TWD, a commitment's review its
reviewer and time.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin, messages
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _
from django.utils.translation import ngettext

from crm.attachments.admin import GiftAttachmentInline, VisitAttachmentInline
from crm.core import policy
from crm.core.admin import DomainAdmin, ServiceInlineMixin, VersionCheckedForm
from crm.core.formatting import local_today
from visits import services
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    LetterTemplate,
    MemberAbsence,
    Visit,
    VisitPartner,
)

# --- Visits -------------------------------------------------------------------------------


class VisitPartnerInline(ServiceInlineMixin, admin.TabularInline):
    model = VisitPartner
    autocomplete_fields = ("partner",)
    extra = 0
    verbose_name = _("partner visited")
    verbose_name_plural = _("partners visited")

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


class MemberInline(ServiceInlineMixin, admin.TabularInline):
    """Who went, in protocol order; a member's title, department, user or official and
    absences are on the member's own page (the change link), so the row fits a laptop."""

    model = DelegationMember
    fields = ("order", "name_local", "name", "role", "joined_on", "left_on")
    extra = 0
    show_change_link = True

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        # Narrow name inputs: the columns and the sidebar within 1280 px.
        if db_field.name in ("name_local", "name"):
            kwargs["widget"] = forms.TextInput(attrs={"size": 14})
        return super().formfield_for_dbfield(db_field, request, **kwargs)


class EngagementInline(ServiceInlineMixin, admin.StackedInline):
    model = Engagement
    fields = (
        ("date", "start_time", "end_time", "order"),
        ("time_zone", "kind"),
        ("title_local", "title"),
        ("partner", "organization"),
        "location",
        "officials",
        "attendees",
        "topics",
        "notes_local",
        "notes",
    )
    autocomplete_fields = ("partner", "organization", "officials", "topics")
    extra = 0
    show_change_link = True
    classes = ("collapse",)

    def get_queryset(self, request):
        # The forms' initial many-to-many values come from the prefetch, not a query per row.
        return super().get_queryset(request).prefetch_related("officials", "attendees", "topics")

    def get_formset(self, request, obj=None, **kwargs):
        # Attendees are chosen among this visit's members (set before the form is built).
        request._admin_visit = obj
        return super().get_formset(request, obj, **kwargs)

    def formfield_for_manytomany(self, db_field, request, **kwargs):
        if db_field.name == "attendees":
            visit = getattr(request, "_admin_visit", None)
            kwargs["queryset"] = (
                DelegationMember.objects.filter(visit=visit)
                if visit is not None and visit.pk
                else DelegationMember.objects.none()
            )
            kwargs["widget"] = forms.CheckboxSelectMultiple
        return super().formfield_for_manytomany(db_field, request, **kwargs)


@admin.register(Visit)
class VisitAdmin(DomainAdmin):
    list_display = (
        "title",
        "title_local",
        "direction",
        "category",
        "start_on",
        "end_on",
        "status",
        "report_due_on",
        "report_submitted_on",
    )
    list_filter = ("direction", "category", "status")
    search_fields = (
        "title",
        "title_local",
        "purpose_local",
        "purpose",
        "partners__name",
        "partners__name_local",
    )
    date_hierarchy = "start_on"
    inlines = (VisitPartnerInline, MemberInline, EngagementInline, VisitAttachmentInline)
    # The office's language first, English under it (SPEC §2.3); the report's narrative,
    # written after the trip, is folded away until then. No row is wider than a laptop.
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title_local", "title"),
                    ("direction", "category", "status"),
                    ("start_on", "end_on", "date_precision"),
                    ("purpose_local", "purpose"),
                )
            },
        ),
        (_("Trip report"), {"fields": (("report_due_on", "report_submitted_on"),)}),
        (
            _("Report narrative"),
            {
                "classes": ("collapse",),
                # Each section's two languages side by side.
                "fields": tuple(
                    zip(Visit.REPORT_NARRATIVE[::2], Visit.REPORT_NARRATIVE[1::2], strict=True)
                ),
            },
        ),
    )

    def service_create(self, request, *, fields, many):
        return services.create_visit(user=request.user, fields=fields)


# --- Delegation members -------------------------------------------------------------------


class AbsenceInline(ServiceInlineMixin, admin.TabularInline):
    model = MemberAbsence
    fields = ("starts_on", "ends_on", "reason")
    extra = 0


@admin.register(DelegationMember)
class DelegationMemberAdmin(DomainAdmin):
    list_display = (
        "visit",
        "order",
        "name",
        "name_local",
        "title",
        "title_local",
        "role",
        "joined_on",
        "left_on",
    )
    list_display_links = ("order", "name", "name_local")
    list_filter = ("role",)
    list_select_related = ("visit",)
    search_fields = (
        "name",
        "name_local",
        "title",
        "title_local",
        "department",
        "department_local",
        "visit__title",
        "visit__title_local",
    )
    autocomplete_fields = ("visit", "user", "official")
    inlines = (AbsenceInline,)


# --- Engagements --------------------------------------------------------------------------


@admin.register(Engagement)
class EngagementAdmin(DomainAdmin):
    list_display = (
        "date",
        "start_time",
        "end_time",
        "title",
        "title_local",
        "kind",
        "visit",
        "partner",
        "organization",
    )
    list_filter = ("kind",)
    list_select_related = ("visit", "partner", "organization")
    search_fields = (
        "title",
        "title_local",
        "location",
        "visit__title",
        "visit__title_local",
        "partner__name",
        "partner__name_local",
        "organization__name",
        "organization__name_local",
    )
    autocomplete_fields = (
        "visit",
        "partner",
        "organization",
        "officials",
        "attendees",
        "topics",
    )
    date_hierarchy = "date"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    "visit",
                    ("date", "start_time", "end_time", "time_zone", "order"),
                    ("kind", "title", "title_local"),
                    ("partner", "organization", "location"),
                    "officials",
                    "attendees",
                    "topics",
                    ("notes_local", "notes"),
                )
            },
        ),
    )

    def service_create(self, request, *, fields, many):
        return services.create_engagement(user=request.user, fields=fields, many=many)


# --- Commitments --------------------------------------------------------------------------


class CommitmentForm(VersionCheckedForm):
    class Meta:
        model = Commitment
        fields = (
            "title_local",
            "title",
            "details_local",
            "details",
            "kind",
            "visit",
            "engagement",
            "contact",
            "partner",
            "counterparts",
            "owner",
            "due_on",
            "priority",
            "status",
            "completed_on",
            "outcome_local",
            "outcome",
        )

    def clean(self):
        cleaned = super().clean()
        # Say which field is missing instead of naming the database constraint.
        if not ((cleaned.get("title_local") or "").strip() or (cleaned.get("title") or "").strip()):
            self.add_error("title_local", _("Give the commitment a title."))
        if cleaned.get("status") in (Commitment.Status.DONE, Commitment.Status.DROPPED):
            if not Commitment.states_outcome(cleaned.get("outcome_local"), cleaned.get("outcome")):
                self.add_error("outcome_local", _("Say what came of it before closing."))
            if not cleaned.get("completed_on"):
                self.add_error("completed_on", _("Give the date it was closed."))
        return cleaned


class OverdueFilter(admin.SimpleListFilter):
    title = _("overdue")
    parameter_name = "overdue"

    def lookups(self, request, model_admin):
        return (("yes", _("overdue")),)

    def queryset(self, request, queryset):
        if self.value() == "yes":
            return queryset.overdue(local_today())
        return queryset


@admin.register(Commitment)
class CommitmentAdmin(DomainAdmin):
    form = CommitmentForm
    list_display = (
        "__str__",
        "kind",
        "partner",
        "owner",
        "due_on",
        "priority",
        "status",
        "overdue",
        "completed_on",
        "reviewed_by",
    )
    list_filter = (OverdueFilter, "status", "kind", "priority")
    list_select_related = ("partner", "owner", "reviewed_by")
    search_fields = (
        "title_local",
        "title",
        "details_local",
        "details",
        "outcome_local",
        "outcome",
        "partner__name",
        "partner__name_local",
        "counterparts__name",
        "counterparts__name_local",
    )
    autocomplete_fields = ("visit", "engagement", "contact", "partner", "counterparts", "owner")
    readonly_fields = ("reviewed_by", "reviewed_at")
    date_hierarchy = "due_on"
    actions = ("mark_reviewed",)
    # Narrative in two languages side by side, the office's first (SPEC §2.3).
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title_local", "title"),
                    ("details_local", "details"),
                    ("kind", "priority"),
                    ("visit", "engagement", "contact"),
                    "partner",
                    "counterparts",
                    ("owner", "due_on"),
                    ("status", "completed_on"),
                    ("outcome_local", "outcome"),
                    ("reviewed_by", "reviewed_at"),
                )
            },
        ),
    )

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}

    @admin.display(description=_("overdue"), boolean=True)
    def overdue(self, obj: Commitment) -> bool:
        return obj.is_overdue(local_today())

    def has_review_permission(self, request) -> bool:
        return policy.can(request.user, policy.REVIEW, Commitment)

    @admin.action(description=_("Mark as reviewed"), permissions=["review"])
    def mark_reviewed(self, request, queryset):
        count = 0
        for commitment in queryset:
            services.review_commitment(commitment, user=request.user)
            count += 1
        self.message_user(
            request,
            ngettext("%(count)d commitment reviewed.", "%(count)d commitments reviewed.", count)
            % {"count": count},
            messages.SUCCESS,
        )


# --- Events and invitations ---------------------------------------------------------------


class InvitationInline(ServiceInlineMixin, admin.StackedInline):
    """The guest list, two lines per guest so that it fits a laptop; the answer's date, the
    commitment it fulfils and the notes are on the invitation's own page (the change link)."""

    model = Invitation
    fields = (("invitee", "owner"), ("status", "sent_on", "rsvp_by"))
    autocomplete_fields = ("invitee", "owner")
    extra = 0
    show_change_link = True


@admin.register(Event)
class EventAdmin(DomainAdmin):
    list_display = ("title", "title_local", "starts_on", "ends_on", "location", "owner")
    list_select_related = ("owner",)
    search_fields = ("title", "title_local", "location", "description_local", "description")
    autocomplete_fields = ("owner",)
    date_hierarchy = "starts_on"
    inlines = (InvitationInline,)
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("title", "title_local"),
                    ("starts_on", "ends_on"),
                    "location",
                    ("description_local", "description"),
                    "owner",
                )
            },
        ),
    )

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}


@admin.register(Invitation)
class InvitationAdmin(DomainAdmin):
    list_display = (
        "invitee",
        "event",
        "status",
        "sent_on",
        "rsvp_by",
        "responded_on",
        "owner",
    )
    list_filter = ("status",)
    list_select_related = ("invitee", "event", "owner")
    search_fields = (
        "invitee__name",
        "invitee__name_local",
        "event__title",
        "event__title_local",
        "notes_local",
        "notes",
    )
    autocomplete_fields = ("event", "invitee", "owner", "commitment")
    date_hierarchy = "rsvp_by"
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("event", "invitee"),
                    ("owner", "status"),
                    ("sent_on", "rsvp_by", "responded_on"),
                    "commitment",
                    ("notes_local", "notes"),
                )
            },
        ),
    )

    def get_changeform_initial_data(self, request):
        return {"owner": request.user.pk, **super().get_changeform_initial_data(request)}


# --- Gifts --------------------------------------------------------------------------------


class RegistrationFilter(admin.SimpleListFilter):
    """Received gifts not yet registered, at or over the threshold or with no value recorded
    (``GiftQuerySet.unregistered``, SPEC §2.2)."""

    title = _("ethics registration")
    parameter_name = "registration"

    def lookups(self, request, model_admin):
        return (("needed", _("needed, not yet registered")), ("done", _("registered")))

    def queryset(self, request, queryset):
        if self.value() == "needed":
            return queryset.unregistered()
        if self.value() == "done":
            return queryset.filter(~Q(registered_on=None))
        return queryset


@admin.register(Gift)
class GiftAdmin(DomainAdmin):
    list_display = (
        "date",
        "direction",
        "description",
        "description_local",
        "partner",
        "official",
        "organization",
        "estimated_value",
        "currency",
        "value_twd",
        "disposition",
        "registered_on",
        "to_register",
    )
    list_filter = ("direction", RegistrationFilter, "disposition", "currency")
    list_select_related = ("partner", "official", "organization")
    search_fields = (
        "description",
        "description_local",
        "notes",
        "partner__name",
        "partner__name_local",
        "official__name",
        "official__name_local",
        "organization__name",
        "organization__name_local",
    )
    autocomplete_fields = (
        "partner",
        "official",
        "organization",
        "member",
        "user",
        "visit",
        "engagement",
        "event",
    )
    readonly_fields = ("value_twd",)
    date_hierarchy = "date"
    inlines = (GiftAttachmentInline,)

    @admin.display(description=_("to register"), boolean=True)
    def to_register(self, obj: Gift) -> bool:
        return obj.needs_registration

    def service_create(self, request, *, fields, many):
        return services.record_gift(user=request.user, fields=fields)

    def service_update(self, request, obj, *, fields, many):
        return services.update_gift(obj, user=request.user, fields=fields)


# --- Letter templates ---------------------------------------------------------------------


@admin.register(LetterTemplate)
class LetterTemplateAdmin(DomainAdmin):
    """The office's letters (邀請函, 謝函): upload a Word file with merge fields to replace a
    shipped default; "download" gives the file in use, to edit in Word."""

    list_display = ("name", "kind", "language", "source", "download")
    list_filter = ("kind", "language")
    search_fields = ("name",)
    fields = ("name", ("kind", "language"), "file", "shipped", "download")
    readonly_fields = ("shipped", "download")

    @admin.display(description=_("source"))
    def source(self, obj: LetterTemplate) -> str:
        return str(_("uploaded")) if obj.file else str(_("shipped default"))

    @admin.display(description=_("file in use"))
    def download(self, obj: LetterTemplate) -> str:
        if not obj.pk:
            return "—"
        url = reverse("visits:letter-template-file", args=[obj.pk])
        return format_html('<a href="{}">{}</a>', url, _("Download .docx"))
