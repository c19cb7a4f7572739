"""Live chat's rules, in one place for the view, both consumers and notify_pending.

Every change is one transaction holding the conversation's row lock; what the
sockets hear is sent to the channel layer only after that commits, so a message a
socket shows is always already in PostgreSQL, and a lost group send loses nothing
(the client catches up with `after`). No function here logs a name or a message.
"""

import hashlib
import hmac
import logging
import secrets
import unicodedata
import uuid
from dataclasses import dataclass, field
from datetime import timedelta

from asgiref.sync import async_to_sync
from channels.exceptions import ChannelFull
from channels.layers import get_channel_layer
from django.conf import settings
from django.contrib.auth import get_user_model
from django.core import signing
from django.db import transaction
from django.utils import timezone
from redis.exceptions import RedisError
from wagtail.permissions import policy_registry

from lantana.core.models import SiteSettings
from lantana.core.text import reveal_invisible, strip_invisible

from .. import audit
from ..choices import LeadStatus
from ..crisis import mentions_crisis
from ..models import Lead
from ..services import Receipt, enqueue_notification, store_lead
from .models import (
    CannedReply,
    ChatAvailability,
    ChatConversation,
    ChatMessage,
    ConversationState,
    Sender,
)

logger = logging.getLogger(__name__)

TOKEN_SALT = "contact.chat.visitor"  # noqa: S105 - a signing salt, not a secret
STAFF_GROUP = "chat.staff"
# "Someone is available" = switched on and their panel pinged this recently.
AVAILABLE_WITHIN = timedelta(seconds=90)
OPEN_STATES = (ConversationState.WAITING, ConversationState.ACTIVE)
_ALLOWED_CONTROLS = {"\n", "\t"}

ERROR_MESSAGES = {
    "empty": "Type a message before sending.",
    "too_long": "That message is too long. Please split it into shorter ones "
    "(up to {max} characters each).",
    "invalid": "That message has hidden control characters in it (they sometimes "
    "come along when text is pasted). Please remove them and send it again.",
    "rate_limited": "You are sending messages very quickly. Please wait a few "
    "seconds, then send again.",
    "forbidden": "This chat cannot be opened here. Please start a new chat or call us.",
    "bad_request": "Something went wrong with that message. Please try again.",
    "unreadable": "That message has characters in it we cannot read (they sometimes "
    "come along when text is pasted). Please retype it and send it again.",
    "ended": "This chat has ended. Start a new one or call us if you need us.",
    "taken": "A colleague has already accepted this chat.",
    "not_yours": "This chat is assigned to a colleague.",
    "not_found": "This chat no longer exists.",
    "not_colleague": "That person cannot take chats.",
}


class ChatError(Exception):
    """A refused action, with the code and sentence the socket sends back."""

    def __init__(self, code: str):
        super().__init__(code)
        self.code = code

    @property
    def message(self) -> str:
        return ERROR_MESSAGES[self.code].format(max=settings.CHAT_MESSAGE_MAX_LENGTH)

    def as_event(self) -> dict:
        return {"type": "error", "code": self.code, "message": self.message}


# --- Tokens and bindings ---------------------------------------------------------


def keyed_hash(purpose: str, value: str) -> str:
    key = hashlib.sha256(f"{purpose}:{settings.SECRET_KEY}".encode()).digest()
    return hmac.new(key, value.encode(), hashlib.sha256).hexdigest()


def session_binding(session_key: str | None) -> str:
    return keyed_hash("contact.chat.session", session_key or "")


def make_token(conversation_pk: int, secret: str) -> str:
    return signing.dumps({"c": conversation_pk, "s": secret}, salt=TOKEN_SALT)


def conversation_for_token(token, session_key: str | None) -> ChatConversation:
    """The conversation a visitor's token opens from this session, or ChatError
    "forbidden" (forged, unknown, or issued to another browser session)."""
    if not isinstance(token, str) or not session_key or len(token) > 500:
        raise ChatError("forbidden")
    try:
        data = signing.loads(token, salt=TOKEN_SALT)
        pk, secret = int(data["c"]), str(data["s"])
    except (signing.BadSignature, KeyError, TypeError, ValueError):
        raise ChatError("forbidden") from None
    conversation = (
        ChatConversation.objects.select_related("lead", "accepted_by")
        .filter(pk=pk)
        .first()
    )
    if (
        conversation is None
        or not hmac.compare_digest(
            conversation.secret_hash, keyed_hash("contact.chat.secret", secret)
        )
        or not hmac.compare_digest(
            conversation.session_key_hash, session_binding(session_key)
        )
    ):
        raise ChatError("forbidden")
    return conversation


