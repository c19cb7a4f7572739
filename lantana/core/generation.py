"""One generation for everything the site serves from a cache.

Every change a visitor could see (publish, unpublish, move, delete, privacy, a
snippet, image, document or setting saved: lantana/pagecache/signals.py) calls
`bump()`. Whole pages in Redis, each worker's copies of them, the kept page parts
and the site chrome are all keyed on `current()`, so one bump retires every
cached thing at once; nothing needs to know which page shows what.

- **The database row is the truth** (`CacheGeneration`): `bump()` increments it
  inside the change's own transaction, so a change never commits without its purge,
  and writes the new value to Redis at once; once the transaction commits it
  increments and writes it again, since a request that read the old rows before
  the commit may have stored them under the first value. Redis is written with a
  "never lower" script, so a slow writer never sets it back.
- **A purge is never lost**: if Redis cannot take the value, the failure is
  logged and retried from this process every RETRY_SECONDS, and meanwhile this
  process serves nothing from any cache. Every process also compares Redis with
  the database at least every CHECK_SECONDS: a value there that Redis lacks (its
  writer died, or lost Redis) is written again, and until it is, that process
  too serves nothing from cache.
- **Each process keeps its copy** of the Redis value while Redis would tell it of
  any change (client-side caching, `CLIENT TRACKING ... BCAST`; Redis 6+), so a
  page served from memory costs no round trip. A copy read before an invalidation
  arrived (from any thread) is never kept: see `Tracker.keep`.

Purges and failures to purge are logged (logger `lantana.cache`) with the
generation only, never a page's content or address.
"""

import logging
import os
import threading
import time

import redis
from django.apps import apps
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import request_started, setting_changed
from django.db import DatabaseError, connection, transaction
from django.db.models import F
from django.dispatch import receiver

from .cache import OutageLog

logger = logging.getLogger("lantana.cache")

KEY = "cache:generation"
CHECK_SECONDS = 1.0
RETRY_SECONDS = 0.5
# Sets the key to ARGV[1] unless it already holds a higher value; returns the result.
NEVER_LOWER = """
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
local wanted = tonumber(ARGV[1])
if wanted > current then
    redis.call('SET', KEYS[1], ARGV[1])
    return wanted
end
return current
"""


def _alias() -> str:
    return getattr(settings, "PAGE_CACHE_ALIAS", "default")


def _rows():
    # By name: lantana.core.models reads the generation (site settings).
    return apps.get_model("core", "CacheGeneration").objects.filter(pk=1)


def stored_value() -> int | None:
    """The generation in the database; None if it cannot be read."""
    try:
        if not connection.in_atomic_block:
            connection.close_if_unusable_or_obsolete()
        return _rows().values_list("value", flat=True).first() or 1
    except DatabaseError:
        return None


def increment() -> int:
    """One more in the database (in the current transaction, if any)."""
    rows = _rows()
    if not rows.update(value=F("value") + 1):
        rows.model.objects.get_or_create(pk=1, defaults={"value": 2})
    return rows.values_list("value", flat=True)[0]


class Tracker:
    """This process's copy of the Redis value, trusted until Redis says it changed."""

    def __init__(self, backend: RedisCache):
        self.backend = backend
        self.key = backend.make_and_validate_key(KEY)
        self.lock = threading.Lock()
        self.client = None
        self.retry_at = 0.0
        self.value: int | None = None
        # One more for every invalidation and reconnection: a value read before
        # one of them is stale even if another thread consumed the message.
        self.changes = 0

    def _connect(self) -> bool:
        if self.client is not None:
            return True
        if time.monotonic() < self.retry_at:
            return False
        try:
            client = redis.Redis.from_url(
                self.backend._servers[0],
                protocol=3,
                single_connection_client=True,
                socket_connect_timeout=0.5,
                socket_timeout=0.5,
            )
            client.execute_command(
                "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.key
            )
            client.connection._parser.set_invalidation_push_handler(self._invalidated)
        except (redis.RedisError, OSError):
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self.client = client
        self.changes += 1
        return True

    def _invalidated(self, message) -> None:
        self.value = None
        self.changes += 1

    def _drop(self) -> None:
        try:
            self.client.close()
        except (redis.RedisError, OSError):
            pass
        self.client = None
        self.value = None
        self.changes += 1
        self.retry_at = time.monotonic() + RETRY_SECONDS

    def _sync(self) -> bool:
        """Apply every invalidation that has arrived; False if none can be trusted."""
        if not self._connect():
            return False
        connection_ = self.client.connection
        try:
            while connection_.can_read(0):
                connection_.read_response(push_request=True)
        except (redis.RedisError, OSError):
            self._drop()
            return False
        return True

    def get(self) -> tuple[int | None, int | None]:
        """(the trusted value or None, a ticket for keep(); None: untracked)."""
        with self.lock:
            if not self._sync():
                return None, None
            return self.value, self.changes

    def keep(self, value: int, ticket: int | None) -> None:
        """Trust `value`, read from Redis after get() gave `ticket`, unless anything
        changed in between: tracking was on before the read, so a change since is
        among the invalidations applied here."""
        with self.lock:
            if ticket is None or not self._sync() or ticket != self.changes:
                return
            self.value = value

    def forget(self) -> None:
        with self.lock:
            self.value = None
            self.changes += 1

    def close(self) -> None:
        with self.lock:
            if self.client is not None:
                self._drop()


