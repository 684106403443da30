"""The visit page's "add an engagement" and "add a commitment" panels: their forms are built
only when a panel is opened (``?open=<panel>``: htmx fetches it, or the link in the panel
without JavaScript), and come back open with the input after an error."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from tests.factories import EngagementFactory, OfficialFactory, PartnerFactory, VisitFactory

pytestmark = pytest.mark.django_db

PANELS = [("engagement", "add-engagement"), ("commitment", "add-commitment")]


@pytest.fixture
def visit():
    visit = VisitFactory(start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31))
    tacoma = PartnerFactory(name="Tacoma")
    visit.partners.add(tacoma)
    OfficialFactory(partner=tacoma, name="John Hines")
    EngagementFactory(visit=visit, partner=tacoma, title="Courtesy call")
    return visit


def _panel(html: str, anchor: str) -> str:
    start = html.index(f'<details class="panel" id="{anchor}"')
    return html[start : html.index("</details>", start)]


@pytest.mark.parametrize(("panel", "anchor"), PANELS)
def test_a_closed_panel_fetches_its_form_when_opened_and_links_to_it_without_javascript(
    client, officer, visit, panel, anchor
):
    client.force_login(officer)
    url = reverse("visits:visit-detail", args=[visit.pk])
    closed = _panel(client.get(url).content.decode(), anchor)
    assert "<form" not in closed
    assert f'hx-get="{url}?open={panel}"' in closed
    assert 'hx-trigger="toggle once"' in closed
    assert f'hx-select="#{anchor} .panel-body"' in closed
    assert f'<a href="{url}?open={panel}#{anchor}">' in closed

    opened = _panel(client.get(url, {"open": panel}).content.decode(), anchor)
    assert re.match(rf'<details class="panel" id="{anchor}" open>', opened)
    assert '<div class="panel-body">' in opened
    assert 'method="post"' in opened
    assert "hx-get" not in opened


def test_the_opened_forms_offer_the_visits_partners_officials_and_itinerary(client, officer, visit):
    client.force_login(officer)
    url = reverse("visits:visit-detail", args=[visit.pk])
    engagement = _panel(client.get(url, {"open": "engagement"}).content.decode(), "add-engagement")
    assert "John Hines" in engagement
    assert "Tacoma" in engagement
    commitment = _panel(client.get(url, {"open": "commitment"}).content.decode(), "add-commitment")
    assert "Courtesy call" in commitment
    assert f'value="{officer.pk}" selected' in commitment  # the owner defaults to the writer


@pytest.mark.parametrize("value", ["", "member", "nonsense", "engagement,commitment", "x" * 3000])
def test_any_other_open_value_shows_the_page_with_the_panels_closed(client, officer, visit, value):
    client.force_login(officer)
    response = client.get(reverse("visits:visit-detail", args=[visit.pk]), {"open": value})
    assert response.status_code == 200
    html = response.content.decode()
    for _panel_name, anchor in PANELS:
        assert "<form" not in _panel(html, anchor)


def test_a_viewer_has_no_panels_to_open(client, viewer, visit):
    client.force_login(viewer)
    html = client.get(reverse("visits:visit-detail", args=[visit.pk]), {"open": "engagement"})
    for _panel_name, anchor in PANELS:
        assert f'id="{anchor}"' not in html.content.decode()


def test_an_engagement_posted_with_errors_comes_back_open_with_the_input(client, officer, visit):
    client.force_login(officer)
    response = client.post(
        reverse("visits:engagement-add", args=[visit.pk]),
        {"date": "2024-07-23", "kind": "meeting", "location": "City Hall"},  # no title
    )
    assert response.status_code == 422
    html = response.content.decode()
    panel = _panel(html, "add-engagement")
    assert re.match(r'<details class="panel" id="add-engagement" open>', panel)
    assert 'value="City Hall"' in panel
    # The other on-demand panel still fetches its form from the visit's own page.
    url = reverse("visits:visit-detail", args=[visit.pk])
    assert f'hx-get="{url}?open=commitment"' in _panel(html, "add-commitment")
