"""Token and session auth, 401 vs 403, the sign-in lock-out, throttling, ``me``."""

from __future__ import annotations

import datetime as dt

import pytest
import time_machine
from django.core.cache import cache
from rest_framework.test import APIClient

from tests.factories import UserFactory

# Fixtures shared by the API tests: pytest finds them in the module's namespace.

pytestmark = pytest.mark.django_db
TOKEN_URL = "/api/v1/auth/token/"


@pytest.fixture
def officer_user(db):
    return UserFactory(username="hsu", role="officer", password="correct-horse-battery")


def sign_in(password: str, *, username: str = "hsu", address: str = "10.0.0.1"):
    return APIClient(REMOTE_ADDR=address, HTTP_ACCEPT_LANGUAGE="en").post(
        TOKEN_URL, {"username": username, "password": password}
    )


def test_a_username_and_password_get_a_token_that_authenticates(officer_user):
    response = sign_in("correct-horse-battery")
    assert response.status_code == 200
    token = response.json()["token"]
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION=f"Token {token}")
    assert client.get("/api/v1/me/").json()["username"] == "hsu"
    # Each sign-in gets a token of its own; the first keeps working.
    second = sign_in("correct-horse-battery").json()["token"]
    assert second != token
    assert client.get("/api/v1/me/").status_code == 200


def test_wrong_credentials_are_a_400_without_saying_which_part_was_wrong(officer_user):
    response = sign_in("wrong")
    assert response.status_code == 400
    assert response.json() == {"non_field_errors": ["Unable to sign in with these credentials."]}
    assert sign_in("x", username="nobody").json() == response.json()


def test_missing_fields_are_a_400_per_field(db):
    response = APIClient().post(TOKEN_URL, {})
    assert set(response.json()) == {"username", "password"}


def test_an_inactive_user_gets_no_token(officer_user):
    officer_user.is_active = False
    officer_user.save()
    assert sign_in("correct-horse-battery").status_code == 400


def test_repeated_failures_lock_the_username_and_address_out_even_with_the_right_password(
    officer_user, settings
):
    settings.AXES_FAILURE_LIMIT = 3
    for _ in range(3):
        assert sign_in("wrong").status_code in {400, 429}
    locked = sign_in("correct-horse-battery")
    assert locked.status_code == 429
    assert "Too many failed sign-in attempts" in locked.json()["detail"]
    # Another address, or another username from this address, is not locked.
    assert sign_in("correct-horse-battery", address="10.0.0.2").status_code == 200
    UserFactory(username="lin", password="correct-horse-battery")
    assert sign_in("correct-horse-battery", username="lin").status_code == 200


def test_the_lock_out_ends_after_the_cool_off(officer_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    with time_machine.travel(dt.datetime(2024, 7, 1, 8, 0, tzinfo=dt.UTC)) as clock:
        sign_in("wrong")
        sign_in("wrong")
        assert sign_in("correct-horse-battery").status_code == 429
        clock.shift(dt.timedelta(minutes=16))
        assert sign_in("correct-horse-battery").status_code == 200


def test_a_success_clears_earlier_failures(officer_user, settings):
    settings.AXES_FAILURE_LIMIT = 2
    sign_in("wrong")
    assert sign_in("correct-horse-battery").status_code == 200
    sign_in("wrong")
    assert sign_in("correct-horse-battery").status_code == 200


def test_the_lock_out_also_guards_the_admin_sign_in(officer_user, settings, client):
    settings.AXES_FAILURE_LIMIT = 2
    for _ in range(2):
        client.post("/admin/login/", {"username": "hsu", "password": "wrong"})
    response = client.post(
        "/admin/login/", {"username": "hsu", "password": "correct-horse-battery"}
    )
    assert response.status_code == 429


def test_without_credentials_the_api_answers_401_with_a_challenge(db):
    response = APIClient().get("/api/v1/partners/")
    assert response.status_code == 401
    assert response["WWW-Authenticate"] == "Token"


def test_a_bad_token_is_a_401(db):
    client = APIClient()
    client.credentials(HTTP_AUTHORIZATION="Token not-a-token")
    assert client.get("/api/v1/partners/").status_code == 401


def test_a_signed_in_session_authenticates_too(db, client):
    client.force_login(UserFactory(role="viewer"))
    assert client.get("/api/v1/partners/").status_code == 200


def test_session_writes_need_the_csrf_token(db):
    client = APIClient(enforce_csrf_checks=True)
    client.force_login(UserFactory(role="officer"))
    response = client.post("/api/v1/organizations/", {"name": "X", "kind": "museum"})
    assert response.status_code == 403
    assert "CSRF" in response.json()["detail"]


def test_me_describes_the_signed_in_user(api, settings):
    settings.SITE_URL = "https://crm.example.gov.tw"
    client = api(
        "manager", first_name="Feng-Lan", last_name="Chang", language="en", roc_dates=False
    )
    user = client.user
    body = client.get("/api/v1/me/").json()
    assert body == {
        "id": user.pk,
        "username": user.username,
        "name": "Feng-Lan Chang",
        "email": user.email,
        "role": "manager",
        "language": "en",
        "roc_dates": False,
        "calendar_url": body["calendar_url"],
    }
    assert body["calendar_url"].startswith("https://crm.example.gov.tw/")
    assert user.calendar_token in body["calendar_url"]


def test_users_are_throttled_past_their_rate(api, settings):
    client = api("viewer")
    cache.delete(f"throttle_user_{client.user.pk}")
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": "2/minute", "anon": None, "auth": None},
    }
    try:
        assert client.get("/api/v1/topics/").status_code == 200
        assert client.get("/api/v1/topics/").status_code == 200
        throttled = client.get("/api/v1/topics/")
        assert throttled.status_code == 429
        assert int(throttled["Retry-After"]) > 0
    finally:
        cache.delete(f"throttle_user_{client.user.pk}")


def test_the_token_endpoint_is_throttled_by_address(officer_user, settings):
    address = "10.9.8.7"
    cache.delete(f"throttle_auth_{address}")
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "auth": "1/minute"},
    }
    try:
        assert sign_in("correct-horse-battery", address=address).status_code == 200
        assert sign_in("correct-horse-battery", address=address).status_code == 429
    finally:
        cache.delete(f"throttle_auth_{address}")
