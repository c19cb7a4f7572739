from django.conf import settings
from django.db import models

from .choices import ContactMethod, ContactTime, LeadFor, LeadStatus

MESSAGE_MAX_LENGTH = 2000


class Lead(models.Model):
    """What an inquiry and a chat request share. Every field here is health information."""

    preferred_name = models.CharField("what we should call you", max_length=80)
    email = models.EmailField(max_length=254, blank=True)
    phone = models.CharField(
        max_length=16, blank=True, help_text="E.164, e.g. +18435550134"
    )
    preferred_method = models.CharField(
        max_length=10, choices=ContactMethod.choices, default=ContactMethod.PHONE
    )
    preferred_time = models.CharField(
        max_length=10, choices=ContactTime.choices, default=ContactTime.ANY
    )
    voicemail_ok = models.BooleanField("safe to leave a voicemail", default=False)
    email_ok = models.BooleanField("safe to email", default=False)
    lead_for = models.CharField(
        "who it is for", max_length=15, choices=LeadFor.choices, default=LeadFor.SELF
    )
    message = models.TextField(blank=True, max_length=MESSAGE_MAX_LENGTH)
    consent = models.BooleanField(default=False)
    location = models.ForeignKey(
        "core.LocationPage",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    source_path = models.CharField(max_length=300, blank=True)
    utm_source = models.CharField(max_length=100, blank=True)
    utm_medium = models.CharField(max_length=100, blank=True)
    utm_campaign = models.CharField(max_length=100, blank=True)
    received_at = models.DateTimeField(auto_now_add=True, db_index=True)
    submission_id = models.UUIDField(unique=True, editable=False)
    reference = models.CharField(max_length=12, unique=True, editable=False)
    status = models.CharField(
        max_length=12, choices=LeadStatus.choices, default=LeadStatus.NEW, db_index=True
    )
    is_urgent = models.BooleanField(default=False, db_index=True)
    is_spam = models.BooleanField(default=False, db_index=True)
    spam_reason = models.CharField(max_length=40, blank=True)
    notified_at = models.DateTimeField(null=True, blank=True)
    assignee = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )

    kind_label = "Lead"

    class Meta:
        abstract = True
        ordering = ["-is_urgent", "-received_at"]

    def __str__(self):
        return f"{self.kind_label} #{self.pk}"


class Inquiry(Lead):
    kind_label = "Inquiry"

    class Meta(Lead.Meta):
        verbose_name = "inquiry"
        verbose_name_plural = "inquiries"


class ChatRequest(Lead):
    best_time = models.CharField("best time to reach me", max_length=120, blank=True)
    first_message = models.CharField(max_length=500, blank=True)

    kind_label = "Chat request"

    class Meta(Lead.Meta):
        verbose_name = "chat request"


NOTE_MAX_LENGTH = 4000


class LeadNote(models.Model):
    """A note intake staff leave on a lead for each other; shown as a timeline."""

    inquiry = models.ForeignKey(
        Inquiry, null=True, blank=True, on_delete=models.CASCADE, related_name="notes"
    )
    chat_request = models.ForeignKey(
        ChatRequest,
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="notes",
    )
    author = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        null=True,
        on_delete=models.SET_NULL,
        related_name="+",
    )
    created_at = models.DateTimeField(auto_now_add=True, db_index=True)
    text = models.TextField(max_length=NOTE_MAX_LENGTH)

    class Meta:
        ordering = ["created_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=(
                    models.Q(inquiry__isnull=False, chat_request__isnull=True)
                    | models.Q(inquiry__isnull=True, chat_request__isnull=False)
                ),
                name="leadnote_belongs_to_one_lead",
            )
        ]

    def __str__(self):
        return f"Note on {self.lead}"

    @property
    def lead(self):
        return self.inquiry or self.chat_request

    @classmethod
    def for_lead(cls, lead) -> dict:
        """The keyword that ties a note to `lead`, whichever kind it is."""
        field = "inquiry" if isinstance(lead, Inquiry) else "chat_request"
        return {field: lead}
