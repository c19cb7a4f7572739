"""The two chat sockets: the visitor's (/ws/chat/) and staff's (/ws/chat/staff/).

The wire protocol is in README "Live chat". Every rule lives in services.py; these
classes only translate frames, join groups and keep per-socket state. The
database is reached through database_sync_to_async. Nothing here logs a name, a
token or a message.
"""

import asyncio
import json
import time

from channels.db import database_sync_to_async
from channels.generic.websocket import AsyncJsonWebsocketConsumer
from django.db import connection

from . import services
from .access import authorize_staff
from .services import ChatError

FORBIDDEN = 4403
# A frame larger than this is refused unread: the longest message, every
# character escaped as \uXXXX, still fits.
MAX_FRAME_CHARS = 16_000
TYPING_INTERVAL = 2.0  # seconds; the client sends at most one per 3 s


# Frames that come in streams reuse a staff check this recent; all others re-check.
RECHECK_SECONDS = 2.0
STREAMED_FRAMES = ("message", "typing", "seen")


def db(function):
    # On PostgreSQL, not the one shared thread Channels uses by default: with it,
    # every socket's database work queues behind every other's (seconds under 50
    # chats). Each call is its own transaction; nothing relies on thread affinity.
    # SQLite (make run) writes one at a time anyway, so it keeps the one thread.
    shared_thread = connection.vendor == "sqlite"
    return database_sync_to_async(function, thread_sensitive=shared_thread)


def as_int(value, minimum: int = 0) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        return None
    return value


class ChatSocket(AsyncJsonWebsocketConsumer):
    """What both sockets share: frame checks, errors, de-duplicated messages."""

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if text_data is None or len(text_data) > MAX_FRAME_CHARS:
            code = "bad_request" if text_data is None else "too_long"
            await self.send_error(ChatError(code))
            return
        try:
            content = json.loads(text_data)
        except ValueError:
            await self.send_error(ChatError("bad_request"))
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error(ChatError("bad_request"))
            return
        try:
            await self.receive_json(content)
        except ChatError as error:
            await self.send_error(error)

    async def send_error(self, error: ChatError):
        await self.send_json(error.as_event())

    def first_send(self, lead_pk: int, seq: int) -> bool:
        """True the first time this socket sends message `seq` of a lead: catch-up,
        our own echo and the group copy may all carry it."""
        sent = self.sent_seqs.setdefault(lead_pk, set())
        if seq in sent:
            return False
        sent.add(seq)
        return True

    def typing_allowed(self, lead_pk: int) -> bool:
        now = time.monotonic()
        if now - self.last_typing.get(lead_pk, 0) < TYPING_INTERVAL:
            return False
        self.last_typing[lead_pk] = now
        return True

    # Group events a socket does not forward are simply dropped.
    async def chat_crisis(self, event):
        pass

    async def chat_state(self, event):
        pass


