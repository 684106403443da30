"""The partners list (the API's FilterSet) and a partner's page with its timeline and the
"log a contact" form (htmx)."""

from __future__ import annotations

import datetime as dt

import pytest
from django.urls import reverse

from crm.core.formatting import local_today
from relations.models import Contact
from tests.factories import (
    AgreementFactory,
    CommitmentFactory,
    ContactFactory,
    GiftFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    TopicFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db


def _names_in_table(html: str) -> list[str]:
    body = html[html.index("<tbody>") : html.index("</tbody>")]
    return [part.split("<")[0] for part in body.split('<td><a href="/partners/')[1:]]


def test_the_list_filters_like_the_api(client, viewer):
    PartnerFactory(name="Tacoma", name_local="塔可瑪市", kind="sister")
    PartnerFactory(name="Cupertino", name_local="庫比蒂諾市", kind="friendship")
    client.force_login(viewer)
    url = reverse("relations:partner-list")
    sisters = client.get(url, {"kind": "friendship"}).content.decode()
    assert "Cupertino" in sisters
    assert "Tacoma" not in sisters
    # q searches names in both scripts.
    by_local = client.get(url, {"q": "塔可瑪"}).content.decode()
    assert "Tacoma" in by_local
    assert "Cupertino" not in by_local


def test_a_bad_filter_value_is_shown_as_an_error_not_a_crash(client, viewer):
    client.force_login(viewer)
    response = client.get(reverse("relations:partner-list"), {"kind": "nonsense"})
    assert response.status_code == 200
    assert 'class="error"' in response.content.decode()


def test_the_list_is_paginated_and_sorted_by_the_chosen_column(client, viewer):
    for n in range(30):
        PartnerFactory(name=f"City {n:02d}", name_local="")
    client.force_login(viewer)
    url = reverse("relations:partner-list")
    first = client.get(url, {"ordering": "-name"}).content.decode()
    assert "City 29" in first
    assert "City 00" not in first
    assert "?ordering=-name&amp;page=2" in first  # the next page keeps the order
    second = client.get(url, {"ordering": "-name", "page": 2}).content.decode()
    assert "City 00" in second


def test_the_partner_page_shows_facts_officials_agreements_and_one_timeline(client, viewer):
    today = local_today()
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市")
    AgreementFactory(partner=partner, signed_on=dt.date(2000, 7, 19), reference="Res. 1")
    OfficialFactory(partner=partner, name="John Hines", name_local="海因斯")
    OfficialFactory(
        partner=partner,
        name="Old Mayor",
        term_start=dt.date(2010, 1, 1),
        term_end=dt.date(2014, 1, 1),
    )
    ContactFactory(partner=partner, subject="Old letter", occurred_on=dt.date(2020, 1, 5))
    ContactFactory(partner=partner, subject="Recent email", occurred_on=today)
    visit = VisitFactory(
        title="US delegation", start_on=dt.date(2024, 7, 22), end_on=dt.date(2024, 7, 31)
    )
    visit.partners.add(partner)
    CommitmentFactory(partner=partner, title="Invite Hines", visit=visit)
    InvitationFactory(
        invitee=OfficialFactory(partner=partner),
        event__title="Jazz festival",
        status="sent",
        sent_on=dt.date(2025, 3, 3),
    )
    GiftFactory(partner=partner, description="Glass bowl", date=dt.date(2024, 7, 23))
    client.force_login(viewer)
    html = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    assert "Res. 1" in html
    current = html[html.index('id="current-officials"') : html.index('id="past-officials"')]
    assert "海因斯" in current
    assert "Old Mayor" not in current
    assert "Old Mayor" in html[html.index('id="past-officials"') :]
    assert 'id="next-anniversary"' in html
    timeline = html[html.index('id="timeline"') :]
    order = [
        timeline.index(text)
        for text in (
            "Recent email",
            "Jazz festival",
            "Glass bowl",
            "Invite Hines",
            "US delegation",
            "Old letter",
        )
    ]
    assert order == sorted(order), "the timeline runs newest first"


def test_the_log_contact_form_preselects_and_limits_and_defaults(client, officer):
    partner = PartnerFactory()
    ours = OfficialFactory(partner=partner, name="Our Official")
    OfficialFactory(name="Someone Elsewhere")
    client.force_login(officer)
    html = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    form = html[
        html.index('id="log-contact"') : html.index("</details>", html.index('id="log-contact"'))
    ]
    assert "Our Official" in form
    assert "Someone Elsewhere" not in form
    assert f'value="{local_today().isoformat()}"' in form
    assert f'value="{ours.pk}"' in form


def test_logging_a_contact_with_htmx_returns_the_timeline_with_it_on_top(client, officer):
    partner = PartnerFactory()
    hines = OfficialFactory(partner=partner, name="John Hines")
    topic = TopicFactory(slug="culture", name="Culture")
    ContactFactory(partner=partner, subject="Earlier", occurred_on=local_today())
    client.force_login(officer)
    response = client.post(
        reverse("relations:log-contact", args=[partner.pk]),
        {
            "occurred_on": local_today().isoformat(),
            "channel": "email",
            "direction": "outgoing",
            "officials": [hines.pk],
            "subject_local": "Festival programme",
            "summary": "Sent it.",
            "topics": [topic.pk],
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 200
    html = response.content.decode()
    assert "<html" not in html  # a fragment, not a page
    timeline = html[html.index('id="timeline"') :]
    assert 'hx-swap-oob="true"' in html[html.index('id="timeline"') - 200 :][:400]
    assert timeline.index("Festival programme") < timeline.index("Earlier")
    contact = Contact.objects.get(subject_local="Festival programme")
    assert contact.partner == partner
    assert list(contact.officials.all()) == [hines]
    assert list(contact.topics.all()) == [topic]
    assert list(contact.staff.all()) == [officer]  # defaults to the person logging it
    assert contact.created_by == officer


def test_logging_a_contact_without_htmx_redirects_to_the_partner(client, officer):
    partner = PartnerFactory()
    client.force_login(officer)
    response = client.post(
        reverse("relations:log-contact", args=[partner.pk]),
        {
            "occurred_on": "2025-03-03",
            "channel": "phone",
            "direction": "mutual",
            "subject_local": "Call",
        },
    )
    assert response.status_code == 302
    assert response["Location"] == reverse("relations:partner-detail", args=[partner.pk])


def test_a_contact_with_errors_comes_back_with_them_and_keeps_what_was_typed(client, officer):
    partner = PartnerFactory()
    elsewhere = OfficialFactory(name="Someone Elsewhere")
    client.force_login(officer)
    response = client.post(
        reverse("relations:log-contact", args=[partner.pk]),
        {
            "occurred_on": "2025-03-03",
            "channel": "email",
            "direction": "mutual",
            "officials": [elsewhere.pk],
            "subject_local": "",
            "summary": "A long summary I do not want to type again",
        },
        HTTP_HX_REQUEST="true",
    )
    assert response.status_code == 422
    html = response.content.decode()
    assert "A long summary I do not want to type again" in html
    assert 'value="2025-03-03"' in html
    assert html.count('class="error"') >= 2  # subject required; official not of this partner
    assert " open" in html[: html.index(">")]  # the form stays open
    assert not Contact.objects.exists()
