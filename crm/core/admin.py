"""Admin for users (roles are groups), and the base classes of every domain admin.

Domain admins are thin: a form's values go to the services (``crm.core.services`` and the
apps' ``services.py``), which validate, record who created a row, bump its version and
apply the domain rules, exactly as the API does. Many-to-many values travel with the
fields to the service instead of ``form.save_m2m()``; inline rows go through the
service of their inline.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from typing import Any

from django import forms
from django.contrib import admin
from django.contrib.admin.utils import flatten_fieldsets
from django.contrib.auth.admin import UserAdmin as DjangoUserAdmin
from django.db import models, transaction
from django.utils.translation import gettext_lazy as _

from crm.core import api_tokens, policy
from crm.core.admin_history import AuditHistoryMixin
from crm.core.models import User
from crm.core.services import (
    adopt,
    create_object,
    delete_object,
    regenerate_calendar_token,
    update_object,
)

# Columns every TrackedModel shows read-only on its change page.
TRACKED_READONLY = ("created_by", "created_at", "updated_at", "version")


def form_values(obj: models.Model, form) -> tuple[dict[str, Any], dict[str, Iterable]]:
    """The row's field values and many-to-many values as the form set them."""
    opts = obj._meta
    fields = {
        f.name: getattr(obj, f.name)
        for f in opts.concrete_fields
        if not f.primary_key and f.name in form.fields and f.name in form.cleaned_data
    }
    many = {f.name: form.cleaned_data[f.name] for f in opts.many_to_many if f.name in form.fields}
    return fields, many


class ServiceWriteMixin:
    """Writes of a ModelAdmin or inline go through the services.

    Override ``service_create`` / ``service_update`` / ``service_delete`` to call a
    domain service (``create_agreement``, ``record_gift`` …); the defaults are the
    shared ``create_object`` / ``update_object`` / ``delete_object``.
    """

    # Web addresses typed without a scheme are taken as https (Django 6's default).
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def service_create(self, request, *, fields: Mapping[str, Any], many: Mapping[str, Iterable]):
        return create_object(self.model, user=request.user, fields=fields, many=many)

    def service_update(
        self, request, obj, *, fields: Mapping[str, Any], many: Mapping[str, Iterable]
    ):
        return update_object(obj, user=request.user, fields=fields, many=many)

    def service_delete(self, request, obj) -> None:
        delete_object(obj, user=request.user)

    def service_save(self, request, obj, form, *, adding: bool) -> None:
        fields, many = form_values(obj, form)
        if adding:
            adopt(obj, self.service_create(request, fields=fields, many=many))
        else:
            self.service_update(request, obj, fields=fields, many=many)


class ServiceInlineMixin(ServiceWriteMixin):
    """Inline whose rows are created, changed and deleted through the services."""

    def get_formset(self, request, obj=None, **kwargs):
        formset = super().get_formset(request, obj, **kwargs)
        # A fresh class per call: the parent admin finds this inline's services on it.
        formset.service_inline = self
        return formset


class VersionCheckedForm(forms.ModelForm):
    """Carries the version the editor loaded; a stale one is a form error, not an overwrite."""

    loaded_version = forms.IntegerField(widget=forms.HiddenInput, required=False)

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.versioned = hasattr(self.instance, "version")
        if self.instance.pk and self.versioned:
            self.fields["loaded_version"].initial = self.instance.version

    def clean(self):
        cleaned = super().clean()
        loaded = cleaned.get("loaded_version")
        if self.instance.pk and self.versioned and loaded is not None:
            current = (
                type(self.instance)
                .objects.filter(pk=self.instance.pk)
                .values_list("version", flat=True)
                .first()
            )
            if current != loaded:
                raise forms.ValidationError(
                    _(
                        "Someone else changed this record while you were editing it. "
                        "Open it again to see their changes, then re-apply yours."
                    ),
                    code="version_conflict",
                )
        return cleaned


