"""Every invalid input is a 400 ``{field: [messages]}``, never a 500 (SPEC §5.2)."""

from __future__ import annotations

import json

import pytest
from django.core.exceptions import ValidationError
from django.db import DataError, IntegrityError

from crm.api.exceptions import exception_handler
from tests.factories import PartnerFactory, VisitFactory

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize(
    ("body", "fields"),
    [
        (
            {
                "title": "T",
                "direction": "outbound",
                "start_on": "2024-02-30",
                "end_on": "2024-03-01",
            },
            {"start_on"},
        ),
        (
            {
                "title": "T",
                "direction": "outbound",
                "start_on": "22/07/2024",
                "end_on": "2024-07-31",
            },
            {"start_on"},
        ),
        (
            {
                "title": "T",
                "direction": "outbound",
                "start_on": "2024-07-31",
                "end_on": "2024-07-22",
            },
            {"end_on"},
        ),
        (
            {
                "title": "T",
                "direction": "sideways",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
            },
            {"direction"},
        ),
        (
            {
                "title": "x" * 301,
                "direction": "inbound",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
            },
            {"title"},
        ),
        (
            {"title": ["a"], "direction": "inbound", "start_on": 20240722, "end_on": "2024-07-31"},
            {"title", "start_on"},
        ),
        (
            {
                "title": "T",
                "direction": "inbound",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
                "partners": [999999],
            },
            {"partners"},
        ),
        (
            {
                "title": "T",
                "direction": "inbound",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
                "partners": "1",
            },
            {"partners"},
        ),
        (
            {
                "title": "nul\x00byte",
                "direction": "inbound",
                "start_on": "2024-07-22",
                "end_on": "2024-07-31",
            },
            {"title"},
        ),
        ({}, {"title", "direction", "start_on", "end_on"}),
    ],
)
def test_bad_bodies_are_400_per_field(api, body, fields):
    response = api("officer").post("/api/v1/visits/", body, format="json")
    assert response.status_code == 400, response.content
    assert set(response.json()) == fields
    assert all(isinstance(messages, list) for messages in response.json().values())


@pytest.mark.parametrize(
    ("field", "value"),
    [("population", 2**40), ("population", -5), ("population", "many"), ("website", "not a url")],
)
def test_out_of_range_and_wrong_type_values_are_400(api, field, value):
    partner = PartnerFactory()
    response = api("officer").patch(f"/api/v1/partners/{partner.pk}/", {field: value})
    assert response.status_code == 400
    assert set(response.json()) == {field}


def test_malformed_json_is_a_400(api):
    response = api("officer").post(
        "/api/v1/partners/", data="{not json", content_type="application/json"
    )
    assert response.status_code == 400
    assert "detail" in response.json()


def test_a_body_that_is_not_an_object_is_a_400(api):
    response = api("officer").post(
        "/api/v1/partners/", data="[1, 2]", content_type="application/json"
    )
    assert response.status_code == 400
    assert "non_field_errors" in response.json()


def test_a_body_that_is_not_json_is_a_415(api):
    response = api("officer").post(
        "/api/v1/partners/", data="name=Tacoma", content_type="application/x-www-form-urlencoded"
    )
    assert response.status_code == 415


def test_an_unsupported_method_is_a_405_with_allow(api):
    response = api("manager").put("/api/v1/partners/", {})
    assert response.status_code == 405
    assert "GET" in response["Allow"]


def test_a_protected_delete_names_every_kind_of_blocker(api):
    visit = VisitFactory()
    from tests.factories import CommitmentFactory, ContactFactory, GiftFactory

    ContactFactory(visit=visit)
    CommitmentFactory.create_batch(2, visit=visit)
    GiftFactory(visit=visit)
    response = api("manager").delete(f"/api/v1/visits/{visit.pk}/")
    assert response.status_code == 409
    assert response.json()["blockers"] == {"commitments": 2, "contacts": 1, "gifts": 1}


# The exception handler on its own: database refusals that slip past validation ----------------


def test_a_model_validation_error_becomes_a_400_with_non_field_errors():
    response = exception_handler(
        ValidationError({"__all__": ["Bad row."], "name": ["Bad name."]}), {}
    )
    assert response.status_code == 400
    assert response.data == {"name": ["Bad name."], "non_field_errors": ["Bad row."]}


@pytest.mark.parametrize(
    "error", [IntegrityError("duplicate key value"), DataError("value too long")]
)
def test_database_refusals_become_400(error):
    response = exception_handler(error, {})
    assert response.status_code == 400
    assert "non_field_errors" in response.data


