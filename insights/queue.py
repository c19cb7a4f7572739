"""The raw beacon queue: in Redis when the site's cache is Redis, else the table.

A beacon's answer must cost next to nothing (issue 26 asks 1,000 a second to be
absorbed): writing a database row per beacon meant a transaction and a WAL flush
each time. With Redis as the cache, the endpoint appends the beacon's typed fields
(the same fields as a `Beacon` row, nothing more) to one Redis list, and
`rollup_insights` moves them into the `Beacon` table in batches before folding them
into the daily counts. Without Redis (tests, a one-process site) the rows are
written at once, as before. If Redis fails, the beacon is written to the table.

The list is never kept on disk by our Redis (NOTES: `--save ""`), expires a day
after the last beacon, and is emptied by every roll-up (every 10 minutes).
"""

import json
import logging
from datetime import datetime

from django.core.cache import caches
from django.core.cache.backends.redis import RedisCache
from redis.exceptions import RedisError

from .models import Beacon

logger = logging.getLogger("lantana.insights")

KEY = "insights:queue"
EXPIRES = 24 * 60 * 60  # seconds: the raw queue never holds more than a day
BATCH = 5_000
FIELDS = [
    field.name
    for field in Beacon._meta.concrete_fields
    if field.name not in {"id", "received_at"}
]


def redis_client():
    """The cache's Redis client, or None when the cache is not Redis."""
    cache = caches["default"]
    if not isinstance(cache, RedisCache):
        return None
    return cache._cache.get_client(write=True)


def encode(row: Beacon) -> str:
    data = {name: getattr(row, name) for name in FIELDS}
    data["received_at"] = row.received_at.isoformat()
    return json.dumps(data, separators=(",", ":"))


def decode(item: bytes) -> Beacon:
    data = json.loads(item)
    data["received_at"] = datetime.fromisoformat(data["received_at"])
    return Beacon(**{name: data.get(name) for name in [*FIELDS, "received_at"]})


class Unavailable(Exception):
    """No Redis as the cache, or Redis failed: the beacon is not queued."""


def push_to_redis(rows: list[Beacon]) -> None:
    """Queue one beacon's rows in one Redis round trip, or raise Unavailable."""
    client = redis_client()
    if client is None:
        raise Unavailable("the cache is not Redis")
    try:
        pipe = client.pipeline(transaction=False)
        pipe.rpush(KEY, *(encode(row) for row in rows))
        pipe.expire(KEY, EXPIRES)
        pipe.execute()
    except Exception as error:  # noqa: BLE001 - the caller falls back
        raise Unavailable(type(error).__name__) from error


def push(rows: list[Beacon]) -> None:
    """Queue one beacon's rows: one Redis round trip, or one INSERT without Redis."""
    try:
        push_to_redis(rows)
        return
    except Unavailable as error:
        if error.__cause__ is not None:  # Redis failed (not merely absent)
            logger.warning("Beacon queue unavailable (%s)", error)
    Beacon.objects.bulk_create(rows)


def drain() -> int:
    """Move everything queued in Redis into the Beacon table, a batch at a time
    (read, saved, then removed: a failure loses nothing); return how many."""
    client = redis_client()
    if client is None:
        return 0
    moved = 0
    try:
        while True:
            items = client.lrange(KEY, 0, BATCH - 1)
            if not items:
                return moved
            Beacon.objects.bulk_create(
                [decode(item) for item in items], batch_size=1000
            )
            client.ltrim(KEY, len(items), -1)
            moved += len(items)
    except RedisError as error:  # what is queued waits for the next roll-up
        logger.warning("Beacon queue unavailable (%s)", type(error).__name__)
        return moved
