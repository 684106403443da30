"""Forms of the visit and follow-up pages. They validate input; writes go through services."""

from __future__ import annotations

from django import forms
from django.db.models import Max, Q
from django.utils.translation import gettext_lazy as _

from crm.core.expressions import in_subquery
from crm.core.roles import owners
from crm.web.records import VersionedForm
from relations.forms import DateInput
from relations.models import DatePrecision, Official, Organization, Partner
from visits.models import Commitment, DelegationMember, Engagement, Visit


class TimeInput(forms.TimeInput):
    input_type = "time"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%H:%M")


# A visit's dates and its report's, and its narrative (purpose, then the trip report's).
VISIT_DATES = ("start_on", "end_on", "date_precision", "report_due_on", "report_submitted_on")
VISIT_NARRATIVE = ("purpose_local", "purpose", *Visit.REPORT_NARRATIVE)


def require_order(form: forms.BaseForm, data: dict, first: str, last: str, message=None) -> None:
    """Refuse ``last`` before ``first`` (an end before its start) as an error on ``last``."""
    start, end = data.get(first), data.get(last)
    if start and end and end < start:
        form.add_error(last, message or _("The end comes after the start."))


class VisitForm(VersionedForm):
    """A visit's overview; narrative in the office's language first, English beside it."""

    class Meta:
        model = Visit
        fields = ["title", "title_local", "status", *VISIT_DATES, *VISIT_NARRATIVE]
        widgets = {
            "start_on": DateInput(),
            "end_on": DateInput(),
            "report_due_on": DateInput(),
            "report_submitted_on": DateInput(),
            "purpose_local": forms.Textarea(attrs={"rows": 3}),
            "purpose": forms.Textarea(attrs={"rows": 3}),
            "summary_local": forms.Textarea(attrs={"rows": 4}),
            "summary": forms.Textarea(attrs={"rows": 4}),
            "insights_local": forms.Textarea(attrs={"rows": 4}),
            "insights": forms.Textarea(attrs={"rows": 4}),
            "recommendations_local": forms.Textarea(attrs={"rows": 4}),
            "recommendations": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # A form posted without it keeps the visit's (the page's select always sends one).
        self.fields["date_precision"].required = False

    def clean_date_precision(self) -> str:
        return (
            self.cleaned_data.get("date_precision")
            or self.instance.date_precision
            or DatePrecision.DAY
        )


def choices_from(field: forms.ModelChoiceField, rows) -> None:
    """Offer ``rows``, read already and in the field's order, as ``field``'s choices instead
    of reading its queryset again to draw the select; what is posted is still checked
    against the queryset."""
    blank = [] if field.empty_label is None else [("", field.empty_label)]
    field.choices = [
        *blank,
        *((field.prepare_value(row), field.label_from_instance(row)) for row in rows),
    ]


def offer_visit_partners(field: forms.ModelChoiceField, visit: Visit, partners=None) -> list:
    """``field`` picks one of the visit's partners (any partner while it has none), drawn
    from ``partners`` when the page has read them; returns their ids."""
    partners = list(visit.partners.all()) if partners is None else partners
    ids = [p.pk for p in partners]
    field.queryset = Partner.objects.filter(pk__in=ids) if ids else Partner.objects.all()
    if partners:
        choices_from(field, partners)
    return ids


class MemberForm(forms.ModelForm):
    """A delegation member, in protocol order; joined/left bound a partial participation."""

    class Meta:
        model = DelegationMember
        fields = [
            "order",
            "name_local",
            "name",
            "department_local",
            "department",
            "title_local",
            "title",
            "role",
            "joined_on",
            "left_on",
            "notes",
        ]
        widgets = {
            "joined_on": DateInput(),
            "left_on": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, visit: Visit, **kwargs):
        kwargs.setdefault("auto_id", "member-%s")
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        if not self.is_bound and "order" not in self.initial:  # the page may know it already
            last = visit.members.aggregate(last=Max("order"))["last"] or 0
            self.fields["order"].initial = last + 1

    def clean(self):
        data = super().clean()
        if not (data.get("name") or data.get("name_local")):
            self.add_error("name_local", _("Give the name in at least one script."))
        order = data.get("order")
        taken = self.instance.visit.members.filter(order=order).exclude(pk=self.instance.pk)
        if order is not None and taken.exists():
            self.add_error("order", _("Another member already has this place in the order."))
        require_order(self, data, "joined_on", "left_on", _("Leaving comes after joining."))
        return data


class EngagementForm(forms.ModelForm):
    """An itinerary item; its time zone defaults to the partner's (SPEC §2.2)."""

    class Meta:
        model = Engagement
        fields = [
            "date",
            "start_time",
            "end_time",
            "time_zone",
            "kind",
            "title_local",
            "title",
            "partner",
            "organization",
            "location",
            "officials",
            "notes_local",
            "notes",
            "order",
        ]
        widgets = {
            "date": DateInput(),
            "start_time": TimeInput(),
            "end_time": TimeInput(),
            "notes_local": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 2}),
            "officials": forms.SelectMultiple(attrs={"size": 5}),
        }

    def __init__(self, *args, visit: Visit, partners=None, **kwargs):
        kwargs.setdefault("auto_id", "engagement-%s")
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        partner_ids = offer_visit_partners(self.fields["partner"], visit, partners)
        self.fields["organization"].queryset = Organization.objects.order_by("name", "name_local")
        organizations = Organization.objects.filter(partner_id__in=partner_ids).values("pk")
        self.fields["officials"].queryset = Official.objects.filter(
            Q(partner_id__in=partner_ids) | in_subquery("organization_id", organizations)
        ).order_by("partner_id", "name", "name_local")
        self.fields["time_zone"].widget.attrs.setdefault("placeholder", "America/Los_Angeles")
        if not self.is_bound:
            self.fields["date"].initial = visit.start_on

    def clean(self):
        data = super().clean()
        if not (data.get("title") or data.get("title_local")):
            self.add_error("title_local", _("Give the title in at least one script."))
        if not data.get("time_zone"):
            data["time_zone"] = Engagement(partner=data.get("partner")).zone_name
        require_order(self, data, "start_time", "end_time")
        return data


