"""Every page answers any query string and any form with a 2xx–4xx, never a 500 (SPEC §7).

The pages' counterpart of schemathesis for the API: hypothesis sends each page URL
(GET, and POST where it takes one) parameters named as the pages' forms and filters
name them, with values drawn from all of Unicode — ``²`` (a digit to ``str.isdigit``,
not to ``int``), NUL characters, 5,000-digit numbers, dates that do not exist. The
Django test client re-raises a view's exception, so a 500 fails the test with its
traceback and hypothesis shrinks the input that caused it.
"""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django import forms
from django.urls import URLPattern, URLResolver, get_resolver
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from crm.attachments import views as attachment_views
from crm.desk import forms as desk_forms
from relations import filters as relation_filters
from relations import forms as relation_forms
from tests.factories import CommitmentFactory, PartnerFactory, VisitFactory
from visits import filters as visit_filters
from visits import forms as visit_forms
from visits import record_forms as visit_record_forms

pytestmark = pytest.mark.django_db

PAGE_NAMESPACES = ("pages", "relations", "visits")
EXAMPLES = 6


def _field_names() -> list[str]:
    """The parameter names the pages read: every field of their forms and filters."""
    names: set[str] = {"page", "version", "owner", "language", "next"}
    for module in (relation_forms, visit_forms, visit_record_forms, desk_forms, attachment_views):
        for value in vars(module).values():
            if isinstance(value, type) and issubclass(value, forms.BaseForm):
                names |= set(value.base_fields)
    for module in (relation_filters, visit_filters):
        for value in vars(module).values():
            if isinstance(value, type) and hasattr(value, "base_filters"):
                names |= set(value.base_filters)
    return sorted(names)


def _routes() -> list[tuple[str, str]]:
    """(name, route) of every page URL, e.g. ("visits:complete", "follow-ups/<int:pk>/…")."""
    found = []

    def walk(patterns, prefix: str, namespace: str | None) -> None:
        for entry in patterns:
            if isinstance(entry, URLResolver):
                walk(entry.url_patterns, prefix + str(entry.pattern), entry.namespace or namespace)
            elif isinstance(entry, URLPattern) and namespace in PAGE_NAMESPACES:
                found.append((f"{namespace}:{entry.name}", prefix + str(entry.pattern)))

    walk(get_resolver().url_patterns, "/", None)
    return sorted(found)


ROUTES = _routes()
FIELDS = _field_names()

HOSTILE = ["²", "\x00", "9" * 5000, "-1", "2024-02-30", "0", "１２", "NaN", "[]", "a" * 3000]
hostile_text = st.one_of(st.text(max_size=30), st.sampled_from(HOSTILE))
params = st.dictionaries(st.sampled_from(FIELDS), hostile_text, max_size=6)


@pytest.fixture
def rows(db, manager):
    partner = PartnerFactory(owner=manager)
    visit = VisitFactory(start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31))
    visit.partners.add(partner)
    commitment = CommitmentFactory(partner=partner, visit=visit, owner=manager)
    return {"relations": partner.pk, "visits": visit.pk, "commitment": commitment.pk}


def _url(name: str, route: str, rows: dict) -> str:
    if route.startswith("/follow-ups/"):
        pk = rows["commitment"]
    else:
        pk = rows.get(name.split(":")[0], rows["relations"])
    url = route.replace("<int:pk>", str(pk)).replace("<int:attachment_pk>", "1")
    # A parent's id (``<int:visit_pk>``, ``<int:event_pk>``): the row of the route's app.
    return re.sub(r"<int:\w+>", str(pk), url)


def test_the_pages_are_all_covered():
    names = {name for name, _ in ROUTES}
    assert {"pages:dashboard", "relations:partner-list", "visits:complete"} <= names
    # The header search's results page gets hostile ``q`` values like every filter's.
    assert "pages:search" in names
    assert "q" in FIELDS
    assert len(FIELDS) > 30


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[name for name, _ in ROUTES])
def test_no_page_answers_hostile_input_with_a_500(client, manager, rows, name, route):
    client.force_login(manager)
    url = _url(name, route, rows)

    @settings(
        max_examples=EXAMPLES,
        deadline=None,
        derandomize=True,
        suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
    )
    @given(query=params, body=params)
    def probe(query, body):
        for response in (client.get(url, query), client.post(url, body)):
            assert response.status_code < 500, (url, query, body)

    probe()


@pytest.mark.parametrize(("name", "route"), ROUTES, ids=[name for name, _ in ROUTES])
def test_every_parameter_hostile_at_once_is_no_500(client, manager, rows, name, route):
    """A fixed sweep besides the random one: each hostile value in every field at once."""
    client.force_login(manager)
    url = _url(name, route, rows)
    for value in HOSTILE:
        data = dict.fromkeys(FIELDS, value)
        for response in (client.get(url, data), client.post(url, data)):
            assert response.status_code < 500, (url, value[:20])
