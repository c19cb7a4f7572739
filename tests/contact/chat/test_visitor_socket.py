"""The visitor's socket: join, messages both ways, reconnect, refusals, limits."""

import uuid
from datetime import timedelta

import pytest
from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.core import signing
from django.utils import timezone

from contact.chat import services
from contact.chat.models import ChatMessage, ConversationState
from contact.models import Lead
from tests.support.chat import (
    FIRST,
    asynchronous,
    receive_until,
    session_key,
    staff,
    staff_session,
    start,
    visitor,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@asynchronous
async def test_join_sends_state_then_the_first_message(chat):
    communicator, joined = await visitor(session_key(chat["client"]), chat["token"])
    assert joined["type"] == "joined"
    assert joined["reference"] == chat["lead"].reference
    assert joined["state"] == "waiting"
    assert joined["staff"] is None
    assert 0 < joined["timeout"] <= 180
    first = await communicator.receive_json_from()
    assert first == {
        "type": "message",
        "seq": 1,
        "sender": "visitor",
        "name": None,
        "text": FIRST,
        "at": first["at"],
        "id": None,
    }
    assert await communicator.receive_nothing()
    await communicator.disconnect()


@asynchronous
async def test_messages_go_both_ways_once_staff_accept(chat, dana):
    lead = chat["lead"]
    visitor_socket, _ = await visitor(session_key(chat["client"]), chat["token"])
    await visitor_socket.receive_json_from()  # the first message
    staff_socket, queue, _ = await staff(
        await database_sync_to_async(staff_session)(dana)
    )
    assert [row["lead"] for row in queue["conversations"]] == [lead.pk]

    await staff_socket.send_json_to({"type": "accept", "lead": lead.pk})
    state = await receive_until(visitor_socket, "state")
    assert state == {"type": "state", "state": "active", "staff": "Dana"}
    queue = await receive_until(staff_socket, "queue")
    assert queue["conversations"][0]["mine"] is True
    assert queue["conversations"][0]["staff"] == "Dana"

    reply_id = str(uuid.uuid4())
    await staff_socket.send_json_to(
        {"type": "message", "lead": lead.pk, "text": "Hi, I'm Dana.", "id": reply_id}
    )
    echo = await receive_until(staff_socket, "message")
    assert (echo["lead"], echo["seq"], echo["id"]) == (lead.pk, 2, reply_id)
    heard = await receive_until(visitor_socket, "message")
    assert (heard["seq"], heard["sender"], heard["name"]) == (2, "staff", "Dana")
    assert heard["text"] == "Hi, I'm Dana."

    await visitor_socket.send_json_to({"type": "typing"})
    assert await receive_until(staff_socket, "typing") == {
        "type": "typing",
        "lead": lead.pk,
        "sender": "visitor",
    }
    message_id = str(uuid.uuid4())
    await visitor_socket.send_json_to(
        {"type": "message", "text": "  Thank you  ", "id": message_id}
    )
    own = await receive_until(visitor_socket, "message")
    assert (own["seq"], own["text"], own["id"]) == (3, "Thank you", message_id)
    heard = await receive_until(staff_socket, "message")
    assert (heard["seq"], heard["sender"], heard["lead"]) == (3, "visitor", lead.pk)

    await visitor_socket.send_json_to({"type": "seen", "seq": 2})
    seen = await receive_until(staff_socket, "seen")
    assert seen == {"type": "seen", "lead": lead.pk, "seq": 2, "by": "visitor"}
    await staff_socket.send_json_to({"type": "seen", "lead": lead.pk, "seq": 3})
    assert await receive_until(visitor_socket, "seen") == {
        "type": "seen",
        "seq": 3,
        "by": "staff",
    }
    await visitor_socket.disconnect()
    await staff_socket.disconnect()

    stored = await database_sync_to_async(
        lambda: list(
            ChatMessage.objects.filter(conversation__lead=lead).values_list(
                "seq", "sender", "text"
            )
        )
    )()
    assert stored == [
        (1, "visitor", FIRST),
        (2, "staff", "Hi, I'm Dana."),
        (3, "visitor", "Thank you"),
    ]


@asynchronous
async def test_reconnect_catches_up_from_the_last_seq(chat, dana):
    lead = chat["lead"]
    key = session_key(chat["client"])
    first, _ = await visitor(key, chat["token"])
    await first.receive_json_from()
    await first.disconnect()
    # While the visitor is away, staff answer twice.
    await database_sync_to_async(services.accept)(lead.pk, dana)
    for text in ("Hello?", "Are you still there?"):
        await database_sync_to_async(services.post_message)(
            lead.pk, text, staff_user=dana
        )
    again, joined = await visitor(key, chat["token"], after=1)
    assert (joined["state"], joined["staff"], joined["timeout"]) == (
        "active",
        "Dana",
        None,
    )
    caught_up = [await again.receive_json_from() for _ in range(2)]
    assert [(m["seq"], m["text"]) for m in caught_up] == [
        (2, "Hello?"),
        (3, "Are you still there?"),
    ]
    assert await again.receive_nothing()
    await again.disconnect()


def new_session_key() -> str:
    store = SessionStore()
    store.create()
    return store.session_key


async def assert_refused(communicator):
    error = await communicator.receive_json_from()
    assert error["type"] == "error" and error["code"] == "forbidden"
    assert error["message"]
    closed = await communicator.receive_output()
    assert closed == {"type": "websocket.close", "code": 4403}


@asynchronous
async def test_a_forged_token_is_refused(chat):
    pk = chat["conversation_pk"]
    forged = signing.dumps({"c": pk, "s": "guessed"}, salt=services.TOKEN_SALT)
    unsigned = chat["token"][:-3] + "abc"
    for token in (forged, unsigned, "", None, 42):
        communicator, frame = await visitor(session_key(chat["client"]), token)
        assert frame["code"] == "forbidden"
        assert await communicator.receive_output() == {
            "type": "websocket.close",
            "code": 4403,
        }


@asynchronous
async def test_a_token_from_another_session_is_refused(chat):
    other = await database_sync_to_async(new_session_key)()
    communicator, frame = await visitor(other, chat["token"])
    assert frame["code"] == "forbidden"
    assert (await communicator.receive_output())["code"] == 4403
    # Nor without any session at all.
    communicator, frame = await visitor(None, chat["token"])
    assert frame["code"] == "forbidden"


@asynchronous
async def test_anything_before_join_is_refused(chat):
    from tests.support.chat import socket

    communicator = socket("/ws/chat/", session_key(chat["client"]))
    await communicator.connect()
    await communicator.send_json_to({"type": "message", "text": "hi", "id": None})
    await assert_refused(communicator)


@asynchronous
async def test_bad_messages_get_a_clear_error_and_are_not_stored(chat):
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await communicator.receive_json_from()
    cases = {
        "empty": "   \n ",
        "too_long": "x" * 1001,
        "invalid": "hello\x00there",
        "bad_request": 42,
    }
    for code, text in cases.items():
        await communicator.send_json_to({"type": "message", "text": text, "id": None})
        error = await communicator.receive_json_from()
        assert (error["type"], error["code"]) == ("error", code)
        assert len(error["message"]) > 10
    await communicator.send_to(text_data="not json")
    assert (await communicator.receive_json_from())["code"] == "bad_request"
    await communicator.send_to(text_data="{" + " " * 20000 + "}")
    assert (await communicator.receive_json_from())["code"] == "too_long"
    await communicator.send_json_to({"type": "dance"})
    assert (await communicator.receive_json_from())["code"] == "bad_request"
    await communicator.send_json_to({"type": "message", "text": "ok\tfine\nthanks"})
    assert (await communicator.receive_json_from())["text"] == "ok\tfine\nthanks"
    await communicator.disconnect()
    count = await database_sync_to_async(
        ChatMessage.objects.filter(conversation__lead=chat["lead"]).count
    )()
    assert count == 2


@asynchronous
async def test_a_resent_message_is_stored_once(chat):
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await communicator.receive_json_from()
    message_id = str(uuid.uuid4())
    for _ in range(3):
        await communicator.send_json_to(
            {"type": "message", "text": "Are you there?", "id": message_id}
        )
    echo = await communicator.receive_json_from()
    assert (echo["seq"], echo["id"]) == (2, message_id)
    # The repeats are acknowledged once (already sent to this socket): nothing new.
    assert await communicator.receive_nothing()
    await communicator.disconnect()
    again, _ = await visitor(session_key(chat["client"]), chat["token"], after=1)
    echo = await again.receive_json_from()
    assert (echo["seq"], echo["id"]) == (2, message_id)
    await again.send_json_to(
        {"type": "message", "text": "Are you there?", "id": message_id}
    )
    assert await again.receive_nothing()
    await again.disconnect()
    count = await database_sync_to_async(
        ChatMessage.objects.filter(conversation__lead=chat["lead"]).count
    )()
    assert count == 2


@asynchronous
async def test_a_flood_is_refused_and_never_reaches_staff(chat, dana, settings):
    settings.CHAT_RATE_LIMITS = [(5, 10), (60, 600)]
    lead = chat["lead"]
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await communicator.receive_json_from()
    staff_socket, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    await staff_socket.send_json_to({"type": "open", "lead": lead.pk, "after": 1})
    codes = []
    for number in range(10):
        await communicator.send_json_to(
            {"type": "message", "text": f"flood {number}", "id": str(uuid.uuid4())}
        )
        frame = await communicator.receive_json_from()
        codes.append(frame.get("code", frame["type"]))
    # The first message (at start) counts: four more fit in the 10 s window.
    assert codes == ["message"] * 4 + ["rate_limited"] * 6
    heard = []
    while not await staff_socket.receive_nothing(timeout=0.3):
        frame = await staff_socket.receive_json_from()
        if frame["type"] == "message":
            heard.append(frame["seq"])
    assert heard == [2, 3, 4, 5]
    await communicator.disconnect()
    await staff_socket.disconnect()
    count = await database_sync_to_async(
        ChatMessage.objects.filter(conversation__lead=lead).count
    )()
    assert count == 5


@asynchronous
async def test_a_crisis_phrase_shows_help_and_flags_the_chat_urgent(chat, dana):
    lead = chat["lead"]
    assert not lead.is_urgent
    staff_socket, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await communicator.receive_json_from()
    await communicator.send_json_to(
        {
            "type": "message",
            "text": "I think I might overdose tonight",
            "id": str(uuid.uuid4()),
        }
    )
    assert (await communicator.receive_json_from())["type"] == "message"
    assert await communicator.receive_json_from() == {"type": "crisis"}
    assert await receive_until(staff_socket, "alert") == {
        "type": "alert",
        "lead": lead.pk,
        "urgent": True,
    }
    queue = await receive_until(staff_socket, "queue")
    assert queue["conversations"][0]["urgent"] is True
    await communicator.disconnect()
    await staff_socket.disconnect()
    await database_sync_to_async(lead.refresh_from_db)()
    assert lead.is_urgent


@asynchronous
async def test_an_unaccepted_chat_times_out_into_a_notified_lead(chat, mailoutbox):
    lead = chat["lead"]
    await database_sync_to_async(Lead.objects.filter(pk=lead.pk).update)(
        received_at=timezone.now() - timedelta(minutes=3, seconds=1)
    )
    assert mailoutbox == []
    communicator, joined = await visitor(session_key(chat["client"]), chat["token"])
    assert joined["timeout"] == 0
    await communicator.receive_json_from()  # the first message
    # The socket's own timer expires it.
    system = await communicator.receive_json_from(timeout=5)
    assert system["sender"] == "system"
    assert "nobody could answer in time" in system["text"]
    assert "988" in system["text"] and "(843) 555-0134" in system["text"]
    state = await communicator.receive_json_from()
    assert state == {"type": "state", "state": "unanswered", "staff": None}
    await communicator.send_json_to({"type": "message", "text": "hello?"})
    assert (await communicator.receive_json_from())["code"] == "ended"
    await communicator.disconnect()

    lead = await database_sync_to_async(
        Lead.objects.select_related("conversation").get
    )(pk=lead.pk)
    assert lead.conversation.state == ConversationState.UNANSWERED
    assert lead.notified_at is not None
    assert len(mailoutbox) == 1
    mail = mailoutbox[0]
    assert f"#{lead.pk}" in mail.subject and "live chat" in mail.subject.lower()
    for secret in ("Quincy", "Canary", "CANARY", "drinking", lead.reference):
        assert secret not in mail.subject + mail.body


@asynchronous
async def test_the_visitor_can_end_the_chat(chat, mailoutbox):
    communicator, _ = await visitor(session_key(chat["client"]), chat["token"])
    await communicator.receive_json_from()
    await communicator.send_json_to({"type": "end"})
    system = await communicator.receive_json_from()
    assert system["sender"] == "system"
    assert await communicator.receive_json_from() == {
        "type": "state",
        "state": "ended",
        "staff": None,
    }
    await communicator.disconnect()
    # Nobody had answered it: intake hears of it like any lead.
    assert len(mailoutbox) == 1


def test_a_second_start_with_the_same_submission_returns_the_same_chat(client, dana):
    first = start(client, submission_id="2b1c6f0e-7c56-4e3c-9a52-1d2f3e4a5b6c")
    again = start(client, submission_id="2b1c6f0e-7c56-4e3c-9a52-1d2f3e4a5b6c")
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Lead.objects.count() == 1


@asynchronous
async def test_a_crisis_in_the_first_message_shows_help_as_soon_as_the_chat_opens(
    client, dana
):
    response = await database_sync_to_async(start)(
        client,
        first_message="I don't want to be alive anymore, I keep thinking about ending it",
    )
    data = response.json()
    lead = await database_sync_to_async(Lead.objects.get)(reference=data["reference"])
    assert lead.is_urgent
    communicator, joined = await visitor(session_key(client), data["token"])
    assert joined["crisis"] is True
    assert await communicator.receive_json_from() == {"type": "crisis"}
    assert (await communicator.receive_json_from())["seq"] == 1
    await communicator.disconnect()


@asynchronous
async def test_an_ordinary_first_message_shows_no_crisis_help(chat):
    communicator, joined = await visitor(session_key(chat["client"]), chat["token"])
    assert joined["crisis"] is False
    assert (await communicator.receive_json_from())["type"] == "message"
    assert await communicator.receive_nothing()
    await communicator.disconnect()
