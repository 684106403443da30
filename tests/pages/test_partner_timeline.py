"""A partner's timeline, page by page: the 50 newest entries, then an "older entries" link
that works without JavaScript (``?before=<position>``), whatever the length of the history."""

from __future__ import annotations

import datetime as dt
import re

import pytest
from django.urls import reverse

from relations.models import Contact
from relations.selectors import TIMELINE_PAGE_SIZE, TimelineKey, partner_timeline
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    GiftFactory,
    InvitationFactory,
    OfficialFactory,
    PartnerFactory,
    VisitFactory,
)
from visits.models import Commitment, Gift, Visit

pytestmark = pytest.mark.django_db

FIRST_DAY = dt.date(2020, 1, 1)


def _entry_ids(html: str) -> list[str]:
    """The timeline's entries in page order: ``contact-12``, ``visit-3`` …"""
    timeline = html[html.index('id="timeline"') : html.index("</ol>", html.index('id="timeline"'))]
    return re.findall(r'<li class="entry \w+[^"]*" id="(\w+-\d+)"', timeline)


def _older_link(html: str) -> str | None:
    found = re.search(r'<a href="([^"]+)" rel="next">', html)
    return found.group(1).replace("&amp;", "&") if found else None


def _history(partner, days: int) -> list[str]:
    """One entry a day for ``days`` days, the kinds taking turns; the ids newest first."""
    official = OfficialFactory(partner=partner)
    ids = []
    for n in range(days):
        day = FIRST_DAY + dt.timedelta(days=n)
        kind = ("contact", "contact", "visit", "commitment", "invitation", "gift")[n % 6]
        if kind == "contact":
            row = ContactFactory(partner=partner, occurred_on=day, subject=f"Call {n}")
        elif kind == "visit":
            row = VisitFactory(start_on=day, end_on=day)
            row.partners.add(partner)
        elif kind == "commitment":
            row = CommitmentFactory(partner=partner, visit=VisitFactory(start_on=day, end_on=day))
        elif kind == "invitation":
            row = InvitationFactory(invitee=official, status="sent", sent_on=day)
        else:
            row = GiftFactory(partner=partner, date=day)
        ids.append(f"{kind}-{row.pk}")
    return ids[::-1]


def test_the_page_shows_the_50_newest_entries_and_the_next_page_the_ones_before(client, viewer):
    partner = PartnerFactory()
    newest_first = _history(partner, 75)
    client.force_login(viewer)
    url = reverse("relations:partner-detail", args=[partner.pk])

    first = client.get(url).content.decode()
    assert _entry_ids(first) == newest_first[:TIMELINE_PAGE_SIZE]
    older = _older_link(first)
    assert older is not None
    assert older.startswith(f"{url}?before=")
    assert f'<a href="{url}#h-timeline">' not in first  # already the newest

    second = client.get(older).content.decode()
    assert _entry_ids(second) == newest_first[TIMELINE_PAGE_SIZE:]
    assert _older_link(second) is None  # nothing older
    assert f'<a href="{url}#h-timeline">' in second  # back to the newest


def test_a_short_history_has_one_page_and_no_links(client, viewer):
    partner = PartnerFactory()
    newest_first = _history(partner, 7)
    client.force_login(viewer)
    html = client.get(reverse("relations:partner-detail", args=[partner.pk])).content.decode()
    assert _entry_ids(html) == newest_first
    assert _older_link(html) is None
    assert re.search(r'<nav class="pagination" id="timeline-pages"[^>]* hidden', html)


def test_entries_recorded_at_the_same_instant_are_each_shown_once(officer):
    """The bench's data, an import or a migration record many rows at once: a page that ends
    inside such a group goes on with the rest of it, no entry lost or repeated."""
    partner = PartnerFactory()
    day, instant = dt.date(2024, 7, 22), dt.datetime(2024, 7, 22, 3, 0, tzinfo=dt.UTC)
    for _ in range(5):
        ContactFactory(partner=partner, occurred_on=day)
        VisitFactory(start_on=day, end_on=day).partners.add(partner)
        GiftFactory(partner=partner, date=day)
        CommitmentFactory(partner=partner, visit=VisitFactory(start_on=day, end_on=day))
    for model in (Contact, Visit, Gift, Commitment):
        model.objects.update(created_at=instant)
    seen, before = [], None
    while True:
        page = partner_timeline(partner, limit=3, before=before)
        seen += [(e.kind, e.obj.pk) for e in page.entries]
        if page.older is None:
            break
        before = page.older
    assert len(seen) == len(set(seen)) == 20  # 5 of each kind
    keys = [TimelineKey(day, instant, kind, pk) for kind, pk in seen]
    assert keys == sorted(keys, reverse=True)