def lead_for_token(token, session_key: str | None) -> int:
    return conversation_for_token(token, session_key).lead_id


def open_for_staff(lead_pk: int, user, after: int) -> list[dict]:
    """The messages after `after` for a staff member opening a chat; reading a
    transcript is a view of the lead, audited as on its page."""
    lead = Lead.objects.filter(pk=lead_pk, conversation__isnull=False).first()
    if lead is None:
        raise ChatError("not_found")
    # Every range is a read, a reconnect's catch-up included.
    audit.log_view(lead, user)
    return messages_after(lead_pk, after)


# --- What the sockets hear ------------------------------------------------------


def conversation_group(lead_pk: int) -> str:
    return f"chat.conv.{lead_pk}"


def staff_user_group(user_pk: int) -> str:
    """Every staff socket of one account: told when that account's access ends."""
    return f"chat.staff.user.{user_pk}"


def staff_name(user) -> str | None:
    """What a visitor sees: the first name only."""
    if user is None:
        return None
    return (user.first_name or "").strip() or "Lantana staff"


def full_name(user) -> str:
    return user.get_full_name() or user.get_username()


def message_payload(message: ChatMessage) -> dict:
    return {
        "seq": message.seq,
        "sender": message.sender,
        "name": staff_name(message.staff_user)
        if message.sender == Sender.STAFF
        else None,
        # Stored before invisible characters were left out: shown, not obeyed.
        "text": reveal_invisible(message.text),
        "at": message.sent_at.isoformat(),
        "id": str(message.client_id) if message.client_id else None,
    }


def messages_after(lead_pk: int, after: int) -> list[dict]:
    rows = (
        ChatMessage.objects.filter(conversation__lead_id=lead_pk, seq__gt=after)
        .select_related("staff_user")
        .order_by("seq")
    )
    return [message_payload(message) for message in rows]


def joined(lead_pk: int, after: int) -> tuple[dict, list[dict]]:
    """The visitor's "joined" frame and the messages they have not seen. `crisis`
    is true when the lead is urgent (say, its first message mentioned a crisis), so
    the visitor is shown 988 and 911 as soon as the chat opens."""
    conversation = ChatConversation.objects.select_related("lead", "accepted_by").get(
        lead_id=lead_pk
    )
    frame = {
        "type": "joined",
        "reference": conversation.lead.reference,
        "state": conversation.state,
        "staff": staff_name(conversation.accepted_by),
        "timeout": seconds_left(conversation),
        "crisis": conversation.lead.is_urgent,
    }
    return frame, messages_after(lead_pk, after)


def seconds_left(conversation: ChatConversation, now=None) -> int | None:
    if conversation.state != ConversationState.WAITING:
        return None
    due = conversation.lead.received_at + accept_timeout()
    return max(0, int((due - (now or timezone.now())).total_seconds()))


def accept_timeout() -> timedelta:
    return timedelta(minutes=settings.CHAT_ACCEPT_TIMEOUT_MINUTES)


def queue_snapshot(now=None) -> list[dict]:
    """Waiting and active chats, urgent first then oldest, for every staff socket.
    `staffId` is turned into `mine` by each socket and never sent."""
    now = now or timezone.now()
    rows = (
        ChatConversation.objects.filter(state__in=OPEN_STATES, lead__is_spam=False)
        .select_related("lead", "accepted_by")
        .order_by("-lead__is_urgent", "lead__received_at")
    )
    queue = []
    for conversation in rows:
        lead = conversation.lead
        until = conversation.accepted_at or now
        queue.append(
            {
                "lead": lead.pk,
                "reference": lead.reference,
                "name": reveal_invisible(lead.preferred_name),
                "state": conversation.state,
                "urgent": lead.is_urgent,
                "spanish": lead.language == "es",
                "startedAt": lead.received_at.isoformat(),
                "waitingSeconds": max(
                    0, int((until - lead.received_at).total_seconds())
                ),
                "staff": staff_name(conversation.accepted_by),
                "staffId": conversation.accepted_by_id,
                "lastSeq": conversation.next_seq - 1,
                "visitorSeenSeq": conversation.visitor_seen_seq,
            }
        )
    return queue


