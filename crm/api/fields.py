"""Serializer fields that take JSON types at their word.

DRF's fields coerce: ``"5"`` is accepted for an integer, ``5`` for a string, ``"yes"``
for a boolean. The schema promises types, so a value of the wrong JSON type is a 400
``{field: ["Not a valid …"]}`` instead of being silently converted (SPEC §5.2).
Query-parameter serializers (where everything arrives as a string) keep DRF's fields.
"""

from __future__ import annotations

import re

from django.utils.translation import gettext_lazy as _
from drf_spectacular.utils import extend_schema_field
from rest_framework import serializers
from rest_framework.relations import MANY_RELATION_KWARGS


def _is_text(data) -> bool:
    """A string PostgreSQL can store: JSON may carry lone surrogates (``"\\ud800"``), UTF-8 not."""
    if not isinstance(data, str):
        return False
    try:
        data.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


class StrictCharField(serializers.CharField):
    def to_internal_value(self, data):
        if not _is_text(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictEmailField(StrictCharField, serializers.EmailField):
    pass


class StrictURLField(StrictCharField, serializers.URLField):
    pass


class StrictSlugField(StrictCharField, serializers.SlugField):
    pass


class StrictIntegerField(serializers.IntegerField):
    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("invalid")
        return super().to_internal_value(data)


class StrictBooleanField(serializers.BooleanField):
    def to_internal_value(self, data):
        if not isinstance(data, bool):
            self.fail("invalid", input=data)
        return data


class StrictDecimalField(serializers.DecimalField):
    """A decimal as a string (``"150.00"``), as the API writes it."""

    default_error_messages = {"invalid": _("A valid number is required, as a string.")}

    def to_internal_value(self, data):
        if not _is_text(data):
            self.fail("invalid")
        return super().to_internal_value(data)


class _Linked(list):
    """Ids or slugs read from a ``<relation>_values`` annotation: shown as they are."""


class StrictManyRelatedField(serializers.ManyRelatedField):
    """A list of related values: a JSON array, nothing else (an object or a string is a 400).

    Reading, a row annotated with ``<relation>_values`` (the selectors' ``linked_values``:
    the ids or slugs, in the related model's order) is shown from that list, without a
    related manager per row; a row without it reads ``row.<relation>.all()`` as usual.
    """

    def get_attribute(self, instance):
        if len(self.source_attrs) == 1:
            values = instance.__dict__.get(f"{self.source_attrs[0]}_values")
            if values is not None:
                return _Linked(values)
        return super().get_attribute(instance)

    def to_representation(self, iterable):
        if isinstance(iterable, _Linked):
            return list(iterable)
        return super().to_representation(iterable)

    def to_internal_value(self, data):
        if not isinstance(data, list):
            self.fail("not_a_list", input_type=type(data).__name__)
        return super().to_internal_value(data)


class _StrictMany:
    @classmethod
    def many_init(cls, *args, **kwargs):
        kwargs_for_list = {"child_relation": cls(*args, **kwargs)}
        for key in kwargs:
            if key in MANY_RELATION_KWARGS:
                kwargs_for_list[key] = kwargs[key]
        return StrictManyRelatedField(**kwargs_for_list)


class StrictPrimaryKeyRelatedField(_StrictMany, serializers.PrimaryKeyRelatedField):
    def to_internal_value(self, data):
        if not isinstance(data, int) or isinstance(data, bool):
            self.fail("incorrect_type", data_type=type(data).__name__)
        return super().to_internal_value(data)


class StrictSlugRelatedField(_StrictMany, serializers.SlugRelatedField):
    def to_internal_value(self, data):
        if not _is_text(data):
            self.fail("invalid")
        return super().to_internal_value(data)


LOCAL_TIME = r"^([01][0-9]|2[0-3]):[0-5][0-9](:[0-5][0-9](\.[0-9]{1,6})?)?$"


@extend_schema_field(
    {
        "type": "string",
        "pattern": LOCAL_TIME,
        "example": "10:30:00",
        "description": "Local time of day, without a UTC offset.",
    }
)
class LocalTimeField(serializers.TimeField):
    """A wall-clock time (``10:30`` or ``10:30:00``) in the row's own time zone.

    OpenAPI's ``format: time`` is RFC 3339's, which demands a UTC offset; these times
    have none (an engagement's zone is its ``time_zone`` field), hence the pattern.
    """

    def to_internal_value(self, value):
        if not _is_text(value) or not re.fullmatch(LOCAL_TIME, value):
            self.fail("invalid", format="hh:mm[:ss[.uuuuuu]]")
        return super().to_internal_value(value)
