"""Admin of partners, agreements, organizations, officials, contacts and topics (SPEC §5.1).

Searches cover both scripts (``name`` and ``name_local``, ``title`` and
``title_local``); changelists load their foreign keys in the same query; writes go
through ``relations.services``; partners, organizations, officials and contacts have
CSV and XLSX import (with a dry-run preview) and export.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.db import models
from django.utils.translation import gettext_lazy as _
from import_export.admin import ImportExportMixin
from import_export.formats import base_formats

from crm.attachments.admin import ContactAttachmentInline, PartnerAttachmentInline
from crm.core.admin import DomainAdmin, ServiceInlineMixin, VersionCheckedForm
from crm.core.fields import BoundedTextField
from relations import services
from relations.anniversaries import normalise
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from relations.resources import (
    ContactResource,
    OfficialResource,
    OrganizationResource,
    PartnerResource,
)


class CsvImportExportMixin(ImportExportMixin):
    """CSV and XLSX import (dry-run preview, then confirm) and export, for users allowed to
    write. The import also reads the translated headers of the list exports."""

    formats = [base_formats.CSV, base_formats.XLSX]
    # A byte-order mark lets spreadsheet programs open Chinese text correctly.
    to_encoding = "utf-8-sig"

    def has_import_permission(self, request):
        opts = self.opts
        return request.user.has_perm(f"{opts.app_label}.add_{opts.model_name}") and (
            request.user.has_perm(f"{opts.app_label}.change_{opts.model_name}")
        )

    def has_export_permission(self, request):
        return self.has_view_permission(request)


# --- Agreements ---------------------------------------------------------------------------


class AgreementForm(VersionCheckedForm):
    """An agreement; "by kind" leaves ``commemorate`` to the service's default for the kind."""

    BY_KIND, YES, NO = "", "yes", "no"

    commemorate = forms.TypedChoiceField(
        label=_("commemorate"),
        choices=[
            (BY_KIND, _("by kind (yes for sister-city and friendship agreements)")),
            (YES, _("yes")),
            (NO, _("no")),
        ],
        coerce=lambda value: value == AgreementForm.YES,
        empty_value=None,
        required=False,
        help_text=_("Commemorated agreements produce yearly anniversaries."),
    )

    class Meta:
        model = Agreement
        fields = (
            "partner",
            "kind",
            "signed_on",
            "signed_precision",
            "commemorate",
            "title",
            "title_local",
            "signatories",
            "reference",
            "notes",
        )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        agreement = self.instance
        by_kind = agreement.kind in Agreement.COMMEMORATED_BY_DEFAULT
        if agreement.pk is None or agreement.commemorate == by_kind:
            self.initial["commemorate"] = self.BY_KIND
        else:
            self.initial["commemorate"] = self.YES if agreement.commemorate else self.NO

    def clean(self):
        cleaned = super().clean()
        # A month- or year-precise date is stored on its anniversary day (the 1st / 1 January);
        # normalising before model validation lets "March 1983" be typed as any day of March.
        if cleaned.get("signed_on") and cleaned.get("signed_precision"):
            cleaned["signed_on"] = normalise(cleaned["signed_on"], cleaned["signed_precision"])
        return cleaned


class AgreementServiceMixin:
    def service_create(self, request, *, fields, many):
        return services.create_agreement(user=request.user, fields=fields)

    def service_update(self, request, obj, *, fields, many):
        return services.update_agreement(obj, user=request.user, fields=fields)


# Inlines show the columns that identify a row (the rest is on its own form, "change" link),
# with narrow inputs, so a partner's form fits a 1280 px screen without scrolling sideways.
NARROW = {"size": 16}
NARROW_TEXT = forms.TextInput(attrs=NARROW)


class AgreementInlineForm(AgreementForm):
    """The inline row without ``commemorate`` (kept as stored; set on the agreement's form)."""

    commemorate = None

    class Meta(AgreementForm.Meta):
        fields = ("kind", "signed_on", "signed_precision", "title_local")