def test_a_permission_error_from_a_service_is_a_403():
    assert exception_handler(PermissionError("no"), {}).status_code == 403


@pytest.mark.parametrize(
    ("field", "value"),
    [
        ("name", 5),  # a number for a string
        ("name", "lone \ud800 surrogate"),  # valid JSON, not storable as UTF-8
        ("owner", "1"),  # a string for an id
        ("population", "5"),  # a string for an integer
        ("population", True),
        ("topics", {}),  # an object for a list
        ("topics", "education"),
        ("topics", [1]),  # a number for a slug
    ],
)
def test_values_of_the_wrong_json_type_are_400_not_coerced(api, field, value):
    body = {"name": "Tacoma", "kind": "sister", "country": "US", field: value}
    # json.dumps escapes a lone surrogate as \ud800, as any JSON client may send it.
    response = api("officer").post(
        "/api/v1/partners/", json.dumps(body), content_type="application/json"
    )
    assert response.status_code == 400, response.content
    assert set(response.json()) == {field}


def test_a_decimal_is_written_as_a_string(api):
    body = {"direction": "given", "description": "Tea", "date": "2024-07-23"}
    client = api("officer")
    refused = client.post("/api/v1/gifts/", {**body, "estimated_value": 150}, format="json")
    assert set(refused.json()) == {"estimated_value"}
    accepted = client.post("/api/v1/gifts/", {**body, "estimated_value": "150"}, format="json")
    assert accepted.json()["estimated_value"] == "150.00"


def test_an_unknown_path_under_the_api_is_a_json_404_for_any_method(api):
    client = api("manager")
    for method in (client.get, client.delete, client.post):
        response = method("/api/v1/partners/0.5/")
        assert response.status_code == 404
        assert response["Content-Type"] == "application/json"


def test_error_messages_follow_the_requested_language(api):
    client = api("viewer")
    english = client.get("/api/v1/partners/", {"page_size": "0"}).json()["page_size"][0]
    chinese = client.get(
        "/api/v1/partners/", {"page_size": "0"}, HTTP_ACCEPT_LANGUAGE="zh-hant"
    ).json()["page_size"][0]
    assert english == "Enter a whole number of 1 or more."
    assert chinese != english


def test_dates_at_the_end_of_the_calendar_are_not_a_500(api):
    client = api("manager")
    partner = client.post(
        "/api/v1/partners/", {"name": "Far", "kind": "sister", "country": "US"}
    ).json()["id"]
    for signed_on in ("9999-12-31", "9998-06-01"):
        created = client.post(
            "/api/v1/agreements/",
            {"partner": partner, "kind": "sister_city", "signed_on": signed_on},
        )
        assert created.status_code == 201, created.content
    # The 9998 signing has its first anniversary in 9999; the 9999 one has none to give.
    found = client.get(f"/api/v1/partners/{partner}/").json()["next_anniversary"]
    assert (found["date"], found["years"]) == ("9999-06-01", 1)
    last = client.post(
        "/api/v1/partners/", {"name": "Last", "kind": "sister", "country": "US"}
    ).json()["id"]
    client.post(
        "/api/v1/agreements/", {"partner": last, "kind": "sister_city", "signed_on": "9999-12-31"}
    )
    assert client.get(f"/api/v1/partners/{last}/").json()["next_anniversary"] is None
    assert client.get("/api/v1/partners/").status_code == 200
    assert client.get("/api/v1/anniversaries/", {"from": "9999-06-01"}).status_code == 200
    response = client.get("/api/v1/anniversaries/", {"from": "9990-01-01", "to": "9999-12-31"})
    assert response.status_code == 200
    assert [row["years"] for row in response.json()["results"]] == [1]
    visit = client.post(
        "/api/v1/visits/",
        {"title": "Late", "direction": "inbound", "start_on": "9999-11-01", "end_on": "9999-11-02"},
    )
    assert visit.status_code == 400
    assert set(visit.json()) == {"end_on"}


def test_an_id_beyond_the_database_range_is_a_400_or_404(api):
    client = api("officer")
    response = client.post("/api/v1/officials/", {"name": "X", "partner": 2**70}, format="json")
    assert response.status_code == 400
    assert set(response.json()) == {"partner"}
    assert client.get(f"/api/v1/officials/{2**70}/").status_code == 404
    assert client.get("/api/v1/officials/", {"partner": 2**70}).status_code == 400