class VisitorChatConsumer(ChatSocket):
    """One visitor's conversation. The first frame must be a valid join."""

    async def connect(self):
        self.lead_pk = None
        self.group = None
        self.state = None
        self.timer = None
        self.sent_seqs = {}
        self.last_typing = {}
        await self.accept()

    async def disconnect(self, code):
        if self.timer is not None:
            self.timer.cancel()
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)

    async def receive_json(self, content, **kwargs):
        kind = content["type"]
        if self.lead_pk is None:
            if kind != "join":
                await self.refuse()
                return
            await self.join(content)
            return
        handler = {
            "message": self.on_message,
            "typing": self.on_typing,
            "seen": self.on_seen,
            "end": self.on_end,
            "join": self.on_rejoin,
        }.get(kind)
        if handler is None:
            raise ChatError("bad_request")
        await handler(content)

    async def refuse(self):
        await self.send_error(ChatError("forbidden"))
        await self.close(code=FORBIDDEN)

    async def join(self, content):
        after = as_int(content.get("after", 0))
        session = self.scope.get("session")
        session_key = session.session_key if session is not None else None
        try:
            lead_pk = await db(services.lead_for_token)(
                content.get("token"), session_key
            )
        except ChatError:
            await self.refuse()
            return
        if after is None:
            raise ChatError("bad_request")
        self.lead_pk = lead_pk
        self.group = services.conversation_group(lead_pk)
        # Join the group before reading the catch-up, so nothing falls in between;
        # first_send() drops what arrives twice.
        await self.channel_layer.group_add(self.group, self.channel_name)
        joined, messages = await db(services.joined)(lead_pk, after)
        self.state = joined["state"]
        await self.send_json(joined)
        if joined["crisis"]:
            await self.send_json({"type": "crisis"})
        for message in messages:
            if self.first_send(lead_pk, message["seq"]):
                await self.send_json({"type": "message", **message})
        if joined["timeout"] is not None:
            self.timer = asyncio.create_task(self.expire_after(joined["timeout"]))

    async def on_rejoin(self, content):
        raise ChatError("bad_request")

    async def expire_after(self, seconds: int):
        await asyncio.sleep(seconds + 1)
        await db(services.expire_unanswered)(self.lead_pk)

    async def on_message(self, content):
        posted = await db(services.post_message)(
            self.lead_pk, content.get("text"), content.get("id")
        )
        if self.first_send(self.lead_pk, posted.message["seq"]):
            await self.send_json({"type": "message", **posted.message})
        if posted.crisis:
            await self.send_json({"type": "crisis"})

    async def on_typing(self, content):
        if self.state in services.OPEN_STATES and self.typing_allowed(self.lead_pk):
            await self.channel_layer.group_send(
                self.group,
                {"type": "chat.typing", "lead": self.lead_pk, "sender": "visitor"},
            )

    async def on_seen(self, content):
        await db(services.mark_seen)(self.lead_pk, content.get("seq"), "visitor")

    async def on_end(self, content):
        await db(services.end_by_visitor)(self.lead_pk)

    # Group events
    async def chat_message(self, event):
        message = event["message"]
        if self.first_send(self.lead_pk, message["seq"]):
            await self.send_json({"type": "message", **message})

    async def chat_typing(self, event):
        if event["sender"] == "staff":
            await self.send_json({"type": "typing", "sender": "staff"})

    async def chat_seen(self, event):
        if event["by"] == "staff":
            await self.send_json({"type": "seen", "seq": event["seq"], "by": "staff"})

    async def chat_state(self, event):
        self.state = event["state"]
        if self.state != "waiting" and self.timer is not None:
            self.timer.cancel()
            self.timer = None
        await self.send_json(
            {"type": "state", "state": event["state"], "staff": event["staff"]}
        )


