"""Forms of the visits' record pages (``visits.record_views``): a visit as a whole, a member
and their absences, an engagement, a commitment, an event, an invitation and a gift.

They validate input and narrow choices to the visit or event a record belongs to; writes
go through ``visits.services`` and ``crm.core.services``. Narrative pairs ask for the
office's language (``*_local``) and offer English beside it.
"""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.urls import reverse
from django.utils.html import format_html
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crm.core.formatting import pick_name
from crm.web.records import VersionedForm
from relations.forms import DateInput, official_label
from relations.models import DatePrecision, Official, Organization, Partner, Topic
from visits.forms import (
    VISIT_DATES,
    VISIT_NARRATIVE,
    EngagementForm,
    MemberForm,
    VisitForm,
    require_order,
)
from visits.models import (
    Commitment,
    Engagement,
    Event,
    Gift,
    Invitation,
    MemberAbsence,
    Visit,
)

SENT_STATUSES = ("sent", "accepted", "declined", "no_response")


class PartnerChoices(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Partner) -> str:
        return pick_name(obj.name_local, obj.name, language=get_language() or "")


def official_choice_label(obj: Official) -> str:
    """``海因斯 · John Hines (副市長) · 塔可瑪市``: several cities have a mayor."""
    label = official_label(obj)
    if obj.partner_id:
        language = get_language() or ""
        city = pick_name(obj.partner.name_local, obj.partner.name, language=language)
        return f"{label} · {city}"
    return label


class SearchSelect(forms.Select):
    """A select that offers only the rows found by the search box above it (htmx fills it
    from ``search_url``): 100,000 officials (SPEC §1) are never written into one page."""

    def __init__(self, search_url: str = "", attrs=None):
        super().__init__(attrs=attrs)
        self.search_url = search_url

    def render(self, name, value, attrs=None, renderer=None):
        select = super().render(name, value, attrs, renderer)
        target = (attrs or {}).get("id") or self.attrs.get("id", "")
        search = format_html(
            '<input type="search" class="choice-search" id="{id}-search" name="{name}-search"'
            ' aria-label="{label}" placeholder="{label}" autocomplete="off" maxlength="100"'
            ' hx-get="{url}" hx-trigger="input changed delay:300ms, search" hx-target="#{id}"'
            ' hx-swap="innerHTML" hx-sync="this:replace">',
            id=target,
            name=name,
            label=_("Type a name to find an official"),
            url=reverse(self.search_url),
        )
        return search + select


class OfficialChoice(forms.ModelChoiceField):
    """Any official (validated against all of them); the page lists only the chosen one
    and those the search finds (``offer_only``)."""

    def __init__(self, *args, **kwargs):
        kwargs["widget"] = SearchSelect("visits:official-options")
        super().__init__(*args, **kwargs)

    def label_from_instance(self, obj: Official) -> str:
        return official_choice_label(obj)

    def offer_only(self, *values) -> None:
        """Render only the empty choice and these officials (ids, or None)."""
        ids = [int(v) for v in map(str, values) if v.isascii() and v.isdigit() and len(v) < 12]
        rows = self.queryset.filter(pk__in=ids) if ids else self.queryset.none()
        self.widget.choices = [("", self.empty_label or "")] + [
            (o.pk, official_choice_label(o)) for o in rows
        ]


LATEST = 50


def offer_latest(field: forms.ModelChoiceField, *chosen) -> None:
    """Render the field's first ``LATEST`` rows and the chosen ones, not the whole table."""
    ids = [int(v) for v in map(str, chosen) if v.isascii() and v.isdigit() and len(v) < 12]
    rows = list(field.queryset[:LATEST])
    rows += [row for row in field.queryset.filter(pk__in=ids) if row not in rows]
    field.widget.choices = [("", field.empty_label or "")] + [
        (row.pk, field.label_from_instance(row)) for row in rows
    ]


