"""API tokens (django-rest-knox): only their hash is kept, each expires, each can be revoked.

A token is shown once, when it is issued; afterwards the database holds a digest that
cannot be turned back into it. ``API_TOKEN_TTL_DAYS`` sets the lifetime.
"""

from __future__ import annotations

import datetime as dt

from django.db.models import Q
from django.utils import timezone
from knox.models import AuthToken
from knox.settings import knox_settings


def issue(user) -> tuple[str, dt.datetime | None]:
    """A new token for ``user`` and when it expires (None: never)."""
    instance, token = AuthToken.objects.create(user=user, expiry=knox_settings.TOKEN_TTL)
    return token, instance.expiry


def regenerate(user) -> tuple[str, dt.datetime | None]:
    """Revoke every token of ``user`` (a lost laptop, a leaked script) and issue a new one."""
    revoke_all(user)
    return issue(user)


def revoke_all(user) -> int:
    count, _ = AuthToken.objects.filter(user=user).delete()
    return count


def active_count(user) -> int:
    """How many of the user's tokens still open the API."""
    live = Q(expiry__isnull=True) | Q(expiry__gt=timezone.now())
    return AuthToken.objects.filter(live, user=user).count()
