"""Partner pages: the list (same FilterSet as the API) and a partner's page with its timeline."""

from __future__ import annotations

import datetime as dt

from django import forms
from django.contrib import messages
from django.core.paginator import Paginator
from django.db import transaction
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import TemplateView

from crm.attachments.services import attachments_of_partner
from crm.attachments.views import (
    AttachFileView,
    AttachmentDownloadView,
    AttachmentForm,
    attachment_form_for,
    for_display,
)
from crm.core.formatting import local_today
from crm.core.models import User
from crm.web import records
from crm.web.access import PageMixin, WriteMixin, is_htmx
from relations.anniversaries import is_milestone
from relations.filters import PartnerFilterSet
from relations.forms import (
    AgreementForm,
    ContactEditForm,
    ContactForm,
    DateInput,
    OfficialForm,
    OrganizationForm,
    PartnerForm,
)
from relations.models import Agreement, Contact, Official, Organization, Partner, Topic
from relations.selectors import TimelineKey, partner_list, partner_timeline, similar_records
from relations.services import (
    create_agreement,
    delete_contact,
    log_contact,
    update_agreement,
)

PAGE_SIZE = 25
SORTABLE = ("name", "country", "established_on", "last_contact_on")


def _filter_form_widgets(form: forms.Form) -> None:
    """Friendlier widgets for the API's filters: pick a person or topic, not type an id."""
    form.fields["owner"].widget = forms.Select(
        choices=[("", "---------")]
        + [(u.pk, str(u)) for u in User.objects.filter(partners__isnull=False).distinct()]
    )
    form.fields["topic"].widget = forms.Select(
        choices=[("", "---------")] + [(t.slug, str(t)) for t in Topic.objects.all()]
    )
    for name in ("established_after", "established_before"):
        form.fields[name].widget = DateInput()
    # Short labels for people; the API keeps its descriptive ones for the schema.
    labels = {
        "q": _("Search (names in either script)"),
        "owner": _("Desk officer"),
        "topic": _("Topic"),
        "health": _("Health"),
        # A name in either language or the code: 美國, United States, US.
        "country": _("Country (name or code)"),
    }
    for name, label in labels.items():
        form.fields[name].label = label


def _next_anniversary(raw: dict | None) -> dict | None:
    """The JSON of ``partner_list().next_anniversary`` with a real date and the milestone flag."""
    if not raw:
        return None
    return {
        "date": dt.date.fromisoformat(str(raw["date"])[:10]),
        "years": raw["years"],
        "approximate": raw["approximate"],
        "is_milestone": is_milestone(raw["years"]),
    }


class PartnerListView(PageMixin, TemplateView):
    template_name = "relations/partner_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        today = local_today()
        filterset = PartnerFilterSet(
            self.request.GET or None,
            queryset=partner_list(today=today).select_related("owner"),
            request=self.request,
        )
        _filter_form_widgets(filterset.form)
        page = Paginator(filterset.qs, PAGE_SIZE).get_page(self.request.GET.get("page"))
        for partner in page.object_list:
            partner.next = _next_anniversary(partner.next_anniversary)
        query = self.request.GET.copy()
        query.pop("page", None)
        sort_query = query.copy()
        ordering = sort_query.pop("ordering", [""])[-1]
        context.update(
            nav="partners",
            filterset=filterset,
            page=page,
            query=query.urlencode(),
            sort_query=sort_query.urlencode(),
            ordering=ordering,
            sortable=SORTABLE,
            filtered=any(v for k, v in self.request.GET.items() if k not in ("page", "ordering")),
        )
        return context