class VisitRecordForm(VisitForm):
    """A whole visit: where and why (partners, direction, category), when (with the
    precision of a past exchange known only by month or year), and the report's narrative."""

    class Meta(VisitForm.Meta):
        fields = [
            "title_local",
            "title",
            "direction",
            "category",
            "status",
            "partners",
            *VISIT_DATES,
            *VISIT_NARRATIVE,
        ]
        field_classes = {"partners": PartnerChoices}
        widgets = {
            **VisitForm.Meta.widgets,
            "partners": forms.SelectMultiple(attrs={"size": 6}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_local"].required = True
        self.fields["partners"].queryset = Partner.objects.order_by("name", "pk")
        self.fields["report_due_on"].help_text = _(
            "Empty: three months after the end of the visit."
        )
        if not self.instance.pk:
            self.fields["date_precision"].initial = DatePrecision.DAY

    def clean(self):
        data = super().clean()
        require_order(self, data, "start_on", "end_on")
        return data


class MemberRecordForm(VersionedForm, MemberForm):
    """A delegation member on their own page (the visit's page adds them)."""

    class Meta(MemberForm.Meta):
        pass

    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, visit=visit, **kwargs)


class AbsenceForm(forms.ModelForm):
    """A break in a member's participation: away from … until (both days included)."""

    class Meta:
        model = MemberAbsence
        fields = ["starts_on", "ends_on", "reason"]
        widgets = {"starts_on": DateInput(), "ends_on": DateInput()}

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "absence-%s")
        super().__init__(*args, **kwargs)

    def clean(self):
        data = super().clean()
        require_order(self, data, "starts_on", "ends_on")
        return data


class EngagementRecordForm(VersionedForm, EngagementForm):
    """An itinerary item on its own page: also who of the delegation went, and the topics.
    Times are local to the place; an empty time zone takes the partner's."""

    class Meta(EngagementForm.Meta):
        fields = [*EngagementForm.Meta.fields, "attendees", "topics"]
        widgets = {
            **EngagementForm.Meta.widgets,
            "attendees": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
        }

    def __init__(self, *args, visit: Visit, **kwargs):
        super().__init__(*args, visit=visit, **kwargs)
        self.fields["attendees"].queryset = visit.members.order_by("order", "pk")
        self.fields["topics"].queryset = Topic.objects.order_by("name")


