"""Create, edit and delete one record on a page of its own (SPEC §5.3, issue 13).

Every record the office handles gets these three pages from a short declaration in its
app: a ModelForm, where to go afterwards, and (optionally) the parent the record belongs
to and the service function that writes it. The views ask ``crm.core.policy`` before
showing a form and the services ask again on save, so a page is never more permissive
than the API; an edit carries the row's ``version`` and a stale form gets 409 with the
current values, never a silent overwrite.

    class PartnerEdit(RecordUpdateView):
        model = Partner
        form_class = PartnerForm

Hooks, all optional: ``parent(request, **kwargs)`` (the partner a new agreement belongs
to; given to the form and the service), ``form_kwargs(request, instance, parent)`` (extra
arguments of the form, e.g. the visit whose members an engagement offers),
``extra_context(request, instance, parent)`` (more for the template, e.g. a member's
absences under the member's form), ``delete_url_name`` (the edit page links to the
delete page when the policy lets the user delete), ``save_new(form, fields, many)`` /
``save_changes(form, instance, fields, many, version)`` (a domain service instead of the
generic one), ``remove(request, instance)`` (a domain service instead of the generic
delete), ``similar(form)`` (existing records that look like the new one: shown once for
confirmation, so the desk does not grow duplicates), ``success_url(instance)``,
``adapt_form(request, form, instance, parent)`` (narrow a form's choices to the parent, e.g.
the officials of the partner), ``list_url_name`` (where a record of no parent is cancelled
to and left for when deleted). A record reached under its parent's address
(``/partners/3/agreements/7/edit/``) must belong to that parent: another one's is a 404.
"""

from __future__ import annotations

from typing import Any

from django import forms
from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import models
from django.db.models import Q
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views import View

from crm.core import policy
from crm.core.formatting import pick_name
from crm.core.roles import owners
from crm.core.services import (
    ProtectedDelete,
    VersionConflict,
    create_object,
    delete_object,
    update_object,
)
from crm.web.access import PageMixin, small_int

CONFIRM_FIELD = "confirm_new"


class VersionedForm(forms.ModelForm):
    """Carries the row's ``version`` it was read at, for the optimistic-lock check."""

    version = forms.IntegerField(widget=forms.HiddenInput, min_value=1, required=False)

    def __init__(self, *args, **kwargs):
        # Several forms may share a page: ids are per form so each label finds its field.
        kwargs.setdefault("auto_id", f"{self._meta.model._meta.model_name}-%s")
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["version"] = self.instance.version

    def full_clean(self):
        super().full_clean()
        # Screen readers announce the fields that were refused.
        for name in self.errors:
            if name in self.fields:
                self.fields[name].widget.attrs["aria-invalid"] = "true"

    def clean(self):
        cleaned = super().clean()
        if self.instance.pk and cleaned.get("version") is None and "version" in self.fields:
            self.add_error("version", _("This form is out of date; reload the page."))
        return cleaned


# (office language, English) attribute pairs that name a record, tried in order.
_LABEL_PAIRS = (
    ("name_local", "name"),
    ("title_local", "title"),
    ("subject_local", "subject"),
    ("description_local", "description"),
)


def record_label(instance: models.Model) -> str:
    """How a message names the record: in the reader's script first (``海因斯 · John Hines``),
    else the record's own ``str()``."""
    for local, english in _LABEL_PAIRS:
        if hasattr(instance, local) or hasattr(instance, english):
            label = pick_name(
                getattr(instance, local, ""),
                getattr(instance, english, ""),
                language=get_language() or "",
            )
            if label:
                return label
    return str(instance)


def split_fields(form: forms.ModelForm) -> tuple[dict[str, Any], dict[str, Any]]:
    """The form's cleaned values for the service: concrete fields, and many-to-many ones."""
    opts = form._meta.model._meta
    # The row's version is the conflict check's, never a value to write.
    concrete = {f.name for f in opts.concrete_fields} - {"version"}
    many = {f.name for f in opts.many_to_many}
    data = form.cleaned_data
    return (
        {name: data[name] for name in form.fields if name in concrete and name in data},
        {name: data[name] for name in form.fields if name in many and name in data},
    )


