"""Live chat helpers: posts that start a chat, signed-in staff, and sockets on the
real ASGI stack (lantana.asgi) with the in-memory channel layer."""

import asyncio
import functools
import threading
import time
import uuid

from asgiref.sync import async_to_sync
from channels.testing.websocket import WebsocketCommunicator
from django.conf import settings
from django.db import connections
from django.urls import reverse

from contact.chat.models import ChatAvailability
from contact.permissions import get_lead_reviewers_group
from contact.spam import make_stamp
from lantana.asgi import application
from lantana.core.models import User
from tests.support.auth import sign_in

NAME = "Quincy Canary"
FIRST = "CANARY-FIRST-5521 I have been drinking every night"


def in_own_thread(coroutine_function, *args, **kwargs):
    """Run a coroutine to completion on an event loop of its own, in a thread of
    its own: Playwright's sync API (tests/browser) leaves a running loop in the
    main thread, where async_to_sync refuses to start. The database work inside
    (database_sync_to_async) runs in that thread too; transaction=True tests
    commit, so it sees the fixtures' rows."""
    outcome = {}

    def target():
        try:
            outcome["value"] = async_to_sync(coroutine_function)(*args, **kwargs)
        except BaseException as error:  # re-raised in the test's own thread
            outcome["error"] = error
        finally:
            connections.close_all()

    thread = threading.Thread(target=target)
    thread.start()
    thread.join()
    if "error" in outcome:
        raise outcome["error"]
    return outcome.get("value")


def sends_from_any_thread(server_loop=lambda: None):
    """An async_to_sync for contact.chat.services (its channel-layer sends) in the
    browser tests. There Playwright's sync API runs an event loop in the test's own
    thread, where async_to_sync refuses to start ("You cannot use AsyncToSync in the
    same thread as an async event loop"), so the sends that the test's own changes
    make (a user added to a group, permissions restored between tests) go through
    the chat server's loop, which owns the in-memory channel layer, as the server's
    own threads do; with no server running, through a loop of their own."""

    def wrap(function):
        def call(*args, **kwargs):
            try:
                asyncio.get_running_loop()
            except RuntimeError:  # any other thread: as in production
                return async_to_sync(function)(*args, **kwargs)
            loop = server_loop()
            if loop is None or not loop.is_running():
                return in_own_thread(function, *args, **kwargs)
            sent = asyncio.run_coroutine_threadsafe(function(*args, **kwargs), loop)
            return sent.result(timeout=10)

        return call

    return wrap


def asynchronous(test):
    """Run an async test body (no pytest-asyncio)."""

    @functools.wraps(test)
    def run(*args, **kwargs):
        return in_own_thread(test, *args, **kwargs)

    return run


def live_data(*, age: float = 30, **overrides) -> dict:
    submission_id = overrides.pop("submission_id", str(uuid.uuid4()))
    fields = {
        "preferred_name": NAME,
        "first_message": FIRST,
        "lead_for": "self",
        "consent": "on",
        "submission_id": submission_id,
        "stamp": make_stamp(submission_id, now=time.time() - age),
        "leave_blank": "",
        "source_path": "/articles/first-steps/",
    }
    fields.update(overrides)
    return {f"live-{k}": v for k, v in fields.items() if v is not None}


def start(client, **overrides):
    return client.post(reverse("contact:live_start"), live_data(**overrides))


def session_key(client) -> str:
    return client.cookies[settings.SESSION_COOKIE_NAME].value


def make_user(username, *, reviewer=True, **extra) -> User:
    user = User.objects.create_user(
        username, f"{username}@lantana.example", "password", **extra
    )
    if reviewer:
        user.groups.add(get_lead_reviewers_group())
    return user


def make_available(user) -> None:
    from django.utils import timezone

    ChatAvailability.objects.update_or_create(
        user=user, defaults={"is_available": True, "seen_at": timezone.now()}
    )


def staff_session(user) -> str:
    from django.test import Client

    client = sign_in(Client(), user)
    return client.session.session_key


def socket(path: str, key: str | None = None) -> WebsocketCommunicator:
    headers = [(b"origin", b"http://testserver"), (b"host", b"testserver")]
    if key:
        headers.append((b"cookie", f"{settings.SESSION_COOKIE_NAME}={key}".encode()))
    return WebsocketCommunicator(application, path, headers=headers)


async def visitor(key: str, token: str, after: int = 0) -> tuple:
    """A joined visitor socket and its "joined" frame."""
    communicator = socket("/ws/chat/", key)
    connected, _ = await communicator.connect()
    assert connected
    await communicator.send_json_to({"type": "join", "token": token, "after": after})
    joined = await communicator.receive_json_from(timeout=3)
    return communicator, joined


async def staff(key: str) -> tuple:
    """A connected staff socket, its first queue and availability frames."""
    communicator = socket("/ws/chat/staff/", key)
    connected, _ = await communicator.connect()
    assert connected
    queue = await communicator.receive_json_from(timeout=3)
    availability = await communicator.receive_json_from(timeout=3)
    return communicator, queue, availability


async def receive_until(communicator, kind: str, timeout: float = 3) -> dict:
    """The next frame of this type, skipping others (queue pushes, typing…)."""
    while True:
        frame = await communicator.receive_json_from(timeout=timeout)
        if frame["type"] == kind:
            return frame


async def queue_where(communicator, test, timeout: float = 3) -> dict:
    """The next queue push whose conversations pass `test`."""
    while True:
        queue = await receive_until(communicator, "queue", timeout)
        if test(queue["conversations"]):
            return queue


async def drain(communicator, quiet: float = 0.5) -> list[dict]:
    """Every frame until the socket has been quiet for `quiet` seconds."""
    frames = []
    while not await communicator.receive_nothing(timeout=quiet):
        frames.append(await communicator.receive_json_from())
    return frames
