"""Each process's copy of the generation and of final answers, kept honest by Redis;
purges that cannot reach Redis are retried, never lost."""

import logging
import threading
import time
import uuid

import pytest
import redis
from django.core.cache import caches

from lantana.core import generation
from lantana.core.models import CacheGeneration
from lantana.pagecache import local, store
from tests.support.caching import TEST_REDIS_URL, publish

ANSWER = ("200 OK", [("Content-Type", "text/html")], b"<p>kept</p>")
LATER = 4102444800  # 2100


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        **settings.KEPT_PARTS_CACHES,
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            "OPTIONS": {"socket_connect_timeout": 0.5, "socket_timeout": 0.5},
        },
    }
    yield caches["default"]
    generation.reset()
    local.reset()


def raw(cache):
    return redis.Redis.from_url(TEST_REDIS_URL)


def wait_for_invalidations(tracker):
    # In production the next request comes an HTTP round trip after the purge;
    # here the test waits for Redis's push to reach the socket.
    try:
        tracker.client.connection.can_read(1)
    except (redis.ConnectionError, AttributeError):
        pass  # closed: the next lookup finds out


def settled(tracker, latest, wait=1.0):
    """The tracker's value once the invalidation of `latest` has had time to arrive
    (read under its lock, like every request)."""
    deadline = time.monotonic() + wait
    while True:
        value = tracker.get()[0]
        if value in (None, latest) or time.monotonic() > deadline:
            return value
        time.sleep(0.005)


class TestTracker:
    def test_a_value_is_trusted_until_redis_says_it_changed(self, redis_cache):
        tracker = generation.Tracker(redis_cache)
        raw(redis_cache).set(tracker.key, 5)
        wait_for_invalidations(tracker)
        value, ticket = tracker.get()
        assert value is None and ticket is not None
        tracker.keep(5, ticket)
        assert tracker.get()[0] == 5
        raw(redis_cache).set(tracker.key, 6)  # another process's purge
        wait_for_invalidations(tracker)
        assert tracker.get()[0] is None

    def test_a_flush_or_a_lost_connection_forgets_it(self, redis_cache):
        tracker = generation.Tracker(redis_cache)
        _, ticket = tracker.get()
        tracker.keep(5, ticket)
        assert tracker.value == 5
        raw(redis_cache).flushdb()
        wait_for_invalidations(tracker)
        assert tracker.get()[0] is None
        _, ticket = tracker.get()
        tracker.keep(5, ticket)
        raw(redis_cache).client_kill_filter(_id=tracker.client.client_id())
        wait_for_invalidations(tracker)
        assert tracker.get() == (None, None)
        tracker.keep(5, ticket)  # read before the drop: never trusted after it
        assert tracker.value is None

    def test_a_value_read_before_an_invalidation_another_thread_consumed(
        self, redis_cache
    ):
        """The race of the first edition: thread A reads the old value from Redis,
        a purge lands, thread B consumes the invalidation, then A keeps what it read."""
        tracker = generation.Tracker(redis_cache)
        client = raw(redis_cache)
        client.set(tracker.key, 5)
        _, ticket_a = tracker.get()  # thread A: nothing trusted yet
        read_by_a = int(client.get(tracker.key))
        client.set(tracker.key, 6)  # the purge
        wait_for_invalidations(tracker)
        tracker.get()  # thread B applies the invalidation
        tracker.keep(read_by_a, ticket_a)  # thread A, late
        assert tracker.get()[0] is None

    def test_threads_racing_purges_never_keep_a_stale_value(self, redis_cache):
        tracker = generation.Tracker(redis_cache)
        client = raw(redis_cache)
        reader = raw(redis_cache)
        client.set(tracker.key, 0)
        stop = threading.Event()
        stale = []

        def request():
            while not stop.is_set():
                value, ticket = tracker.get()
                if value is None:
                    tracker.keep(int(reader.get(tracker.key)), ticket)

        threads = [threading.Thread(target=request) for _ in range(8)]
        for thread in threads:
            thread.start()
        try:
            for purge in range(1, 301):
                client.set(tracker.key, purge)
                if purge % 10 == 0:  # once Redis's push has arrived, look
                    value = settled(tracker, purge)
                    if value not in (None, purge):
                        stale.append((purge, value))
        finally:
            stop.set()
            for thread in threads:
                thread.join()
        assert not stale
        assert settled(tracker, 300) in (None, 300)


