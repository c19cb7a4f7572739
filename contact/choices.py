from django.db import models


class LeadStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    CONTACTED = "contacted", "Contacted"
    CLOSED = "closed", "Closed"


class ContactMethod(models.TextChoices):
    PHONE = "phone", "Phone call"
    TEXT = "text", "Text message"
    EMAIL = "email", "Email"


class ContactTime(models.TextChoices):
    ANY = "any", "Any time"
    MORNING = "morning", "Morning (8 am – noon)"
    AFTERNOON = "afternoon", "Afternoon (noon – 5 pm)"
    EVENING = "evening", "Evening (5 – 9 pm)"


class LeadFor(models.TextChoices):
    SELF = "self", "Me"
    LOVED_ONE = "loved_one", "A loved one"
    PROFESSIONAL = "professional", "A professional referral"


class LeadKind(models.TextChoices):
    """Stored in Lead.kind. Everything else about a kind is in contact/kinds.py."""

    INQUIRY = "inquiry", "Inquiry"
    CHAT_REQUEST = "chat_request", "Chat request"
    LIVE_CHAT = "live_chat", "Live chat"
