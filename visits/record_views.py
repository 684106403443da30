"""Pages that create, edit and delete the visits' records (``crm.web.records``, issue 13).

A visit as a whole (partners, direction, category, dates with their precision, the
report's narrative), its delegation members and their absences, its engagements, the
commitments made, our events with their invitations, and gifts given or received. Each
is a short declaration: the form, where to go afterwards, the service that writes it.
Reads of the event pages come from ``visits.selectors``.
"""

from __future__ import annotations

from django.db.models import Count, Q
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.translation import gettext_lazy
from django.views import View

from crm.core.formatting import local_today
from crm.web import records
from crm.web.access import PageMixin, small_int
from relations.filters import OfficialFilterSet
from relations.models import Official, Partner
from visits import selectors, services
from visits.filters import EventFilterSet
from visits.forms import VISIT_NARRATIVE
from visits.models import (
    Commitment,
    DelegationMember,
    Engagement,
    Event,
    Gift,
    Invitation,
    MemberAbsence,
    Visit,
)
from visits.record_forms import (
    AbsenceForm,
    CommitmentRecordForm,
    EngagementRecordForm,
    EventForm,
    GiftForm,
    InvitationForm,
    MemberRecordForm,
    VisitRecordForm,
    official_choice_label,
)
from visits.views import FilteredListView

WHEN = gettext_lazy("When")
REPORT = gettext_lazy("Trip report")
PEOPLE = gettext_lazy("Who")
FOLLOW_UP = gettext_lazy("Follow-up")
VALUE = gettext_lazy("Value and registration")


def _page(url_name: str, pk: int, fragment: str = "") -> str:
    url = reverse(url_name, args=[pk])
    return f"{url}#{fragment}" if fragment else url


def visit_page(visit_id: int, fragment: str = "") -> str:
    return _page("visits:visit-detail", visit_id, fragment)


def event_page(event_id: int, fragment: str = "") -> str:
    return _page("visits:event-detail", event_id, fragment)


# --- Visits -------------------------------------------------------------------------------------


class _VisitRecord:
    model = Visit
    form_class = VisitRecordForm
    nav = "visits"
    delete_url_name = "visits:visit-delete"
    list_url_name = "visits:visit-list"
    fieldsets = (
        (records.NAMES, ("title_local", "title")),
        (records.DETAILS, ("direction", "category", "status", "partners")),
        (WHEN, ("start_on", "end_on", "date_precision")),
        (REPORT, ("report_due_on", "report_submitted_on")),
        (records.NARRATIVE, VISIT_NARRATIVE),
    )

    def success_url(self, instance) -> str:
        return visit_page(instance.pk)


class VisitCreateView(_VisitRecord, records.RecordCreateView):
    """A new visit; its trip report falls due three months after it ends unless given."""

    def save_new(self, request, form, fields, many):
        return services.create_visit(
            user=request.user, fields=fields, partners=many.get("partners", ())
        )


class VisitUpdateView(_VisitRecord, records.RecordUpdateView):
    pass


class VisitDeleteView(_VisitRecord, records.RecordDeleteView):
    pass


# --- Delegation members and their absences ------------------------------------------------------


class _PartOfVisit:
    """A part of a visit edited on a page of its own (a member, an engagement): its form
    offers the visit's people and partners, and the pages lead back to its row (``anchor``)
    on the visit's page, or to its section there once it is deleted."""

    nav = "visits"
    anchor = ""
    section = ""

    def form_kwargs(self, request, instance, parent):
        return {"visit": instance.visit}

    def success_url(self, instance) -> str:
        return visit_page(instance.visit_id, f"{self.anchor}-{instance.pk}")

    def after_delete_url(self, instance, parent) -> str:
        return visit_page(instance.visit_id, self.section)


class _MemberRecord(_PartOfVisit):
    model = DelegationMember
    form_class = MemberRecordForm
    anchor, section = "member", "delegation"
    template_name = "visits/member_form.html"
    delete_url_name = "visits:member-delete"
    fieldsets = (
        (records.NAMES, ("order", "name_local", "name", "role")),
        (records.DETAILS, ("department_local", "department", "title_local", "title")),
        (gettext_lazy("Participation"), ("joined_on", "left_on", "notes")),
    )

    def extra_context(self, request, instance, parent):
        return {
            "absences": list(instance.absences.order_by("starts_on", "pk")),
            "absence_form": AbsenceForm(),
        }


class MemberUpdateView(_MemberRecord, records.RecordUpdateView):
    pass


class MemberDeleteView(_MemberRecord, records.RecordDeleteView):
    pass


class _AbsenceRecord:
    model = MemberAbsence
    form_class = AbsenceForm
    nav = "visits"

    def success_url(self, instance) -> str:
        return reverse("visits:member-edit", args=[instance.member_id]) + "#absences"

    def parent(self, request, **kwargs):
        if "delegationmember_pk" not in kwargs:
            return {}
        return {"member": get_object_or_404(DelegationMember, pk=kwargs["delegationmember_pk"])}

    def cancel_url(self, instance, parent) -> str:
        member = instance.member if instance is not None else parent["member"]
        return reverse("visits:member-edit", args=[member.pk])


