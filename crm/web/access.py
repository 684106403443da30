"""Who may see and do what on the pages (SPEC §4), and small helpers shared by page views.

Every page needs a signed-in user (anonymous → the login page). Writes need the model
permission the role carries; a forged POST without it gets 403, whatever the page showed.
"""

from __future__ import annotations

from django.conf import settings
from django.contrib.auth.mixins import LoginRequiredMixin, PermissionRequiredMixin
from django.core.exceptions import PermissionDenied
from django.db.models import prefetch_related_objects
from django.utils import translation

from crm.core.roles import role_of


def request_role(request) -> str | None:
    """The signed-in user's role, looked up once per request. The user's groups are read
    into the user (prefetched), so every later policy answer on the page (``role_of``,
    ``crm.core.policy.can``) reuses them instead of asking the database again."""
    if not hasattr(request, "_crm_role"):
        user = request.user
        if user.is_authenticated:
            prefetch_related_objects([getattr(user, "_wrapped", user)], "groups")
        request._crm_role = role_of(user)
    return request._crm_role


class PageMixin(LoginRequiredMixin):
    """Read access: a signed-in user with a role (viewers read everything); 403 without one."""

    def dispatch(self, request, *args, **kwargs):
        if request.user.is_authenticated and request_role(request) is None:
            raise PermissionDenied
        remember = use_saved_language(request)
        response = super().dispatch(request, *args, **kwargs)
        if remember:
            set_language_cookie(response, request.user.language)
        return response


def use_saved_language(request) -> bool:
    """Without a language cookie (new browser, expired cookie) a signed-in user gets the
    language saved on their profile rather than the browser's; True if it was applied."""
    user = request.user
    if not user.is_authenticated or settings.LANGUAGE_COOKIE_NAME in request.COOKIES:
        return False
    if user.language not in dict(settings.LANGUAGES):
        return False
    translation.activate(user.language)
    request.LANGUAGE_CODE = user.language
    return True


def set_language_cookie(response, language: str):
    response.set_cookie(
        settings.LANGUAGE_COOKIE_NAME,
        language,
        max_age=settings.LANGUAGE_COOKIE_AGE,
        path=settings.LANGUAGE_COOKIE_PATH,
        domain=settings.LANGUAGE_COOKIE_DOMAIN,
        secure=settings.LANGUAGE_COOKIE_SECURE,
        httponly=settings.LANGUAGE_COOKIE_HTTPONLY,
        samesite=settings.LANGUAGE_COOKIE_SAMESITE,
    )
    return response


class WriteMixin(LoginRequiredMixin, PermissionRequiredMixin):
    """Write access: the permission(s) in ``permission_required``; 403 when missing."""

    raise_exception = False

    def handle_no_permission(self):
        if self.request.user.is_authenticated:
            raise PermissionDenied
        return super().handle_no_permission()


def is_htmx(request) -> bool:
    """True for requests made by htmx (they get a fragment, not a whole page)."""
    return request.headers.get("HX-Request") == "true"


def require_perm(user, *perms: str) -> None:
    if not all(user.has_perm(p) for p in perms):
        raise PermissionDenied


MAX_ID_DIGITS = 18  # below PostgreSQL's bigint maximum


def small_int(raw) -> int | None:
    """A positive whole number typed in a form or query string, else None.

    ``str.isdigit`` accepts ``²`` and other digits ``int`` refuses, and a 5,000-digit
    number overflows the database: both are "not a number" here, never a 500.
    """
    text = (raw or "").strip()
    if not (text.isascii() and text.isdigit()) or len(text) > MAX_ID_DIGITS:
        return None
    return int(text)


def posted_version(request) -> int | None:
    """The row version a page form carried (the conflict check), if it carried one."""
    return small_int(request.POST.get("version"))
