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
from django.conf import settings
from django.db import connection

from . import services
from .access import staff_access
from .services import ChatError

FORBIDDEN = 4403
JOIN_TIMEOUT = 4408
FLOODING = 4429
# A frame larger than this is refused unparsed: the longest message, every
# character escaped as \uXXXX, still fits. The server (uvicorn --ws-max-size,
# deploy/) refuses larger frames before reading them whole.
MAX_FRAME_CHARS = 16_000
TYPING_INTERVAL = 2.0  # seconds; the client sends at most one per 3 s
# Frames the browser sends by itself: over the rate they are dropped silently.
QUIET_FRAMES = ("typing", "seen", "ping")
# A socket refused this many frames in one rate window is closed.
FLOOD_STRIKES = 20

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


def readable(content) -> bool:
    """False when a string in the frame cannot be stored as text: a lone
    surrogate ("\\ud800" is valid JSON, not valid UTF-8)."""
    try:
        json.dumps(content, ensure_ascii=False).encode()
    except UnicodeEncodeError:
        return False
    return True


class FrameRate:
    """At most CHAT_FRAME_RATE ("count/seconds") frames of each type per socket."""

    def __init__(self):
        self.count, self.seconds = settings.CHAT_FRAME_RATE_LIMIT
        self.window_start = time.monotonic()
        self.counts: dict[str, int] = {}
        self.strikes = 0

    def allow(self, kind: str) -> bool:
        now = time.monotonic()
        if now - self.window_start >= self.seconds:
            self.window_start, self.counts, self.strikes = now, {}, 0
        self.counts[kind] = self.counts.get(kind, 0) + 1
        if self.counts[kind] <= self.count:
            return True
        self.strikes += 1
        return False

    @property
    def flooding(self) -> bool:
        return self.strikes >= FLOOD_STRIKES


