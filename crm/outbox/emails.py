"""One way to render an email: ``templates/emails/<kind>/{subject.txt, body.txt, body.html}``.

Templates use Django's i18n tags with English message ids and are rendered under
``translation.override(language)``, so the recipient's language comes from the
catalogs in ``locale/``. Dates, names, numbers and narratives are formatted before rendering by
:mod:`crm.core.formatting` (ROC years for zh-Hant readers who chose them, SPEC §3.4;
names local first for Chinese readers, 塔可瑪市（Tacoma）; narratives picked with
``pick_text``) and handed to the templates as strings, so the templates need no custom
filters. Links go to the pages (``page_url``) and are built from ``SITE_URL``.
"""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any
from urllib.parse import urlsplit

from django.conf import settings
from django.core.mail import EmailMultiAlternatives
from django.template import Context
from django.template.loader import get_template
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext, ngettext


def absolute_url(path: str) -> str:
    """``path`` on the public site (``SITE_URL``), for links in emails."""
    return f"{settings.SITE_URL}{path}"


def page_url(viewname: str, *args, fragment: str = "") -> str:
    """The page where a user works on an object (SPEC §5.3), on the public site, for links
    in emails: ``page_url("visits:follow-ups", fragment="commitment-7")`` →
    ``https://crm.example/follow-ups/#commitment-7``. Never the admin: officers work in the
    pages, and viewers and most officers cannot open the admin at all."""
    path = reverse(viewname, args=args)
    return absolute_url(f"{path}#{fragment}" if fragment else path)


def _render(name: str, context: Mapping[str, Any], *, autoescape: bool) -> str:
    # The engine-level template lets the text parts render without HTML escaping.
    template = get_template(name).template
    return template.render(Context(dict(context), autoescape=autoescape))


def render_email(
    kind: str,
    *,
    to: str,
    language: str,
    context: Mapping[str, Any],
    headers: Mapping[str, str] | None = None,
) -> EmailMultiAlternatives:
    """The email of ``kind`` for one recipient, plain text with an HTML alternative."""
    context = {"site_url": settings.SITE_URL, "language": language, **context}
    with translation.override(language):
        subject = _render(f"emails/{kind}/subject.txt", context, autoescape=False)
        text = _render(f"emails/{kind}/body.txt", context, autoescape=False)
        html = _render(f"emails/{kind}/body.html", context, autoescape=True)
    message = EmailMultiAlternatives(
        subject=" ".join(subject.split()),
        body=_tidy(text),
        from_email=settings.DEFAULT_FROM_EMAIL,
        to=[to],
        headers=dict(headers or {}),
    )
    message.attach_alternative(html, "text/html")
    return message


def message_id(key: str) -> str:
    """A stable Message-ID: a re-sent notification is recognisably the same message."""
    domain = urlsplit(settings.SITE_URL).hostname or "localhost"
    return f"<{key}@{domain}>"


def _tidy(text: str) -> str:
    """Template tags leave blank lines behind: keep at most one between paragraphs."""
    lines = [line.rstrip() for line in text.strip().splitlines()]
    tidy: list[str] = []
    for line in lines:
        if line or (tidy and tidy[-1]):
            tidy.append(line)
    return "\n".join(tidy) + "\n"


def relative_days(days: int) -> str:
    """``in 3 days``, ``today``, ``2 days ago`` in the active language."""
    if days > 0:
        return ngettext("in %(days)d day", "in %(days)d days", days) % {"days": days}
    if days == 0:
        return gettext("today")
    return ngettext("%(days)d day ago", "%(days)d days ago", -days) % {"days": -days}
