"""A Redis cache that degrades to "no cache" instead of failing the request.

Every read misses and every write is dropped while Redis is unreachable; the first
failure is logged, and again after Redis has answered in between.
"""

import logging

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache, RedisCacheClient
from redis.exceptions import RedisError

logger = logging.getLogger("lantana.cache")


class OutageLog:
    """Logs the first failure of an outage, not one line per request."""

    def __init__(self):
        self.down = False

    def failed(self, operation: str, error: Exception) -> None:
        if not self.down:
            self.down = True
            logger.warning(
                "Cache unavailable (%s during %s); serving without it",
                type(error).__name__,
                operation,
            )

    def succeeded(self) -> None:
        self.down = False


class SafeCache:
    """Calls on one of Django's caches where any backend's failure is a miss.

    For code that must never fail a request on the cache (the page cache, kept
    parts): `safe("get", None, key)` returns the default instead of raising, and
    the outage is logged once.
    """

    def __init__(self, alias):
        self.alias = alias  # a name, or a callable returning one (read per call)
        self.outage = OutageLog()

    def __call__(self, operation: str, default, *args):
        alias = self.alias() if callable(self.alias) else self.alias
        try:
            result = getattr(caches[alias], operation)(*args)
        except Exception as error:  # any backend's outage: go on without it
            self.outage.failed(operation, error)
            return default
        self.outage.succeeded()
        return result


def _resilient(name, default=None):
    def method(self, *args, **kwargs):
        try:
            result = getattr(super(ResilientRedisCache, self), name)(*args, **kwargs)
        except (RedisError, OSError) as error:  # refused, timed out, went away
            self.outage.failed(name, error)
            return default() if callable(default) else default
        self.outage.succeeded()
        return result

    method.__name__ = name
    return method


class ReusedClientRedisCacheClient(RedisCacheClient):
    """One redis-py client per connection pool, not a new one for every call.

    Django builds a client per cache call, and redis-py copies its table of
    response callbacks into each: a measurable share of a page that makes
    several cache calls. The pool, and so the connections, is shared either way;
    redis-py clients are safe to share between threads.
    """

    def __init__(self, servers, **options):
        super().__init__(servers, **options)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        pool = self._get_connection_pool(write)
        client = self._clients.get(id(pool))
        if client is None:
            client = self._clients[id(pool)] = self._client(connection_pool=pool)
        return client


class ResilientRedisCache(RedisCache):
    """Django's RedisCache, but an outage means misses, never a 500."""

    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = ReusedClientRedisCacheClient
        self.outage = OutageLog()

    def get(self, key, default=None, version=None):
        try:
            result = super().get(key, default, version)
        except (RedisError, OSError) as error:
            self.outage.failed("get", error)
            return default
        self.outage.succeeded()
        return result

    add = _resilient("add", False)
    set = _resilient("set")
    touch = _resilient("touch", False)
    delete = _resilient("delete", False)
    get_many = _resilient("get_many", dict)
    has_key = _resilient("has_key", False)
    incr = _resilient("incr", 0)
    set_many = _resilient("set_many", list)
    delete_many = _resilient("delete_many")
    clear = _resilient("clear", False)
