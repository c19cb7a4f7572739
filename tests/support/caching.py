"""Page cache helpers: publishing in one step, reading the cache header, and the
Redis the tests may use (TEST_REDIS_URL moves it, e.g. when several suites share
a server), or a cache configuration where nothing listens."""

import os
import socket

import pytest

from lantana.settings.base import KEPT_PARTS_CACHES

TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")

# Redis down: the site must render, logging the outage once.
REDIS_DOWN = {
    "default": {
        "BACKEND": "lantana.core.cache.ResilientRedisCache",
        "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
        "OPTIONS": {"socket_connect_timeout": 0.2},
    },
    **KEPT_PARTS_CACHES,
}


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


def hit(response) -> bool:
    return response.headers.get("X-Page-Cache") == "hit"


def redis_up() -> bool:
    with socket.socket() as probe:
        return probe.connect_ex(("127.0.0.1", 6379)) == 0


needs_redis = pytest.mark.skipif(not redis_up(), reason="no Redis on 127.0.0.1:6379")