@dataclass
class Outbox:
    """Group sends collected during a transaction and sent once it commits."""

    events: list[tuple[str, dict]] = field(default_factory=list)
    queue_changed: bool = False

    def to_conversation(self, lead_pk: int, event: dict) -> None:
        self.events.append((conversation_group(lead_pk), {"lead": lead_pk, **event}))

    def to_staff(self, event: dict) -> None:
        self.events.append((STAFF_GROUP, event))

    def send_on_commit(self) -> None:
        transaction.on_commit(self.send, robust=True)

    def send(self) -> None:
        events = list(self.events)
        if self.queue_changed:
            events.append(
                (
                    STAFF_GROUP,
                    {"type": "staff.queue", "conversations": queue_snapshot()},
                )
            )
        broadcast(events)


def broadcast(events: list[tuple[str, dict]]) -> int:
    """Send to the channel layer; returns how many sends failed. A send the
    connection dropped (Redis restarting) is tried once more. A failure is logged
    with the group, the event's type and the transport's own words, never the
    event's contents: the rows are stored, and every client catches up when it
    reconnects."""
    layer = get_channel_layer()
    if layer is None or not events:
        return 0
    send = async_to_sync(layer.group_send)
    failed = 0
    for group, event in events:
        try:
            try:
                send(group, event)
            except RETRIED_ERRORS:
                send(group, event)
        except Exception as error:  # noqa: BLE001 - the data is safe in the database
            failed += 1
            logger.warning(
                "Live chat: a %s event to %s was not sent (%s)",
                event.get("type"),
                group,
                failure_reason(error),
            )
    return failed


# A dropped or refused connection: worth one more try.
RETRIED_ERRORS = (ConnectionError, TimeoutError, RedisError)
# Errors of the transport itself, whose words never quote what was being sent.
TRANSPORT_ERRORS = (*RETRIED_ERRORS, OSError, RuntimeError, ChannelFull)


def failure_reason(error: Exception) -> str:
    """The exception's class and, for a transport error, its message (e.g. "You
    cannot use AsyncToSync in the same thread as an async event loop"). Any other
    error's message could quote the event it failed on: its class only."""
    kind = type(error).__name__
    if isinstance(error, TRANSPORT_ERRORS) and str(error):
        return f"{kind}: {str(error)[:200]}"
    return kind


def notify_queue_changed() -> None:
    outbox = Outbox(queue_changed=True)
    outbox.send()


# --- Starting a chat ------------------------------------------------------------


@dataclass(frozen=True)
class Started:
    receipt: Receipt
    token: str | None  # None: this submission was stored before (a repeat)
    lead_pk: int


def start_chat(lead: Lead, session_key: str, spam_reason: str = "") -> Started:
    """Store a live chat's lead, its conversation and first message in one
    transaction. Idempotent on `lead.submission_id` (store_lead): a repeat returns
    the first one's receipt and no token. A quarantined (spam) chat is stored
    ended, so no staff member ever sees it. Waiting chats are not emailed."""
    secret = secrets.token_urlsafe(32)
    outbox = Outbox(queue_changed=True)
    created = {}

    def open_conversation(saved: Lead) -> None:
        conversation = ChatConversation.objects.create(
            lead=saved,
            state=ConversationState.ENDED
            if saved.is_spam
            else ConversationState.WAITING,
            ended_at=saved.received_at if saved.is_spam else None,
            secret_hash=keyed_hash("contact.chat.secret", secret),
            session_key_hash=session_binding(session_key),
            last_visitor_at=saved.received_at,
            next_seq=2,
        )
        ChatMessage.objects.create(
            conversation=conversation,
            seq=1,
            sender=Sender.VISITOR,
            text=saved.first_message,
            sent_at=saved.received_at,
        )
        created["pk"] = conversation.pk
        if not saved.is_spam:
            outbox.to_staff(
                {"type": "staff.alert", "lead": saved.pk, "urgent": saved.is_urgent}
            )
            outbox.send_on_commit()

    receipt = store_lead(
        lead, lead.first_message, spam_reason, notify=False, on_saved=open_conversation
    )
    if receipt.reference != lead.reference or "pk" not in created:
        return Started(receipt, None, Lead.objects.get(reference=receipt.reference).pk)
    return Started(receipt, make_token(created["pk"], secret), lead.pk)


