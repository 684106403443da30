"""Sign-in lock-out (SPEC §4): after repeated failures a username+address pair waits.

django-axes does the counting (``AXES_*`` settings). Its backend refuses to run
without the request, because the address is part of the key; every sign-in path that
faces the network passes it (Django's login view, the admin, our token endpoint).
Calls without a request — management commands, ``Client.login`` in tests — come
from inside the house and are let through to the next backend instead of crashing.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend


class LockoutBackend(AxesStandaloneBackend):
    """``axes.backends.AxesStandaloneBackend`` that skips calls made without a request."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        return super().authenticate(request, username=username, password=password, **kwargs)


def client_ip(request) -> str | None:
    """The client's address for the lock-out key.

    ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` trusted proxies the address the
    outermost of them saw (counted from the right of X-Forwarded-For, so a client
    cannot pick its own key by sending the header itself).
    """
    from django.conf import settings

    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