class DomainAdmin(AuditHistoryMixin, ServiceWriteMixin, admin.ModelAdmin):
    """Base admin of domain models: service writes, audit history, tracked columns read-only."""

    form = VersionCheckedForm
    list_per_page = 50
    show_full_result_count = False  # one COUNT(*) fewer on big tables

    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)
        # Declared fieldsets (narrative pairs side by side) still show who made the row, when.
        tracked = [
            name
            for name in self.get_readonly_fields(request, obj)
            if name in TRACKED_READONLY and name not in flatten_fieldsets(fieldsets)
        ]
        if tracked:
            fieldsets = [*fieldsets, (None, {"fields": tracked})]
        if "loaded_version" not in flatten_fieldsets(fieldsets):
            fieldsets = [*fieldsets, (None, {"fields": ("loaded_version",)})]
        return fieldsets

    def get_readonly_fields(self, request, obj=None):
        readonly = tuple(super().get_readonly_fields(request, obj))
        if any(f.name == "version" for f in self.model._meta.concrete_fields):
            readonly += tuple(f for f in TRACKED_READONLY if f not in readonly)
        return readonly

    def has_add_permission(self, request):
        return policy.can(request.user, policy.ADD, self.model)

    def has_change_permission(self, request, obj=None):
        return policy.can(request.user, policy.CHANGE, obj or self.model)

    def has_delete_permission(self, request, obj=None):
        return policy.can(request.user, policy.DELETE, obj or self.model)

    def save_model(self, request, obj, form, change):
        self.service_save(request, obj, form, adding=not change)

    def save_related(self, request, form, formsets, change):
        # Many-to-many values were written by the service together with the row.
        for formset in formsets:
            self.save_formset(request, form, formset, change=change)

    def save_formset(self, request, form, formset, change):
        inline = getattr(formset, "service_inline", None)
        if inline is None:
            return super().save_formset(request, form, formset, change)
        formset.save(commit=False)
        for obj in formset.deleted_objects:
            inline.service_delete(request, obj)
        form_of = {id(f.instance): f for f in formset.forms}
        for obj in formset.new_objects:
            inline.service_save(request, obj, form_of[id(obj)], adding=True)
        for obj, _changed in formset.changed_objects:
            inline.service_save(request, obj, form_of[id(obj)], adding=False)
        return None

    def delete_model(self, request, obj):
        self.service_delete(request, obj)

    def delete_queryset(self, request, queryset):
        with transaction.atomic():
            for obj in queryset:
                self.service_delete(request, obj)


@admin.register(User)
class UserAdmin(DjangoUserAdmin):
    fieldsets = (
        *DjangoUserAdmin.fieldsets,
        (_("Preferences"), {"fields": ("language", "roc_dates")}),
    )
    list_display = (
        "username",
        "email",
        "first_name",
        "last_name",
        "roles",
        "is_staff",
        "is_active",
        "language",
    )
    list_filter = ("is_staff", "is_superuser", "is_active", "groups", "language")
    search_fields = ("username", "first_name", "last_name", "email")

    actions = ("regenerate_calendar_addresses", "revoke_api_tokens")

    def get_queryset(self, request):
        return super().get_queryset(request).prefetch_related("groups")

    @admin.action(description=_("Replace their calendar addresses (the old ones stop working)"))
    def regenerate_calendar_addresses(self, request, queryset):
        for user in queryset:
            regenerate_calendar_token(user)
        self.message_user(request, _("%(n)d calendar addresses replaced.") % {"n": len(queryset)})

    @admin.action(description=_("Revoke their API tokens"))
    def revoke_api_tokens(self, request, queryset):
        count = sum(api_tokens.revoke_all(user) for user in queryset)
        self.message_user(request, _("%(n)d API tokens revoked.") % {"n": count})

    @admin.display(description=_("roles"))
    def roles(self, obj: User) -> str:
        names = sorted(g.name for g in obj.groups.all())
        if obj.is_superuser:
            names.insert(0, "admin")
        return ", ".join(names) or "—"