class CommitmentRecordForm(VersionedForm):
    """A commitment on its own page: what was promised, who follows it up and by when (the
    due date may stay empty: the follow-ups page lists undated promises). Closing it is the
    follow-ups page's (it asks what came of it)."""

    class Meta:
        model = Commitment
        fields = [
            "title_local",
            "title",
            "details_local",
            "details",
            "kind",
            "priority",
            "partner",
            "engagement",
            "owner",
            "due_on",
        ]
        widgets = {
            "due_on": DateInput(),
            "details_local": forms.Textarea(attrs={"rows": 3}),
            "details": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_local"].required = True
        visit = self.instance.visit if self.instance.visit_id else None
        partner_ids = [p.pk for p in visit.partners.all()] if visit is not None else []
        current = self.instance.partner_id
        self.fields["partner"].queryset = (
            Partner.objects.filter(Q(pk__in=partner_ids) | Q(pk=current)).order_by("name", "pk")
            if partner_ids
            else Partner.objects.order_by("name", "pk")
        )
        self.fields["engagement"].queryset = (
            visit.engagements.order_by("date", "order", "pk")
            if visit is not None
            else Engagement.objects.filter(pk=self.instance.engagement_id or 0)
        )


class EventForm(VersionedForm):
    """One of our occasions that guests are invited to (a festival, an opening)."""

    class Meta:
        model = Event
        fields = [
            "title_local",
            "title",
            "starts_on",
            "ends_on",
            "location",
            "owner",
            "description_local",
            "description",
        ]
        widgets = {
            "starts_on": DateInput(),
            "ends_on": DateInput(),
            "description_local": forms.Textarea(attrs={"rows": 4}),
            "description": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["title_local"].required = True

    def clean(self):
        data = super().clean()
        require_order(self, data, "starts_on", "ends_on")
        return data


class InvitationForm(VersionedForm):
    """An official invited to one of our events, and the answer (RSVP)."""

    class Meta:
        model = Invitation
        fields = [
            "invitee",
            "status",
            "sent_on",
            "rsvp_by",
            "responded_on",
            "owner",
            "notes_local",
            "notes",
        ]
        field_classes = {"invitee": OfficialChoice}
        widgets = {
            "sent_on": DateInput(),
            "rsvp_by": DateInput(),
            "responded_on": DateInput(),
            "notes_local": forms.Textarea(attrs={"rows": 3}),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        invitee = self.fields["invitee"]
        invitee.queryset = Official.objects.select_related("partner").order_by(
            "partner__name", "name", "name_local", "pk"
        )
        invitee.offer_only(self.instance.invitee_id, self.data.get("invitee"))

    def clean(self):
        data = super().clean()
        # Say which field is missing instead of naming the database constraint.
        if data.get("status") in SENT_STATUSES and not data.get("sent_on"):
            self.add_error("sent_on", _("Give the date the invitation was sent."))
        return data


class GiftForm(VersionedForm):
    """A gift given or received. Its value in TWD, and whether it must be registered with
    the ethics office, follow from the value and currency (``visits.services``,
    ``Gift.needs_registration``)."""

    class Meta:
        model = Gift
        fields = [
            "direction",
            "date",
            "description_local",
            "description",
            "partner",
            "official",
            "organization",
            "member",
            "visit",
            "engagement",
            "event",
            "estimated_value",
            "currency",
            "disposition",
            "registered_on",
            "notes",
        ]
        field_classes = {"official": OfficialChoice}
        widgets = {
            "date": DateInput(),
            "registered_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, visit: Visit | None = None, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["description_local"].required = True
        self.fields["currency"].widget.attrs.setdefault("placeholder", "TWD")
        parent_visit = visit
        visit = visit or (self.instance.visit if self.instance.visit_id else None)
        official = self.fields["official"]
        official.queryset = Official.objects.select_related("partner").order_by(
            "partner__name", "name", "name_local", "pk"
        )
        chosen = (self.instance.official_id, self.data.get("official"))
        self.fields["organization"].queryset = Organization.objects.order_by("name", "name_local")
        self.fields["partner"].queryset = Partner.objects.order_by("name", "pk")
        self.fields["event"].queryset = Event.objects.order_by("-starts_on", "pk")
        self.fields["visit"].queryset = Visit.objects.order_by("-start_on", "-pk")
        for name in ("visit", "event"):
            if name == "visit" and parent_visit is not None:
                continue  # the page's visit: fixed, not a choice
            # Validated against every row; the page offers the latest ones and the chosen one
            # (SPEC §1: 100,000 visits).
            offer_latest(
                self.fields[name], getattr(self.instance, f"{name}_id"), self.data.get(name)
            )
        if visit is not None:
            # The delegation's people and the visit's itinerary; its partners' officials.
            partner_ids = [p.pk for p in visit.partners.all()]
            self.fields["member"].queryset = visit.members.order_by("order", "pk")
            self.fields["engagement"].queryset = visit.engagements.order_by("date", "order", "pk")
            if partner_ids:
                # The visit's partners' officials are few: all of them are offered.
                official.queryset = official.queryset.filter(
                    Q(partner_id__in=partner_ids) | Q(pk=self.instance.official_id or 0)
                )
                official.widget = forms.Select(choices=official.choices)
            else:
                official.offer_only(*chosen)
        else:
            official.offer_only(*chosen)
            self.fields["member"].queryset = self.fields["member"].queryset.filter(
                pk=self.instance.member_id or 0
            )
            self.fields["engagement"].queryset = Engagement.objects.filter(
                pk=self.instance.engagement_id or 0
            )

    def clean_currency(self) -> str:
        return (self.cleaned_data.get("currency") or "TWD").strip().upper()