# --- Messages -------------------------------------------------------------------


def clean_text(text) -> str:
    """The message as stored, or ChatError empty / too_long / invalid."""
    if not isinstance(text, str):
        raise ChatError("bad_request")
    text = text.replace("\r\n", "\n").replace("\r", "\n").strip()
    if not text:
        raise ChatError("empty")
    if any(
        unicodedata.category(char) == "Cc" and char not in _ALLOWED_CONTROLS
        for char in text
    ):
        raise ChatError("invalid")
    text = strip_invisible(text).strip()
    if not text:
        raise ChatError("empty")
    if len(text) > settings.CHAT_MESSAGE_MAX_LENGTH:
        raise ChatError("too_long")
    return text


def clean_client_id(value) -> uuid.UUID | None:
    if value in (None, ""):
        return None
    try:
        return uuid.UUID(str(value))
    except ValueError:
        raise ChatError("bad_request") from None


@dataclass(frozen=True)
class Posted:
    message: dict
    created: bool
    crisis: bool  # the visitor's message mentions a crisis


def _locked(lead_pk: int) -> ChatConversation:
    """The lead's conversation, its row locked until the transaction ends."""
    conversation = (
        ChatConversation.objects.select_for_update(of=("self",))
        .select_related("lead", "accepted_by")
        .filter(lead_id=lead_pk)
        .first()
    )
    if conversation is None:
        raise ChatError("not_found")
    return conversation


def _over_rate(conversation: ChatConversation, now) -> bool:
    visitor_messages = conversation.messages.filter(sender=Sender.VISITOR)
    return any(
        visitor_messages.filter(sent_at__gt=now - timedelta(seconds=seconds)).count()
        >= count
        for count, seconds in settings.CHAT_RATE_LIMITS
    )


def post_message(lead_pk: int, text, client_id=None, staff_user=None) -> Posted:
    """Store one message from the visitor (staff_user None) or the assignee.

    A repeated client_id returns the stored message (created False). A crisis
    phrase from the visitor marks the lead urgent and alerts staff.
    """
    text = clean_text(text)
    client_id = clean_client_id(client_id)
    sender = Sender.VISITOR if staff_user is None else Sender.STAFF
    outbox = Outbox()
    with transaction.atomic():
        conversation = _locked(lead_pk)
        lead = conversation.lead
        if client_id is not None:
            existing = (
                conversation.messages.filter(client_id=client_id)
                .select_related("staff_user")
                .first()
            )
            if existing is not None:
                if existing.sender != sender:
                    raise ChatError("bad_request")
                return Posted(message_payload(existing), False, False)
        if not conversation.is_open:
            raise ChatError("ended")
        if staff_user is not None and (
            conversation.state != ConversationState.ACTIVE
            or conversation.accepted_by_id != staff_user.pk
        ):
            raise ChatError("not_yours")
        now = timezone.now()
        if sender == Sender.VISITOR and _over_rate(conversation, now):
            raise ChatError("rate_limited")
        if sender == Sender.VISITOR:
            conversation.last_visitor_at = now
            # Nobody has the chat open yet: the queue's lastSeq tells staff.
            outbox.queue_changed = conversation.state == ConversationState.WAITING
        message = _append(conversation, sender, text, now, client_id, staff_user)
        crisis = sender == Sender.VISITOR and mentions_crisis(
            text, language=lead.language
        )
        if crisis and not lead.is_urgent:
            lead.is_urgent = True
            lead.save(update_fields=["is_urgent"])
            outbox.to_staff({"type": "staff.alert", "lead": lead.pk, "urgent": True})
            outbox.queue_changed = True
        outbox.to_conversation(
            lead.pk, {"type": "chat.message", "message": message_payload(message)}
        )
        if crisis:
            outbox.to_conversation(lead.pk, {"type": "chat.crisis"})
        outbox.send_on_commit()
    return Posted(message_payload(message), True, crisis)


def _append(conversation, sender, text, now, client_id=None, staff_user=None):
    """Add a message with the next seq; the caller holds the row lock."""
    message = ChatMessage.objects.create(
        conversation=conversation,
        seq=conversation.next_seq,
        sender=sender,
        staff_user=staff_user,
        text=text,
        client_id=client_id,
        sent_at=now,
    )
    conversation.next_seq += 1
    conversation.save(update_fields=["next_seq", "last_visitor_at"])
    return message


