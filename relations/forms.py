"""Forms of the partner pages. They validate input; writes go through relations.services."""

from __future__ import annotations

from django import forms
from django.db.models import Q
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crm.core import countries
from crm.core.formatting import bilingual_name, local_today, pick_name
from crm.web.records import VersionedForm
from relations.models import (
    Agreement,
    Contact,
    Official,
    Organization,
    Partner,
    Topic,
    normalise_to_precision,
)


class DateInput(forms.DateInput):
    input_type = "date"

    def __init__(self, attrs=None):
        super().__init__(attrs=attrs, format="%Y-%m-%d")


def official_label(official: Official) -> str:
    """``海因斯 · John Hines (副市長)``: the user's script first, then the office."""
    language = get_language() or ""
    name = bilingual_name(official.name_local, official.name, language=language)
    title = pick_name(official.title_local, official.title, language=language)
    return f"{name} ({title})" if title else name


class OfficialsField(forms.ModelMultipleChoiceField):
    def label_from_instance(self, obj: Official) -> str:
        return official_label(obj)


class _ContactChoices:
    """What "log a contact" and the correction of a logged contact share."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        # The desk writes in the office's language; English beside it is optional.
        self.fields["subject_local"].required = True

    def offer_officials(self, officials: Q) -> None:
        self.fields["officials"].queryset = Official.objects.filter(officials).order_by(
            "term_end", "name", "name_local", "pk"
        )


class ContactForm(_ContactChoices, forms.ModelForm):
    """ "Log a contact" on a partner's page: the partner is given, officials are its own."""

    class Meta:
        model = Contact
        # The order is the focus order of the form (UI.md): date → channel → officials …
        fields = [
            "occurred_on",
            "channel",
            "direction",
            "officials",
            "subject_local",
            "subject",
            "summary_local",
            "summary",
            "topics",
        ]
        field_classes = {"officials": OfficialsField}
        widgets = {
            "occurred_on": DateInput(),
            "officials": forms.CheckboxSelectMultiple,
            "topics": forms.CheckboxSelectMultiple,
            "summary_local": forms.Textarea(attrs={"rows": 3}),
            "summary": forms.Textarea(attrs={"rows": 2}),
        }

    def __init__(self, *args, partner: Partner, **kwargs):
        super().__init__(*args, **kwargs)
        self.partner = partner
        self.instance.partner = partner
        self.fields["occurred_on"].initial = local_today
        self.offer_officials(Q(partner=partner))
        self.fields["subject_local"].widget.attrs.setdefault(
            "placeholder", _("e.g. Email about the festival programme")
        )

    def service_fields(self) -> dict:
        """The scalar fields for ``relations.services.log_contact``."""
        data = self.cleaned_data
        return {
            "partner": self.partner,
            "occurred_on": data["occurred_on"],
            "channel": data["channel"],
            "direction": data["direction"],
            "subject_local": data["subject_local"],
            "subject": data["subject"],
            "summary_local": data["summary_local"],
            "summary": data["summary"],
        }


def country_choices() -> list[tuple[str, str]]:
    """A form's country select: every country, named as the pages name them
    (``crm.core.countries``), sorted in the reader's language."""
    return [("", "---------"), *countries.country_choices()]


