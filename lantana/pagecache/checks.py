"""`manage.py check --deploy`: no per-process cache behind several workers."""

import os

from django.conf import settings
from django.core import checks
from django.core.cache import caches
from django.core.cache.backends.locmem import LocMemCache

from . import store


@checks.register(checks.Tags.caches, deploy=True)
def check_shared_cache(app_configs=None, **kwargs):
    caching = store.enabled() or getattr(settings, "FRAGMENT_CACHE_SECONDS", 0) > 0
    backend = caches[getattr(settings, "PAGE_CACHE_ALIAS", "default")]
    single = os.environ.get("WEB_CONCURRENCY") == "1"
    if not caching or single or not isinstance(backend, LocMemCache):
        return []
    return [
        checks.Error(
            "The page cache lives in each process's memory, and a purge reaches only "
            "the process that made the change: every other worker would keep serving "
            "a withdrawn or private page.",
            hint="Set REDIS_URL (one Redis shared by every process), or run one "
            "process (WEB_CONCURRENCY=1), or turn the caches off "
            "(PAGE_CACHE_SECONDS=0 and FRAGMENT_CACHE_SECONDS=0).",
            id="pagecache.E001",
        )
    ]