def mark_seen(lead_pk: int, seq, by: str) -> None:
    """Record how far the visitor (by="visitor") or staff have read."""
    if not isinstance(seq, int) or isinstance(seq, bool) or seq < 0:
        raise ChatError("bad_request")
    column = "visitor_seen_seq" if by == Sender.VISITOR else "staff_seen_seq"
    outbox = Outbox()
    with transaction.atomic():
        conversation = _locked(lead_pk)
        seq = min(seq, conversation.next_seq - 1)
        if seq <= getattr(conversation, column):
            return
        setattr(conversation, column, seq)
        conversation.save(update_fields=[column])
        lead_pk = conversation.lead_id
        outbox.to_conversation(lead_pk, {"type": "chat.seen", "seq": seq, "by": by})
        outbox.send_on_commit()


# --- Staff actions --------------------------------------------------------------


def can_take_chats(user) -> bool:
    return bool(
        user
        and user.is_active
        and policy_registry.get_by_type(Lead).user_has_permission(user, "change")
    )


def colleagues() -> list[dict]:
    """Everyone who may take a chat (for handover)."""
    users = (
        policy_registry.get_by_type(Lead)
        .users_with_any_permission(["change"])
        .filter(is_active=True)
        .order_by("first_name", "last_name", "pk")
    )
    return [
        {
            "id": user.pk,
            "name": full_name(user)
            + (" · speaks Spanish" if user.speaks_spanish else ""),
        }
        for user in users
    ]


def state_event(conversation: ChatConversation) -> dict:
    return {
        "type": "chat.state",
        "state": conversation.state,
        "staff": staff_name(conversation.accepted_by),
    }


def accept(lead_pk: int, user) -> None:
    """The first staff member to accept a waiting chat gets it; others: "taken"."""
    outbox = Outbox(queue_changed=True)
    with transaction.atomic():
        conversation = _locked(lead_pk)
        if (
            conversation.state == ConversationState.ACTIVE
            and conversation.accepted_by_id == user.pk
        ):
            return
        if conversation.state != ConversationState.WAITING:
            raise ChatError(
                "taken" if conversation.state == ConversationState.ACTIVE else "ended"
            )
        now = timezone.now()
        conversation.state = ConversationState.ACTIVE
        conversation.accepted_by = user
        conversation.accepted_at = now
        conversation.save(update_fields=["state", "accepted_by", "accepted_at"])
        lead = conversation.lead
        before = audit.snapshot(lead)
        # Answered live: this counts as the notification, and the lead is theirs.
        lead.notified_at = lead.notified_at or now
        lead.assignee = user
        if lead.status == LeadStatus.NEW:
            lead.status = LeadStatus.IN_PROGRESS
        lead.last_activity_at = now
        lead.save(
            update_fields=["notified_at", "assignee", "status", "last_activity_at"]
        )
        audit.log_change(lead, user, before)
        outbox.to_conversation(lead.pk, state_event(conversation))
        outbox.send_on_commit()


def handover(lead_pk: int, user, to_user_pk) -> None:
    """The assignee passes an active chat (and its lead) to a colleague."""
    target = (
        get_user_model().objects.filter(pk=to_user_pk).first()
        if isinstance(to_user_pk, int)
        else None
    )
    if target is None or not can_take_chats(target):
        raise ChatError("not_colleague")
    outbox = Outbox(queue_changed=True)
    with transaction.atomic():
        conversation = _locked(lead_pk)
        if conversation.state != ConversationState.ACTIVE:
            raise ChatError("ended" if not conversation.is_open else "not_yours")
        if conversation.accepted_by_id != user.pk:
            raise ChatError("not_yours")
        conversation.accepted_by = target
        conversation.save(update_fields=["accepted_by"])
        lead = conversation.lead
        before = audit.snapshot(lead)
        lead.assignee = target
        lead.last_activity_at = timezone.now()
        lead.save(update_fields=["assignee", "last_activity_at"])
        audit.log_change(lead, user, before)
        outbox.to_conversation(lead.pk, state_event(conversation))
        outbox.send_on_commit()


CLOSED_TEXT = (
    "This chat has ended. If you need us again, start a new chat or call {phone}."
)
ENDED_BY_VISITOR_TEXT = "The visitor ended the chat."


