"""Access ends everywhere at once: a silent staff socket hears nothing more after
sign-out, session expiry, deactivation or removal from Lead reviewers (issue 22)."""

import asyncio
import time

import pytest
from channels.db import database_sync_to_async
from django.contrib.sessions.backends.db import SessionStore
from django.test import Client
from django.urls import reverse
from wagtail.models import ModelLogEntry

from access.session import SEEN_KEY, STARTED_KEY
from contact import audit
from contact.chat import services
from contact.permissions import get_lead_reviewers_group
from lantana.core.models import User
from tests.support.auth import sign_in
from tests.support.chat import asynchronous, drain, receive_until, staff

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

CLOSED = {"type": "websocket.close", "code": 4403}


def signed_in_client(user) -> Client:
    return sign_in(Client(), user)


async def silent_panel(user):
    """A staff socket that has had its first frames, then sends nothing."""
    client = await database_sync_to_async(signed_in_client)(user)
    communicator, _, _ = await staff(client.session.session_key)
    return client, communicator


async def assert_next_push_never_arrives(communicator):
    """Whatever the server pushes next (a queue update, an alert), the socket is
    closed instead and receives none of it."""
    await database_sync_to_async(services.notify_queue_changed)()
    await database_sync_to_async(services.broadcast)(
        [(services.STAFF_GROUP, {"type": "staff.alert", "lead": 1, "urgent": True})]
    )
    assert await communicator.receive_output(timeout=3) == CLOSED
    assert await communicator.receive_nothing(timeout=0.5)


@asynchronous
async def test_a_silent_panel_still_hears_pushes_while_access_holds(dana):
    _, communicator = await silent_panel(dana)
    await database_sync_to_async(services.notify_queue_changed)()
    assert (await communicator.receive_json_from(timeout=3))["type"] == "queue"
    await communicator.disconnect()


@asynchronous
async def test_signing_out_closes_a_silent_panel(dana):
    client, communicator = await silent_panel(dana)
    response = await database_sync_to_async(client.post)(reverse("wagtailadmin_logout"))
    assert response.status_code == 302
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_deactivation_closes_a_silent_panel(dana):
    _, communicator = await silent_panel(dana)

    def deactivate():
        dana.is_active = False
        dana.save()

    await database_sync_to_async(deactivate)()
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_leaving_lead_reviewers_closes_a_silent_panel(dana):
    _, communicator = await silent_panel(dana)
    await database_sync_to_async(dana.groups.remove)(get_lead_reviewers_group())
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_emptying_the_group_from_its_side_closes_a_silent_panel(dana):
    _, communicator = await silent_panel(dana)
    group = await database_sync_to_async(get_lead_reviewers_group)()
    await database_sync_to_async(group.user_set.clear)()
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_a_session_reaching_its_end_closes_a_silent_panel(dana, settings):
    client = await database_sync_to_async(signed_in_client)(dana)
    key = client.session.session_key

    def end_in_half_a_second():
        store = SessionStore(key)
        started = time.time() - settings.STAFF_SESSION_MAX_SECONDS + 0.5
        store[STARTED_KEY] = started
        store[SEEN_KEY] = time.time()
        store.save()

    await database_sync_to_async(end_in_half_a_second)()
    communicator, _, _ = await staff(key)
    await asyncio.sleep(0.6)
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_an_idle_session_ends_before_the_next_push(dana, settings):
    """No event fires when a session idles out: the check before the push finds it."""
    settings.CHAT_STAFF_RECHECK_SECONDS = 0
    client, communicator = await silent_panel(dana)

    def make_idle():
        store = SessionStore(client.session.session_key)
        store[SEEN_KEY] = store[SEEN_KEY] - settings.STAFF_SESSION_IDLE_SECONDS - 1
        store.save()

    await database_sync_to_async(make_idle)()
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_a_change_no_signal_announces_is_found_before_the_next_push(
    dana, settings
):
    """A row changed behind Django's back (a bulk update, SQL by hand) sends no
    event; the check before each push still finds it."""
    settings.CHAT_STAFF_RECHECK_SECONDS = 0
    _, communicator = await silent_panel(dana)
    await database_sync_to_async(User.objects.filter(pk=dana.pk).update)(
        is_active=False
    )
    await assert_next_push_never_arrives(communicator)


@asynchronous
async def test_a_closed_panel_receives_no_conversation_traffic(chat, dana, settings):
    """Messages of a chat the panel had open stop too."""
    settings.CHAT_STAFF_RECHECK_SECONDS = 0
    _, communicator = await silent_panel(dana)
    lead_pk = chat["lead"].pk
    await communicator.send_json_to({"type": "open", "lead": lead_pk, "after": 0})
    await receive_until(communicator, "message")
    await drain(communicator)

    def deactivate_and_post():
        User.objects.filter(pk=dana.pk).update(is_active=False)
        services.post_message(lead_pk, "are you there?")

    await database_sync_to_async(deactivate_and_post)()
    assert await communicator.receive_output(timeout=3) == CLOSED
    assert await communicator.receive_nothing(timeout=0.5)


@asynchronous
async def test_reading_a_transcript_from_any_point_is_audited(chat, dana):
    _, communicator = await silent_panel(dana)
    lead = chat["lead"]

    def views():
        return ModelLogEntry.objects.filter(
            object_id=str(lead.pk), action=audit.VIEW
        ).count()

    for after in (0, 1, 5):
        before = await database_sync_to_async(views)()
        await communicator.send_json_to(
            {"type": "open", "lead": lead.pk, "after": after}
        )
        await drain(communicator)
        assert await database_sync_to_async(views)() == before + 1
    await communicator.disconnect()