def partner_page_context(
    request,
    partner_id: int,
    *,
    form: ContactForm | None = None,
    new=None,
    attachment_form: AttachmentForm | None = None,
):
    today = local_today()
    partner = get_object_or_404(partner_list(today=today).select_related("owner"), pk=partner_id)
    officials = list(partner.officials.select_related("organization").order_by("name", "pk"))
    return {
        "nav": "partners",
        "partner": partner,
        "today": today,
        "next": _next_anniversary(partner.next_anniversary),
        "years": today.year - partner.established_on.year if partner.established_on else None,
        "current_officials": [o for o in officials if o.is_current],
        "past_officials": [o for o in officials if not o.is_current],
        "agreements": list(partner.agreements.order_by("signed_on", "pk")),
        "organizations": list(partner.organizations.order_by("name", "name_local", "pk")),
        "timeline": partner_timeline(partner, before=timeline_start(request)),
        "form": form
        if form is not None
        else (
            ContactForm(partner=partner) if request.user.has_perm("relations.add_contact") else None
        ),
        "new_contact": new,
        "attachments": for_display(attachments_of_partner(partner.pk), "partner"),
        "attachment_form": attachment_form_for(request.user, attachment_form),
        "attach_url": reverse("relations:partner-attach", args=[partner.pk]),
        "attachment_url_name": "relations:partner-attachment",
        "attachment_owner": partner.pk,
    }


def timeline_start(request) -> TimelineKey | None:
    """Where the partner page's timeline starts: the ``?before=`` of an "older entries" link,
    or the newest entries without one. A position that cannot be read is a 404: that page
    of the timeline does not exist."""
    token = request.GET.get("before")
    if token is None:
        return None
    try:
        return TimelineKey.from_token(token)
    except ValueError:
        raise Http404("not a timeline position") from None


class PartnerDetailView(PageMixin, View):
    def get(self, request, pk: int):
        return render(request, "relations/partner_detail.html", partner_page_context(request, pk))


class LogContactView(WriteMixin, View):
    """POST the "log a contact" form. htmx gets the refreshed timeline and a fresh form."""

    permission_required = "relations.add_contact"

    def post(self, request, pk: int):
        partner = get_object_or_404(Partner, pk=pk)
        form = ContactForm(request.POST, partner=partner)
        if form.is_valid():
            with transaction.atomic():
                contact = log_contact(
                    user=request.user,
                    fields=form.service_fields(),
                    officials=form.cleaned_data["officials"],
                    topics=form.cleaned_data["topics"],
                )
            if not is_htmx(request):
                messages.success(request, _("Contact saved."))
                return redirect("relations:partner-detail", pk=partner.pk)
            context = partner_page_context(request, partner.pk, new=contact)
            context["saved"] = _("Contact saved.")
            return render(request, "relations/_log_contact_saved.html", context)
        context = partner_page_context(request, partner.pk, form=form)
        template = (
            "relations/_log_contact.html" if is_htmx(request) else "relations/partner_detail.html"
        )
        return render(request, template, context, status=422)


class AttachToPartnerView(AttachFileView):
    """POST the "attach a file" form of a partner's page."""

    model = Partner
    target_type = "partner"

    def page_url(self, target) -> str:
        return reverse("relations:partner-detail", args=[target.pk])

    def render_with_errors(self, request, target, form):
        context = partner_page_context(request, target.pk, attachment_form=form)
        return render(request, "relations/partner_detail.html", context, status=422)


class PartnerAttachmentView(AttachmentDownloadView):
    """Download a file listed on a partner's page (its own, its agreements', contacts' and
    gifts')."""

    def scope(self, pk: int):
        return attachments_of_partner(pk)


# --- Records on pages of their own (crm.web.records) -------------------------------------------


class _NamedRecordCreateView(records.RecordCreateView):
    """A new partner, official or organization: existing ones with a similar name in either
    script are shown first, so the desk does not grow duplicates."""

    def similar(self, form):
        data = form.cleaned_data
        return similar_records(self.model, data.get("name_local", ""), data.get("name", ""))


def _record_pages(record: type) -> tuple[type, type, type]:
    """The create (similar names shown first), edit and delete pages of a record that needs
    nothing but its declaration ``record`` (``_OfficialRecord`` → ``OfficialCreateView`` …)."""
    name = record.__name__.strip("_").removesuffix("Record")
    bases = (
        ("Create", _NamedRecordCreateView),
        ("Update", records.RecordUpdateView),
        ("Delete", records.RecordDeleteView),
    )
    return tuple(type(f"{name}{kind}View", (record, base), {}) for kind, base in bases)


