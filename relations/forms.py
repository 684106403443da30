"""Forms of the partner pages. They validate input; writes go through relations.services."""

from __future__ import annotations

from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from crm.core.formatting import bilingual_name, local_today, pick_name
from relations.models import Contact, Official, Partner, Topic


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


class ContactForm(forms.ModelForm):
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
        self.fields["officials"].queryset = Official.objects.filter(partner=partner).order_by(
            "term_end", "name", "name_local", "pk"
        )
        self.fields["topics"].queryset = Topic.objects.order_by("name")
        # The desk writes in the office's language; English beside it is optional.
        self.fields["subject_local"].required = True
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
