"""The page ``/search/?q=``: grouped by kind with counts and links, the box in every page's
header, no query → the box alone, a bad query → 400 with the reason, never a 500."""

from __future__ import annotations

import pytest

from tests.factories import OfficialFactory, PartnerFactory, UserFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def tacoma():
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", country="US")
    OfficialFactory(name="John Hines", name_local="海因斯", partner=partner)
    return partner


def test_the_header_of_every_page_has_the_search_box(client, officer):
    client.force_login(officer)
    for url in ("/", "/partners/", "/visits/", "/follow-ups/", "/profile/"):
        html = client.get(url).content.decode()
        assert 'class="top-search"' in html, url
        assert 'action="/search/"' in html, url


def test_results_are_grouped_by_kind_with_counts_and_links(client, officer, tacoma):
    client.force_login(officer)
    response = client.get("/search/", {"q": "塔可玛"})
    assert response.status_code == 200
    html = response.content.decode()
    assert 'id="found-partners"' in html
    assert f'href="/partners/{tacoma.pk}/"' in html
    assert "塔可瑪市" in html
    assert 'id="found-officials"' not in html  # no official matches 塔可玛
    html = client.get("/search/", {"q": "Hines"}).content.decode()
    assert 'id="found-officials"' in html
    assert "海因斯" in html


def test_the_page_speaks_english_too(client, officer, tacoma):
    officer.language = "en"
    officer.save(update_fields=["language"])
    client.force_login(officer)
    html = client.get("/search/", {"q": "Tacoma"}, HTTP_ACCEPT_LANGUAGE="en").content.decode()
    assert "<h1>Search</h1>" in html
    assert "Partners" in html


def test_no_query_shows_the_box_alone_and_nothing_found_says_so(client, officer, tacoma):
    client.force_login(officer)
    response = client.get("/search/")
    assert response.status_code == 200
    assert 'class="search-group"' not in response.content.decode()
    response = client.get("/search/", {"q": "Zyxwvut"})
    assert response.status_code == 200
    assert 'class="empty"' in response.content.decode()


def test_a_too_long_query_is_a_400_with_the_reason(client, officer):
    client.force_login(officer)
    response = client.get("/search/", {"q": "x" * 201})
    assert response.status_code == 400
    assert 'id="search-error"' in response.content.decode()


@pytest.mark.parametrize(
    "query", ["\x00", "a\x00b", "%", "_", "\\", "'", "²", "9" * 5000, "🙂", "[]", "１２", "   "]
)
def test_hostile_queries_never_500(client, officer, query):
    client.force_login(officer)
    assert client.get("/search/", {"q": query}).status_code in (200, 400)


def test_signed_out_goes_to_sign_in_and_no_role_is_403(client):
    assert client.get("/search/", {"q": "x"}).status_code == 302
    client.force_login(UserFactory())
    assert client.get("/search/", {"q": "x"}).status_code == 403
