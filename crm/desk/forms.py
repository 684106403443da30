"""Forms of the user's own pages: preferences, and the query of a report."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext
from django.utils.translation import gettext_lazy as _

from crm.core.formatting import name_pair
from crm.core.models import User
from relations.models import Partner, Topic

# Which filters each report takes (the page shows only those).
REPORT_FILTERS = {
    "activity": ("year", "kind", "country", "topic"),
    "reciprocity": ("kind", "country", "topic"),
    "follow-ups": ("year",),
    "anniversaries": ("year",),
}


class PreferencesForm(forms.ModelForm):
    """Interface language and ROC dates, saved on the user."""

    class Meta:
        model = User
        fields = ["language", "roc_dates"]
        labels = {"language": _("Interface language"), "roc_dates": _("ROC calendar dates")}
        widgets = {"language": forms.RadioSelect}


class ReportFilterForm(forms.Form):
    """The report's query: shown as typed; ``crm.desk.reports`` validates it."""

    year = forms.CharField(
        label=_("Year"),
        required=False,
        max_length=4,
        widget=forms.TextInput(attrs={"inputmode": "numeric", "size": 5}),
    )
    kind = forms.ChoiceField(
        label=_("Kind"),
        required=False,
        choices=[("", _("All kinds")), *Partner.Kind.choices],
    )
    country = forms.CharField(
        label=_("Country (ISO code)"),
        required=False,
        max_length=2,
        widget=forms.TextInput(
            attrs={"size": 3, "placeholder": "US", "autocapitalize": "characters"}
        ),
    )
    topic = forms.ChoiceField(label=_("Topic"), required=False)

    def __init__(self, *args, name: str, language: str, **kwargs):
        super().__init__(*args, **kwargs)
        for field in list(self.fields):
            if field not in REPORT_FILTERS[name]:
                del self.fields[field]
        if "topic" in self.fields:
            self.fields["topic"].choices = [
                ("", gettext("All topics")),
                *(
                    (t.slug, name_pair(t.name_local, t.name, language=language)[0])
                    for t in Topic.objects.order_by("name")
                ),
            ]

    def clean(self):
        # The report's own validation decides; the form only carries its messages.
        return {}
