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


class ContactChannel(models.TextChoices):
    """How a visitor allowed us to reach them (Lead.allowed_channels)."""

    CALL = "call", "Call"
    TEXT = "text", "Text"
    EMAIL = "email", "Email"
    VOICEMAIL = "voicemail", "Voicemail"


class RevocationScope(models.TextChoices):
    """What a visitor later withdrew (LeadRevocation)."""

    NO_CALL = "no_call", "Do not call"
    NO_TEXT = "no_text", "Do not text"
    NO_EMAIL = "no_email", "Do not email"
    NO_VOICEMAIL = "no_voicemail", "Do not leave voicemail"
    NO_CONTACT = "no_contact", "Do not contact"


# The channel each scope closes; "do not contact" closes them all.
REVOKED_CHANNELS = {
    RevocationScope.NO_CALL: {ContactChannel.CALL},
    RevocationScope.NO_TEXT: {ContactChannel.TEXT},
    RevocationScope.NO_EMAIL: {ContactChannel.EMAIL},
    RevocationScope.NO_VOICEMAIL: {ContactChannel.VOICEMAIL},
    RevocationScope.NO_CONTACT: set(ContactChannel),
}
