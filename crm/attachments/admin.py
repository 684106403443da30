"""Admin of attachments (SPEC §2.3, §5.1): the attachment list and an inline per target.

Every upload goes through ``crm.attachments.services``: the forms check the size and the type on
the file's content (a renamed executable is a form error), and saving calls ``attach``.
Links to a file go to the signed-in API download view, never to a media URL: a
``FileField`` is therefore never shown read-only (the admin would link its ``.url``),
and its widget is a plain file input without the "currently" link.

Registered when imported: ``relations.admin`` and ``visits.admin`` import the inlines.
"""

from __future__ import annotations

from django import forms
from django.contrib import admin
from django.core.exceptions import ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import gettext_lazy as _

from crm.attachments import services as attachments
from crm.attachments.models import ATTACHMENT_TARGETS, Attachment
from crm.core.admin import DomainAdmin, ServiceInlineMixin, VersionCheckedForm
from crm.core.services import adopt

TARGET_FIELDS = tuple(ATTACHMENT_TARGETS)


def download_link(obj: Attachment) -> str:
    if not obj or not obj.pk:
        return "—"
    return format_html(
        '<a href="{}">{}</a>',
        reverse("api:attachment-download", args=[obj.pk]),
        obj.original_name or _("download"),
    )


def _check_upload(form: forms.ModelForm):
    """``clean_file`` of both forms: size and type by content, through crm.attachments.services."""
    upload = form.cleaned_data.get("file")
    if isinstance(upload, UploadedFile):
        try:
            attachments.validate_file(upload)
        except ValidationError as error:
            raise forms.ValidationError(error.messages) from None
    return upload


class AttachmentAdminForm(VersionCheckedForm):
    """Add: title, file and exactly one target. Change: the title only."""

    class Meta:
        model = Attachment
        fields = ("title", "file", *TARGET_FIELDS)
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "title" in self.fields and self.instance.pk is None:
            self.fields["title"].required = False
            self.fields["title"].help_text = _("Defaults to the file name.")
        if "file" in self.fields:
            self.fields["file"].help_text = attachments.allowed_types_text()

    # "Exactly one target" is the model's check constraint, validated with the form.
    clean_file = _check_upload


class TargetTypeFilter(admin.SimpleListFilter):
    title = _("linked to")
    parameter_name = "target_type"

    def lookups(self, request, model_admin):
        return [(name, Attachment._meta.get_field(name).verbose_name) for name in TARGET_FIELDS]

    def queryset(self, request, queryset):
        if self.value() in ATTACHMENT_TARGETS:
            return queryset.filter(**{f"{self.value()}__isnull": False})
        return queryset


@admin.register(Attachment)
class AttachmentAdmin(DomainAdmin):
    form = AttachmentAdminForm
    list_display = (
        "title",
        "download",
        "content_type",
        "size_display",
        "linked_to",
        "created_by",
        "created_at",
    )
    list_filter = (TargetTypeFilter, "content_type", "created_at")
    list_select_related = (
        "created_by",
        "partner",
        "agreement__partner",
        "visit",
        "engagement",
        "contact",
        "gift",
    )
    search_fields = (
        "title",
        "original_name",
        "partner__name",
        "partner__name_local",
        "visit__title",
        "visit__title_local",
        "contact__subject_local",
        "contact__subject",
        "gift__description",
        "gift__description_local",
    )
    autocomplete_fields = TARGET_FIELDS
    date_hierarchy = "created_at"

    def get_fields(self, request, obj=None):
        if obj is None:
            return ("title", "file", *TARGET_FIELDS)
        return ("title", "download", "original_name", "content_type", "size_display", "linked_to")

    def get_readonly_fields(self, request, obj=None):
        readonly = super().get_readonly_fields(request, obj)
        if obj is None:
            return readonly
        extra = ("download", "original_name", "content_type", "size_display", "linked_to")
        return (*readonly, *extra)

    @admin.display(description=_("file"))
    def download(self, obj: Attachment) -> str:
        return download_link(obj)

    @admin.display(description=_("size"), ordering="size")
    def size_display(self, obj: Attachment) -> str:
        return attachments.human_size(obj.size)

    @admin.display(description=_("linked to"))
    def linked_to(self, obj: Attachment) -> str:
        target = obj.target
        if target is None:
            return "—"
        return f"{target._meta.verbose_name}: {target}"

    def service_save(self, request, obj, form, *, adding: bool) -> None:
        if not adding:
            return super().service_save(request, obj, form, adding=False)
        target_type = next(name for name in TARGET_FIELDS if form.cleaned_data.get(name))
        saved = attachments.attach(
            user=request.user,
            file=form.cleaned_data["file"],
            title=form.cleaned_data.get("title") or "",
            target_type=target_type,
            target_id=form.cleaned_data[target_type].pk,
        )
        adopt(obj, saved)
        return None


# --- Inlines on the targets' pages -----------------------------------------------------------


class AttachmentInlineForm(forms.ModelForm):
    class Meta:
        model = Attachment
        fields = ("title", "file")
        widgets = {"file": forms.FileInput}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A new file's title defaults to its name; a stored one keeps a title.
        self.fields["title"].required = self.instance.pk is not None
        if self.instance.pk:
            # A stored file is replaced by a new attachment, not overwritten.
            self.fields["file"].disabled = True
            self.fields["file"].required = False

    clean_file = _check_upload


class AttachmentInline(ServiceInlineMixin, admin.TabularInline):
    """Files of the row: add with a title and a file; download through the signed-in view."""

    model = Attachment
    form = AttachmentInlineForm
    fields = ("title", "file", "download", "content_type", "size_display", "created_by")
    readonly_fields = ("download", "content_type", "size_display", "created_by")
    extra = 0
    show_change_link = True

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("created_by")

    @admin.display(description=_("download"))
    def download(self, obj: Attachment) -> str:
        return download_link(obj)

    @admin.display(description=_("size"))
    def size_display(self, obj: Attachment) -> str:
        return attachments.human_size(obj.size) if obj and obj.pk else "—"

    def service_save(self, request, obj, form, *, adding: bool) -> None:
        if not adding:
            return super().service_save(request, obj, form, adding=False)
        saved = attachments.attach(
            user=request.user,
            file=form.cleaned_data["file"],
            title=form.cleaned_data.get("title") or "",
            target_type=self.fk_name,
            target_id=getattr(obj, f"{self.fk_name}_id"),
        )
        adopt(obj, saved)
        return None


def inline_for(target: str) -> type[AttachmentInline]:
    """The attachment inline of one target model (``inline_for("partner")``)."""
    return type(f"{target.title()}AttachmentInline", (AttachmentInline,), {"fk_name": target})


PartnerAttachmentInline = inline_for("partner")
VisitAttachmentInline = inline_for("visit")
ContactAttachmentInline = inline_for("contact")
GiftAttachmentInline = inline_for("gift")