class AbsenceCreateView(_AbsenceRecord, records.RecordCreateView):
    """Add a break in a member's participation (the member's page holds the small form)."""


class AbsenceDeleteView(_AbsenceRecord, records.RecordDeleteView):
    def after_delete_url(self, instance, parent) -> str:
        return self.success_url(instance)


# --- Engagements --------------------------------------------------------------------------------


class _EngagementRecord(_PartOfVisit):
    model = Engagement
    form_class = EngagementRecordForm
    anchor, section = "engagement", "itinerary"
    delete_url_name = "visits:engagement-delete"
    fieldsets = (
        (WHEN, ("date", "start_time", "end_time", "time_zone", "order")),
        (records.NAMES, ("kind", "title_local", "title")),
        (gettext_lazy("Where and with whom"), ("partner", "organization", "location", "officials")),
        (gettext_lazy("Our attendees and topics"), ("attendees", "topics")),
        (records.NARRATIVE, ("notes_local", "notes")),
    )


class EngagementUpdateView(_EngagementRecord, records.RecordUpdateView):
    pass


class EngagementDeleteView(_EngagementRecord, records.RecordDeleteView):
    pass


# --- Commitments --------------------------------------------------------------------------------


class _CommitmentRecord:
    model = Commitment
    form_class = CommitmentRecordForm
    nav = "follow-ups"
    delete_url_name = "visits:commitment-delete"
    fieldsets = (
        (records.NAMES, ("title_local", "title", "kind", "priority")),
        (FOLLOW_UP, ("owner", "due_on", "partner", "engagement")),
        (records.DETAILS, ("details_local", "details")),
    )

    def success_url(self, instance) -> str:
        return instance.get_absolute_url()

    def after_delete_url(self, instance, parent) -> str:
        if instance.visit_id:
            return visit_page(instance.visit_id, "commitments")
        return reverse("visits:follow-ups")


class CommitmentUpdateView(_CommitmentRecord, records.RecordUpdateView):
    """Edit what was promised, its owner (a manager's choice), due date, priority and kind."""

    def save_changes(self, request, form, instance, fields, many, version):
        return services.update_commitment(
            instance, user=request.user, fields=fields, many=many, expected_version=version
        )


class CommitmentDeleteView(_CommitmentRecord, records.RecordDeleteView):
    pass


# --- Events and invitations ---------------------------------------------------------------------


class EventListView(FilteredListView):
    """Our events, newest first, with how many were invited and how many accepted."""

    template_name = "visits/event_list.html"
    filterset_class = EventFilterSet
    nav = "events"
    date_filters = ("starts_after", "starts_before")
    api_only_filters = ("owner", "ordering")
    export_url_name = "api:event-list"

    def rows(self):
        return (
            selectors.event_list()
            .select_related("owner")
            .annotate(
                invited=Count("invitations"),
                accepted=Count(
                    "invitations", filter=Q(invitations__status=Invitation.Status.ACCEPTED)
                ),
            )
        )


class EventDetailView(PageMixin, View):
    """An event: when and where, who was invited and their answers, gifts exchanged there."""

    def get(self, request, pk: int):
        event = get_object_or_404(Event.objects.select_related("owner"), pk=pk)
        context = {
            "nav": "events",
            "event": event,
            "today": local_today(),
            "invitations": list(
                event.invitations.select_related("invitee__partner", "owner").order_by(
                    "invitee__name", "pk"
                )
            ),
            "gifts": list(
                event.gifts.select_related("partner", "official", "organization").order_by(
                    "date", "pk"
                )
            ),
        }
        return render(request, "visits/event_detail.html", context)


class _EventRecord:
    model = Event
    form_class = EventForm
    nav = "events"
    delete_url_name = "visits:event-delete"
    list_url_name = "visits:event-list"
    fieldsets = (
        (records.NAMES, ("title_local", "title")),
        (WHEN, ("starts_on", "ends_on", "location", "owner")),
        (records.NARRATIVE, ("description_local", "description")),
    )

    def success_url(self, instance) -> str:
        return event_page(instance.pk)


class EventCreateView(_EventRecord, records.RecordCreateView):
    pass


class EventUpdateView(_EventRecord, records.RecordUpdateView):
    pass


class EventDeleteView(_EventRecord, records.RecordDeleteView):
    pass