class AgreementInline(AgreementServiceMixin, ServiceInlineMixin, admin.TabularInline):
    model = Agreement
    form = AgreementInlineForm
    fields = ("kind", "signed_on", "signed_precision", "title_local")
    formfield_overrides = {models.CharField: {"widget": NARROW_TEXT}}
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("partner")


@admin.register(Agreement)
class AgreementAdmin(AgreementServiceMixin, DomainAdmin):
    form = AgreementForm
    fieldsets = (
        (None, {"fields": ("partner", ("kind", "signed_on", "signed_precision"), "commemorate")}),
        (
            _("Title and signatories"),
            {"fields": (("title_local", "title"), "reference", "signatories")},
        ),
        (_("Notes"), {"fields": ("notes",), "classes": ("collapse",)}),
    )
    list_display = (
        "partner",
        "kind",
        "signed_on",
        "signed_precision",
        "commemorate",
        "title",
        "title_local",
        "reference",
    )
    list_filter = ("kind", "signed_precision", "commemorate")
    list_select_related = ("partner",)
    search_fields = (
        "title",
        "title_local",
        "reference",
        "signatories",
        "partner__name",
        "partner__name_local",
    )
    autocomplete_fields = ("partner",)
    date_hierarchy = "signed_on"


# --- Officials ----------------------------------------------------------------------------


class OfficialInline(ServiceInlineMixin, admin.TabularInline):
    model = Official
    fk_name = "partner"
    fields = ("name_local", "name", "title_local", "role", "term_end")
    formfield_overrides = {models.CharField: {"widget": NARROW_TEXT}}
    extra = 0
    show_change_link = True


class OrganizationOfficialInline(OfficialInline):
    fk_name = "organization"


class InOfficeFilter(admin.SimpleListFilter):
    title = _("in office")
    parameter_name = "in_office"

    def lookups(self, request, model_admin):
        return (("current", _("current")), ("past", _("past")))

    def queryset(self, request, queryset):
        if self.value() == "current":
            return queryset.current()
        if self.value() == "past":
            return queryset.past()
        return queryset


@admin.register(Official)
class OfficialAdmin(CsvImportExportMixin, DomainAdmin):
    resource_classes = [OfficialResource]
    list_display = (
        "name",
        "name_local",
        "title",
        "title_local",
        "role",
        "partner",
        "organization",
        "term_start",
        "term_end",
        "in_office",
    )
    list_filter = (InOfficeFilter, "role", "partner__country")
    list_select_related = ("partner", "organization")
    search_fields = (
        "name",
        "name_local",
        "title",
        "title_local",
        "email",
        "partner__name",
        "partner__name_local",
        "organization__name",
        "organization__name_local",
    )
    autocomplete_fields = ("partner", "organization")
    fieldsets = (
        (None, {"fields": (("name_local", "name"), "form_of_address")}),
        (
            _("Office"),
            {
                "fields": (
                    ("title_local", "title"),
                    "role",
                    ("partner", "organization"),
                    ("term_start", "term_end"),
                )
            },
        ),
        (
            _("How to reach them"),
            {
                "fields": (("email", "phone"), "preferred_language", "notes"),
                "classes": ("collapse",),
            },
        ),
    )

    @admin.display(description=_("in office"), boolean=True)
    def in_office(self, obj: Official) -> bool:
        return obj.is_current


# --- Partners -----------------------------------------------------------------------------