class _RecordView(PageMixin, View):
    """What the three pages share: the model, the form, the policy and the template."""

    model: type[models.Model]
    form_class: type[forms.ModelForm] | None = None
    template_name = "pages/record_form.html"
    nav = ""
    # Groups of field names with a legend: the form's sections, in order.
    fieldsets: tuple[tuple[Any, tuple[str, ...]], ...] = ()

    def parent(self, request, **kwargs) -> dict[str, models.Model]:
        """Fixed fields of a record that belongs to another (``{"partner": partner}``)."""
        return {}

    # The URL name of the list where a record that belongs to no parent is found (visits,
    # events): a new one's form cancels to it and a deleted one's page leads back to it.
    list_url_name = ""

    def success_url(self, instance: models.Model) -> str:
        return instance.get_absolute_url()

    def cancel_url(self, instance: models.Model | None, parent: dict) -> str:
        if instance is not None and instance.pk:
            return self.success_url(instance)
        if self.list_url_name:
            return reverse(self.list_url_name)
        owner = next(iter(parent.values()), None)
        return owner.get_absolute_url() if owner is not None else "/"

    def allow(self, request, action: str, target) -> None:
        if not policy.can(request.user, action, target):
            raise PermissionDenied(str(policy.MESSAGES.get(action, _("You may not do this."))))

    def belongs(self, instance: models.Model, parent: dict) -> bool:
        """Does ``instance`` belong to the parent its address names? Foreign keys only."""
        for name, value in parent.items():
            field = instance._meta.get_field(name)
            if field.many_to_one and getattr(instance, field.attname) != value.pk:
                return False
        return True

    def parent_of(self, request, instance, **kwargs) -> dict[str, models.Model]:
        parent = self.parent(request, **kwargs)
        if not self.belongs(instance, parent):
            raise Http404
        return parent

    def adapt_form(self, request, form, instance, parent) -> None:
        """Narrow the form to its parent (choices, initial values); nothing by default."""

    # The URL name of the record's delete page: the edit page links to it for those who may.
    delete_url_name = ""

    def form_kwargs(self, request, instance, parent) -> dict[str, Any]:
        """Extra keyword arguments of the form (its choices may depend on the parent)."""
        return {}

    def extra_context(self, request, instance, parent) -> dict[str, Any]:
        """More for the template (a page extending ``pages/record_form.html``)."""
        return {}

    def make_form(self, request, instance, parent, data=None):
        form = self.form_class(
            data, instance=instance, **self.form_kwargs(request, instance, parent)
        )
        for name, value in parent.items():
            setattr(form.instance, name, value)
            form.fields.pop(name, None)
        if policy.OWNER_FIELD in form.fields:
            self.offer_owners(request, form, instance)
        self.adapt_form(request, form, instance, parent)
        return form

    def offer_owners(self, request, form, instance) -> None:
        """People who can act on the record; a user who may not reassign it sees its owner
        but cannot change it (the service would refuse anyway)."""
        field = form.fields[policy.OWNER_FIELD]
        current = getattr(instance, f"{policy.OWNER_FIELD}_id", None) if instance else None
        field.queryset = field.queryset.model.objects.filter(
            Q(pk__in=owners().values("pk")) | Q(pk=current)
        ).order_by("username")
        if instance is not None and not policy.can(request.user, policy.REASSIGN, instance):
            field.disabled = True
        elif instance is None and not form.is_bound:
            field.initial = request.user.pk

    def sections(self, form) -> list[tuple[Any, list]]:
        if not self.fieldsets:
            return [("", list(form.visible_fields()))]
        return [
            (legend, [form[name] for name in names if name in form.fields])
            for legend, names in self.fieldsets
        ]

    def delete_url(self, request, instance) -> str:
        if not (self.delete_url_name and instance is not None and instance.pk):
            return ""
        if not policy.can(request.user, policy.DELETE, instance):
            return ""
        return reverse(self.delete_url_name, args=[instance.pk])

    def render_form(self, request, form, *, instance, parent, status=200, **extra):
        context = {
            **self.extra_context(request, instance, parent),
            "nav": self.nav,
            "form": form,
            "sections": self.sections(form),
            "instance": instance,
            "parent": next(iter(parent.values()), None),
            "verbose_name": self.model._meta.verbose_name,
            "cancel_url": self.cancel_url(instance, parent),
            "confirm_field": CONFIRM_FIELD,
            "delete_url": self.delete_url(request, instance),
            **extra,
        }
        return render(request, self.template_name, context, status=status)


class RecordCreateView(_RecordView):
    """``GET`` an empty form, ``POST`` it: created through the service, then redirected."""

    def similar(self, form) -> list[models.Model]:
        return []

    def save_new(self, request, form, fields, many) -> models.Model:
        return create_object(self.model, user=request.user, fields=fields, many=many)

    def get(self, request, **kwargs):
        parent = self.parent(request, **kwargs)
        self.allow(request, policy.ADD, self.model)
        form = self.make_form(request, None, parent)
        return self.render_form(request, form, instance=None, parent=parent)

    def post(self, request, **kwargs):
        parent = self.parent(request, **kwargs)
        self.allow(request, policy.ADD, self.model)
        form = self.make_form(request, None, parent, data=request.POST)
        if not form.is_valid():
            return self.render_form(request, form, instance=None, parent=parent, status=422)
        if not request.POST.get(CONFIRM_FIELD):
            similar = self.similar(form)
            if similar:
                # Not an error: the person decides whether this is the same record.
                return self.render_form(
                    request, form, instance=None, parent=parent, similar=similar
                )
        fields, many = split_fields(form)
        try:
            instance = self.save_new(request, form, {**fields, **parent}, many)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(request, form, instance=None, parent=parent, status=422)
        messages.success(request, _("%(object)s was created.") % {"object": record_label(instance)})
        return redirect(self.success_url(instance))


