"""Sign-in lock-out (SPEC §4): after repeated failures a username+address pair waits.

django-axes does the counting (``AXES_*`` settings). Its backend refuses to run
without the request, because the address is part of the key; every sign-in path that
faces the network passes it (Django's login view, the admin, our token endpoint).
Calls without a request — management commands, ``Client.login`` in tests — come
from inside the house and are let through to the next backend instead of crashing.
"""

from __future__ import annotations

from axes.backends import AxesStandaloneBackend
from django.conf import settings
from django.contrib.auth.signals import user_login_failed
from django.core.cache import cache
from django.core.exceptions import PermissionDenied
from django.dispatch import receiver


class LockoutBackend(AxesStandaloneBackend):
    """``axes.backends.AxesStandaloneBackend`` that skips calls made without a request,
    and refuses every sign-in from an address past its failure limit."""

    def authenticate(self, request, username=None, password=None, **kwargs):
        if request is None:
            return None
        if address_is_blocked(request):
            # Django's authenticate() treats this as "no one signs in" and stops there.
            raise PermissionDenied("Too many failed sign-ins from this address.")
        return super().authenticate(request, username=username, password=password, **kwargs)


def _failures_key(request) -> str:
    return f"signin-failures:{client_ip(request)}"


def address_is_blocked(request) -> bool:
    """Has this address failed ``SIGNIN_FAILURES_PER_ADDRESS`` times, whatever the usernames?"""
    return (cache.get(_failures_key(request)) or 0) >= settings.SIGNIN_FAILURES_PER_ADDRESS


@receiver(user_login_failed, dispatch_uid="crm.count_signin_failures_per_address")
def _count_failure(sender, credentials, request=None, **kwargs) -> None:
    if request is None:
        return
    key = _failures_key(request)
    # add() starts the window on the first failure only; incr() keeps its expiry.
    cache.add(key, 0, timeout=settings.SIGNIN_ADDRESS_WINDOW_MINUTES * 60)
    try:
        cache.incr(key)
    except ValueError:  # expired between add() and incr()
        cache.add(key, 1, timeout=settings.SIGNIN_ADDRESS_WINDOW_MINUTES * 60)


def client_ip(request) -> str | None:
    """The client's address for the lock-out key.

    ``REMOTE_ADDR``, or behind ``TRUSTED_PROXY_COUNT`` trusted proxies the address the
    outermost of them saw (counted from the right of X-Forwarded-For, so a client
    cannot pick its own key by sending the header itself).
    """
    proxies = getattr(settings, "TRUSTED_PROXY_COUNT", 0)
    forwarded = request.META.get("HTTP_X_FORWARDED_FOR", "")
    if proxies and forwarded:
        hops = [hop.strip() for hop in forwarded.split(",") if hop.strip()]
        if len(hops) >= proxies:
            return hops[-proxies]
    return request.META.get("REMOTE_ADDR")