class _InvitationRecord:
    model = Invitation
    form_class = InvitationForm
    nav = "events"
    delete_url_name = "visits:invitation-delete"
    fieldsets = (
        (PEOPLE, ("invitee", "owner")),
        (gettext_lazy("Answer"), ("status", "sent_on", "rsvp_by", "responded_on")),
        (records.NARRATIVE, ("notes_local", "notes")),
    )

    def parent(self, request, **kwargs):
        if "event_pk" not in kwargs:
            return {}
        return {"event": get_object_or_404(Event, pk=kwargs["event_pk"])}

    def success_url(self, instance) -> str:
        return event_page(instance.event_id, f"invitation-{instance.pk}")

    def cancel_url(self, instance, parent) -> str:
        event_id = instance.event_id if instance is not None else parent["event"].pk
        return event_page(event_id, "invitations")

    def after_delete_url(self, instance, parent) -> str:
        return event_page(instance.event_id, "invitations")


class InvitationCreateView(_InvitationRecord, records.RecordCreateView):
    """Invite an official to the event (one invitation per official and event)."""


class InvitationUpdateView(_InvitationRecord, records.RecordUpdateView):
    """Record the answer (RSVP) or change the invitation."""


class InvitationDeleteView(_InvitationRecord, records.RecordDeleteView):
    pass


class OfficialOptionsView(PageMixin, View):
    """``<option>``s of the officials a search finds (the invitee and counterpart pickers):
    every word in a name or title, either script, via the API's ``OfficialFilterSet``."""

    LIMIT = 30

    def get(self, request):
        query = request.GET.get("q") or next(
            (v for k, v in request.GET.items() if k.endswith("-search")), ""
        )
        filterset = OfficialFilterSet(
            {"q": query[:100]},
            queryset=Official.objects.select_related("partner").order_by(
                "partner__name", "name", "name_local", "pk"
            ),
        )
        rows = list(filterset.qs[: self.LIMIT]) if query.strip() and filterset.is_valid() else []
        return render(
            request,
            "visits/_official_options.html",
            {"rows": [(o.pk, official_choice_label(o)) for o in rows], "query": query},
        )


# --- Gifts --------------------------------------------------------------------------------------


def gift_page(gift: Gift) -> str:
    """Where a gift is listed: its visit's page, its event's, or its partner's timeline."""
    if gift.visit_id:
        return visit_page(gift.visit_id, f"gift-{gift.pk}")
    if gift.event_id:
        return event_page(gift.event_id, f"gift-{gift.pk}")
    if gift.partner_id:
        return _page("relations:partner-detail", gift.partner_id, f"gift-{gift.pk}")
    return reverse("visits:gift-register")


class _GiftRecord:
    model = Gift
    form_class = GiftForm
    nav = "visits"
    template_name = "visits/gift_form.html"
    delete_url_name = "visits:gift-delete"
    fieldsets = (
        (records.NAMES, ("direction", "date", "description_local", "description")),
        (
            PEOPLE,
            ("partner", "official", "organization", "member", "visit", "engagement", "event"),
        ),
        (VALUE, ("estimated_value", "currency", "disposition", "registered_on", "notes")),
    )

    def parent(self, request, **kwargs):
        if "visit_pk" in kwargs:
            return {"visit": get_object_or_404(Visit, pk=kwargs["visit_pk"])}
        if "event_pk" in kwargs:
            return {"event": get_object_or_404(Event, pk=kwargs["event_pk"])}
        return {}

    def form_kwargs(self, request, instance, parent):
        kwargs = {"visit": parent.get("visit")}
        # "Record a gift" on a partner's page: /gifts/new/?partner=3 starts with the partner.
        partner_id = small_int(request.GET.get("partner")) if instance is None else None
        if partner_id is not None and Partner.objects.filter(pk=partner_id).exists():
            kwargs["initial"] = {"partner": partner_id}
        return kwargs

    def success_url(self, instance) -> str:
        return gift_page(instance)

    def cancel_url(self, instance, parent) -> str:
        if instance is not None and instance.pk:
            return gift_page(instance)
        if "visit" in parent:
            return visit_page(parent["visit"].pk, "gifts")
        if "event" in parent:
            return event_page(parent["event"].pk, "gifts")
        return reverse("visits:gift-register")

    def after_delete_url(self, instance, parent) -> str:
        if instance.visit_id:
            return visit_page(instance.visit_id, "gifts")
        if instance.event_id:
            return event_page(instance.event_id, "gifts")
        if instance.partner_id:
            return reverse("relations:partner-detail", args=[instance.partner_id])
        return reverse("visits:gift-register")


class GiftCreateView(_GiftRecord, records.RecordCreateView):
    """Record a gift; its value in TWD is computed from the configured rates."""

    def save_new(self, request, form, fields, many):
        return services.record_gift(user=request.user, fields=fields)


class GiftUpdateView(_GiftRecord, records.RecordUpdateView):
    def save_changes(self, request, form, instance, fields, many, version):
        return services.update_gift(
            instance, user=request.user, fields=fields, expected_version=version
        )


class GiftDeleteView(_GiftRecord, records.RecordDeleteView):
    pass
