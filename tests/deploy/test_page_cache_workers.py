"""Every gunicorn worker sees a publish at once, though each keeps pages in memory.

Real gunicorn workers (lantana.wsgi, as in production) serve from their own memory
(lantana/pagecache/local.py) and learn of purges only from Redis's invalidations;
the publish happens here, in a third process. Needs PostgreSQL, so that the
workers read the test's committed rows, and Redis.
"""

import socket
import subprocess
import sys
import time
import urllib.request
import uuid
from pathlib import Path

import pytest
from django.conf import settings
from django.db import connection

from tests.support.caching import TEST_REDIS_URL, needs_redis, publish

pytestmark = [
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL"),
    needs_redis,
]

GUNICORN = Path(sys.executable).parent / "gunicorn"


def free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def get(url: str) -> tuple[bytes, str]:
    with urllib.request.urlopen(url, timeout=30) as response:  # noqa: S310
        return response.read(), response.headers.get("X-Page-Cache", "")


@pytest.fixture
def shared_cache(settings):
    """Redis under a key prefix of this test's own, here and in the workers."""
    prefix = f"test-{uuid.uuid4().hex[:8]}"
    settings.CACHES = {
        **settings.KEPT_PARTS_CACHES,
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": prefix,
        },
    }
    settings.PAGE_CACHE_SECONDS = 300
    return prefix


@pytest.fixture
def workers(shared_cache, tmp_path):
    db = connection.settings_dict
    port = free_port()
    env = {
        "PATH": "/usr/bin:/bin",
        "DJANGO_SETTINGS_MODULE": "tests.deploy.pagecache_settings",
        "DATABASE_URL": f"postgres://{db['USER']}@{db['HOST']}:{db['PORT']}/{db['NAME']}",
        "REDIS_URL": TEST_REDIS_URL,
        "CACHE_KEY_PREFIX": shared_cache,
    }
    log = (tmp_path / "gunicorn.log").open("w")
    process = subprocess.Popen(  # noqa: S603
        [
            str(GUNICORN),
            "lantana.wsgi:application",
            "--workers",
            "2",
            "--bind",
            f"127.0.0.1:{port}",
            "--no-control-socket",
        ],
        cwd=settings.BASE_DIR,
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        assert process.poll() is None, (tmp_path / "gunicorn.log").read_text()
        try:
            get(base + "/robots.txt")
            break
        except OSError:
            assert time.monotonic() < deadline, "gunicorn did not start"
            time.sleep(0.2)
    yield base
    process.terminate()
    process.wait(timeout=30)
    log.close()


def test_every_worker_sees_a_publish_at_once(home, workers):
    answers = [get(workers + "/") for _ in range(40)]
    assert answers[0][1] == "miss"
    assert all(cache == "hit" for _, cache in answers[2:])  # from memory or Redis
    home.hero_heading = "A new front door"
    publish(home)  # here: the workers hear of it from Redis only
    for _ in range(40):
        body, _ = get(workers + "/")
        assert b"A new front door" in body