class _PartnerRecord:
    model = Partner
    form_class = PartnerForm
    nav = "partners"
    fieldsets = (
        (records.NAMES, ("name_local", "name")),
        (records.DETAILS, ("kind", "status", "jurisdiction", "country", "region", "population")),
        (gettext_lazy("Contact and care"), ("time_zone", "website", "owner", "topics", "notes")),
    )

    def cancel_url(self, instance, parent) -> str:
        return instance.get_absolute_url() if instance else reverse("relations:partner-list")


class PartnerCreateView(_PartnerRecord, _NamedRecordCreateView):
    pass


class PartnerUpdateView(_PartnerRecord, records.RecordUpdateView):
    pass


class PartnerDeleteView(_PartnerRecord, records.RecordDeleteView):
    def after_delete_url(self, instance, parent) -> str:
        return reverse("relations:partner-list")


class _OfPartner:
    """A record that belongs to a partner, edited under ``/partners/<pk>/…/``: the partner
    is fixed (not a field of the form), and every page leads back to the partner's page."""

    nav = "partners"

    def parent(self, request, **kwargs):
        return {"partner": get_object_or_404(Partner, pk=kwargs["pk"])}

    def success_url(self, instance) -> str:
        return reverse("relations:partner-detail", args=[self.kwargs["pk"]])

    def adapt_form(self, request, form, instance, parent) -> None:
        if hasattr(form, "for_partner"):
            form.for_partner(parent["partner"])


class _AgreementRecord(_OfPartner):
    model = Agreement
    form_class = AgreementForm
    fieldsets = (
        (records.DETAILS, ("kind", "signed_on", "signed_precision", "commemorate")),
        (
            gettext_lazy("Title and signatories"),
            ("title_local", "title", "reference", "signatories"),
        ),
        (gettext_lazy("Notes"), ("notes",)),
    )


class AgreementCreateView(_AgreementRecord, records.RecordCreateView):
    def save_new(self, request, form, fields, many):
        return create_agreement(user=request.user, fields=fields)


class AgreementUpdateView(_AgreementRecord, records.RecordUpdateView):
    def save_changes(self, request, form, instance, fields, many, version):
        return update_agreement(
            instance, user=request.user, fields=fields, expected_version=version
        )


class AgreementDeleteView(_AgreementRecord, records.RecordDeleteView):
    pass


class _OfficialRecord(_OfPartner):
    model = Official
    form_class = OfficialForm
    fieldsets = (
        (records.NAMES, ("name_local", "name", "form_of_address")),
        (
            gettext_lazy("Office"),
            ("title_local", "title", "role", "organization", "term_start", "term_end"),
        ),
        (gettext_lazy("How to reach them"), ("email", "phone", "preferred_language", "notes")),
    )


OfficialCreateView, OfficialUpdateView, OfficialDeleteView = _record_pages(_OfficialRecord)


class _OrganizationRecord(_OfPartner):
    model = Organization
    form_class = OrganizationForm
    fieldsets = (
        (records.NAMES, ("name_local", "name", "kind")),
        (records.DETAILS, ("country", "city", "website", "notes")),
    )

    def adapt_form(self, request, form, instance, parent) -> None:
        if instance is None and not form.is_bound:
            form.initial.setdefault("country", parent["partner"].country)


OrganizationCreateView, OrganizationUpdateView, OrganizationDeleteView = _record_pages(
    _OrganizationRecord
)


class _ContactRecord(_OfPartner):
    """Contacts are logged in place on the partner's page; these pages correct or delete one."""

    model = Contact
    form_class = ContactEditForm
    fieldsets = (
        (records.DETAILS, ("occurred_on", "occurred_precision", "channel", "direction")),
        (
            gettext_lazy("Who and what"),
            ("officials", "subject_local", "subject", "summary_local", "summary"),
        ),
        (gettext_lazy("Topics"), ("topics",)),
    )


class ContactUpdateView(_ContactRecord, records.RecordUpdateView):
    pass


class ContactDeleteView(_ContactRecord, records.RecordDeleteView):
    def remove(self, request, instance) -> None:
        delete_contact(instance, user=request.user)
