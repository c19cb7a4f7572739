"""The staff socket: who may connect, the queue, accept, hand over, close."""

import uuid

import pytest
from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from wagtail.models import ModelLogEntry

from access.session import SEEN_KEY
from contact.chat import services
from contact.models import Lead
from tests.support.chat import (
    asynchronous,
    drain,
    make_user,
    queue_where,
    receive_until,
    session_key,
    socket,
    staff,
    staff_session,
    visitor,
)

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


async def assert_closed_before_any_data(key):
    communicator = socket("/ws/chat/staff/", key)
    connected, _ = await communicator.connect()
    assert connected
    assert await communicator.receive_output() == {
        "type": "websocket.close",
        "code": 4403,
    }


def password_only_session(user) -> str:
    client = Client()
    client.force_login(user)  # no second step
    return client.session.session_key


@asynchronous
async def test_anonymous_visitors_cannot_open_the_staff_socket(chat):
    await assert_closed_before_any_data(None)
    await assert_closed_before_any_data(session_key(chat["client"]))


@asynchronous
async def test_a_password_only_session_cannot_open_the_staff_socket(dana):
    key = await database_sync_to_async(password_only_session)(dana)
    await assert_closed_before_any_data(key)


@asynchronous
async def test_staff_without_the_lead_permission_cannot_connect(db):
    editor = await database_sync_to_async(make_user)("eddie", reviewer=False)
    await assert_closed_before_any_data(
        await database_sync_to_async(staff_session)(editor)
    )


@asynchronous
async def test_an_idle_staff_session_cannot_connect(dana, settings):
    key = await database_sync_to_async(staff_session)(dana)

    def make_idle():
        store = SessionStore(key)
        store[SEEN_KEY] = store[SEEN_KEY] - settings.STAFF_SESSION_IDLE_SECONDS - 1
        store.save()

    await database_sync_to_async(make_idle)()
    await assert_closed_before_any_data(key)


@asynchronous
async def test_signing_out_ends_an_open_staff_socket(dana):
    key = await database_sync_to_async(staff_session)(dana)
    communicator, _, _ = await staff(key)
    await database_sync_to_async(SessionStore(key).delete)()
    await communicator.send_json_to({"type": "ping"})
    assert (await communicator.receive_output())["code"] == 4403


@asynchronous
async def test_connecting_sends_the_queue_and_availability(chat, dana, lee):
    communicator, queue, availability = await staff(
        await database_sync_to_async(staff_session)(dana)
    )
    lead = chat["lead"]
    [row] = queue["conversations"]
    assert row["lead"] == lead.pk
    assert row["reference"] == lead.reference
    assert row["name"] == "Quincy Canary"
    assert (row["state"], row["urgent"], row["staff"], row["mine"]) == (
        "waiting",
        False,
        None,
        False,
    )
    assert (row["lastSeq"], row["visitorSeenSeq"]) == (1, 0)
    assert "staffId" not in row and "ip" not in str(row).lower()
    assert availability["on"] is True
    assert {c["name"] for c in availability["colleagues"]} == {
        "Dana Pierce",
        "Lee Marsh",
    }
    await communicator.send_json_to({"type": "available", "on": False})
    assert (await communicator.receive_json_from())["on"] is False
    assert not await database_sync_to_async(services.someone_available)()
    await communicator.disconnect()


@asynchronous
async def test_a_new_chat_alerts_every_staff_socket(client, dana):
    from tests.support.chat import start

    communicator, queue, _ = await staff(
        await database_sync_to_async(staff_session)(dana)
    )
    assert queue["conversations"] == []
    response = await database_sync_to_async(start)(client)
    lead_pk = await database_sync_to_async(
        lambda: Lead.objects.get(reference=response.json()["reference"]).pk
    )()
    assert await receive_until(communicator, "alert") == {
        "type": "alert",
        "lead": lead_pk,
        "urgent": False,
    }
    queue = await receive_until(communicator, "queue")
    assert [row["lead"] for row in queue["conversations"]] == [lead_pk]
    await communicator.disconnect()


@asynchronous
async def test_the_first_to_accept_wins(chat, dana, lee):
    lead = chat["lead"]
    sockets = {}
    for user in (dana, lee):
        key = await database_sync_to_async(staff_session)(user)
        sockets[user.pk], _, _ = await staff(key)
    # Both press Accept at once.
    for communicator in sockets.values():
        await communicator.send_json_to({"type": "accept", "lead": lead.pk})
    frames = {pk: await drain(communicator) for pk, communicator in sockets.items()}
    errors = {
        pk: [frame for frame in got if frame["type"] == "error"]
        for pk, got in frames.items()
    }
    [winner] = [pk for pk, got in errors.items() if not got]
    loser = lee.pk if winner == dana.pk else dana.pk
    [error] = errors[loser]
    assert error["code"] == "taken" and error["message"]
    last_queue = [frame for frame in frames[loser] if frame["type"] == "queue"][-1]
    assert last_queue["conversations"][0]["mine"] is False
    # Only the assignee may reply.
    await sockets[loser].send_json_to(
        {"type": "message", "lead": lead.pk, "text": "Me too", "id": str(uuid.uuid4())}
    )
    assert (await receive_until(sockets[loser], "error"))["code"] == "not_yours"
    for communicator in sockets.values():
        await communicator.disconnect()
    lead = await database_sync_to_async(Lead.objects.get)(pk=lead.pk)
    assert lead.assignee_id == winner and lead.status == "in_progress"
    assert lead.notified_at is not None  # answered live: no email


