"""Hostile request bodies get a 400 with a message, never a 500 (SPEC §5.2)."""

from __future__ import annotations

import pytest
from django.core.cache import cache
from rest_framework.test import APIClient

pytestmark = pytest.mark.django_db

DEEP = "[" * 50_000


def test_deeply_nested_json_to_the_anonymous_token_endpoint_is_a_400():
    client = APIClient(REMOTE_ADDR="10.66.0.1", HTTP_ACCEPT_LANGUAGE="en")
    cache.delete_many(["throttle_anon_10.66.0.1", "throttle_auth_10.66.0.1"])
    response = client.post("/api/v1/auth/token/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]


@pytest.mark.parametrize("resource", ["partners", "contacts", "visits", "commitments", "gifts"])
def test_deeply_nested_json_to_a_resource_is_a_400(api, resource):
    response = api("officer").post(f"/api/v1/{resource}/", DEEP, content_type="application/json")
    assert response.status_code == 400
    assert "nested too deeply" in response.json()["detail"]
