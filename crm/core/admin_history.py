"""The admin's "History" page of a row, read from the pghistory audit trail.

Django's own history page lists ``LogEntry`` rows, which only the admin writes.
The audit trail (``crm.core.audit``) records every write — admin, API, import, bulk
update, SQL — so the change page's "History" button shows that instead: who, when,
what action, and each changed field with its old and new value.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.contrib.admin.utils import unquote
from django.contrib.admin.views.main import PAGE_VAR
from django.core.exceptions import FieldDoesNotExist, PermissionDenied
from django.template.response import TemplateResponse
from django.utils.text import capfirst
from django.utils.translation import gettext_lazy as _
from pghistory import core as pghistory_core

from crm.core.audit import history_for, redacted_fields

ACTION_LABELS = {"create": _("created"), "update": _("changed"), "delete": _("deleted")}
# Shown on every row already (the time) or meaningless to a reader (the key).
HIDDEN_FIELDS = frozenset({"id", "updated_at", "created_at"})
PER_PAGE = 100
# A redacted field's value (``crm.core.audit.redacted_fields``): set or changed, not shown.
NOT_SHOWN = _("(not shown)")


@dataclass(frozen=True)
class FieldChange:
    field: str
    old: object
    new: object


def is_audited(model) -> bool:
    """True when pghistory tracks this model (``crm.core.audit.audited``)."""
    return bool(pghistory_core.event_models(tracks_model=model))


def _field_label_and_display(model, name: str):
    """A field's verbose name and a function turning a stored value into its display."""
    try:
        field = model._meta.get_field(name)
    except FieldDoesNotExist:
        return name, lambda value: value
    choices = dict(field.flatchoices) if getattr(field, "flatchoices", None) else {}
    label = str(capfirst(field.verbose_name))
    hidden = name in redacted_fields(model)

    def display(value):
        if value in (None, ""):
            return "—"
        if hidden:
            return NOT_SHOWN
        return choices.get(value, value)

    return label, display


def audit_entries(obj) -> list[dict]:
    """The audit trail of ``obj`` for display, newest first, with readable field changes."""
    model = type(obj)
    position = {}
    for index, field in enumerate(model._meta.concrete_fields):
        position[field.name] = position[field.attname] = index
    entries = []
    for event in reversed(history_for(obj)):
        changes = []
        names = sorted(event["changes"], key=lambda name: (position.get(name, len(position)), name))
        for name in names:
            old, new = event["changes"][name]
            if name in HIDDEN_FIELDS:
                continue
            if event["action"] == "create" and new in (None, ""):
                continue
            label, display = _field_label_and_display(model, name)
            changes.append(FieldChange(label, display(old), display(new)))
        entries.append(
            {
                "at": event["at"],
                "user": event["user"],
                "action": ACTION_LABELS.get(event["action"], event["action"]),
                "changes": changes,
            }
        )
    return entries


class AuditHistoryMixin:
    """ModelAdmin mixin: the "History" page shows the pghistory audit trail of the row."""

    audit_history_template = "admin/audit_history.html"

    def history_view(self, request, object_id, extra_context=None):
        model = self.model
        if not is_audited(model):
            return super().history_view(request, object_id, extra_context=extra_context)
        obj = self.get_object(request, unquote(object_id))
        if obj is None:
            return self._get_obj_does_not_exist_redirect(request, model._meta, object_id)
        if not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied

        paginator = self.get_paginator(request, audit_entries(obj), PER_PAGE)
        page = paginator.get_page(request.GET.get(PAGE_VAR, 1))
        context = {
            **self.admin_site.each_context(request),
            "title": _("Change history: %s") % obj,
            "subtitle": None,
            "entries": page,
            "page_range": paginator.get_elided_page_range(page.number),
            "page_var": PAGE_VAR,
            "pagination_required": paginator.count > PER_PAGE,
            "module_name": str(capfirst(self.opts.verbose_name_plural)),
            "object": obj,
            "opts": self.opts,
            "events_filter": f"method=tracks&obj={self.opts.label}:{obj.pk}",
            "preserved_filters": self.get_preserved_filters(request),
            **(extra_context or {}),
        }
        request.current_app = self.admin_site.name
        return TemplateResponse(request, self.audit_history_template, context)
