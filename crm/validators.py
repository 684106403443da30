"""Migrations name ``crm.validators.iana_time_zone``; it lives in ``crm.core.validators``."""

from crm.core.validators import iana_time_zone

__all__ = ["iana_time_zone"]
