"""Every socket frame type, fed 1,000 hostile frames each: the socket never
crashes, answers in order, and stores nothing from a frame that is not valid
(issue 22; figures in docs/development/security.md).

The sockets run on the real ASGI stack (lantana.asgi) in one event loop; the
hypothesis examples run in a worker thread and hand each frame to that loop.
Each example sends a batch of BATCH hostile frames, then a sentinel frame (a lone
surrogate, answered "unreadable", which no generated frame contains) that marks
where their answers end.
"""

import asyncio
import json

import pytest
from channels.db import database_sync_to_async
from django.db import connections
from hypothesis import given
from hypothesis import settings as hypothesis_settings
from hypothesis import strategies as st

from contact.chat import services
from contact.chat.models import ChatMessage
from contact.models import Lead
from tests.support.chat import (
    asynchronous,
    drain,
    session_key,
    socket,
    staff,
    staff_session,
)
from tests.support.chat import visitor as joined_visitor

from ..fuzz_strategies import EXAMPLES, FUZZ, HOSTILE_JSON, HOSTILE_TEXT

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

SENTINEL = '{"type": "sentinel", "x": "\\ud800"}'
BATCH = 10
BATCHES = hypothesis_settings(FUZZ, max_examples=-(-EXAMPLES // BATCH))
VISITOR_TYPES = ["message", "typing", "seen", "end"]
STAFF_TYPES = [
    "available",
    "ping",
    "open",
    "accept",
    "message",
    "typing",
    "seen",
    "handover",
    "close",
]
FIELDS = ["text", "id", "seq", "lead", "after", "on", "to", "token", "type"]


def hostile_frame(kind: str):
    """A frame of this type with hostile values, or hostile raw text."""
    as_object = st.dictionaries(
        st.sampled_from(FIELDS) | st.text(max_size=8), HOSTILE_JSON, max_size=5
    ).map(lambda content: json.dumps({**content, "type": kind}))
    raw = st.one_of(
        HOSTILE_TEXT.map(lambda text: json.dumps({"type": kind, "text": text})),
        HOSTILE_TEXT.map(lambda text: f'{{"type": "{kind}", {text}'),  # broken JSON
        st.sampled_from(
            [
                f'{{"type": "{kind}"}}',
                f'{{"type": "{kind}", "lead": 1e999}}',
                f'{{"type": "{kind}", "seq": -1, "lead": true}}',
                f'[{{"type": "{kind}"}}]',
                f'{{"type": ["{kind}"]}}',
                "x" * 16_001,
            ]
        ),
    )
    return st.one_of(as_object, raw)


def stored_from(text, client_id) -> bool:
    """Would this visitor message be stored? (The rules in services.py.)"""
    try:
        services.clean_text(text)
        services.clean_client_id(client_id)
    except services.ChatError:
        return False
    return True


async def answers(communicator, frames: list[str]) -> list[dict]:
    """Send frames and collect what they caused, up to the sentinel's answer."""
    for frame in frames:
        await communicator.send_to(text_data=frame)
    await communicator.send_to(text_data=SENTINEL)
    frames = []
    while True:
        output = await communicator.receive_output(timeout=20)
        assert output["type"] == "websocket.send", output  # never closed
        data = json.loads(output["text"])
        if data.get("code") == "unreadable":
            return frames
        frames.append(data)


def counts(lead_pk) -> tuple[int, int]:
    return (
        ChatMessage.objects.filter(conversation__lead_id=lead_pk).count(),
        Lead.objects.count(),
    )


async def fuzz_socket(communicator, kind: str, lead_pk: int, check_rows):
    """Run the examples in a worker thread, each frame through this loop."""
    loop = asyncio.get_running_loop()
    ran = []

    @BATCHES
    @given(batch=st.lists(hostile_frame(kind), min_size=BATCH, max_size=BATCH))
    def fuzz(batch):
        before = counts(lead_pk)
        frames = asyncio.run_coroutine_threadsafe(
            answers(communicator, batch), loop
        ).result(timeout=120)
        assert all("message" in f for f in frames if f["type"] == "error"), frames
        check_rows(batch, before, counts(lead_pk))
        ran.extend(batch)

    def run():
        try:
            fuzz()
        finally:
            connections.close_all()

    await loop.run_in_executor(None, run)
    assert len(ran) >= EXAMPLES
    print(f"\n{kind}: {len(ran)} hostile frames")


def no_new_lead(batch, before, after):
    assert after[1] == before[1], batch


@pytest.fixture
def open_limits(settings):
    settings.CHAT_FRAME_RATE_LIMIT = (10**9, 1)
    settings.CHAT_RATE_LIMITS = [(10**9, 1)]
    settings.CHAT_JOIN_SECONDS = 3600


@pytest.mark.parametrize("kind", VISITOR_TYPES)
@asynchronous
async def test_hostile_frames_on_a_visitor_socket(chat, open_limits, kind):
    communicator, _ = await joined_visitor(session_key(chat["client"]), chat["token"])
    await drain(communicator)
    seen_ids = set()

    def expected_rows(frame) -> int:
        try:
            content = json.loads(frame)
        except ValueError:
            return 0
        if not isinstance(content, dict) or kind != "message" or len(frame) > 16_000:
            return 0
        client_id = content.get("id")
        if not stored_from(content.get("text"), client_id):
            return 0
        if client_id not in (None, ""):
            if str(client_id) in seen_ids:
                return 0
            seen_ids.add(str(client_id))
        return 1

    def check_rows(batch, before, after):
        no_new_lead(batch, before, after)
        added = after[0] - before[0]
        if kind == "end":  # the first end adds its notice
            assert added in (0, 1)
            return
        assert added == sum(expected_rows(frame) for frame in batch), batch

    await fuzz_socket(communicator, kind, chat["lead"].pk, check_rows)
    await communicator.disconnect()


@pytest.mark.parametrize("kind", STAFF_TYPES)
@asynchronous
async def test_hostile_frames_on_a_staff_socket(chat, dana, open_limits, kind):
    key = await database_sync_to_async(staff_session)(dana)
    communicator, _, _ = await staff(key)
    await drain(communicator)

    def check_rows(batch, before, after):
        no_new_lead(batch, before, after)
        if kind == "message":  # nobody accepted the chat: no staff message is valid
            assert after[0] == before[0], batch

    await fuzz_socket(communicator, kind, chat["lead"].pk, check_rows)
    await communicator.disconnect()


@asynchronous
async def test_hostile_joins(chat, open_limits):
    """A join is a socket's first frame: each example on a new socket."""
    loop = asyncio.get_running_loop()
    ran = []

    async def join_once(frame):
        communicator = socket("/ws/chat/", session_key(chat["client"]))
        connected, _ = await communicator.connect()
        assert connected
        await communicator.send_to(text_data=frame)
        output = await communicator.receive_output(timeout=20)
        if output["type"] == "websocket.send":
            answer = json.loads(output["text"])
            assert answer["type"] == "error" and answer["message"], answer
        await communicator.disconnect()

    @FUZZ
    @given(frame=hostile_frame("join"))
    def fuzz(frame):
        asyncio.run_coroutine_threadsafe(join_once(frame), loop).result(timeout=60)
        ran.append(frame)

    def run():
        try:
            before = Lead.objects.count()
            fuzz()
            assert Lead.objects.count() == before
        finally:
            connections.close_all()

    await loop.run_in_executor(None, run)
    assert len(ran) >= EXAMPLES
    print(f"\njoin: {len(ran)} hostile frames")
