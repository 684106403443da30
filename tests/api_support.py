"""Fixtures and helpers shared by the API tests (tests/*/test_api_*.py).

Import the fixtures a module uses by name (``from tests.api_support import api, unthrottled``):
pytest picks up fixtures from a test module's namespace.
"""

from __future__ import annotations

import pytest
from rest_framework.authtoken.models import Token
from rest_framework.test import APIClient

from tests.factories import UserFactory

NO_THROTTLING = {"user": None, "anon": None, "auth": None}


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """Throttle counters live in the shared Redis: keep them out of tests that don't test them."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": NO_THROTTLING}


def client_for(user) -> APIClient:
    """A client that sends the user's API token, as a script would, and reads English."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        token, _ = Token.objects.get_or_create(user=user)
        client.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    return client


@pytest.fixture
def api(db):
    """``api("officer")`` → a token client for a new user of that role (``None``: anonymous)."""

    def make(role: str | None = "officer", **user_fields) -> APIClient:
        if role is None:
            return APIClient(HTTP_ACCEPT_LANGUAGE="en")
        if role == "admin":
            user = UserFactory(is_superuser=True, **user_fields)
        else:
            user = UserFactory(role=role, **user_fields)
        client = client_for(user)
        client.user = user
        return client

    return make


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> set[int]:
    return {row["id"] for row in results(response)}
