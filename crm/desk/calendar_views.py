"""The secret calendar URL of SPEC §5.4: ``/calendar/<token>.ics``, no session needed.

The token (``crm.core.calendar_tokens``) is the only credential, so the view answers 404 —
not 401/403 — for a wrong, malformed or revoked token, and for a user without a role.
``crm.core.services.regenerate_calendar_token`` revokes the old URL.
"""

from __future__ import annotations

import hashlib

from django.contrib.auth import get_user_model
from django.contrib.auth.decorators import login_not_required
from django.http import Http404, HttpResponse
from django.utils.cache import get_conditional_response
from django.views.decorators.http import require_safe

from crm.core import calendar_tokens
from crm.core.formatting import local_today
from crm.core.roles import role_of
from crm.desk.calendar import build_feed


@login_not_required
@require_safe
def calendar_feed(request, token: str):
    """The user's iCalendar feed (``text/calendar``), with an ETag for cheap re-polls."""
    users = get_user_model().objects.only(
        "id", "username", "first_name", "last_name", "language", "roc_dates", "calendar_key"
    )
    user = calendar_tokens.user_for(token, users)
    if user is None or role_of(user) is None:
        raise Http404("No such calendar.")
    body = build_feed(user, local_today())
    etag = f'"{hashlib.sha256(body).hexdigest()[:32]}"'
    conditional = get_conditional_response(request, etag=etag)
    if conditional is not None:
        return conditional
    response = HttpResponse(body, content_type="text/calendar; charset=utf-8")
    response["ETag"] = etag
    response["Content-Disposition"] = 'inline; filename="sister-city-crm.ics"'
    # The URL is a credential: keep it out of shared caches and search engines.
    response["Cache-Control"] = "private, max-age=0, must-revalidate"
    response["X-Robots-Tag"] = "noindex, nofollow"
    response["Referrer-Policy"] = "no-referrer"
    return response