class Generation:
    """The generation as this process sees it (one per process: gunicorn forks)."""

    def __init__(self):
        self.lock = threading.Lock()
        self.pending: int | None = None  # a value Redis has not taken yet
        self.retrying = False
        self.seen_in_db = 0
        self.checked_at = float("-inf")
        backend = caches[_alias()]
        self.redis = isinstance(backend, RedisCache)
        self.tracker = Tracker(backend) if self.redis else None
        self.local = threading.local()
        # One line per outage, shared with the cache's own (ResilientRedisCache).
        self.outage = getattr(backend, "outage", None) or OutageLog()

    # --- reading -------------------------------------------------------------

    def current(self, check_database: bool = True) -> int | None:
        """The generation to key cached things on; None: use no cache now.

        Read once per request. `check_database=False` skips the comparison with
        the database (at most one query a second), for callers that must keep a
        fixed number of queries (the site chrome).
        """
        memo = getattr(self.local, "value", None)
        if memo is not None:
            return memo
        if self.pending is not None:
            return None  # this process's purge has not reached Redis yet
        value = self._read_cache()
        if value is not None and check_database:
            value = self._checked_db(value)
            if value is not None:
                self.local.value = value
        return value

    def forget_request_memo(self) -> None:
        self.local.value = None

    def _read_cache(self) -> int | None:
        ticket = None
        if self.tracker is not None:
            value, ticket = self.tracker.get()
            if value is not None:
                return value
        try:
            value = self._cache_get()
        except Exception as error:  # noqa: BLE001 — any backend's outage: no cache
            self._outage("read", error)
            return None
        self.outage.succeeded()
        if value is None:  # never written, evicted or flushed: the database knows
            value = stored_value()
            if value is None or not self._publish(value):
                return None
        if self.tracker is not None:
            self.tracker.keep(value, ticket)
        return value

    def _checked_db(self, cached: int) -> int | None:
        """`cached`, or the database's value when it is ahead (None: no cache)."""
        now = time.monotonic()
        if now - self.checked_at < CHECK_SECONDS:
            return cached
        self.checked_at = now
        value = stored_value()
        if value is None or value <= cached:
            return cached
        logger.warning(
            "Cache generation %s in the database is ahead of the cache's %s",
            value,
            cached,
        )
        if self._publish(value):
            return value
        self._retry_later(value, "found in the database")
        return None

    def _cache_get(self) -> int | None:
        backend = caches[_alias()]
        if self.redis:
            client = backend._cache.get_client(self.tracker.key)
            raw = client.get(self.tracker.key)
            return None if raw is None else int(raw)
        return backend.get(KEY)

    # --- writing -------------------------------------------------------------

    def bump(self, reason: str) -> None:
        """Retire everything cached: now, and again once the transaction commits."""
        value = increment()
        self._forget_copies()
        if not self._publish(value):
            self._retry_later(value, reason)
        if connection.in_atomic_block:
            transaction.on_commit(lambda: self._committed(reason))
        else:
            logger.info("Cache purged: generation %s (%s)", value, reason)

    def _committed(self, reason: str) -> None:
        try:
            value = increment()
        except DatabaseError as error:
            self._outage("increment", error)
            return  # the value written before the commit stands
        self._forget_copies()
        if self._publish(value):
            logger.info("Cache purged: generation %s (%s)", value, reason)
        else:
            self._retry_later(value, reason)

    def _forget_copies(self) -> None:
        self.forget_request_memo()
        if self.tracker is not None:
            self.tracker.forget()

    def _retry_later(self, value: int, reason: str) -> None:
        logger.error(
            "Cache purge to generation %s (%s) could not reach the cache; retrying, "
            "and serving nothing from cache in this process until it does",
            value,
            reason,
        )
        with self.lock:
            self.pending = max(self.pending or 0, value)
            start = not self.retrying
            self.retrying = True
        if start:
            threading.Thread(target=self._retry, daemon=True).start()

    def _retry(self) -> None:
        while True:
            time.sleep(RETRY_SECONDS)
            with self.lock:
                value = self.pending
            if value is None or self._publish(value):
                with self.lock:
                    if self.pending == value:
                        self.pending = None
                        self.retrying = False
                        logger.warning(
                            "Cache purge to generation %s reached the cache", value
                        )
                        return

    def _publish(self, value: int) -> bool:
        backend = caches[_alias()]
        try:
            if self.redis:
                client = backend._cache.get_client(self.tracker.key, write=True)
                client.eval(NEVER_LOWER, 1, self.tracker.key, value)
            else:
                with self.lock:
                    if (backend.get(KEY) or 0) < value:
                        backend.set(KEY, value, None)
        except Exception as error:  # noqa: BLE001 — any backend's outage
            self._outage("write", error)
            return False
        return True

    def _outage(self, operation: str, error: Exception) -> None:
        self.outage.failed(f"generation {operation}", error)


_generations: dict[int, Generation] = {}


def generation() -> Generation:
    """This process's Generation (made after a fork, and again after settings change)."""
    pid = os.getpid()
    found = _generations.get(pid)
    if found is None:
        reset()
        found = _generations[pid] = Generation()
    return found


def current(check_database: bool = True) -> int | None:
    return generation().current(check_database)


def bump(reason: str) -> None:
    generation().bump(reason)


def reset() -> None:
    for found in _generations.values():
        if found.tracker is not None:
            found.tracker.close()
    _generations.clear()


@receiver(request_started)
def _new_request(**kwargs):
    found = _generations.get(os.getpid())
    if found is not None:
        found.forget_request_memo()


@receiver(setting_changed)
def _settings_changed(setting, **kwargs):
    if setting in {"CACHES", "PAGE_CACHE_ALIAS"}:
        reset()