@asynchronous
async def test_handover_passes_the_chat_and_the_lead(chat, dana, lee):
    lead = chat["lead"]
    visitor_socket, _ = await visitor(session_key(chat["client"]), chat["token"])
    first, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    second, _, _ = await staff(await database_sync_to_async(staff_session)(lee))
    await first.send_json_to({"type": "accept", "lead": lead.pk})
    assert (await receive_until(visitor_socket, "state"))["staff"] == "Dana"
    editor = await database_sync_to_async(make_user)("eddie", reviewer=False)
    await first.send_json_to({"type": "handover", "lead": lead.pk, "to": editor.pk})
    assert (await receive_until(first, "error"))["code"] == "not_colleague"
    await first.send_json_to({"type": "handover", "lead": lead.pk, "to": lee.pk})
    assert await receive_until(visitor_socket, "state") == {
        "type": "state",
        "state": "active",
        "staff": "Lee",
    }
    await queue_where(second, lambda rows: rows[0]["mine"])
    await second.send_json_to({"type": "open", "lead": lead.pk, "after": 0})
    assert (await receive_until(second, "message"))["seq"] == 1
    viewed = await database_sync_to_async(
        lambda: ModelLogEntry.objects.filter(
            action="contact.lead.view", user=lee
        ).count()
    )()
    assert viewed == 1  # reading a transcript is audited like opening the lead
    await second.send_json_to(
        {
            "type": "message",
            "lead": lead.pk,
            "text": "Lee here.",
            "id": str(uuid.uuid4()),
        }
    )
    assert (await receive_until(visitor_socket, "message"))["name"] == "Lee"
    await second.send_json_to({"type": "typing", "lead": lead.pk})
    assert await receive_until(visitor_socket, "typing") == {
        "type": "typing",
        "sender": "staff",
    }
    await first.send_json_to(
        {
            "type": "message",
            "lead": lead.pk,
            "text": "Still me",
            "id": str(uuid.uuid4()),
        }
    )
    assert (await receive_until(first, "error"))["code"] == "not_yours"
    for communicator in (visitor_socket, first, second):
        await communicator.disconnect()
    lead = await database_sync_to_async(Lead.objects.get)(pk=lead.pk)
    assert lead.assignee_id == lee.pk


@asynchronous
async def test_closing_ends_the_chat_for_the_visitor(chat, dana, mailoutbox):
    lead = chat["lead"]
    visitor_socket, _ = await visitor(session_key(chat["client"]), chat["token"])
    assert (await visitor_socket.receive_json_from())["seq"] == 1
    communicator, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    await communicator.send_json_to({"type": "accept", "lead": lead.pk})
    await communicator.send_json_to({"type": "close", "lead": lead.pk})
    system = await receive_until(visitor_socket, "message")
    assert system["sender"] == "system" and "(843) 555-0134" in system["text"]
    assert await receive_until(visitor_socket, "state") == {
        "type": "state",
        "state": "ended",
        "staff": "Dana",
    }
    await queue_where(communicator, lambda rows: rows == [])
    await visitor_socket.disconnect()
    await communicator.disconnect()
    assert mailoutbox == []


@asynchronous
async def test_staff_frames_are_checked(chat, dana):
    communicator, _, _ = await staff(await database_sync_to_async(staff_session)(dana))
    for frame in (
        {"type": "accept"},
        {"type": "accept", "lead": "1"},
        {"type": "open", "lead": chat["lead"].pk, "after": -1},
        {"type": "available", "on": "yes"},
        {"type": "launch"},
    ):
        await communicator.send_json_to(frame)
        assert (await receive_until(communicator, "error"))["code"] == "bad_request"
    await communicator.send_json_to({"type": "open", "lead": 999999, "after": 0})
    assert (await receive_until(communicator, "error"))["code"] == "not_found"
    await communicator.disconnect()


@asynchronous
async def test_an_open_panel_times_out_chats_whose_visitor_left(chat, dana, mailoutbox):
    from datetime import timedelta

    from django.utils import timezone

    await database_sync_to_async(Lead.objects.filter(pk=chat["lead"].pk).update)(
        received_at=timezone.now() - timedelta(minutes=5)
    )
    communicator, queue, _ = await staff(
        await database_sync_to_async(staff_session)(dana)
    )
    assert len(queue["conversations"]) == 1
    await communicator.send_json_to({"type": "ping"})
    await queue_where(communicator, lambda rows: rows == [])
    await communicator.disconnect()
    assert len(mailoutbox) == 1
