"""Final answers kept in each process's memory, for the generation they were drawn in.

A hit from Redis still waits for one round trip to it, as long as the rest of the
hit together. So each process also keeps the final answers it has served
(store.lookup_final) under keys that hold the site-wide generation. Whether the
generation is still current is lantana.core.generation's question: it trusts its
copy only while Redis would tell it of a change, and answers None (no cache at
all) while one of its own purges has not reached Redis. When the generation moves
on, everything kept for the old one is dropped.

Only with a Redis cache (REDIS_URL); each process keeps at most
PAGE_CACHE_LOCAL_MB of answers (0 turns this off).
"""

import os
import threading
import time

from django.conf import settings
from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from django.core.signals import setting_changed
from django.dispatch import receiver


class LocalAnswers:
    def __init__(self, limit_bytes: int):
        self.limit = limit_bytes
        self.lock = threading.Lock()
        self.generation = None
        self.answers: dict = {}  # what the answer is kept as -> (expires, answer)
        self.size = 0

    def _move_to(self, gen: int) -> None:
        if gen != self.generation:
            self.generation = gen
            self.answers.clear()
            self.size = 0

    def get(self, answer_key, gen: int):
        with self.lock:
            self._move_to(gen)
            kept = self.answers.get(answer_key)
            if kept is None or kept[0] <= time.time():
                return None
            return kept[1]

    def keep(self, answer_key, gen: int, expires: float, answer) -> None:
        with self.lock:
            if gen != self.generation:
                return  # read under a generation this process has left behind
            old = self.answers.pop(answer_key, None)
            if old is not None:
                self.size -= len(old[1][2])
            size = len(answer[2])
            if self.size + size > self.limit:
                self.answers.clear()
                self.size = 0
            self.answers[answer_key] = (expires, answer)
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
        _local[pid] = LocalAnswers(limit) if usable else None
    return _local[pid]


def reset() -> None:
    _local.clear()


@receiver(setting_changed)
def settings_changed(setting, **kwargs):
    if setting in {"CACHES", "PAGE_CACHE_ALIAS", "PAGE_CACHE_LOCAL_MB"}:
        reset()