def close(lead_pk: int, user) -> None:
    """Staff end a chat: the assignee an active one, anyone a waiting one."""
    with transaction.atomic():
        conversation = _locked(lead_pk)
        if not conversation.is_open:
            return
        if (
            conversation.state == ConversationState.ACTIVE
            and conversation.accepted_by_id != user.pk
        ):
            raise ChatError("not_yours")
        lead = conversation.lead
        now = timezone.now()
        lead.notified_at = lead.notified_at or now
        lead.last_activity_at = now
        lead.save(update_fields=["notified_at", "last_activity_at"])
        _finish(
            conversation,
            ConversationState.ENDED,
            CLOSED_TEXT.format(phone=clinic_phone()),
            now,
        )


def end_by_visitor(lead_pk: int) -> None:
    """The visitor ends their chat. One nobody answered yet is emailed as a lead."""
    with transaction.atomic():
        conversation = _locked(lead_pk)
        if not conversation.is_open:
            return
        unanswered = conversation.state == ConversationState.WAITING
        _finish(
            conversation, ConversationState.ENDED, ENDED_BY_VISITOR_TEXT, timezone.now()
        )
        if unanswered:
            lead_pk = conversation.lead_id
            transaction.on_commit(lambda: enqueue_notification(lead_pk), robust=True)


def _finish(conversation, state, text, now) -> None:
    outbox = Outbox(queue_changed=True)
    message = _append(conversation, Sender.SYSTEM, text, now)
    conversation.state = state
    conversation.ended_at = now
    conversation.save(update_fields=["state", "ended_at"])
    lead_pk = conversation.lead_id
    outbox.to_conversation(
        lead_pk, {"type": "chat.message", "message": message_payload(message)}
    )
    outbox.to_conversation(lead_pk, state_event(conversation))
    outbox.send_on_commit()


# --- Timeout ---------------------------------------------------------------------

UNANSWERED_TEXT = (
    "We're sorry: nobody could answer in time. Please call us at {phone}, any time, "
    "or leave your number with the callback form and we will call you. If you are "
    "in crisis, call or text 988, or call 911 in an emergency."
)


def clinic_phone() -> str:
    phone = (
        SiteSettings.objects.exclude(phone="").values_list("phone", flat=True).first()
    )
    return phone or settings.CLINIC_FALLBACK_PHONE


def expire_unanswered(lead_pk: int | None = None, now=None) -> int:
    """Turn waiting chats older than CHAT_ACCEPT_TIMEOUT_MINUTES into unanswered
    leads: a system message to the visitor, and the usual (PHI-free) email.
    Idempotent; safe from several processes at once. Returns how many expired."""
    now = now or timezone.now()
    due = ChatConversation.objects.filter(
        state=ConversationState.WAITING, lead__received_at__lte=now - accept_timeout()
    )
    if lead_pk is not None:
        due = due.filter(lead_id=lead_pk)
    expired = 0
    for pk in list(due.values_list("lead_id", flat=True)):
        with transaction.atomic():
            conversation = _locked(pk)
            if conversation.state != ConversationState.WAITING:
                continue
            # Queued before _finish's own on-commit sends, so the lead is on its
            # way to intake before the visitor is told.
            transaction.on_commit(
                lambda pk=conversation.lead_id: enqueue_notification(pk), robust=True
            )
            _finish(
                conversation,
                ConversationState.UNANSWERED,
                UNANSWERED_TEXT.format(phone=clinic_phone()),
                now,
            )
            expired += 1
    return expired


# --- Availability ------------------------------------------------------------------


def set_available(user, on: bool, now=None) -> bool:
    ChatAvailability.objects.update_or_create(
        user=user, defaults={"is_available": bool(on), "seen_at": now or timezone.now()}
    )
    return bool(on)


def heartbeat(user, now=None) -> None:
    ChatAvailability.objects.filter(user=user).update(seen_at=now or timezone.now())


def is_available(user) -> bool:
    return ChatAvailability.objects.filter(user=user, is_available=True).exists()


def someone_available(now=None) -> bool:
    """Is at least one staff member taking chats, with their panel open?"""
    since = (now or timezone.now()) - AVAILABLE_WITHIN
    return ChatAvailability.objects.filter(
        is_available=True, seen_at__gte=since, user__is_active=True
    ).exists()


def canned_replies() -> list[dict]:
    return list(CannedReply.objects.values("title", "text"))
