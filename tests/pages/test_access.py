"""Roles of SPEC §4 on every page and action: anonymous users are sent to sign in,
viewers read everything but change nothing (403 on a forged POST), officers cannot
review or reassign, and act only on their own follow-ups."""

from __future__ import annotations

import pytest
from django.urls import reverse

from tests.factories import (
    CommitmentFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

PAGES = [
    ("pages:dashboard", ()),
    ("pages:profile", ()),
    ("relations:partner-list", ()),
    ("relations:partner-detail", ("partner",)),
    ("visits:visit-list", ()),
    ("visits:visit-detail", ("visit",)),
    ("visits:follow-ups", ()),
]


@pytest.fixture
def rows(officer):
    partner = PartnerFactory(owner=officer)
    visit = VisitFactory()
    commitment = CommitmentFactory(owner=officer, partner=partner, visit=visit)
    return {"partner": partner, "visit": visit, "commitment": commitment}


def _url(name, args, rows):
    return reverse(name, args=[rows[a].pk for a in args])


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_it_sends_anonymous_users_to_the_login_page(client, rows, name, args):
    url = _url(name, args, rows)
    response = client.get(url)
    assert response.status_code == 302
    assert response["Location"] == f"{reverse('login')}?next={url}"


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_viewers_read_every_page(client, viewer, rows, name, args):
    client.force_login(viewer)
    assert client.get(_url(name, args, rows)).status_code == 200


@pytest.mark.parametrize(("name", "args"), PAGES)
def test_a_signed_in_user_without_a_role_is_refused(client, rows, name, args):
    client.force_login(UserFactory())
    assert client.get(_url(name, args, rows)).status_code == 403


def _forged_posts(rows):
    partner, visit, commitment = rows["partner"], rows["visit"], rows["commitment"]
    return [
        (reverse("relations:log-contact", args=[partner.pk]), {"subject": "x", "channel": "email"}),
        (reverse("visits:member-add", args=[visit.pk]), {"order": 1, "name": "X"}),
        (reverse("visits:engagement-add", args=[visit.pk]), {"title": "X", "kind": "meeting"}),
        (reverse("visits:commitment-add", args=[visit.pk]), {"title": "X"}),
        (reverse("visits:visit-edit", args=[visit.pk]), {"title": "X", "version": 1}),
        (reverse("visits:complete", args=[commitment.pk]), {"outcome": "Done", "version": 1}),
        (reverse("visits:change-due", args=[commitment.pk]), {"due_on": "2030-01-01"}),
        (reverse("visits:reassign", args=[commitment.pk]), {"owner": commitment.owner_id}),
        (reverse("visits:review", args=[commitment.pk]), {"version": 1}),
    ]


def test_a_viewer_gets_403_on_every_forged_post_and_nothing_changes(client, viewer, rows):
    client.force_login(viewer)
    for url, data in _forged_posts(rows):
        assert client.post(url, data).status_code == 403, url
        assert client.post(url, data, HTTP_HX_REQUEST="true").status_code == 403, url
    commitment = rows["commitment"]
    commitment.refresh_from_db()
    assert (commitment.status, commitment.version) == ("open", 1)
    assert not rows["partner"].contacts.exists()
    assert not rows["visit"].members.exists()


def test_anonymous_posts_are_sent_to_sign_in(client, rows):
    for url, data in _forged_posts(rows):
        response = client.post(url, data)
        assert response.status_code == 302, url
        assert response["Location"].startswith(reverse("login"))


def test_an_officer_cannot_review_or_reassign_and_nothing_changes(client, officer, rows):
    client.force_login(officer)
    commitment = rows["commitment"]
    colleague = UserFactory(role="officer")
    for name, data in (
        ("visits:review", {"version": 1}),
        ("visits:reassign", {"owner": colleague.pk, "version": 1}),
    ):
        response = client.post(reverse(name, args=[commitment.pk]), data)
        assert response.status_code == 403, name
    commitment.refresh_from_db()
    assert (commitment.owner_id, commitment.reviewed_by_id, commitment.version) == (
        officer.pk,
        None,
        1,
    )


def test_an_officer_completes_a_colleagues_follow_up_as_in_the_api(client, officer):
    """SPEC §4: officers update any record (a colleague covering a follow-up is normal)."""
    theirs = CommitmentFactory(owner=UserFactory(role="officer"))
    client.force_login(officer)
    response = client.post(
        reverse("visits:complete", args=[theirs.pk]), {"outcome": "Done", "version": 1}
    )
    assert response.status_code == 302
    theirs.refresh_from_db()
    assert (theirs.status, theirs.outcome, theirs.version) == ("done", "Done", 2)


def test_a_viewer_sees_no_edit_controls(client, viewer, rows):
    OfficialFactory(partner=rows["partner"])
    client.force_login(viewer)
    for url in (
        reverse("relations:partner-detail", args=[rows["partner"].pk]),
        reverse("visits:visit-detail", args=[rows["visit"].pk]),
        reverse("visits:follow-ups"),
    ):
        html = client.get(url).content.decode()
        main = html[html.index("<main") :]
        assert 'method="post"' not in main, url
        assert "hx-post" not in main, url


def test_an_officer_sees_the_edit_controls(client, officer, rows):
    client.force_login(officer)
    partner_page = client.get(reverse("relations:partner-detail", args=[rows["partner"].pk]))
    assert b'id="log-contact"' in partner_page.content
    visit_page = client.get(reverse("visits:visit-detail", args=[rows["visit"].pk]))
    for form in (b'id="add-member"', b'id="add-engagement"', b'id="add-commitment"'):
        assert form in visit_page.content
