"""The test settings with the page cache on Redis, for gunicorn workers started by
test_page_cache_workers.py (a process of its own cannot take pytest's overrides)."""

import os

from lantana.settings.test import *  # noqa: F403

CACHES = {
    "default": {
        "BACKEND": "lantana.core.cache.ResilientRedisCache",
        "LOCATION": os.environ["REDIS_URL"],
        "KEY_PREFIX": os.environ["CACHE_KEY_PREFIX"],
        "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
    },
    **KEPT_PARTS_CACHES,  # noqa: F405
}
PAGE_CACHE_SECONDS = 300
