"""Forms of the user's own pages: preferences."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from crm.core.models import User


class PreferencesForm(forms.ModelForm):
    """Interface language and ROC dates, saved on the user."""

    class Meta:
        model = User
        fields = ["language", "roc_dates"]
        labels = {"language": _("Interface language"), "roc_dates": _("ROC calendar dates")}
        widgets = {"language": forms.RadioSelect}
