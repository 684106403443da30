"""Secrets that can be revoked and do not leak (issue: revocable secrets).

* API tokens (django-rest-knox): stored as a hash only, they expire after
  ``API_TOKEN_TTL_DAYS``, and a user revokes them all and gets a new one (API, profile).
* The calendar address: not stored at all (an HMAC of a random key under SECRET_KEY);
  regenerated from the profile page, the API and the admin; 404 for a user with no role.
"""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.db import connection
from django.urls import reverse
from knox.models import AuthToken
from rest_framework.test import APIClient

from crm.core import api_tokens
from crm.core.models import User
from tests.factories import UserFactory

pytestmark = pytest.mark.django_db


def token_client(token: str) -> APIClient:
    client = APIClient(HTTP_ACCEPT_LANGUAGE="en")
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    return client


def test_the_database_holds_no_api_token_in_plain_text():
    user = UserFactory(role="officer")
    token, _expiry = api_tokens.issue(user)
    with connection.cursor() as cursor:
        cursor.execute("SELECT * FROM knox_authtoken")
        stored = " ".join(str(value) for row in cursor.fetchall() for value in row)
    assert token not in stored
    assert token_client(token).get("/api/v1/me/").status_code == 200


def test_an_api_token_expires_after_its_time_to_live(settings):
    user = UserFactory(role="officer")
    with time_machine.travel(dt.datetime(2025, 1, 1, tzinfo=dt.UTC), tick=False):
        token, expiry = api_tokens.issue(user)
    assert expiry == dt.datetime(2025, 1, 1, tzinfo=dt.UTC) + dt.timedelta(days=90)
    with time_machine.travel(dt.datetime(2025, 3, 31, tzinfo=dt.UTC), tick=False):
        assert token_client(token).get("/api/v1/me/").status_code == 200
    with time_machine.travel(dt.datetime(2025, 4, 2, tzinfo=dt.UTC), tick=False):
        assert token_client(token).get("/api/v1/me/").status_code == 401


def test_regenerating_api_tokens_through_the_api_revokes_every_old_one():
    user = UserFactory(role="officer")
    laptop, script = api_tokens.issue(user)[0], api_tokens.issue(user)[0]
    response = token_client(laptop).post("/api/v1/auth/token/regenerate/")
    assert response.status_code == 200
    fresh = response.json()["token"]
    assert token_client(laptop).get("/api/v1/me/").status_code == 401
    assert token_client(script).get("/api/v1/me/").status_code == 401
    assert token_client(fresh).get("/api/v1/me/").status_code == 200
    assert AuthToken.objects.filter(user=user).count() == 1


def test_regenerating_api_tokens_on_the_profile_page_shows_the_new_one_once(client):
    user = UserFactory(role="officer")
    old = api_tokens.issue(user)[0]
    client.force_login(user)
    response = client.post(reverse("pages:api-token"))
    assert response.status_code == 200
    fresh = response.context["new_token"]
    assert fresh in response.content.decode()
    assert token_client(old).get("/api/v1/me/").status_code == 401
    assert token_client(fresh).get("/api/v1/me/").status_code == 200
    assert fresh not in client.get(reverse("pages:profile")).content.decode()


def _feed(client, user) -> int:
    return client.get(reverse("calendar-feed", args=[user.calendar_token])).status_code


def test_the_database_holds_no_calendar_address(client):
    user = UserFactory(role="officer")
    stored = " ".join(str(v) for v in User.objects.filter(pk=user.pk).values().first().values())
    assert user.calendar_token not in stored
    assert _feed(client, user) == 200


def test_the_calendar_address_is_regenerated_from_the_profile_page(client):
    user = UserFactory(role="officer")
    old_url = reverse("calendar-feed", args=[user.calendar_token])
    client.force_login(user)
    response = client.post(reverse("pages:calendar-regenerate"))
    assert response.status_code == 302
    user.refresh_from_db()
    assert client.get(old_url).status_code == 404
    assert _feed(client, user) == 200
    assert user.calendar_token in client.get(reverse("pages:profile")).content.decode()


def test_the_calendar_address_is_regenerated_through_the_api():
    user = UserFactory(role="viewer")
    old = user.calendar_token
    client = token_client(api_tokens.issue(user)[0])
    response = client.post("/api/v1/me/calendar/")
    assert response.status_code == 200
    user.refresh_from_db()
    assert old not in response.json()["calendar_url"]
    assert user.calendar_token in response.json()["calendar_url"]


def test_an_admin_regenerates_someones_calendar_address(client, admin_user):
    user = UserFactory(role="officer")
    old = user.calendar_token
    client.force_login(admin_user)
    response = client.post(
        reverse("admin:crm_user_changelist"),
        {"action": "regenerate_calendar_addresses", "_selected_action": [user.pk]},
    )
    assert response.status_code == 302
    user.refresh_from_db()
    assert user.calendar_token != old
    assert client.get(reverse("calendar-feed", args=[old])).status_code == 404


def test_a_user_without_a_role_gets_no_calendar(client):
    user = UserFactory()
    assert _feed(client, user) == 404


@pytest.mark.parametrize("token", ["%00", "1-" + "0" * 40, "abc", "1-" + "g" * 40, "9" * 400])
def test_a_malformed_or_unknown_calendar_address_is_a_404(client, token):
    assert client.get(f"/calendar/{token}.ics").status_code == 404
