"""A dropped uvicorn process or Redis loses no live-chat message.

Real uvicorn servers (in threads, on free loopback ports) and a real WebSocket client,
as in production: messages are stored in the database before they are sent to the
channel layer, so whatever dies, a visitor who reconnects (to another process)
fetches what was said meanwhile with `after`, each message once and in order. The
browser's side (the phone number while disconnected, the backoff) is chat.js's and
its browser test's; here the server must close the socket promptly, so the client
knows it is disconnected, and never answer the start with a 500.
"""

import asyncio
import json
import logging
import subprocess
import sys
import threading
import time

import pytest
import uvicorn
from channels.db import database_sync_to_async
from channels_redis.core import RedisChannelLayer
from django.conf import settings
from websockets.asyncio.client import connect
from websockets.exceptions import ConnectionClosed

from contact.chat import services
from contact.chat.models import ChatMessage
from lantana.asgi import application
from tests.support.caching import needs_redis
from tests.support.chat import (
    FIRST,
    in_own_thread,
    session_key,
    start,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# The test Redis database (tests/pagecache uses it too); nothing listens on port 1.
REDIS_URL = "redis://127.0.0.1:6379/5"
DEAD_REDIS_URL = "redis://127.0.0.1:1/0"


def redis_layer(url: str) -> dict:
    """The production layer (lantana/settings/base.py) at another address."""
    production = subprocess.run(  # noqa: S603
        [
            sys.executable,
            "-c",
            "import json, lantana.settings.base as s; print(json.dumps(s.CHANNEL_LAYERS))",
        ],
        env={"PATH": "/usr/bin:/bin", "CHANNEL_REDIS_URL": url},
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(production.stdout)


class Server:
    """uvicorn serving lantana.asgi in a thread: one "process" that can die."""

    def __init__(self):
        config = uvicorn.Config(
            application, host="127.0.0.1", port=0, lifespan="off", log_level="warning"
        )
        self.server = uvicorn.Server(config)
        self.thread = threading.Thread(target=self.server.run, daemon=True)
        self.thread.start()
        deadline = time.monotonic() + 30
        while not self.server.started:
            assert time.monotonic() < deadline, "uvicorn did not start"
            time.sleep(0.05)
        port = self.server.servers[0].sockets[0].getsockname()[1]
        self.url = f"ws://127.0.0.1:{port}/ws/chat/"

    def kill(self):
        """Gone at once: no graceful shutdown, sockets cut."""
        self.server.force_exit = True
        self.server.should_exit = True
        self.thread.join(timeout=15)
        assert not self.thread.is_alive()


@pytest.fixture
def servers():
    started = []

    def make():
        started.append(Server())
        return started[-1]

    yield make
    for server in started:
        if server.thread.is_alive():
            server.kill()


async def join(url: str, key: str, token: str, after: int):
    headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={key}"}
    ws = await connect(url, origin="http://testserver", additional_headers=headers)
    await ws.send(json.dumps({"type": "join", "token": token, "after": after}))
    return ws, await frame(ws)


async def frame(ws, timeout: float = 10) -> dict:
    return json.loads(await asyncio.wait_for(ws.recv(), timeout))


async def messages(ws, count: int) -> list[tuple[int, str, str]]:
    got = []
    while len(got) < count:
        event = await frame(ws)
        if event["type"] == "message":
            got.append((event["seq"], event["sender"], event["text"]))
    return got


async def closed(ws, timeout: float = 15) -> int | None:
    try:
        while True:
            await asyncio.wait_for(ws.recv(), timeout)
    except ConnectionClosed:
        return ws.close_code


def stored(lead_pk: int) -> list[tuple[int, str]]:
    return list(
        ChatMessage.objects.filter(conversation__lead_id=lead_pk)
        .order_by("seq")
        .values_list("seq", "text")
    )


def test_the_redis_layer_outwaits_its_own_blocking_receive():
    """redis-py 8 reads with a 5 s timeout by default, channels-redis blocks 5 s
    waiting for a message: without a longer read timeout, every socket idle for 5 s
    crashed (1011) under the production layer."""
    host = redis_layer(REDIS_URL)["default"]["CONFIG"]["hosts"][0]
    assert host["address"] == REDIS_URL
    assert host["socket_timeout"] > RedisChannelLayer.brpop_timeout
    assert host["socket_connect_timeout"] < RedisChannelLayer.brpop_timeout


@needs_redis
def test_a_killed_uvicorn_loses_nothing_and_another_catches_the_visitor_up(
    client, dana, servers, settings
):
    settings.CHANNEL_LAYERS = redis_layer(REDIS_URL)
    response = start(client)
    assert response.status_code == 201
    token, key = response.json()["token"], session_key(client)
    [lead_pk] = [
        m.conversation.lead_id for m in ChatMessage.objects.all() if m.text == FIRST
    ]
    first, second = servers(), servers()

    async def journey():
        ws, joined = await join(first.url, key, token, after=0)
        assert joined["state"] == "waiting"
        assert await messages(ws, 1) == [(1, "visitor", FIRST)]
        await database_sync_to_async(services.accept)(lead_pk, dana)
        await database_sync_to_async(services.post_message)(
            lead_pk, "Hi, this is Dana.", staff_user=dana
        )
        assert await messages(ws, 1) == [(2, "staff", "Hi, this is Dana.")]

        await asyncio.to_thread(first.kill)
        assert await closed(ws) is not None
        # The visitor is away; staff go on answering.
        for text in ("Are you still there?", "Call us any time."):
            await database_sync_to_async(services.post_message)(
                lead_pk, text, staff_user=dana
            )

        again, joined = await join(second.url, key, token, after=2)
        assert (joined["state"], joined["staff"]) == ("active", "Dana")
        assert await messages(again, 2) == [
            (3, "staff", "Are you still there?"),
            (4, "staff", "Call us any time."),
        ]
        await again.send(json.dumps({"type": "message", "text": "Yes, sorry."}))
        assert await messages(again, 1) == [(5, "visitor", "Yes, sorry.")]
        await again.close()

    in_own_thread(journey)
    assert [seq for seq, _ in stored(lead_pk)] == [1, 2, 3, 4, 5]


@needs_redis
def test_a_dead_redis_loses_nothing_and_the_visitor_catches_up_after(
    client, dana, servers, settings, caplog
):
    settings.CHANNEL_LAYERS = redis_layer(DEAD_REDIS_URL)
    caplog.set_level(logging.INFO)
    # Starting a chat stores it; the live alert to staff cannot go out.
    response = start(client)
    assert response.status_code == 201, response.content
    token, key = response.json()["token"], session_key(client)
    [lead_pk] = [
        m.conversation.lead_id for m in ChatMessage.objects.all() if m.text == FIRST
    ]
    services.accept(lead_pk, dana)
    services.post_message(lead_pk, "Hi, this is Dana.", staff_user=dana)
    assert stored(lead_pk) == [(1, FIRST), (2, "Hi, this is Dana.")]
    down = servers()

    async def while_down():
        # The socket cannot reach the layer: it is closed promptly, never left
        # hanging, so the page knows to show the phone number and retry.
        headers = {"Cookie": f"{settings.SESSION_COOKIE_NAME}={key}"}
        try:
            ws = await connect(
                down.url, origin="http://testserver", additional_headers=headers
            )
        except (ConnectionClosed, OSError):
            return
        try:  # it may be closed before the join is even sent
            await ws.send(json.dumps({"type": "join", "token": token, "after": 0}))
        except ConnectionClosed:
            return
        assert await closed(ws) is not None

    in_own_thread(while_down)
    down.kill()

    settings.CHANNEL_LAYERS = redis_layer(REDIS_URL)  # Redis is back
    up = servers()

    async def after_recovery():
        ws, joined = await join(up.url, key, token, after=0)
        assert (joined["state"], joined["staff"]) == ("active", "Dana")
        assert await messages(ws, 2) == [
            (1, "visitor", FIRST),
            (2, "staff", "Hi, this is Dana."),
        ]
        await ws.close()

    in_own_thread(after_recovery)
    for record in caplog.records:
        message = record.getMessage()
        assert FIRST not in message and "Dana." not in message
