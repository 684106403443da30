"""Template helpers of the pages: dates by user preference, bilingual names, relative days.

Formatting itself lives in :mod:`crm.core.formatting` (SPEC §3.4): ISO dates
(``2024-07-19``), or in Traditional Chinese the ROC form (``民國113年7月19日``, or
``113/07/19`` in dense tables) when the user's ``roc_dates`` preference is on. Names show
the user's language first and the other script second (``Tacoma · 塔可瑪市``).
"""

from __future__ import annotations

import datetime as dt
import functools

from django import template
from django.urls import reverse
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext as _
from django.utils.translation import ngettext, pgettext

from crm.core.formatting import (
    DAY,
    ISO,
    MONTH,
    PRECISIONS,
    SHORT,
    YEAR,
    format_anniversary,
    format_date,
    format_number,
    format_place,
    local_today,
    name_pair,
    pick_text,
)

register = template.Library()

# (latin, local) attribute pairs, tried in order, for the bilingual name of any row.
_NAME_PAIRS = (
    ("name", "name_local"),
    ("partner_name", "partner_name_local"),
    ("title", "title_local"),
    ("description", "description_local"),
)


def _language() -> str:
    return translation.get_language() or ""


@register.simple_tag(takes_context=True)
def date(context, value, style: str = "", precision: str = ""):
    """``{% date value %}`` / ``{% date value "short" %}``: a <time> in the user's style.

    ``precision="year"`` (or ``month``) shows only what is on record — ``民國102年`` /
    ``2013`` — for a contact or visit known only by its year (``occurred_precision``,
    ``date_precision``); the ``datetime`` attribute is then ``2013`` or ``2013-05``.
    """
    if not value:
        return ""
    request = context.get("request")
    user = getattr(request, "user", None)
    day = value.date() if isinstance(value, dt.datetime) else value
    precision = precision if precision in PRECISIONS else DAY
    text = format_date(
        day,
        language=_language(),
        roc=bool(getattr(user, "roc_dates", False)),
        precision=precision,
        style=SHORT if style == "short" else ISO,
    )
    machine = day.isoformat()[: {DAY: 10, MONTH: 7, YEAR: 4}[precision]]
    return format_html('<time datetime="{}">{}</time>', machine, text)


@register.filter
def relday(value: dt.date | None) -> str:
    """A hint beside an absolute date: "in 12 days", "3 weeks ago", "today"."""
    if not value:
        return ""
    if isinstance(value, dt.datetime):
        value = value.date()
    delta = (value - local_today()).days
    if delta == 0:
        return pgettext("relative day", "today")
    if delta == 1:
        return pgettext("relative day", "tomorrow")
    if delta == -1:
        return pgettext("relative day", "yesterday")
    days = abs(delta)
    if days < 14:
        amount = ngettext("%(n)d day", "%(n)d days", days) % {"n": days}
    elif days < 60:
        weeks = days // 7
        amount = ngettext("%(n)d week", "%(n)d weeks", weeks) % {"n": weeks}
    elif days < 730:
        months = days // 30
        amount = ngettext("%(n)d month", "%(n)d months", months) % {"n": months}
    else:
        years = days // 365
        amount = ngettext("%(n)d year", "%(n)d years", years) % {"n": years}
    if delta > 0:
        return pgettext("relative day", "in %(amount)s") % {"amount": amount}
    return pgettext("relative day", "%(amount)s ago") % {"amount": amount}


def row_names(obj) -> tuple[str, str]:
    """(primary, secondary) name of a row in the user's language; secondary may be empty."""
    for latin_attr, local_attr in _NAME_PAIRS:
        if hasattr(obj, latin_attr) or hasattr(obj, local_attr):
            return name_pair(
                getattr(obj, local_attr, ""), getattr(obj, latin_attr, ""), language=_language()
            )
    return str(obj), ""


@register.filter
def names(obj) -> str:
    """``<span>Tacoma</span><span class="alt"> · 塔可瑪市</span>`` (language-aware order)."""
    if obj is None:
        return ""
    first, second = row_names(obj)
    if not second:
        return format_html("<span>{}</span>", first)
    return format_html('<span>{}</span><span class="alt"> · {}</span>', first, second)


@register.filter
def text(obj, field: str) -> str:
    """A narrative field in the interface language (``{{ c|text:"summary" }}``): the office's
    text for Chinese readers, English when filled for English ones (``pick_text``)."""
    return pick_text(obj, field, language=_language()) if obj is not None else ""


@register.filter
def name1(obj) -> str:
    """Only the primary name, as plain text (for attributes and tight cells)."""
    return row_names(obj)[0] if obj is not None else ""


