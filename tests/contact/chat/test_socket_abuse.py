"""Live chat sockets under abuse: a join deadline, per-socket frame rates, frames
too large, text that cannot be stored, and pages from another origin (issue 22)."""

import re
import socket as sockets
import struct
import threading
import time
from pathlib import Path

import pytest
import uvicorn
from channels.db import database_sync_to_async
from channels.testing.websocket import WebsocketCommunicator

from contact.chat import services
from contact.chat.models import ChatMessage
from lantana.asgi import application
from tests.support.chat import (
    asynchronous,
    drain,
    session_key,
    socket,
    staff,
    staff_session,
    visitor,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

UNIT = Path(__file__).resolve().parents[3] / "deploy/systemd/lantana-chat@.service"


def messages_stored(lead) -> int:
    return ChatMessage.objects.filter(conversation__lead=lead).count()


# --- Join deadline ------------------------------------------------------------------


@asynchronous
async def test_a_socket_that_never_joins_is_closed_at_the_deadline(db, settings):
    settings.CHAT_JOIN_SECONDS = 1
    communicator = socket("/ws/chat/")
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_output(timeout=3) == {
        "type": "websocket.close",
        "code": 4408,
    }


@asynchronous
async def test_a_joined_socket_outlives_the_deadline(chat, settings):
    settings.CHAT_JOIN_SECONDS = 1
    communicator, joined = await visitor(session_key(chat["client"]), chat["token"])
    assert joined["type"] == "joined"
    await drain(communicator, quiet=1.5)
    await communicator.send_json_to({"type": "message", "text": "still here"})
    frames = await drain(communicator)
    assert any(f.get("text") == "still here" for f in frames)
    await communicator.disconnect()


# --- Frame rates ----------------------------------------------------------------------


@asynchronous
async def test_seen_frames_over_the_rate_never_reach_the_database(
    chat, settings, monkeypatch
):
    settings.CHAT_FRAME_RATE_LIMIT = (5, 60)
    calls = []
    real = services.mark_seen

    def counting(*args):
        calls.append(args)
        return real(*args)

    monkeypatch.setattr(services, "mark_seen", counting)
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    for _ in range(12):
        await communicator.send_json_to({"type": "seen", "seq": 1})
    frames = await drain(communicator)
    assert len(calls) == 5
    # Seen and typing are sent by the browser itself: dropped quietly.
    assert not [f for f in frames if f["type"] == "error"]
    await communicator.disconnect()


@asynchronous
async def test_messages_over_the_socket_rate_are_refused_with_a_message(chat, settings):
    settings.CHAT_FRAME_RATE_LIMIT = (3, 60)
    settings.CHAT_RATE_LIMITS = [(100, 10)]
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    for number in range(5):
        await communicator.send_json_to({"type": "message", "text": f"hello {number}"})
    frames = await drain(communicator)
    errors = [f for f in frames if f["type"] == "error"]
    assert [e["code"] for e in errors] == ["rate_limited", "rate_limited"]
    assert "quickly" in errors[0]["message"]
    assert await database_sync_to_async(messages_stored)(chat["lead"]) == 1 + 3
    await communicator.disconnect()


@asynchronous
async def test_a_flooding_socket_is_closed(chat, settings):
    settings.CHAT_FRAME_RATE_LIMIT = (5, 60)
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    for _ in range(40):
        await communicator.send_json_to({"type": "typing"})
    while True:
        output = await communicator.receive_output(timeout=3)
        if output["type"] == "websocket.close":
            break
    assert output["code"] == 4429


@asynchronous
async def test_every_staff_frame_type_is_rate_limited(chat, dana, settings):
    settings.CHAT_FRAME_RATE_LIMIT = (2, 60)
    communicator, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    lead = chat["lead"].pk
    for _ in range(3):
        await communicator.send_json_to({"type": "open", "lead": lead, "after": 0})
    frames = await drain(communicator)
    assert [f["code"] for f in frames if f["type"] == "error"] == ["rate_limited"]
    await communicator.disconnect()


# --- Text that cannot be stored -------------------------------------------------------


@asynchronous
async def test_a_lone_surrogate_gets_a_message_not_a_crash(chat):
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await drain(communicator)
    await communicator.send_to(text_data='{"type": "message", "text": "hi \\ud800"}')
    frame = await communicator.receive_json_from(timeout=3)
    assert frame["type"] == "error" and frame["code"] == "unreadable"
    assert "retype" in frame["message"]
    # The socket lives on, and nothing was stored.
    await communicator.send_json_to({"type": "message", "text": "hi"})
    frames = await drain(communicator)
    assert any(f.get("text") == "hi" for f in frames)
    assert await database_sync_to_async(messages_stored)(chat["lead"]) == 2
    await communicator.disconnect()


@asynchronous
async def test_a_lone_surrogate_in_a_staff_frame_gets_a_message(chat, dana):
    communicator, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    await drain(communicator)
    await communicator.send_to(
        text_data='{"type": "handover", "lead": 1, "to": "\\udfff"}'
    )
    frame = await communicator.receive_json_from(timeout=3)
    assert frame["code"] == "unreadable"
    await communicator.disconnect()


@asynchronous
async def test_a_frame_nested_thousands_deep_gets_a_message(chat):
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await drain(communicator)
    await communicator.send_to(text_data="[" * 7000 + "]" * 7000)
    frame = await communicator.receive_json_from(timeout=3)
    assert frame["code"] == "bad_request"
    await communicator.disconnect()


# --- Origin ----------------------------------------------------------------------------


async def opens_with_origin(origin: bytes) -> bool:
    communicator = WebsocketCommunicator(
        application,
        "/ws/chat/",
        headers=[(b"origin", origin), (b"host", b"testserver")],
    )
    connected, _ = await communicator.connect()
    if connected:
        await communicator.disconnect()
    return connected


@asynchronous
async def test_only_the_sites_own_origin_opens_a_socket(db, settings):
    settings.WAGTAILADMIN_BASE_URL = "https://www.lantana.example"
    settings.CSRF_TRUSTED_ORIGINS = []
    settings.CHAT_ALLOWED_ORIGINS = []
    assert await opens_with_origin(b"https://www.lantana.example")
    assert await opens_with_origin(b"https://WWW.lantana.example:443")
    for origin in (
        b"http://www.lantana.example",  # plain http
        b"https://www.lantana.example:8443",  # another port
        b"https://evil.example",
        b"https://lantana.example",
        b"https://www.lantana.example.evil.example",
        b"null",
        b"",
    ):
        assert not await opens_with_origin(origin), origin


@asynchronous
async def test_a_socket_without_an_origin_is_refused(db):
    communicator = WebsocketCommunicator(
        application, "/ws/chat/", headers=[(b"host", b"testserver")]
    )
    connected, _ = await communicator.connect()
    assert not connected


# --- Frame size, enforced by the server (uvicorn as deploy/ runs it) -------------------


def unit_ws_max_size() -> int:
    match = re.search(r"--ws-max-size (\d+)", UNIT.read_text())
    assert match, "lantana-chat@.service must cap the frame size"
    return int(match.group(1))


@pytest.fixture
def chat_server(transactional_db):
    """lantana.asgi under uvicorn with the unit's --ws-max-size, on a free port."""
    listener = sockets.socket()
    listener.bind(("127.0.0.1", 0))
    port = listener.getsockname()[1]
    config = uvicorn.Config(
        application,
        lifespan="off",
        log_level="warning",
        ws_max_size=unit_ws_max_size(),
    )
    server = uvicorn.Server(config)
    thread = threading.Thread(
        target=server.run, kwargs={"sockets": [listener]}, daemon=True
    )
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), (
            "uvicorn did not start"
        )
        time.sleep(0.05)
    yield port
    server.should_exit = True
    thread.join(timeout=10)
    listener.close()