class PartnerForm(VersionedForm):
    """A partner city on its own page; the agreements that found it have their own forms."""

    class Meta:
        model = Partner
        fields = [
            "name_local",
            "name",
            "kind",
            "status",
            "jurisdiction",
            "country",
            "region",
            "population",
            "time_zone",
            "website",
            "owner",
            "topics",
            "notes",
        ]
        widgets = {
            "topics": forms.CheckboxSelectMultiple,
            "notes": forms.Textarea(attrs={"rows": 4}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=self.fields["country"].label, choices=country_choices
        )
        self.fields["name_local"].required = True
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        self.fields["time_zone"].widget.attrs.setdefault("placeholder", "America/Los_Angeles")


class ByKindSelect(forms.NullBooleanSelect):
    """Yes, no, or "as its kind suggests" (None: ``relations.services`` decides)."""

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.choices = [
            ("unknown", _("As its kind suggests (sister-city and friendship: yes)")),
            ("true", _("Yes")),
            ("false", _("No")),
        ]


class AgreementForm(VersionedForm):
    """An agreement of a partner. A date known only to the month or year is typed as any day
    of it and stored on its first day (``normalise_to_precision``), as the services do."""

    commemorate = forms.NullBooleanField(
        label=_("commemorate"),
        required=False,
        widget=ByKindSelect,
        help_text=_("Commemorated agreements produce yearly anniversaries."),
    )

    class Meta:
        model = Agreement
        fields = [
            "kind",
            "signed_on",
            "signed_precision",
            "title_local",
            "title",
            "reference",
            "signatories",
            "commemorate",
            "notes",
        ]
        widgets = {
            "signed_on": DateInput(),
            "signatories": forms.Textarea(attrs={"rows": 2}),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def clean(self):
        cleaned = super().clean()
        signed_on, precision = cleaned.get("signed_on"), cleaned.get("signed_precision")
        if signed_on and precision:
            cleaned["signed_on"] = normalise_to_precision(signed_on, precision)
        return cleaned

    def _post_clean(self):
        # "As its kind suggests" (None) is decided by the service; the model's validation
        # needs a boolean meanwhile.
        commemorate = self.cleaned_data.get("commemorate")
        if commemorate is None:
            self.cleaned_data["commemorate"] = True
        super()._post_clean()
        self.cleaned_data["commemorate"] = commemorate


class OrganizationsField(forms.ModelChoiceField):
    def label_from_instance(self, obj: Organization) -> str:
        return bilingual_name(obj.name_local, obj.name, language=get_language() or "")


class OfficialForm(VersionedForm):
    """An official of a partner: names and titles in both scripts, the office (role,
    organization) and its term. A later holder of the same office is a row of its own; a
    term with an end in the past makes the official a former one."""

    class Meta:
        model = Official
        fields = [
            "name_local",
            "name",
            "form_of_address",
            "title_local",
            "title",
            "role",
            "organization",
            "term_start",
            "term_end",
            "email",
            "phone",
            "preferred_language",
            "notes",
        ]
        field_classes = {"organization": OrganizationsField}
        widgets = {
            "term_start": DateInput(),
            "term_end": DateInput(),
            "notes": forms.Textarea(attrs={"rows": 3}),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["name_local"].required = True
        # The office held, in both languages (the model's "title" is shared with agreements).
        self.fields["title_local"].label = _("job title")
        self.fields["title"].label = _("job title (English)")
        self.fields["term_end"].help_text = _("Empty while in office.")

    def for_partner(self, partner: Partner) -> None:
        """The partner's organizations, and the one the official is with now (kept on edit)."""
        self.fields["organization"].queryset = Organization.objects.filter(
            Q(partner=partner) | Q(pk=self.instance.organization_id)
        ).order_by("name", "name_local", "pk")


class OrganizationForm(VersionedForm):
    """An organization of a partner's city (a company, museum, school, association …)."""

    class Meta:
        model = Organization
        fields = ["name_local", "name", "kind", "country", "city", "website", "notes"]
        widgets = {"notes": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["country"] = forms.ChoiceField(
            label=self.fields["country"].label, choices=country_choices, required=False
        )
        self.fields["name_local"].required = True


class ContactEditForm(_ContactChoices, VersionedForm):
    """A logged contact, corrected later: the fields of "log a contact", with its officials
    and topics, and how much of the date is on record."""

    class Meta(ContactForm.Meta):
        fields = ["occurred_on", "occurred_precision", *ContactForm.Meta.fields[1:]]

    def for_partner(self, partner: Partner) -> None:
        """The partner's officials, and those the contact names now (kept on edit)."""
        linked = (
            Contact.officials.through.objects.filter(contact_id=self.instance.pk).values(
                "official_id"
            )
            if self.instance.pk
            else []
        )
        self.offer_officials(Q(partner=partner) | Q(pk__in=linked))
