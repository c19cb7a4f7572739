"""Live chat: a conversation belongs to one Lead (kind live_chat) and goes with it.

Imported by contact/models.py, so the app label stays "contact". Message text is
health information, like every lead field: it lives only in these rows.
"""

from django.conf import settings
from django.db import models
from django.utils import timezone
from wagtail.admin.panels import FieldPanel
from wagtail.search import index

from ..fields import EncryptedTextField


class ConversationState(models.TextChoices):
    WAITING = "waiting", "Waiting for staff"
    ACTIVE = "active", "Active"
    ENDED = "ended", "Ended"
    UNANSWERED = "unanswered", "Nobody answered in time"


class Sender(models.TextChoices):
    VISITOR = "visitor", "Visitor"
    STAFF = "staff", "Staff"
    SYSTEM = "system", "System"


class ChatConversation(models.Model):
    """The live part of a live-chat lead. `secret_hash` is a hash of the secret in
    the visitor's token and `session_key_hash` a keyed hash of their session key:
    a token works only from the browser session it was issued to. `next_seq` is
    the next message's number, taken under this row's lock."""

    lead = models.OneToOneField(
        "contact.Lead", on_delete=models.CASCADE, related_name="conversation"
    )
    state = models.CharField(
        max_length=10,
        choices=ConversationState.choices,
        default=ConversationState.WAITING,
        db_index=True,
    )
    secret_hash = models.CharField(max_length=64, editable=False)
    session_key_hash = models.CharField(max_length=64, editable=False)
    accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    accepted_at = models.DateTimeField(null=True, blank=True)
    ended_at = models.DateTimeField(null=True, blank=True)
    last_visitor_at = models.DateTimeField(null=True, blank=True)
    visitor_seen_seq = models.PositiveIntegerField(default=0)
    staff_seen_seq = models.PositiveIntegerField(default=0)
    next_seq = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = "chat conversation"

    def __str__(self):
        return f"Conversation of lead #{self.lead_id}"

    @property
    def is_open(self) -> bool:
        return self.state in (ConversationState.WAITING, ConversationState.ACTIVE)


class ChatMessage(models.Model):
    """One message, numbered 1, 2, 3… within its conversation. `client_id` is the
    sender's own id for it, so a message resent after a dropped connection is
    stored once."""

    conversation = models.ForeignKey(
        ChatConversation, on_delete=models.CASCADE, related_name="messages"
    )
    seq = models.PositiveIntegerField()
    sender = models.CharField(max_length=7, choices=Sender.choices)
    staff_user = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    text = EncryptedTextField()
    client_id = models.UUIDField(null=True, blank=True)
    sent_at = models.DateTimeField(default=timezone.now)

    class Meta:
        ordering = ["conversation", "seq"]
        constraints = [
            models.UniqueConstraint(
                fields=["conversation", "seq"], name="contact_chatmessage_seq_uniq"
            ),
            models.UniqueConstraint(
                fields=["conversation", "client_id"],
                name="contact_chatmessage_client_id_uniq",
            ),
        ]

    def __str__(self):
        return f"Message {self.seq} of lead #{self.conversation.lead_id}"


class ChatAvailability(models.Model):
    """A staff member's "I'm taking chats" switch. `seen_at` is the open panel's
    heartbeat: someone is available only while their panel keeps pinging."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="+"
    )
    is_available = models.BooleanField(default=False)
    seen_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        verbose_name = "chat availability"
        verbose_name_plural = "chat availability"

    def __str__(self):
        return f"Chat availability of user #{self.user_id}"


class CannedReply(index.Indexed, models.Model):
    """A reply staff can drop into a live chat with one click. Keep it warm and
    short; the visitor sees it exactly as written."""

    title = models.CharField(max_length=80, help_text="What staff see on the button.")
    text = models.TextField(max_length=1000)
    sort_order = models.IntegerField(null=True, blank=True, editable=False)

    panels = [FieldPanel("title"), FieldPanel("text")]
    search_fields = [index.SearchField("title"), index.AutocompleteField("title")]

    class Meta:
        ordering = ["sort_order", "title"]
        verbose_name = "canned reply"
        verbose_name_plural = "canned replies"

    def __str__(self):
        return self.title
