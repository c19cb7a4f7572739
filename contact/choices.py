from django.db import models
from django.utils.translation import gettext_lazy as _


class LeadStatus(models.TextChoices):
    NEW = "new", "New"
    IN_PROGRESS = "in_progress", "In progress"
    CONTACTED = "contacted", "Contacted"
    CLOSED = "closed", "Closed"


class ContactMethod(models.TextChoices):
    PHONE = "phone", _("Phone call")
    TEXT = "text", _("Text message")
    EMAIL = "email", _("Email")


class ContactTime(models.TextChoices):
    ANY = "any", _("Any time")
    MORNING = "morning", _("Morning (8 am – noon)")
    AFTERNOON = "afternoon", _("Afternoon (noon – 5 pm)")
    EVENING = "evening", _("Evening (5 – 9 pm)")


class LeadFor(models.TextChoices):
    SELF = "self", _("Me")
    LOVED_ONE = "loved_one", _("A loved one")
    PROFESSIONAL = "professional", _("A professional referral")


class VisitorLanguage(models.TextChoices):
    """The language a visitor used on the site (its URL: / or /es/), so intake calls
    back in it. Stored in Lead.language; follows settings.LANGUAGES."""

    ENGLISH = "en", "English"
    SPANISH = "es", "Spanish"


class LeadKind(models.TextChoices):
    """Stored in Lead.kind. Everything else about a kind is in contact/kinds.py."""

    INQUIRY = "inquiry", "Inquiry"
    CHAT_REQUEST = "chat_request", "Chat request"
    LIVE_CHAT = "live_chat", "Live chat"
    INSURANCE_CHECK = "insurance", "Insurance check"
    ESTIMATE_REQUEST = "estimate", "Good-faith estimate request"


class PlanType(models.TextChoices):
    """What kind of plan an insurance check is about (Lead.plan_type)."""

    EMPLOYER = "employer", _("Through an employer or union")
    MARKETPLACE = "marketplace", _("Bought myself (Marketplace or direct)")
    MEDICAID = "medicaid", _("Medicaid or a Medicaid managed-care plan")
    MEDICARE = "medicare", _("Medicare or Medicare Advantage")
    MILITARY = "military", _("TRICARE or VA")
    NOT_SURE = "not_sure", _("Not sure")


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