class RecordUpdateView(_RecordView):
    """``GET`` the record's form, ``POST`` it with the version it was read at."""

    def get_object(self, request, **kwargs) -> models.Model:
        pk = small_int(str(kwargs.get("record_pk", kwargs.get("pk", ""))))
        instance = self.model._default_manager.filter(pk=pk).first() if pk else None
        if instance is None:
            raise Http404
        return instance

    def save_changes(self, request, form, instance, fields, many, version) -> models.Model:
        return update_object(
            instance, user=request.user, fields=fields, many=many, expected_version=version
        )

    def get(self, request, **kwargs):
        instance = self.get_object(request, **kwargs)
        parent = self.parent_of(request, instance, **kwargs)
        self.allow(request, policy.CHANGE, instance)
        form = self.make_form(request, instance, parent)
        return self.render_form(request, form, instance=instance, parent=parent)

    def post(self, request, **kwargs):
        instance = self.get_object(request, **kwargs)
        parent = self.parent_of(request, instance, **kwargs)
        self.allow(request, policy.CHANGE, instance)
        # The form validates a copy: the instance stays as stored if the save is refused.
        form = self.make_form(
            request, self.model._default_manager.get(pk=instance.pk), parent, data=request.POST
        )
        if not form.is_valid():
            return self.render_form(request, form, instance=instance, parent=parent, status=422)
        fields, many = split_fields(form)
        try:
            self.save_changes(
                request, form, instance, fields, many, form.cleaned_data.get("version")
            )
        except VersionConflict as conflict:
            return self.render_conflict(request, form, instance, parent, conflict)
        except ValidationError as error:
            form.add_error(None, error)
            return self.render_form(request, form, instance=instance, parent=parent, status=422)
        messages.success(request, _("%(object)s was saved.") % {"object": record_label(instance)})
        return redirect(self.success_url(instance))

    def render_conflict(self, request, form, instance, parent, conflict):
        """409: the person's input stays in the form, the stored values are shown beside
        it, and the form now carries the current version so a second save is deliberate."""
        current = self.model._default_manager.get(pk=instance.pk)
        data = request.POST.copy()
        data["version"] = str(current.version)
        # Validating writes the input onto the form's instance: give it its own copy.
        form = self.make_form(
            request, self.model._default_manager.get(pk=instance.pk), parent, data=data
        )
        form.is_valid()
        return self.render_form(
            request,
            form,
            instance=current,
            parent=parent,
            status=409,
            conflict=conflict,
            stored=stored_values(current, form),
        )


def stored_values(instance: models.Model, form) -> list[tuple[str, str]]:
    """The stored value of each field of the form that differs from what was posted."""
    rows = []
    for name, field in form.fields.items():
        if name == "version" or not hasattr(instance, name):
            continue
        model_field = instance._meta.get_field(name)
        if model_field.many_to_many:
            continue
        stored = getattr(instance, name)
        posted = form.cleaned_data.get(name) if hasattr(form, "cleaned_data") else None
        if posted != stored:
            shown = getattr(instance, f"get_{name}_display", lambda s=stored: s)()
            rows.append((str(field.label), "" if shown is None else str(shown)))
    return rows


class RecordDeleteView(_RecordView):
    """``GET`` a confirmation, ``POST`` deletes; a record still referred to is kept (409)."""

    template_name = "pages/record_delete.html"
    get_object = RecordUpdateView.get_object

    def after_delete_url(self, instance, parent) -> str:
        return self.cancel_url(None, parent)

    def remove(self, request, instance) -> None:
        delete_object(instance, user=request.user)

    def get(self, request, **kwargs):
        instance = self.get_object(request, **kwargs)
        parent = self.parent_of(request, instance, **kwargs)
        self.allow(request, policy.DELETE, instance)
        return self.render_delete(request, instance, parent)

    def post(self, request, **kwargs):
        instance = self.get_object(request, **kwargs)
        parent = self.parent_of(request, instance, **kwargs)
        self.allow(request, policy.DELETE, instance)
        label = record_label(instance)
        try:
            self.remove(request, instance)
        except ProtectedDelete as refused:
            return self.render_delete(request, instance, parent, refused=refused, status=409)
        messages.success(request, _("%(object)s was deleted.") % {"object": label})
        return redirect(self.after_delete_url(instance, parent))

    def render_delete(self, request, instance, parent, *, refused=None, status=200):
        context = {
            "nav": self.nav,
            "instance": instance,
            "verbose_name": self.model._meta.verbose_name,
            "cancel_url": self.success_url(instance),
            "refused": refused,
        }
        return render(request, self.template_name, context, status=status)


# The legend of the usual sections, for the declarations' ``fieldsets``.
NAMES = gettext_lazy("Names")
DETAILS = gettext_lazy("Details")
NARRATIVE = gettext_lazy("Narrative")
