"""Each process's own copy of final answers, kept honest by Redis's invalidations."""

import uuid

import pytest
import redis
from django.core.cache import caches

from lantana.pagecache import local, store
from tests.support.caching import TEST_REDIS_URL, publish

ANSWER = ("200 OK", [("Content-Type", "text/html")], b"<p>kept</p>")
TOKEN_KEYS = ["pagecache:gen:page:1", "pagecache:gen:site:1"]


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        }
    }
    yield caches["default"]
    local.reset()


def kept_answer(process, cache, expires=None):
    """What `process` serves after reading the answer from Redis once."""
    cache.set_many({TOKEN_KEYS[0]: "a", TOKEN_KEYS[1]: "b"})
    answer, epoch = process.get("answer", TOKEN_KEYS)
    assert answer is None and epoch is not None
    expires = expires or 4102444800  # 2100
    process.keep(epoch, "answer", TOKEN_KEYS, ("a", "b"), expires, ANSWER)
    return process.get("answer", TOKEN_KEYS)[0]


def wait_for_invalidations(process):
    # In production the next request comes an HTTP round trip after the purge;
    # here the test waits for Redis's push to reach the socket.
    try:
        process.client.connection.can_read(1)
    except redis.ConnectionError:
        pass  # closed: the next lookup finds out


def test_a_kept_answer_is_served_from_memory(redis_cache):
    process = local.LocalAnswers(redis_cache, 1024 * 1024)
    assert kept_answer(process, redis_cache) == ANSWER


def test_a_purge_by_another_process_is_seen_at_once(redis_cache):
    worker, other = (local.LocalAnswers(redis_cache, 1024 * 1024) for _ in range(2))
    assert kept_answer(worker, redis_cache) == ANSWER
    redis_cache.delete(TOKEN_KEYS[0])  # what a purge in `other` does
    wait_for_invalidations(worker)
    assert worker.get("answer", TOKEN_KEYS)[0] is None


def test_a_changed_site_token_or_a_flush_forgets_it_too(redis_cache):
    worker = local.LocalAnswers(redis_cache, 1024 * 1024)
    assert kept_answer(worker, redis_cache) == ANSWER
    redis_cache.set(TOKEN_KEYS[1], "c")
    wait_for_invalidations(worker)
    assert worker.get("answer", TOKEN_KEYS)[0] is None
    assert kept_answer(worker, redis_cache) == ANSWER
    redis.Redis.from_url(TEST_REDIS_URL).flushdb()
    wait_for_invalidations(worker)
    assert worker.get("answer", TOKEN_KEYS)[0] is None


def test_a_lost_tracking_connection_drops_everything_kept(redis_cache):
    worker = local.LocalAnswers(redis_cache, 1024 * 1024)
    assert kept_answer(worker, redis_cache) == ANSWER
    client_id = worker.client.client_id()
    redis.Redis.from_url(TEST_REDIS_URL).client_kill_filter(_id=client_id)
    wait_for_invalidations(worker)
    assert worker.get("answer", TOKEN_KEYS) == (None, None)
    assert not worker.answers and not worker.tokens
    # An answer read before the drop is not kept after it.
    worker.keep(1, "answer", TOKEN_KEYS, ("a", "b"), 4102444800, ANSWER)
    assert not worker.answers


def test_an_answer_expires_with_its_redis_entry(redis_cache):
    worker = local.LocalAnswers(redis_cache, 1024 * 1024)
    assert kept_answer(worker, redis_cache, expires=1.0) is None


def test_memory_is_bounded(redis_cache):
    worker = local.LocalAnswers(redis_cache, 3 * len(ANSWER[2]))
    redis_cache.set_many({TOKEN_KEYS[0]: "a", TOKEN_KEYS[1]: "b"})
    for n in range(10):
        _, epoch = worker.get(f"answer-{n}", TOKEN_KEYS)
        worker.keep(epoch, f"answer-{n}", TOKEN_KEYS, ("a", "b"), 4102444800, ANSWER)
        assert worker.size <= worker.limit
    assert len(worker.answers) <= 3


def test_without_redis_there_is_no_local_copy(settings):
    local.reset()
    assert local.local_answers() is None  # the tests' LocMemCache


def test_it_can_be_turned_off(redis_cache, settings):
    settings.PAGE_CACHE_LOCAL_MB = 0
    assert local.local_answers() is None


def test_through_the_handler_publishing_is_seen_at_once(
    wsgi, redis_cache, home, monkeypatch
):
    assert not wsgi("/").hit  # drawn, stored
    assert wsgi("/").hit  # read from Redis, kept in memory
    calls = []
    monkeypatch.setattr(
        store,
        "_safe",
        lambda *args: calls.append(args) or store.SafeCache("default")(*args),
    )
    answer = wsgi("/")
    assert answer.hit and not answer.through_django and not calls  # memory only
    home.hero_heading = "A new front door"
    publish(home)
    answer = wsgi("/")
    assert answer.through_django and b"A new front door" in answer.body
