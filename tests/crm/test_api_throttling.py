"""The API throttle counts in Redis as DRF's rule says, atomically (crm.api.throttling)."""

from __future__ import annotations

import datetime as dt
import secrets
import threading
from types import SimpleNamespace

import time_machine
from django.core.cache import cache

from crm.api.throttling import UserRateThrottle

START = dt.datetime(2026, 11, 30, 9, 0, 0, tzinfo=dt.UTC)


def a_client():
    """A request of a user no other test uses (the counts live in the shared Redis)."""
    ident = 10**9 + secrets.randbelow(10**9)
    return SimpleNamespace(user=SimpleNamespace(is_authenticated=True, pk=ident)), ident


def throttle(settings, rate: str) -> UserRateThrottle:
    settings.REST_FRAMEWORK = {
        **settings.REST_FRAMEWORK,
        "DEFAULT_THROTTLE_RATES": {"user": rate, "anon": None, "auth": None},
    }
    return UserRateThrottle()


def test_a_refused_request_is_not_counted_and_the_oldest_one_frees_the_way(settings):
    request, ident = a_client()
    try:
        with time_machine.travel(START, tick=False) as clock:
            assert throttle(settings, "2/minute").allow_request(request, None)
            clock.shift(1)
            assert throttle(settings, "2/minute").allow_request(request, None)
            clock.shift(1)
            refused = throttle(settings, "2/minute")
            assert not refused.allow_request(request, None)
            assert refused.wait() == 58.0  # the first request leaves the minute at 0:60
            clock.shift(58.5)  # 0:60.5: the first is out, the refused one never counted
            assert throttle(settings, "2/minute").allow_request(request, None)
            assert not throttle(settings, "2/minute").allow_request(request, None)
    finally:
        cache.delete(f"throttle_user_{ident}")


def test_requests_at_the_same_moment_are_each_counted_once(settings):
    request, ident = a_client()
    answers = []
    start = threading.Barrier(20)

    def ask():
        limiter = UserRateThrottle()
        start.wait()
        answers.append(limiter.allow_request(request, None))

    throttle(settings, "10/minute")
    try:
        threads = [threading.Thread(target=ask) for _ in range(20)]
        for thread in threads:
            thread.start()
        for thread in threads:
            thread.join()
    finally:
        cache.delete(f"throttle_user_{ident}")
    assert sorted(answers) == [False] * 10 + [True] * 10


def test_deleting_the_cache_key_resets_a_client(settings):
    request, ident = a_client()
    try:
        assert throttle(settings, "1/hour").allow_request(request, None)
        assert not throttle(settings, "1/hour").allow_request(request, None)
        cache.delete(f"throttle_user_{ident}")
        assert throttle(settings, "1/hour").allow_request(request, None)
    finally:
        cache.delete(f"throttle_user_{ident}")
