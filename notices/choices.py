from django.db import models


class NoticeKind(models.TextChoices):
    """The notices a treatment program keeps on its website. The value is the
    notice's address (/notices/<value>/): choose it once."""

    PRIVACY_PRACTICES = "privacy-practices", "Notice of privacy practices"
    NONDISCRIMINATION = "nondiscrimination", "Nondiscrimination and language help"
    GOOD_FAITH_ESTIMATE = "good-faith-estimate", "Your right to a good faith estimate"
    WEBSITE_PRIVACY = "website-privacy", "Website privacy"
    ACCESSIBILITY = "accessibility", "Accessibility statement"
    EDITORIAL_POLICY = "editorial-policy", "How we write and review"
    NO_PAID_REFERRALS = "no-paid-referrals", "We never pay for referrals"


class ConsentPurpose(models.TextChoices):
    """Which forms show a consent wording (contact/kinds.py names one per kind)."""

    CONTACT = "contact", "Forms asking us to call, text or email"
    LIVE_CHAT = "live_chat", "Starting a live chat"
