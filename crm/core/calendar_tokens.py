"""The secret calendar address of SPEC §5.4, keyed so that the database alone cannot make one.

A user's feed lives at ``/calendar/<id>-<digest>.ics``. The digest is an HMAC of the
user's id and ``User.calendar_key`` (a random value) under ``SECRET_KEY``: the
database stores no secret address, so a copy of it (a backup, a leaked dump) opens no
calendar, while the address can still be shown to its owner at any time (``me``, the
profile page). Regenerating ``calendar_key`` revokes the old address; rotating
``SECRET_KEY`` revokes every address unless the old key stays in ``SECRET_KEY_FALLBACKS``.
"""

from __future__ import annotations

import re

from django.conf import settings
from django.urls import reverse
from django.utils.crypto import constant_time_compare, salted_hmac

SALT = "crm.calendar-feed"
DIGEST_LENGTH = 40
TOKEN_PATTERN = re.compile(rf"(?P<pk>[1-9][0-9]{{0,17}})-(?P<digest>[0-9a-f]{{{DIGEST_LENGTH}}})")


def _digest(pk: int, key: str, secret: str) -> str:
    value = salted_hmac(SALT, f"{pk}:{key}", secret=secret, algorithm="sha256")
    return value.hexdigest()[:DIGEST_LENGTH]


def token_for(user) -> str:
    return f"{user.pk}-{_digest(user.pk, user.calendar_key, settings.SECRET_KEY)}"


def url_for(user) -> str:
    """The full address to subscribe to (``SITE_URL`` + path)."""
    return settings.SITE_URL + reverse("calendar-feed", kwargs={"token": token_for(user)})


def user_for(token: str, users):
    """The active user of ``users`` (a queryset) whose address this is, else None."""
    match = TOKEN_PATTERN.fullmatch(token or "")
    if match is None:
        return None
    pk = int(match["pk"])
    user = users.filter(pk=pk, is_active=True).first()
    if user is None:
        return None
    for secret in (settings.SECRET_KEY, *settings.SECRET_KEY_FALLBACKS):
        if constant_time_compare(_digest(pk, user.calendar_key, secret), match["digest"]):
            return user
    return None