class CommitmentForm(forms.ModelForm):
    """A promise made on a visit, owned by someone who follows it up. The desk writes it in
    the office's language (required); English beside it is optional."""

    class Meta:
        model = Commitment
        fields = [
            "title_local",
            "title",
            "details_local",
            "details",
            "kind",
            "partner",
            "engagement",
            "owner",
            "due_on",
            "priority",
        ]
        widgets = {
            "due_on": DateInput(),
            "details_local": forms.Textarea(attrs={"rows": 2}),
            "details": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, visit: Visit, user, partners=None, engagements=None, **kwargs):
        kwargs.setdefault("auto_id", "commitment-%s")
        super().__init__(*args, **kwargs)
        self.instance.visit = visit
        offer_visit_partners(self.fields["partner"], visit, partners)
        self.fields["engagement"].queryset = visit.engagements.order_by("date", "order", "pk")
        if engagements is not None:  # the itinerary the page has read
            in_order = sorted(engagements, key=lambda e: (e.date, e.order, e.pk))
            choices_from(self.fields["engagement"], in_order)
        self.fields["owner"].queryset = owners()
        self.fields["title_local"].required = True
        if not self.is_bound:
            self.fields["owner"].initial = user.pk


class BulkFollowUpForm(forms.Form):
    """Several follow-ups at once (an officer rotating out): a new owner, or one due date.

    Each ticked row posts ``<id>:<version>``, so every row keeps its own conflict check.
    Who may reassign is the policy's answer (``crm.core.policy``), asked by the service.
    """

    MAX_ROWS = 200
    DUE, REASSIGN = "due", "reassign"

    selected = forms.Field(required=False, widget=forms.MultipleHiddenInput)
    action = forms.ChoiceField(
        label=_("Action"), choices=[(DUE, _("Set due date")), (REASSIGN, _("Reassign"))]
    )
    due_on = forms.DateField(label=_("New due date"), required=False, widget=DateInput())
    owner = forms.ModelChoiceField(label=_("New owner"), queryset=None, required=False)

    def __init__(self, *args, **kwargs):
        kwargs.setdefault("auto_id", "bulk-%s")
        super().__init__(*args, **kwargs)
        self.fields["owner"].queryset = owners()

    def clean_selected(self) -> dict[int, int]:
        """``{id: version}`` of the ticked rows."""
        raw = self.data.getlist("selected") if hasattr(self.data, "getlist") else []
        rows: dict[int, int] = {}
        for value in raw:
            pk, _sep, version = str(value).partition(":")
            if not (_whole(pk) and _whole(version)):
                raise forms.ValidationError(_("The selection could not be read; reload the page."))
            rows[int(pk)] = int(version)
        if not rows:
            raise forms.ValidationError(_("Tick at least one follow-up."))
        if len(rows) > self.MAX_ROWS:
            raise forms.ValidationError(
                _("Choose at most %(n)d follow-ups at once.") % {"n": self.MAX_ROWS}
            )
        return rows

    def clean(self):
        data = super().clean()
        action = data.get("action")
        if action == self.DUE and not data.get("due_on") and "due_on" not in self.errors:
            self.add_error("due_on", _("Choose the new due date."))
        if action == self.REASSIGN and not data.get("owner") and "owner" not in self.errors:
            self.add_error("owner", _("Choose an officer or manager."))
        return data

    def changes(self) -> dict:
        """The fields to write on every selected row."""
        if self.cleaned_data["action"] == self.REASSIGN:
            return {"owner": self.cleaned_data["owner"]}
        return {"due_on": self.cleaned_data["due_on"]}


def _whole(text: str) -> bool:
    """A row id or version as posted: ASCII digits, short enough for the database."""
    return text.isascii() and text.isdigit() and 0 < len(text) <= 18
