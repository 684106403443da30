"""``GET /api/v1/search/?q=``: the header search's results as JSON, the same as the page's;
any role may read; a missing, empty or too long query is a 400 that says why."""

from __future__ import annotations

import re

import pytest
import yaml
from django.core.management import call_command

from tests.api_support import client_for
from tests.factories import (
    CommitmentFactory,
    ContactFactory,
    GiftFactory,
    OfficialFactory,
    PartnerFactory,
    UserFactory,
    VisitFactory,
)

pytestmark = pytest.mark.django_db

URL = "/api/v1/search/"


@pytest.fixture
def tacoma():
    partner = PartnerFactory(name="Tacoma", name_local="塔可瑪市", country="US")
    OfficialFactory(name="John Hines", name_local="海因斯", partner=partner)
    visit = VisitFactory(title="Tacoma trip", title_local="塔可瑪參訪")
    visit.partners.add(partner)
    for n in range(3):
        ContactFactory(partner=partner, subject=f"Tacoma call {n}", subject_local=f"塔可瑪電話{n}")
    CommitmentFactory(partner=partner, visit=visit, title="Send Tacoma the books")
    GiftFactory(partner=partner, description="Tacoma glass bowl")
    return partner


def ids_by_kind(groups) -> dict[str, tuple[int, list[int]]]:
    return {g["kind"]: (g["count"], [h["id"] for h in g["hits"]]) for g in groups if g["count"]}


@pytest.mark.parametrize("role", ["viewer", "officer", "manager"])
def test_any_role_may_search(api, tacoma, role):
    response = api(role).get(URL, {"q": "塔可玛"})
    assert response.status_code == 200, response.content
    body = response.json()
    assert body["query"] == "塔可玛"
    assert [g["kind"] for g in body["groups"]] == [
        "partners",
        "officials",
        "organizations",
        "contacts",
        "visits",
        "commitments",
        "invitations",
        "gifts",
    ]
    partners = body["groups"][0]
    assert partners["count"] == 1
    assert partners["hits"] == [
        {
            "id": tacoma.pk,
            "name": "Tacoma",
            "name_local": "塔可瑪市",
            "context_name": "",
            "context_name_local": "",
            "date": None,
            "url": f"/partners/{tacoma.pk}/",
        }
    ]


def test_anonymous_is_401_and_a_user_without_a_role_403(api, tacoma):
    assert api(None).get(URL, {"q": "Tacoma"}).status_code == 401
    assert client_for(UserFactory()).get(URL, {"q": "Tacoma"}).status_code == 403


@pytest.mark.parametrize("query", ["Tacoma", "塔可玛", "海因斯", "United States", "tacoma call"])
def test_the_api_shows_what_the_page_shows(api, client, officer, tacoma, query):
    body = api("officer").get(URL, {"q": query}).json()
    client.force_login(officer)
    html = client.get("/search/", {"q": query}).content.decode()
    on_page: dict[str, tuple[int, list[int]]] = {}
    for kind, block in re.findall(
        r'<section class="search-group" id="found-(\w+)"(.*?)</section>', html, re.S
    ):
        count = int(re.search(r"<small class=\"muted\">\((\d+)\+?\)</small>", block).group(1))
        on_page[kind] = (count, [int(i) for i in re.findall(r'data-id="(\d+)"', block)])
    assert on_page == ids_by_kind(body["groups"])
    assert on_page  # every query here finds something


def test_the_limit_sets_the_hits_per_kind_not_the_count(api, tacoma):
    body = api("officer").get(URL, {"q": "Tacoma call", "limit": 2}).json()
    contacts = next(g for g in body["groups"] if g["kind"] == "contacts")
    assert (contacts["count"], len(contacts["hits"]), contacts["more"]) == (3, 2, False)


@pytest.mark.parametrize(
    ("params", "message"),
    [
        ({}, "This field is required."),
        ({"q": ""}, "Type a word to search for."),
        ({"q": "   "}, "Type a word to search for."),
        ({"q": "x" * 201}, "Search for at most 200 characters."),
    ],
)
def test_a_missing_empty_or_too_long_query_is_a_400_that_says_why(api, params, message):
    response = api("officer").get(URL, params)
    assert response.status_code == 400, response.content
    assert response.json() == {"q": [message]}


@pytest.mark.parametrize("limit", ["0", "51", "ten", "1e3", "-1", "9" * 50])
def test_a_bad_limit_is_a_400(api, limit):
    response = api("officer").get(URL, {"q": "Tacoma", "limit": limit})
    assert response.status_code == 400, response.content
    assert list(response.json()) == ["limit"]


@pytest.mark.parametrize("query", ["\x00", "a\x00b", "%", "_%_", "\\", "'", "²", "🙂", "x" * 200])
def test_hostile_queries_are_answered_without_a_500(api, query):
    response = api("officer").get(URL, {"q": query})
    assert response.status_code in (200, 400), response.content


def test_the_schema_documents_the_search(tmp_path):
    target = tmp_path / "schema.yaml"
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    operation = yaml.safe_load(target.read_text())["paths"][URL]["get"]
    parameters = {p["name"]: p for p in operation["parameters"]}
    assert parameters["q"]["required"] is True
    assert parameters["q"]["schema"]["maxLength"] == 200
    assert parameters["limit"]["schema"]["maximum"] == 50
    assert {"200", "400"} <= set(operation["responses"])
