"""Final answers kept in each process's memory, dropped the moment Redis says so.

A hit from Redis still waits for one round trip to it, as long as the rest of the
hit together. So each process also keeps the final answers it has served
(store.lookup_final) with the generation tokens they were drawn under, and trusts
its copy of a token only while Redis would tell it of any change:

- one extra connection per process asks Redis for client-side-caching
  invalidations of every generation key (`CLIENT TRACKING ON BCAST PREFIX`,
  RESP3 push messages; Redis 6 or later);
- before each lookup the process reads what has arrived on it without waiting;
  a changed, deleted, expired or flushed token is forgotten, so the next lookup
  goes to Redis. Redis sends the invalidation as part of the write (a purge's
  DEL), so a purge is seen by every process's next request, as before;
- if that connection fails, everything kept is dropped and lookups go to Redis
  until it is back (tried at most once a second): a missed invalidation can never
  leave a stale page served.

Only with a Redis cache (REDIS_URL); each process keeps at most
PAGE_CACHE_LOCAL_MB of answers (0 turns this off).
"""

import logging
import os
import threading
import time

import redis
from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver

logger = logging.getLogger("lantana.pagecache")

RETRY_SECONDS = 1.0


class LocalAnswers:
    def __init__(self, backend: RedisCache, limit_bytes: int):
        self.backend = backend
        self.limit = limit_bytes
        self.prefix = backend.make_key("pagecache:gen:")
        self.lock = threading.Lock()
        self.client = None
        self.retry_at = 0.0
        self.epoch = 0  # one more each time the tracking connection is made
        self.tokens: dict[str, str] = {}  # full Redis key -> token
        self.answers: dict[str, tuple] = {}  # answer key -> (expires, tokens, answer)
        self.size = 0

    # --- the tracking connection ---------------------------------------------

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
                "CLIENT", "TRACKING", "ON", "BCAST", "PREFIX", self.prefix
            )
            client.connection._parser.set_invalidation_push_handler(self._invalidated)
        except (redis.RedisError, OSError):
            self.retry_at = time.monotonic() + RETRY_SECONDS
            return False
        self.client = client
        self.epoch += 1
        return True

    def _invalidated(self, message) -> None:
        keys = message[1] if len(message) > 1 else None
        if keys is None:  # FLUSHDB, FLUSHALL, or too many to list
            self.tokens.clear()
            return
        for key in keys:
            self.tokens.pop(key.decode() if isinstance(key, bytes) else key, None)

    def _drop_connection(self) -> None:
        try:
            self.client.close()
        except (redis.RedisError, OSError):
            pass
        self.client = None
        self.retry_at = time.monotonic() + RETRY_SECONDS
        self.forget_all()

    def _sync(self) -> bool:
        """Apply every invalidation that has arrived; False if none can be trusted."""
        if self.client is None:
            return False
        connection = self.client.connection
        try:
            while connection.can_read(0):
                connection.read_response(push_request=True)
        except (redis.RedisError, OSError):
            self._drop_connection()
            return False
        return True

    # --- what is kept --------------------------------------------------------

    def forget_all(self) -> None:
        self.tokens.clear()
        self.answers.clear()
        self.size = 0

    def forget_tokens(self, keys) -> None:
        """This process's own purges, without waiting for Redis to say so."""
        with self.lock:
            for key in keys:
                self.tokens.pop(self.backend.make_key(key), None)

    def get(self, answer_key: str, token_keys: list[str]):
        """(the kept answer or None, the epoch to pass to keep(); None: untracked)."""
        with self.lock:
            if not (self._connect() and self._sync()):
                return None, None
            kept = self.answers.get(answer_key)
            if kept is None:
                return None, self.epoch
            expires, tokens, answer = kept
            current = tuple(
                self.tokens.get(self.backend.make_key(key)) for key in token_keys
            )
            if expires <= time.time() or tokens != current:
                return None, self.epoch
            return answer, self.epoch

    def keep(self, epoch, answer_key, token_keys, tokens, expires, answer) -> None:
        """Keep an answer read from Redis with its tokens, after get() said `epoch`.

        Tracking was on before that read (same epoch: the connection never
        dropped in between), so any change since is among the invalidations
        applied below, after the tokens are set.
        """
        with self.lock:
            if epoch is None or epoch != self.epoch or self.client is None:
                return
            for key, token in zip(token_keys, tokens, strict=True):
                self.tokens[self.backend.make_key(key)] = token
            if not self._sync():
                return
            old = self.answers.pop(answer_key, None)
            if old is not None:
                self.size -= len(old[2][2])
            size = len(answer[2])
            if self.size + size > self.limit:
                self.answers.clear()
                self.size = 0
            self.answers[answer_key] = (expires, tokens, answer)
            self.size += size


_local: dict[int, LocalAnswers | None] = {}  # per process (gunicorn forks)


def local_answers() -> LocalAnswers | None:
    """This process's LocalAnswers, or None when there is no Redis cache."""
    pid = os.getpid()
    if pid not in _local:
        _local.clear()
        backend = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
        limit = getattr(settings, "PAGE_CACHE_LOCAL_MB", 32) * 1024 * 1024
        usable = isinstance(backend, RedisCache) and limit > 0
        _local[pid] = LocalAnswers(backend, limit) if usable else None
    return _local[pid]


def reset() -> None:
    """Forget this process's LocalAnswers (settings changed, e.g. in tests)."""
    for local in _local.values():
        if local is not None and local.client is not None:
            local._drop_connection()
    _local.clear()


@receiver(setting_changed)
def settings_changed(setting, **kwargs):
    if setting in {"CACHES", "PAGE_CACHE_ALIAS", "PAGE_CACHE_LOCAL_MB"}:
        reset()