@register.filter
def ordinal(years: int) -> str:
    """The N of an anniversary, in words of the interface language: "24th" / "24 週年"."""
    return format_anniversary(years, language=_language())


@register.filter
def number(value) -> str:
    """Digits grouped by thousands: ``{{ partner.population|number }}`` → ``190,000``."""
    if value in (None, ""):
        return ""
    try:
        return format_number(value, language=_language())
    except (TypeError, ValueError):
        return str(value)


@register.filter
def place(obj) -> str:
    """``{{ partner|place }}``: the country's name in the interface language, then the
    region (or an organization's city): ``美國 · California``."""
    if obj is None:
        return ""
    region = getattr(obj, "region", "") or getattr(obj, "city", "")
    return format_place(getattr(obj, "country", ""), region, language=_language())


@register.filter
def country(code) -> str:
    """``{{ code|country }}``: a country's name in the interface language."""
    return format_place(code, "", language=_language()) if code else ""


@register.filter
def display(obj, field: str):
    """``{{ e|display:"kind" }}``: what ``e.get_kind_display`` says, the label of the row's
    choice in the reader's language. Django's rebuilds a dict of every choice of the field on
    each call, translating each label; a page of 50 rows here translates only the labels it
    shows (the labels of a model's field are gathered once per process)."""
    if obj is None:
        return ""
    value = getattr(obj, field)
    return _choice_labels(type(obj), field).get(value, value)


@functools.cache
def _choice_labels(model, field: str) -> dict:
    """``{value: label}`` of a field's choices; the labels stay lazy (translated on use)."""
    return dict(model._meta.get_field(field).flatchoices)


@register.filter
def get_item(mapping, key):
    return mapping.get(key) if mapping else None


@register.filter
def days_from_today(value: dt.date | None) -> int | None:
    """Whole days from today to ``value`` (negative in the past)."""
    if not value:
        return None
    if isinstance(value, dt.datetime):
        value = value.date()
    return (value - local_today()).days


@register.simple_tag(takes_context=True)
def sort_header(context, field: str, label: str):
    """A sortable column header: ``<th aria-sort><a href="?…&ordering=field">``."""
    current = context.get("ordering", "")
    query = context.get("sort_query", "")
    if current == field:
        target, state, arrow = f"-{field}", "ascending", " ▲"
    elif current == f"-{field}":
        target, state, arrow = field, "descending", " ▼"
    else:
        target, state, arrow = field, "none", ""
    href = f"?{query}&ordering={target}" if query else f"?ordering={target}"
    return format_html(
        '<th scope="col" aria-sort="{}"><a href="{}">{}{}</a></th>', state, href, label, arrow
    )


@register.simple_tag(takes_context=True)
def page_url(context, number: int) -> str:
    query = context.get("query", "")
    return f"?{query}&page={number}" if query else f"?page={number}"


@register.simple_tag(takes_context=True)
def may(context, action: str, target) -> bool:
    """``{% may "change" partner as may_edit %}``: the policy's answer, so a page offers
    only what the services would accept. ``target`` is a row or ``"app_label.Model"``."""
    from django.apps import apps

    from crm.core import policy

    request = context.get("request")
    user = getattr(request, "user", None)
    if isinstance(target, str):
        try:
            target = apps.get_model(target)
        except (LookupError, ValueError):
            return False
    return policy.can(user, action, target)


@register.simple_tag(takes_context=True)
def row_actions(context, row, kind: str):
    """``{% row_actions official "official" %}``: the "Edit" and "Delete" links of one of a
    partner's records (``relations:<kind>-edit`` / ``-delete``) that the policy allows on
    this row. What the policy answers for the model is asked once per page, not per row
    (``crm.core.policy.can_rows``); the links are written here, not by a template per row."""
    from crm.core import policy
    from crm.web.records import record_label

    rules = context.render_context.dicts[0].setdefault(row_actions, {})
    user = getattr(context.get("request"), "user", None)
    links = []
    for action, url_action, text in (
        (policy.CHANGE, "edit", _("Edit")),
        (policy.DELETE, "delete", _("Delete")),
    ):
        key = (action, type(row))
        if key not in rules:
            rules[key] = policy.can_rows(user, action, type(row))
        if rules[key](row):
            url = reverse(f"relations:{kind}-{url_action}", args=[context["partner"].pk, row.pk])
            label = f"{text}: {record_label(row)}"
            links.append(format_html('<a href="{}" aria-label="{}">{}</a>', url, label, text))
    if not links:
        return ""
    return format_html('<span class="actions row-actions">{}</span>', mark_safe("".join(links)))


@register.filter
def label(obj) -> str:
    """How the pages name a record in a sentence or an ``aria-label``: in the reader's
    script first (``crm.web.records.record_label``)."""
    from crm.web.records import record_label

    return record_label(obj)
