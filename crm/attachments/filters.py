"""Filters of the resources kept in the crm app: attachments (SPEC §5.2).

``?target_type=partner&target_id=12`` lists the files of one partner;
``target_type`` alone lists every file linked to that kind of row. ``target_id``
needs a ``target_type`` (an id alone names nothing) — a 400 otherwise.
"""

from __future__ import annotations

import django_filters
from django import forms
from django.db.models import QuerySet
from django.utils.translation import gettext_lazy as _

from crm.api.filters import CrmFilterSet, IdFilter, StableOrderingFilter
from crm.attachments.models import ATTACHMENT_TARGETS, Attachment

TARGET_TYPE_CHOICES = [(name, name) for name in ATTACHMENT_TARGETS]


class AttachmentFilterForm(forms.Form):
    def clean(self):
        cleaned = super().clean()
        if cleaned.get("target_id") is not None and not cleaned.get("target_type"):
            self.add_error("target_type", _("Give target_type together with target_id."))
        return cleaned


class AttachmentFilterSet(CrmFilterSet):
    search_fields = ("title", "original_name")

    target_type = django_filters.ChoiceFilter(
        choices=TARGET_TYPE_CHOICES,
        method="filter_target_type",
        label=_("What the files are linked to"),
    )
    target_id = IdFilter(method="filter_target_id", label=_("Id of the row (with target_type)"))
    ordering = StableOrderingFilter(fields=("created_at", "title", "size"))

    class Meta:
        model = Attachment
        fields = []
        form = AttachmentFilterForm

    def filter_target_type(self, qs: QuerySet, name: str, value: str) -> QuerySet:
        return qs.filter(**{f"{value}__isnull": False}) if value else qs

    def filter_target_id(self, qs: QuerySet, name: str, value) -> QuerySet:
        target_type = self.form.cleaned_data.get("target_type")
        if value in (None, "") or not target_type:
            return qs
        return qs.filter(**{f"{target_type}_id": value})
