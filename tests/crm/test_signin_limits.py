"""Sign-in limits that a client cannot dodge (issue: throttles behind a proxy).

* DRF's throttles key on the address the trusted proxies saw, not on whatever
  X-Forwarded-For a client sends (``NUM_PROXIES`` follows ``TRUSTED_PROXY_COUNT``).
* Every sign-in door (pages, admin, token) refuses an address after
  ``SIGNIN_FAILURES_PER_ADDRESS`` failures, whatever the usernames tried (password
  spraying), while other addresses still sign in.
"""

from __future__ import annotations

import itertools

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from rest_framework.test import APIClient

from tests.factories import UserFactory

pytestmark = pytest.mark.django_db

PASSWORD = "correct-horse-battery"
TOKEN_URL = "/api/v1/auth/token/"
forged = (f"203.0.113.{n % 250 + 1}" for n in itertools.count())
own_addresses = (f"10.77.{n // 250}.{n % 250 + 1}" for n in itertools.count())
ELSEWHERE = "10.78.0.1"


@pytest.fixture
def officer_user(db):
    return UserFactory(username="chen", role="officer", password=PASSWORD)


def _counters(*ips: str) -> list[str]:
    return [f"{prefix}{ip}" for ip in ips for prefix in ("signin-failures:", "throttle_auth_")]


@pytest.fixture
def address():
    """A REMOTE_ADDR of the test's own; its counters (and ELSEWHERE's) cleared around it."""
    ip = next(own_addresses)
    cache.delete_many(_counters(ip, ELSEWHERE, "198.51.100.9"))
    yield ip
    cache.delete_many(_counters(ip, ELSEWHERE, "198.51.100.9"))


def token_sign_in(username: str, password: str, address: str):
    client = APIClient(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=next(forged))
    return client.post(TOKEN_URL, {"username": username, "password": password})


def test_a_forged_x_forwarded_for_does_not_escape_the_token_throttle(
    officer_user, address, settings
):
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "auth": "3/minute"},
    }
    answers = [token_sign_in("chen", PASSWORD, address).status_code for _ in range(5)]
    assert answers == [200, 200, 200, 429, 429]


def test_behind_one_trusted_proxy_the_throttle_keys_on_the_address_the_proxy_saw(
    officer_user, address, settings
):
    settings.TRUSTED_PROXY_COUNT = 1
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "NUM_PROXIES": 1,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "auth": "2/minute"},
    }
    proxy = APIClient(REMOTE_ADDR="10.0.0.254")

    def through_proxy(client_address: str) -> int:
        return proxy.post(
            TOKEN_URL,
            {"username": "chen", "password": PASSWORD},
            HTTP_X_FORWARDED_FOR=f"{next(forged)}, {client_address}",
        ).status_code

    assert [through_proxy(address) for _ in range(3)] == [200, 200, 429]
    assert through_proxy("198.51.100.9") == 200  # another client behind the same proxy


def _page_sign_in(door: str, username: str, password: str, address: str) -> bool:
    client = Client(REMOTE_ADDR=address, HTTP_X_FORWARDED_FOR=next(forged))
    url = reverse("login") if door == "pages" else reverse("admin:login")
    client.post(url, {"username": username, "password": password})
    return "_auth_user_id" in client.session


def _token_signed_in(door: str, username: str, password: str, address: str) -> bool:
    return token_sign_in(username, password, address).status_code == 200


DOORS = {"pages": _page_sign_in, "admin": _page_sign_in, "token": _token_signed_in}


@pytest.mark.parametrize("door", DOORS)
def test_password_spraying_from_one_address_is_stopped_at_every_door(door, address, settings):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 3
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": None, "anon": None, "auth": None},
    }
    UserFactory(username="chen", role="officer", password=PASSWORD, is_staff=True)
    sign_in = DOORS[door]
    # Three different usernames, one failure each: the per-username lock-out never trips.
    for name in ("lin", "wang", "huang"):
        assert not sign_in(door, name, "guess-1234", address)
    # Now even the right password fails from this address…
    assert not sign_in(door, "chen", PASSWORD, address)
    # …while the same user signs in from elsewhere.
    assert sign_in(door, "chen", PASSWORD, ELSEWHERE)


def test_below_the_limit_a_user_who_mistyped_still_signs_in(address, settings):
    settings.SIGNIN_FAILURES_PER_ADDRESS = 3
    UserFactory(username="chen", role="officer", password=PASSWORD)
    assert not _page_sign_in("pages", "chen", "typo", address)
    assert not _page_sign_in("pages", "lin", "typo", address)
    assert _page_sign_in("pages", "chen", PASSWORD, address)