class StaffChatConsumer(ChatSocket):
    """An intake user's live panel: the queue, alerts, and the chats they open."""

    async def connect(self):
        self.sent_seqs = {}
        self.last_typing = {}
        self.opened = set()
        self.checked_at = self.touched_at = float("-inf")
        await self.accept()
        session = self.scope.get("session")
        session_key = session.session_key if session is not None else None
        self.session_key = session_key
        self.user = await db(authorize_staff)(session_key)
        if self.user is None:
            await self.close(code=FORBIDDEN)
            return
        await self.channel_layer.group_add(services.STAFF_GROUP, self.channel_name)
        await db(services.heartbeat)(self.user)
        await self.send_queue(await db(services.queue_snapshot)())
        await self.send_availability(await db(services.is_available)(self.user))

    async def disconnect(self, code):
        if getattr(self, "user", None) is None:
            return
        await self.channel_layer.group_discard(services.STAFF_GROUP, self.channel_name)
        for lead_pk in self.opened:
            await self.channel_layer.group_discard(
                services.conversation_group(lead_pk), self.channel_name
            )

    async def receive_json(self, content, **kwargs):
        if getattr(self, "user", None) is None:
            return
        kind = content["type"]
        handler = {
            "available": self.on_available,
            "ping": self.on_ping,
            "open": self.on_open,
            "accept": self.on_accept,
            "message": self.on_message,
            "typing": self.on_typing,
            "seen": self.on_seen,
            "handover": self.on_handover,
            "close": self.on_close,
        }.get(kind)
        if handler is None:
            raise ChatError("bad_request")
        # The HTTP side's rules hold here too: signed out, idle or past the
        # absolute limit, or no longer a lead reviewer ends the socket.
        if not await self.still_authorized(kind):
            await self.close(code=FORBIDDEN)
            return
        if kind in ("available", "ping"):
            await handler(content)
            return
        lead_pk = as_int(content.get("lead"), minimum=1)
        if lead_pk is None:
            raise ChatError("bad_request")
        await handler(lead_pk, content)

    async def still_authorized(self, kind: str) -> bool:
        """Re-check the staff rules for this frame. A person acting (not a ping,
        typing or seen) counts as activity for the idle limit. A stream of
        messages or typing reuses a check of the last RECHECK_SECONDS."""
        active = kind not in ("ping", "typing", "seen")
        now = time.monotonic()
        last = self.touched_at if active else self.checked_at
        if kind in STREAMED_FRAMES and now - last < RECHECK_SECONDS:
            return True
        user = await db(authorize_staff)(self.session_key, touch=active)
        if user is None:
            return False
        self.user = user
        self.checked_at = now
        if active:
            self.touched_at = now
        return True

    async def send_queue(self, conversations):
        mine = self.user.pk
        queue = [
            {
                **{k: v for k, v in row.items() if k != "staffId"},
                "mine": row["staffId"] == mine,
            }
            for row in conversations
        ]
        await self.send_json({"type": "queue", "conversations": queue})

    async def send_availability(self, on: bool):
        colleagues = await db(services.colleagues)()
        await self.send_json(
            {"type": "availability", "on": on, "colleagues": colleagues}
        )

    async def open_conversation(self, lead_pk: int):
        if lead_pk not in self.opened:
            self.opened.add(lead_pk)
            await self.channel_layer.group_add(
                services.conversation_group(lead_pk), self.channel_name
            )

    async def on_available(self, content):
        on = content.get("on")
        if not isinstance(on, bool):
            raise ChatError("bad_request")
        await self.send_availability(await db(services.set_available)(self.user, on))

    async def on_ping(self, content):
        await db(services.heartbeat)(self.user)
        # Any open panel also times out waiting chats whose visitor's socket is
        # gone (notify_pending does it too, less often).
        await db(services.expire_unanswered)()

    async def on_open(self, lead_pk, content):
        after = as_int(content.get("after", 0))
        if after is None:
            raise ChatError("bad_request")
        messages = await db(services.open_for_staff)(lead_pk, self.user, after)
        await self.open_conversation(lead_pk)
        for message in messages:
            if self.first_send(lead_pk, message["seq"]):
                await self.send_json({"type": "message", "lead": lead_pk, **message})

    async def on_accept(self, lead_pk, content):
        await db(services.accept)(lead_pk, self.user)
        await self.open_conversation(lead_pk)

    async def on_message(self, lead_pk, content):
        posted = await db(services.post_message)(
            lead_pk, content.get("text"), content.get("id"), staff_user=self.user
        )
        await self.open_conversation(lead_pk)
        if self.first_send(lead_pk, posted.message["seq"]):
            await self.send_json({"type": "message", "lead": lead_pk, **posted.message})

    async def on_typing(self, lead_pk, content):
        if lead_pk in self.opened and self.typing_allowed(lead_pk):
            await self.channel_layer.group_send(
                services.conversation_group(lead_pk),
                {"type": "chat.typing", "lead": lead_pk, "sender": "staff"},
            )

    async def on_seen(self, lead_pk, content):
        await db(services.mark_seen)(lead_pk, content.get("seq"), "staff")

    async def on_handover(self, lead_pk, content):
        await db(services.handover)(lead_pk, self.user, content.get("to"))

    async def on_close(self, lead_pk, content):
        await db(services.close)(lead_pk, self.user)

    # Group events
    async def staff_queue(self, event):
        await self.send_queue(event["conversations"])

    async def staff_alert(self, event):
        await self.send_json(
            {"type": "alert", "lead": event["lead"], "urgent": event["urgent"]}
        )

    async def chat_message(self, event):
        lead_pk, message = event["lead"], event["message"]
        if self.first_send(lead_pk, message["seq"]):
            await self.send_json({"type": "message", "lead": lead_pk, **message})

    async def chat_typing(self, event):
        if event["sender"] == "visitor":
            await self.send_json(
                {"type": "typing", "lead": event["lead"], "sender": "visitor"}
            )

    async def chat_seen(self, event):
        if event["by"] == "visitor":
            await self.send_json(
                {
                    "type": "seen",
                    "lead": event["lead"],
                    "seq": event["seq"],
                    "by": "visitor",
                }
            )
