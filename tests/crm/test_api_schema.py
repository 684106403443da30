"""OpenAPI schema at /api/schema/ (no generator warnings) and Swagger UI at /api/docs/ (no CDN)."""

from __future__ import annotations

import re

import pytest
import yaml
from django.contrib.staticfiles import finders
from django.core.management import call_command

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db


def test_the_schema_generates_and_validates_without_warnings(tmp_path):
    target = tmp_path / "schema.yaml"
    # --fail-on-warn turns any drf-spectacular warning or error into a failure.
    call_command("spectacular", "--validate", "--fail-on-warn", "--file", str(target))
    schema = yaml.safe_load(target.read_text())
    assert schema["openapi"].startswith("3.")
    paths = schema["paths"]
    for resource in (
        "partners",
        "agreements",
        "organizations",
        "officials",
        "contacts",
        "visits",
        "members",
        "engagements",
        "commitments",
        "events",
        "invitations",
        "gifts",
    ):
        assert f"/api/v1/{resource}/" in paths
        assert f"/api/v1/{resource}/{{id}}/history/" in paths
    for path in (
        "/api/v1/topics/{slug}/",
        "/api/v1/anniversaries/",
        "/api/v1/me/",
        "/api/v1/auth/token/",
        "/api/v1/commitments/{id}/complete/",
        "/api/v1/commitments/{id}/review/",
    ):
        assert path in paths


def test_the_schema_documents_errors_and_etags():
    from drf_spectacular.generators import SchemaGenerator

    schema = SchemaGenerator().get_schema(request=None, public=True)
    patch = schema["paths"]["/api/v1/partners/{id}/"]["patch"]
    assert {"400", "401", "403", "404", "412"} <= set(patch["responses"])
    assert "If-Match" in {p["name"] for p in patch["parameters"]}
    assert "ETag" in schema["paths"]["/api/v1/partners/{id}/"]["get"]["responses"]["200"]["headers"]
    assert "409" in schema["paths"]["/api/v1/partners/{id}/"]["delete"]["responses"]
    filters = {p["name"] for p in schema["paths"]["/api/v1/partners/"]["get"]["parameters"]}
    assert {
        "kind",
        "status",
        "country",
        "owner",
        "topic",
        "established_after",
        "established_before",
        "health",
        "q",
        "ordering",
        "page",
        "page_size",
    } <= filters


def test_the_schema_and_docs_need_a_signed_in_user(api):
    anonymous = api(None)
    assert anonymous.get("/api/schema/").status_code == 401
    assert anonymous.get("/api/docs/").status_code == 401
    response = api("viewer").get("/api/schema/", HTTP_ACCEPT="application/vnd.oai.openapi+json")
    assert response.status_code == 200
    assert response.json()["info"]["title"] == "Sister City CRM API"


def test_swagger_ui_loads_its_assets_from_our_own_static_files(api):
    response = api("viewer").get("/api/docs/")
    assert response.status_code == 200
    html = response.content.decode()
    assets = re.findall(r'(?:src|href)="([^"]+)"', html)
    assert any("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js" in a for a in assets)
    for asset in assets:
        assert not asset.startswith(("http://", "https://", "//")), asset
    # The files are really there to be served.
    assert finders.find("drf_spectacular_sidecar/swagger-ui-dist/swagger-ui-bundle.js")


def test_healthz_is_still_open_to_anyone(client):
    response = client.get("/healthz")
    assert response.status_code in {200, 503}
    assert set(response.json()) >= {"status", "database", "broker"}
