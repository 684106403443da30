"""Field validators shared by both domain apps."""

from __future__ import annotations

import functools
import zoneinfo

from django.core.exceptions import ValidationError
from django.core.validators import RegexValidator
from django.utils.translation import gettext_lazy as _

country_code = RegexValidator(
    r"^[A-Z]{2}$", _("Enter an ISO 3166-1 alpha-2 country code in capitals, e.g. US.")
)
currency_code = RegexValidator(
    r"^[A-Z]{3}$", _("Enter an ISO 4217 currency code in capitals, e.g. TWD.")
)


@functools.cache
def _time_zones() -> frozenset[str]:
    return frozenset(zoneinfo.available_timezones())


def iana_time_zone(value: str) -> None:
    if value and value not in _time_zones():
        raise ValidationError(
            _("%(value)s is not an IANA time zone (e.g. America/Los_Angeles)."),
            params={"value": value},
            code="invalid_time_zone",
        )
