"""With Redis as the cache, a beacon costs one Redis round trip and no database
write; the roll-up moves the queue into the table in batches and folds it. Redis
down: the beacon is written to the table, as without Redis."""

import json

import pytest
import redis
from django.core.cache import caches
from django.utils import timezone

from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from insights import queue
from insights.models import Beacon, DailyPageCount, DailyVitals
from insights.rollup import rollup
from tests.support.caching import REDIS_DOWN, TEST_REDIS_URL, needs_redis

URL = "/insights/beacon/"
CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)
VIEW = {"p": "/articles/one/", "t": "articles.ArticlePage", "e": [["view"]]}
SPEED = {"p": "/articles/one/", "t": "articles.ArticlePage", "v": {"lcp": 1800}}


@pytest.fixture
def article(home):
    index = ArticleIndexPageFactory(parent=home, slug="articles")
    return ArticlePageFactory(parent=index, slug="one")


@pytest.fixture
def redis_queue(settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
        }
    }
    settings.INSIGHTS_BEACON_RATE_LIMIT = (1000, 60)
    server = redis.Redis.from_url(TEST_REDIS_URL)
    server.delete(queue.KEY)
    yield server
    server.delete(queue.KEY)
    caches["default"].clear()


def send(client, body):
    response = client.post(
        URL, json.dumps(body), content_type="text/plain", headers={"User-Agent": CHROME}
    )
    assert response.status_code == 204


@needs_redis
def test_a_beacon_is_queued_in_redis_with_no_database_write(
    client, article, redis_queue, django_assert_num_queries
):
    with django_assert_num_queries(0):
        send(client, VIEW)
    send(client, SPEED)
    assert not Beacon.objects.exists()
    queued = [json.loads(item) for item in redis_queue.lrange(queue.KEY, 0, -1)]
    # The same typed fields as a Beacon row: no address, agent or identifier.
    assert set(queued[0]) == {
        "received_at",
        "event",
        "path",
        "page_type",
        "referrer_class",
        "campaign",
        "lead_kind",
        "from_article",
        "lcp_ms",
        "inp_ms",
        "cls_thousandths",
    }
    assert (queued[0]["event"], queued[0]["referrer_class"]) == ("view", "direct")
    assert (queued[1]["event"], queued[1]["lcp_ms"]) == ("vitals", 1800)
    assert 0 < redis_queue.ttl(queue.KEY) <= queue.EXPIRES


@needs_redis
def test_the_rollup_moves_the_queue_in_batches_and_empties_it(
    client, article, redis_queue, monkeypatch
):
    monkeypatch.setattr(queue, "BATCH", 2)
    for _ in range(5):
        send(client, VIEW)
    send(client, SPEED)
    assert rollup() == 6
    assert redis_queue.llen(queue.KEY) == 0
    assert not Beacon.objects.exists()
    today = timezone.localdate()
    assert DailyPageCount.objects.get(day=today, path="/articles/one/").views == 5
    assert DailyVitals.objects.get(day=today, metric="lcp").samples == 1


def test_redis_down_writes_the_beacon_to_the_table(client, article, settings):
    settings.CACHES = REDIS_DOWN
    settings.INSIGHTS_BEACON_RATE_LIMIT = (1000, 60)
    send(client, VIEW)
    assert Beacon.objects.get().event == "view"
    assert rollup() == 1
