"""Shared fixtures. Tests run against the real PostgreSQL and Redis of the settings."""

from __future__ import annotations

import gc

import pytest
from rest_framework.test import APIClient

from tests.api_support import NO_THROTTLING, client_for
from tests.factories import UserFactory

# Migrating the test database builds some ten thousand model classes, and the tests create
# model instances by the hundred thousand: at CPython's default threshold (700 new objects)
# the collector ran a collection every few hundred of them, most over objects that live for
# the whole session. A larger first generation cut the test database's creation from 26.6 s
# to 19.4 s on the 2-core machine (README "Tests"), for about 100 MB more memory.
gc.set_threshold(50_000, 20, 20)


@pytest.fixture(autouse=True)
def _fast_passwords(settings):
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]


@pytest.fixture(autouse=True)
def _media_in_tmp(settings, tmp_path_factory):
    """Uploaded attachments (API, admin, pages, schemathesis) never land in .data/media."""
    settings.MEDIA_ROOT = tmp_path_factory.getbasetemp() / "media"


@pytest.fixture
def viewer(db):
    return UserFactory(role="viewer")


@pytest.fixture
def officer(db):
    return UserFactory(role="officer")


@pytest.fixture
def manager(db):
    return UserFactory(role="manager")


@pytest.fixture
def admin_user(db):
    return UserFactory(username="root", is_superuser=True, is_staff=True)


@pytest.fixture
def demo(db):
    """The demo data set of the reference trip report, loaded as `make run` loads it."""
    from django.core.management import call_command

    call_command("load_demo", verbosity=0)


@pytest.fixture(autouse=True)
def _no_address_limit(settings):
    """Failed sign-ins of every test pile up per address in the shared Redis; only the tests
    of that limit (tests/crm/test_signin_limits.py) set it low, on addresses of their own."""
    settings.SIGNIN_FAILURES_PER_ADDRESS = 10**9


@pytest.fixture(autouse=True)
def unthrottled(settings):
    """Throttle counters live in the shared Redis: keep them out of tests that don't test them."""
    settings.REST_FRAMEWORK = {**settings.REST_FRAMEWORK, "DEFAULT_THROTTLE_RATES": NO_THROTTLING}


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