def test_a_commitment_and_an_invitation_are_placed_by_the_day_they_belong_to(officer):
    """A commitment made at an engagement long ago, recorded today, sits on the engagement's
    day; an invitation on the day it was sent (the order is computed in SQL, page by page)."""
    partner = PartnerFactory()
    old_visit = VisitFactory(start_on=dt.date(2001, 5, 1), end_on=dt.date(2001, 5, 3))
    promise = CommitmentFactory(partner=partner, visit=old_visit, title="Old promise")
    sent = InvitationFactory(
        invitee=OfficialFactory(partner=partner), status="sent", sent_on=dt.date(2002, 1, 1)
    )
    for n in range(4):
        ContactFactory(partner=partner, occurred_on=dt.date(2020, 1, 1 + n))
    page = partner_timeline(partner, limit=4)
    assert [e.kind for e in page.entries] == ["contact"] * 4
    rest = partner_timeline(partner, limit=4, before=page.older)
    assert [(e.kind, e.obj.pk, e.date) for e in rest.entries] == [
        ("invitation", sent.pk, dt.date(2002, 1, 1)),
        ("commitment", promise.pk, dt.date(2001, 5, 1)),
    ]


@pytest.mark.parametrize(
    "before",
    [
        "",
        "nonsense",
        "2024-13-01.1.contact.1",  # no 13th month
        "2024-02-30.1.contact.1",  # no 30 February
        "2024-01-01.1.Contact.1",
        "2024-01-01.1.contact.-1",
        "2024-01-01.-1.contact.1",
        "2024-01-01.1.contact",
        "2024-01-01.1.contact.1.2",
        "2024-01-01.123456789012345678.contact.1",  # beyond the years a date holds
        "2024-01-01.1.contact.1234567890123456789",  # beyond a bigint
        "2024-01-01.١.contact.1",  # digits of another script
        "2024-01-01.1.contact.1\x00",
        "x" * 5000,
    ],
)
def test_a_position_that_cannot_be_read_is_a_404_not_a_500(client, viewer, before):
    partner = PartnerFactory()
    client.force_login(viewer)
    url = reverse("relations:partner-detail", args=[partner.pk])
    assert client.get(url, {"before": before}).status_code == 404


def test_a_position_past_the_oldest_entry_is_an_empty_page_with_a_way_back(client, viewer):
    partner = PartnerFactory()
    _history(partner, 3)
    client.force_login(viewer)
    url = reverse("relations:partner-detail", args=[partner.pk])
    response = client.get(url, {"before": "1900-01-01.0.contact.1"})
    assert response.status_code == 200
    html = response.content.decode()
    assert _entry_ids(html) == []
    assert f'<a href="{url}#h-timeline">' in html


def test_logging_a_contact_from_an_older_page_brings_back_the_newest_entries(client, officer):
    """The htmx answer replaces the timeline and its links (out of band) with the newest."""
    partner = PartnerFactory()
    _history(partner, 60)
    client.force_login(officer)
    response = client.post(
        reverse("relations:log-contact", args=[partner.pk]),
        {
            "occurred_on": "2030-01-01",
            "channel": "email",
            "direction": "outgoing",
            "subject_local": "Newest of all",
        },
        HTTP_HX_REQUEST="true",
    )
    html = response.content.decode()
    assert response.status_code == 200
    newest = Contact.objects.get(subject_local="Newest of all")
    assert _entry_ids(html)[0] == f"contact-{newest.pk}"
    assert len(_entry_ids(html)) == TIMELINE_PAGE_SIZE
    links = re.search(r'<nav class="pagination" id="timeline-pages"[^>]*>', html).group(0)
    assert 'hx-swap-oob="true"' in links
    older = _older_link(html)
    assert older.startswith(reverse("relations:partner-detail", args=[partner.pk]) + "?before=")
