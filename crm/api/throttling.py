"""Request throttling with rates read from the settings at request time.

DRF's own throttles copy ``DEFAULT_THROTTLE_RATES`` into a class attribute when the
module is imported, so a changed setting (tests, ``override_settings``) never reaches
them. These read the current setting on every request; a rate of ``None`` turns the
scope off. Counters live in the default cache (Redis), shared by every web process.
"""

from __future__ import annotations

from rest_framework import throttling
from rest_framework.settings import api_settings


class _CurrentRateMixin:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)


class UserRateThrottle(_CurrentRateMixin, throttling.UserRateThrottle):
    """Signed-in clients, by user; anonymous ones by address (``anon`` scope below)."""


class AnonRateThrottle(_CurrentRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients (the token endpoint, mostly), by address."""


class AuthRateThrottle(_CurrentRateMixin, throttling.AnonRateThrottle):
    """The token endpoint, by address, on top of the per-username+address lock-out."""

    scope = "auth"