@admin.register(Partner)
class PartnerAdmin(CsvImportExportMixin, DomainAdmin):
    resource_classes = [PartnerResource]
    list_display = (
        "name",
        "name_local",
        "kind",
        "jurisdiction",
        "country",
        "region",
        "status",
        "owner",
        "established",
    )
    list_filter = ("kind", "status", "jurisdiction", "country", "topics")
    list_select_related = ("owner",)
    search_fields = ("name", "name_local", "region")
    autocomplete_fields = ("owner", "topics")
    readonly_fields = ("established_on", "established_precision")
    inlines = (AgreementInline, OfficialInline, PartnerAttachmentInline)
    fieldsets = (
        (None, {"fields": (("name_local", "name"), ("kind", "jurisdiction", "status"))}),
        (_("Place"), {"fields": (("country", "region"), ("population", "time_zone"), "website")}),
        (_("Desk officer and topics"), {"fields": ("owner", "topics", "notes")}),
        (
            # Copied from the earliest commemorated agreement by the database.
            _("Established (from the agreements)"),
            {"fields": (("established_on", "established_precision"),), "classes": ("collapse",)},
        ),
    )
    formfield_overrides = {
        **DomainAdmin.formfield_overrides,
        BoundedTextField: {"widget": forms.Textarea(attrs={"rows": 4, "cols": 60})},
    }

    @admin.display(description=_("established"), ordering="established_on")
    def established(self, obj: Partner) -> str:
        if obj.established_on is None:
            return "—"
        if obj.established_precision == "year":
            return f"{obj.established_on:%Y}"
        if obj.established_precision == "month":
            return f"{obj.established_on:%Y-%m}"
        return f"{obj.established_on:%Y-%m-%d}"


# --- Organizations ------------------------------------------------------------------------


@admin.register(Organization)
class OrganizationAdmin(CsvImportExportMixin, DomainAdmin):
    resource_classes = [OrganizationResource]
    list_display = ("__str__", "kind", "partner", "country", "city")
    list_filter = ("kind", "country")
    list_select_related = ("partner",)
    search_fields = ("name", "name_local", "city", "partner__name", "partner__name_local")
    autocomplete_fields = ("partner",)
    inlines = (OrganizationOfficialInline,)
    fieldsets = (
        (None, {"fields": (("name_local", "name"), "kind", "partner")}),
        (_("Place"), {"fields": (("country", "city"), "website", "notes")}),
    )


# --- Contacts -----------------------------------------------------------------------------


@admin.register(Contact)
class ContactAdmin(CsvImportExportMixin, DomainAdmin):
    resource_classes = [ContactResource]
    list_display = (
        "occurred_on",
        "occurred_at",
        "subject_local",
        "subject",
        "channel",
        "direction",
        "partner",
        "organization",
        "created_by",
    )
    list_filter = ("channel", "direction", "topics")
    list_select_related = ("partner", "organization", "created_by")
    search_fields = (
        "subject_local",
        "subject",
        "summary_local",
        "summary",
        "partner__name",
        "partner__name_local",
        "organization__name",
        "organization__name_local",
    )
    autocomplete_fields = ("partner", "organization", "officials", "staff", "topics", "visit")
    date_hierarchy = "occurred_on"
    # Narrative in two languages side by side, the office's first (SPEC §2.3).
    fieldsets = (
        (
            None,
            {
                "fields": (
                    ("partner", "organization"),
                    ("occurred_on", "occurred_precision", "occurred_at"),
                    ("channel", "direction"),
                    ("subject_local", "subject"),
                    ("summary_local", "summary"),
                    "officials",
                    "staff",
                    "topics",
                    "visit",
                )
            },
        ),
    )
    inlines = (ContactAttachmentInline,)

    def service_create(self, request, *, fields, many):
        return services.log_contact(
            user=request.user,
            fields=fields,
            officials=many.get("officials", ()),
            topics=many.get("topics", ()),
            staff=many.get("staff"),
        )

    def service_delete(self, request, obj):
        services.delete_contact(obj, user=request.user)


# --- Topics -------------------------------------------------------------------------------


@admin.register(Topic)
class TopicAdmin(DomainAdmin):
    list_display = ("slug", "name", "name_local")
    search_fields = ("slug", "name", "name_local")
    prepopulated_fields = {"slug": ("name",)}
