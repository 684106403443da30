"""Request throttling: rates read from the settings at request time, counted in Redis.

DRF's own throttles copy ``DEFAULT_THROTTLE_RATES`` into a class attribute when the
module is imported, so a changed setting (tests, ``override_settings``) never reaches
them. These read the current setting on every request; a rate of ``None`` turns the
scope off.

The counting is DRF's rule — at most N requests in the last period, a refused request
not counted, ``Retry-After`` when the oldest counted one leaves the period — kept in a
Redis sorted set per client (the request times) by one Lua script: one round trip per
request, atomic. DRF keeps the same times as a pickled list in the cache, read and
written back whole on every request: two round trips and the whole list (thousands of
floats for a script working through the API) pickled each time, and two requests at
once can both read the list before either writes it back, so one of them goes
uncounted. The key is DRF's cache key (``throttle_<scope>_<ident>`` in the default
cache's namespace), so deleting it through the cache resets a client, as before.
"""

from __future__ import annotations

import secrets

from django.core.cache import cache
from redis.commands.core import Script
from rest_framework import throttling
from rest_framework.settings import api_settings

# Drop the times older than the period, then count: room left → record this request
# (its time as score, a random member so that two at the same instant both count) and
# answer -1; no room → answer the oldest counted time.
_SLIDING_LOG = """
local key, now, period = KEYS[1], tonumber(ARGV[1]), tonumber(ARGV[2])
redis.call('ZREMRANGEBYSCORE', key, '-inf', now - period)
if redis.call('ZCARD', key) < tonumber(ARGV[3]) then
    redis.call('ZADD', key, now, ARGV[4])
    redis.call('EXPIRE', key, math.ceil(period))
    return -1
end
return redis.call('ZRANGE', key, 0, 0, 'WITHSCORES')[2]
"""
# Run by its hash (EVALSHA), loaded into the server on first use.
SLIDING_LOG = Script(None, _SLIDING_LOG.encode())


class _RedisRateMixin:
    scope: str

    def get_rate(self):
        return api_settings.DEFAULT_THROTTLE_RATES.get(self.scope)

    def allow_request(self, request, view) -> bool:
        if self.rate is None:
            return True
        self.key = self.get_cache_key(request, view)
        if self.key is None:
            return True
        self.now = self.timer()
        key = cache.make_and_validate_key(self.key)
        # The default cache's own Redis client (django.core.cache.backends.redis).
        client = cache._cache.get_client(key, write=True)
        oldest = SLIDING_LOG(
            keys=[key],
            args=[repr(self.now), self.duration, self.num_requests, secrets.token_hex(8)],
            client=client,
        )
        self.oldest = float(oldest)
        return self.oldest < 0

    def wait(self) -> float:
        """Seconds until the oldest counted request leaves the period (DRF rounds up)."""
        return max(0.0, self.duration - (self.now - self.oldest))


class UserRateThrottle(_RedisRateMixin, throttling.UserRateThrottle):
    """Signed-in clients, by user; anonymous ones by address (``anon`` scope below)."""


class AnonRateThrottle(_RedisRateMixin, throttling.AnonRateThrottle):
    """Anonymous clients (the token endpoint, mostly), by address."""


class AuthRateThrottle(_RedisRateMixin, throttling.AnonRateThrottle):
    """The token endpoint, by address, on top of the per-username+address lock-out."""

    scope = "auth"
