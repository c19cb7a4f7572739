from django.db import models


class Event(models.TextChoices):
    VIEW = "view", "Page view"
    LEAD_STARTED = "lead_started", "Lead started"
    LEAD_SENT = "lead_sent", "Lead sent"
    VITALS = "vitals", "Speed measurement"


class ReferrerClass(models.TextChoices):
    SEARCH = "search", "Search engine"
    SOCIAL = "social", "Social network"
    DIRECT = "direct", "Direct (no referrer)"
    OTHER = "other", "Another site"
    INTERNAL = "internal", "Our own site"