def open_raw_socket(port: int) -> sockets.socket:
    conn = sockets.create_connection(("127.0.0.1", port), timeout=5)
    conn.sendall(
        b"GET /ws/chat/ HTTP/1.1\r\nHost: testserver\r\nUpgrade: websocket\r\n"
        b"Connection: Upgrade\r\nSec-WebSocket-Key: dGhlIHNhbXBsZSBub25jZQ==\r\n"
        b"Sec-WebSocket-Version: 13\r\nOrigin: http://testserver\r\n\r\n"
    )
    response = b""
    while b"\r\n\r\n" not in response:
        response += conn.recv(4096)
    assert response.startswith(b"HTTP/1.1 101"), response
    return conn


def close_code(conn) -> int:
    data = b""
    while len(data) < 4:
        chunk = conn.recv(4096)
        if not chunk:
            break
        data += chunk
    assert data[0] == 0x88, data  # a close frame
    return struct.unpack("!H", data[2:4])[0]


def test_an_oversized_frame_is_refused_from_its_header(chat_server):
    """Only the header of a 1 GiB frame is sent: the server answers 1009 (message
    too big) without waiting for, or reading, the payload."""
    conn = open_raw_socket(chat_server)
    header = bytes([0x81, 0x80 | 127]) + struct.pack("!Q", 1 << 30) + b"\0\0\0\0"
    conn.sendall(header + b"x" * 1024)
    assert close_code(conn) == 1009
    conn.close()


def test_a_frame_just_over_the_cap_is_refused_and_one_under_it_is_read(chat_server):
    from websockets.exceptions import ConnectionClosed
    from websockets.sync.client import connect

    limit = unit_ws_max_size()
    url = f"ws://127.0.0.1:{chat_server}/ws/chat/"
    with connect(url, origin="http://testserver", max_size=None) as client:
        client.send("x" * (limit - 1))
        assert '"too_long"' in client.recv(timeout=5)
    with connect(url, origin="http://testserver", max_size=None) as client:
        client.send("x" * (limit + 1))
        with pytest.raises(ConnectionClosed) as closed:
            client.recv(timeout=5)
        assert closed.value.rcvd.code == 1009