class ChatSocket(AsyncJsonWebsocketConsumer):
    """What both sockets share: frame checks, errors, de-duplicated messages."""

    closed = False

    async def receive(self, text_data=None, bytes_data=None, **kwargs):
        if self.closed:
            return
        if text_data is None or len(text_data) > MAX_FRAME_CHARS:
            code = "bad_request" if text_data is None else "too_long"
            await self.send_error(ChatError(code))
            return
        try:
            content = json.loads(text_data)
        except (ValueError, RecursionError):  # [[[[… nested thousands deep
            await self.send_error(ChatError("bad_request"))
            return
        if not isinstance(content, dict) or not isinstance(content.get("type"), str):
            await self.send_error(ChatError("bad_request"))
            return
        if not readable(content):
            await self.send_error(ChatError("unreadable"))
            return
        kind = content["type"] if content["type"] in self.frame_types else "other"
        if not self.rate.allow(kind):
            if self.rate.flooding:
                await self.end(FLOODING)
            elif kind not in QUIET_FRAMES:
                await self.send_error(ChatError("rate_limited"))
            return
        try:
            await self.receive_json(content)
        except ChatError as error:
            await self.send_error(error)

    async def send_json(self, content, close=False):
        if not self.closed:
            await super().send_json(content, close=close)

    async def send_error(self, error: ChatError):
        await self.send_json(error.as_event())

    async def end(self, code: int):
        """Close with `code`, and send nothing more, whatever is still queued."""
        if not self.closed:
            self.closed = True
            await self.leave_groups()
            await self.close(code=code)

    async def leave_groups(self):
        pass

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
    """One visitor's conversation. The first frame must be a valid join, within
    CHAT_JOIN_SECONDS of connecting."""

    frame_types = ("join", "message", "typing", "seen", "end")

    async def connect(self):
        self.lead_pk = None
        self.group = None
        self.state = None
        self.timer = None
        self.sent_seqs = {}
        self.last_typing = {}
        self.rate = FrameRate()
        self.join_timer = asyncio.create_task(self.join_deadline())
        await self.accept()

    async def join_deadline(self):
        await asyncio.sleep(settings.CHAT_JOIN_SECONDS)
        if self.lead_pk is None:
            await self.end(JOIN_TIMEOUT)

    async def disconnect(self, code):
        self.closed = True
        self.join_timer.cancel()
        if self.timer is not None:
            self.timer.cancel()
        await self.leave_groups()

    async def leave_groups(self):
        if self.group is not None:
            await self.channel_layer.group_discard(self.group, self.channel_name)
            self.group = None

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
        await self.end(FORBIDDEN)

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
        self.join_timer.cancel()
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
    """An intake user's live panel: the queue, alerts, and the chats they open.

    Access is checked on what flows out as well as on what comes in: before each
    push (a check holds CHAT_STAFF_RECHECK_SECONDS at most, never past the
    session's own end), at the session's end, and at once when an event ends it
    (contact/chat/revocation.py: sign-out, deactivation, a group change)."""

    frame_types = (
        "available",
        "ping",
        "open",
        "accept",
        "message",
        "typing",
        "seen",
        "handover",
        "close",
    )

    async def connect(self):
        self.sent_seqs = {}
        self.last_typing = {}
        self.opened = set()
        self.rate = FrameRate()
        self.user = None
        self.valid_until = float("-inf")  # epoch seconds
        self.checked_at = self.touched_at = float("-inf")
        self.session_timer = None
        await self.accept()
        session = self.scope.get("session")
        self.session_key = session.session_key if session is not None else None
        if not await self.recheck():
            return
        self.user_group = services.staff_user_group(self.user.pk)
        await self.channel_layer.group_add(self.user_group, self.channel_name)
        await self.channel_layer.group_add(services.STAFF_GROUP, self.channel_name)
        await db(services.heartbeat)(self.user)
        await self.send_queue(await db(services.queue_snapshot)())
        await self.send_availability(await db(services.is_available)(self.user))

    async def disconnect(self, code):
        self.closed = True
        await self.leave_groups()

    def stop_session_timer(self):
        # Never the running task itself: it may be the one closing the socket.
        timer = self.session_timer
        if timer is not None and timer is not asyncio.current_task():
            timer.cancel()

    async def leave_groups(self):
        self.stop_session_timer()
        if self.user is None:
            return
        groups = [services.STAFF_GROUP, self.user_group]
        groups += [services.conversation_group(lead_pk) for lead_pk in self.opened]
        self.opened = set()
        self.user = None
        for group in groups:
            await self.channel_layer.group_discard(group, self.channel_name)

    async def recheck(self, touch: bool = False) -> bool:
        """Check the staff rules now; close the socket if they no longer hold."""
        access = await db(staff_access)(self.session_key, touch=touch)
        if access is None or self.closed:
            await self.end(FORBIDDEN)
            return False
        self.user = access.user
        now = time.time()
        self.checked_at = now
        self.valid_until = min(now + settings.CHAT_STAFF_RECHECK_SECONDS, access.until)
        self.stop_session_timer()
        self.session_timer = asyncio.create_task(self.end_of_session(access.until))
        return True

    async def end_of_session(self, until: float):
        # Sleeping on: a recheck replaces this timer with the session's new end.
        await asyncio.sleep(max(0.0, until - time.time()))
        await self.recheck()

    async def may_push(self) -> bool:
        """Before anything the server pushes: is this socket still allowed?"""
        if self.closed or self.user is None:
            return False
        if time.time() < self.valid_until:
            return True
        return await self.recheck()

    async def receive_json(self, content, **kwargs):
        if self.user is None:
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
        messages or typing reuses a recent check (as may_push does)."""
        active = kind not in ("ping", "typing", "seen")
        now = time.time()
        last = self.touched_at if active else self.checked_at
        if (
            kind in STREAMED_FRAMES
            and now - last < settings.CHAT_STAFF_RECHECK_SECONDS
            and now < self.valid_until
        ):
            return True
        if not await self.recheck(touch=active):
            return False
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

    # Group events: each one re-checks access first (may_push).
    async def staff_recheck(self, event):
        if not self.closed:
            await self.recheck()

    async def staff_queue(self, event):
        if await self.may_push():
            await self.send_queue(event["conversations"])

    async def staff_alert(self, event):
        if not await self.may_push():
            return
        await self.send_json(
            {"type": "alert", "lead": event["lead"], "urgent": event["urgent"]}
        )

    async def chat_message(self, event):
        if not await self.may_push():
            return
        lead_pk, message = event["lead"], event["message"]
        if self.first_send(lead_pk, message["seq"]):
            await self.send_json({"type": "message", "lead": lead_pk, **message})

    async def chat_typing(self, event):
        if event["sender"] == "visitor" and await self.may_push():
            await self.send_json(
                {"type": "typing", "lead": event["lead"], "sender": "visitor"}
            )

    async def chat_seen(self, event):
        if event["by"] == "visitor" and await self.may_push():
            await self.send_json(
                {
                    "type": "seen",
                    "lead": event["lead"],
                    "seq": event["seq"],
                    "by": "visitor",
                }
            )
