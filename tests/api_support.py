"""Helpers shared by the API tests; their fixtures (``api``, ``unthrottled``) are declared
once, in ``tests/conftest.py``."""

from __future__ import annotations

from rest_framework.test import APIClient

from crm.core import api_tokens

NO_THROTTLING = {"user": None, "anon": None, "auth": None}


def client_for(user) -> APIClient:
    """A client that sends the user's API token, as a script would, and reads English."""
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    if user is not None:
        client.credentials(HTTP_AUTHORIZATION=f"Token {api_tokens.issue(user)[0]}")
    return client


def results(response) -> list[dict]:
    assert response.status_code == 200, response.content
    return response.json()["results"]


def ids(response) -> set[int]:
    return {row["id"] for row in results(response)}
