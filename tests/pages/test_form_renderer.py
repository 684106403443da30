"""The pages' form renderer writes the same HTML as Django's, byte for byte
(crm/web/renderers.py inlines the templates Django renders once per choice)."""

from __future__ import annotations

import pytest
from django import forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates, get_default_renderer

from crm.web.renderers import FormRenderer

CHOICES = [
    ("", "---------"),
    (1, "Tacoma"),
    (2, "塔中 & <Taichung>"),
    ("Cities", [(3, "Seattle"), (4, 'San "Diego"')]),
    ("Counties", [(5, "Contra Costa")]),
]


class Widgets(forms.Form):
    select = forms.ChoiceField(choices=CHOICES, required=False)
    disabled = forms.ChoiceField(
        choices=CHOICES, widget=forms.Select(attrs={"disabled": True, "data-x": "a&b"})
    )
    many = forms.MultipleChoiceField(
        choices=CHOICES, widget=forms.SelectMultiple(attrs={"size": 5})
    )
    flag = forms.NullBooleanField()
    boxes = forms.MultipleChoiceField(choices=CHOICES, widget=forms.CheckboxSelectMultiple)
    radio = forms.ChoiceField(choices=CHOICES, widget=forms.RadioSelect)
    # Option templates of a widget's own are still rendered.
    plain_radio = forms.ChoiceField(
        choices=CHOICES[:3],
        widget=type(
            "PlainRadio",
            (forms.RadioSelect,),
            {"option_template_name": "django/forms/widgets/input.html"},
        ),
    )


@pytest.mark.parametrize(
    "data",
    [
        None,
        {"select": "2", "disabled": "4", "many": ["1", "5"], "flag": "true",
         "boxes": ["3", "4"], "radio": "1", "plain_radio": "2"},
    ],
)  # fmt: skip
@pytest.mark.parametrize("auto_id", ["id_%s", False])
def test_every_choice_widget_renders_as_django_renders_it(data, auto_id):
    ours, django_own = FormRenderer(), DjangoTemplates()
    for name in Widgets.base_fields:
        as_ours = str(Widgets(data, auto_id=auto_id, renderer=ours)[name])
        as_django = str(Widgets(data, auto_id=auto_id, renderer=django_own)[name])
        assert as_ours == as_django, name
        assert "<option" in as_ours or "<input" in as_ours


def test_the_pages_and_the_admin_use_it_with_the_inline_templates():
    assert settings.FORM_RENDERER == "crm.web.renderers.FormRenderer"
    renderer = get_default_renderer()
    assert isinstance(renderer, FormRenderer)
    for name in ("select.html", "multiple_input.html"):
        origin = renderer.get_template(f"django/forms/widgets/{name}").origin.name
        assert origin.endswith(f"templates/forms/django/forms/widgets/{name}")
