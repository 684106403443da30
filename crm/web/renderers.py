"""The form renderer of every page and the admin: Django's own, with the widget templates of
``templates/forms/`` in front of Django's.

Those few templates write each ``<option>`` and each checkbox or radio button inline, where
Django's render two more templates per choice (``select_option.html`` → ``attrs.html``;
``checkbox_option.html`` → ``input_option.html`` → ``input.html`` → ``attrs.html``): the
same HTML, byte for byte (``tests/pages/test_form_renderer.py`` compares them), at a
fraction of the cost. A visit's page offers about 150 choices in its forms. A widget with
option templates of its own still gets them rendered.
"""

from __future__ import annotations

from pathlib import Path

import django.forms
from django.conf import settings
from django.forms.renderers import DjangoTemplates
from django.utils.functional import cached_property


class FormRenderer(DjangoTemplates):
    @cached_property
    def engine(self):
        return self.backend(
            {
                "APP_DIRS": True,
                "DIRS": [
                    Path(settings.BASE_DIR) / "templates" / "forms",
                    Path(django.forms.__file__).parent / self.backend.app_dirname,
                ],
                "NAME": "djangoforms",
                "OPTIONS": {},
            }
        )