class TestLocalAnswers:
    def test_an_answer_is_kept_for_its_generation_only(self):
        answers = local.LocalAnswers(1024 * 1024)
        assert answers.get("a", 1) is None
        answers.keep("a", 1, LATER, ANSWER)
        assert answers.get("a", 1) == ANSWER
        assert answers.get("a", 2) is None
        assert not answers.answers  # the old generation's answers are dropped
        answers.keep("a", 1, LATER, ANSWER)  # read under the old one: refused
        assert not answers.answers

    def test_an_answer_expires_with_its_redis_entry(self):
        answers = local.LocalAnswers(1024 * 1024)
        answers.get("a", 1)
        answers.keep("a", 1, 1.0, ANSWER)
        assert answers.get("a", 1) is None

    def test_memory_is_bounded(self):
        answers = local.LocalAnswers(3 * len(ANSWER[2]))
        for n in range(10):
            answers.get(f"a-{n}", 1)
            answers.keep(f"a-{n}", 1, LATER, ANSWER)
            assert answers.size <= answers.limit
        assert len(answers.answers) <= 3

    def test_without_redis_there_is_no_local_copy(self):
        local.reset()
        assert local.local_answers() is None  # the tests' LocMemCache

    def test_it_can_be_turned_off(self, redis_cache, settings):
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


class TestPurgesAreNeverLost:
    def test_a_purge_redis_refuses_is_retried_and_nothing_cached_is_served(
        self, wsgi, redis_cache, home, caplog, monkeypatch
    ):
        monkeypatch.setattr(generation, "RETRY_SECONDS", 0.05)
        wsgi("/")
        assert wsgi("/").hit
        process = generation.generation()
        real = process._publish
        refusing = [True]
        monkeypatch.setattr(
            process, "_publish", lambda value: False if refusing[0] else real(value)
        )
        with caplog.at_level(logging.INFO, logger="lantana.cache"):
            home.hero_heading = "A new front door"
            publish(home)
            assert process.pending is not None
            for _ in range(3):  # Redis still holds the old generation
                answer = wsgi("/")
                assert not answer.hit and b"A new front door" in answer.body
            refusing[0] = False
            for _ in range(100):
                if process.pending is None:
                    break
                time.sleep(0.05)
        assert process.pending is None
        assert b"A new front door" in wsgi("/").body
        messages = [record.getMessage() for record in caplog.records]
        assert any("could not reach the cache" in m for m in messages)
        assert any("reached the cache" in m for m in messages)
        assert not any("front door" in m or "/" in m.split("(")[0] for m in messages)

    def test_a_bump_redis_lacks_is_found_in_the_database(
        self, wsgi, redis_cache, home, monkeypatch
    ):
        """A worker that bumped and died before telling Redis: the others notice."""
        monkeypatch.setattr(generation, "CHECK_SECONDS", 0)
        wsgi("/")
        assert wsgi("/").hit
        CacheGeneration.objects.filter(pk=1).update(value=10_000)
        assert not wsgi("/").hit
        key = generation.generation().tracker.key
        assert int(raw(redis_cache).get(key)) == 10_000

    def test_a_redis_write_pause_during_a_publish(
        self, wsgi, redis_cache, home, monkeypatch
    ):
        monkeypatch.setattr(generation, "RETRY_SECONDS", 0.1)
        wsgi("/")
        assert wsgi("/").hit
        admin = raw(redis_cache)
        admin.execute_command("CLIENT", "PAUSE", "1500", "WRITE")
        try:
            home.hero_heading = "A new front door"
            publish(home)
            assert b"A new front door" in wsgi("/").body
        finally:
            deadline = time.monotonic() + 10
            while generation.generation().pending and time.monotonic() < deadline:
                time.sleep(0.1)
        assert generation.generation().pending is None
        for _ in range(3):
            assert b"A new front door" in wsgi("/").body
