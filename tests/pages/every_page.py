"""Every page of the site, found in the URLconf and filled with the demo data's ids.

``page_urls(client)`` walks the URL patterns (as tests/pages/test_fuzz.py does), puts the
id of a demo row of the right model into each ``<int:…>`` parameter, and keeps the
addresses that answer a GET with a whole HTML page (POST-only endpoints answer 405, file
downloads are not HTML and htmx fragments have no <html>: all left out). A page added
later is covered without editing the tests that use this list: the phone/desktop layout
test in a real browser and the untranslated-word test.

Which model a parameter names:

* ``pk`` — the view's ``model`` attribute when it has one (``crm.web.records`` views do),
  else the route's first segment (``/partners/<pk>/`` → Partner, ``/follow-ups/<pk>/`` →
  Commitment, ``/officials/<pk>/`` → Official);
* ``<name>_pk`` / ``<name>_id`` — the model called ``name`` (``attachment_pk`` →
  Attachment), preferring a row that belongs to the parent row of the same route
  (an engagement of that visit).

A route whose parameters are filled wrongly answers 404 and is reported in
``unreachable`` (the tests fail on it), so no page drops out of them silently; a route
naming a model of which the demo has no row (attachments: downloads) is left out.
"""

from __future__ import annotations

import re

from django.apps import apps
from django.urls import URLPattern, URLResolver, get_resolver

# Not pages of the desk: the admin, the API and its schema, feeds, health checks, and the
# endpoints that only act (sign-out, the language switch).
SKIPPED_PREFIXES = (
    "/admin/",
    "/api/",
    "/calendar/",
    "/healthz",
    "/accounts/logout/",
    "/language/",
    "/static/",
    "/media/",
)
# The first segment of a route → the model its <pk> names, where the name alone does not say.
SEGMENT_MODELS = {
    "follow-ups": "visits.Commitment",
    "partners": "relations.Partner",
    "visits": "visits.Visit",
}
PARAMETER = re.compile(r"<(?:(?P<converter>\w+):)?(?P<name>\w+)>")
PAGE_APPS = ("relations", "visits", "crm")


def routes() -> list[tuple[str, str, object]]:
    """(route, name, callback) of every URL pattern outside SKIPPED_PREFIXES."""
    found = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(
                    entry.url_patterns,
                    prefix + str(entry.pattern),
                    entry.namespace or namespace,
                )
            elif isinstance(entry, URLPattern):
                route = prefix + str(entry.pattern)
                if route.startswith(SKIPPED_PREFIXES) or "(?P" in route or "^" in route:
                    continue
                name = f"{namespace}:{entry.name}" if namespace else str(entry.name)
                found.append((route, name, entry.callback))

    walk(get_resolver().url_patterns, "/", None)
    return sorted(found, key=lambda item: item[0])


def _model_named(name: str):
    wanted = name.replace("-", "").replace("_", "").lower()
    for app in (*PAGE_APPS, "attachments"):
        try:
            config = apps.get_app_config(app)
        except LookupError:
            continue
        for model in config.get_models():
            names = {model._meta.model_name, model.__name__.lower()}
            if wanted in names or wanted.rstrip("s") in names:
                return model
    for model in apps.get_models():
        if model._meta.model_name in (wanted, wanted.rstrip("s")):
            return model
    return None


def _model_of_pk(route: str, callback):
    view_class = getattr(callback, "view_class", None)
    model = getattr(view_class, "model", None) if view_class else None
    if model is not None:
        return model
    segment = route.strip("/").split("/")[0]
    if segment in SEGMENT_MODELS:
        return apps.get_model(SEGMENT_MODELS[segment])
    return _model_named(segment)


def _first_row(model, parent=None):
    rows = model._default_manager.order_by("pk")
    if parent is not None:
        for field in model._meta.get_fields():
            if getattr(field, "many_to_one", False) and field.related_model is type(parent):
                linked = rows.filter(**{field.name: parent}).first()
                if linked is not None:
                    return linked
    return rows.first()


def fill(route: str, callback) -> str | None:
    """The route with demo ids in its parameters; None when a model has no row."""
    parent = None
    url = route
    for match in PARAMETER.finditer(route):
        name = match.group("name")
        if name == "pk":
            model = _model_of_pk(route, callback)
            row = _first_row(model) if model is not None else None
            parent = row
        else:
            model = _model_named(re.sub(r"_(pk|id)$", "", name))
            row = _first_row(model, parent) if model is not None else None
        if row is None:
            return None
        url = url.replace(match.group(0), str(row.pk), 1)
    return url


def page_urls(client) -> tuple[list[str], list[str]]:
    """(pages, unreachable): the addresses of every HTML page, for the signed-in ``client``,
    and the routes that could not be filled (404) — to be reported, not skipped."""
    pages, unreachable = [], []
    for route, name, callback in routes():
        url = fill(route, callback)
        if url is None:
            continue  # the demo has no row of that model (its attachments): nothing to show

        response = client.get(url)
        if response.status_code == 404:
            unreachable.append(f"{name} {url} (404)")
            continue
        if response.status_code != 200:
            continue  # POST-only (405), a redirect, a download refused …
        if not response.get("Content-Type", "").startswith("text/html"):
            continue
        if b"<html" not in response.content[:500]:
            continue  # a fragment for htmx (options of a select), not a page
        pages.append(url)
    return pages, unreachable
