from django.db import models
from django.utils.translation import gettext_noop


class NoticeKind(models.TextChoices):
    """The notices a treatment program keeps on its website. The value is the
    notice's address (/notices/<value>/): choose it once. The labels are marked for
    the catalogue but stay English here (they are cached): pages translate them when
    they show them."""

    PRIVACY_PRACTICES = "privacy-practices", gettext_noop("Notice of privacy practices")
    NONDISCRIMINATION = (
        "nondiscrimination",
        gettext_noop("Nondiscrimination and language help"),
    )
    GOOD_FAITH_ESTIMATE = (
        "good-faith-estimate",
        gettext_noop("Your right to a good faith estimate"),
    )
    WEBSITE_PRIVACY = "website-privacy", gettext_noop("Website privacy")
    ACCESSIBILITY = "accessibility", gettext_noop("Accessibility statement")
    EDITORIAL_POLICY = "editorial-policy", gettext_noop("How we write and review")
    NO_PAID_REFERRALS = "no-paid-referrals", gettext_noop("We never pay for referrals")


class ConsentPurpose(models.TextChoices):
    """Which forms show a consent wording (contact/kinds.py names one per kind)."""

    CONTACT = "contact", "Forms asking us to call, text or email"
    LIVE_CHAT = "live_chat", "Starting a live chat"
