"""Django's Redis cache, except that a dead Redis is a cache miss, not an error.

The cache only ever saves work: with Redis down or unreachable, pages are still served, only
slower. Django's own ``RedisCache`` raises on every call then (``redis.ConnectionError``), which
would turn an outage of the cache into an outage of the site. This backend catches the
connection's failures (refused, reset, timed out), logs one warning per ten seconds at most,
and answers as a miss: ``get`` the default, ``get_many`` nothing, ``add``/``delete``/``touch``/
``has_key`` False, ``set`` nothing stored, ``incr`` as if the key held 0. Anything else (a
key that is not valid, a value that will not pickle) still raises: those are bugs.

Short socket timeouts keep a hung Redis from holding a request: ``CACHES["default"]["OPTIONS"]``
(``socket_connect_timeout``, ``socket_timeout``; set in settings.py from ``CACHE_TIMEOUT``).
``ping()`` is what ``/healthz`` asks.
"""

from __future__ import annotations

import functools

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import ConnectionError as RedisConnectionError
from redis.exceptions import TimeoutError as RedisTimeoutError

from clusterportal import faults

#: What a dead or unreachable Redis raises. redis-py's own errors, and the socket's (OSError)
#: where it lets one through.
UNAVAILABLE = (RedisConnectionError, RedisTimeoutError, OSError)


def _miss(default_result):
    """Decorate a cache operation: on UNAVAILABLE, log (throttled) and return the miss value
    (``default_result(*args, **kwargs)`` when callable)."""

    def decorate(method):
        @functools.wraps(method)
        def wrapper(self, *args, **kwargs):
            try:
                return method(self, *args, **kwargs)
            except UNAVAILABLE as error:
                faults.warn(
                    "cache", "Cache unavailable: %s treated as a miss (%s)", method.__name__, faults.one_line(error)
                )
                return default_result(*args, **kwargs) if callable(default_result) else default_result

        return wrapper

    return decorate


class ReusingRedisCacheClient(RedisCacheClient):
    """Django's Redis client, keeping one ``redis.Redis`` per connection pool instead of making
    one per call: building it (options, response callbacks) cost 0.15–0.2 ms a call, as much as
    the round trip of a page-cache hit. ``redis.Redis`` is thread-safe over its pool."""

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._clients[index] = self._client(connection_pool=self._get_connection_pool(write))
        return client


class ResilientRedisCache(RedisCache):
    """``django.core.cache.backends.redis.RedisCache`` that survives Redis being down."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusingRedisCacheClient

    @_miss(False)
    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().add(key, value, timeout, version)

    @_miss(lambda key, default=None, version=None: default)
    def get(self, key, default=None, version=None):
        return super().get(key, default, version)

    @_miss(None)
    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set(key, value, timeout, version)

    @_miss(False)
    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return super().touch(key, timeout, version)

    @_miss(False)
    def delete(self, key, version=None):
        return super().delete(key, version)

    @_miss(lambda keys, version=None: {})
    def get_many(self, keys, version=None):
        return super().get_many(keys, version)

    @_miss(False)
    def has_key(self, key, version=None):
        return super().has_key(key, version)

    # decr() is incr(key, -delta) in BaseCache, so it is covered too.
    @_miss(lambda key, delta=1, version=None: delta)
    def incr(self, key, delta=1, version=None):
        return super().incr(key, delta, version)

    # Nothing was stored; Django's contract lists the keys that failed, the Redis backend never does.
    @_miss(lambda data, timeout=DEFAULT_TIMEOUT, version=None: list(data))
    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return super().set_many(data, timeout, version)

    @_miss(None)
    def delete_many(self, keys, version=None):
        return super().delete_many(keys, version)

    @_miss(False)
    def clear(self):
        return super().clear()

    def ping(self) -> bool:
        """Whether Redis answers (``/healthz``); never raises for a dead server."""
        try:
            return bool(self._cache.get_client(write=True).ping())
        except UNAVAILABLE as error:
            faults.warn("healthz-cache", "Health check: cache down (%s)", faults.one_line(error))
            return False
