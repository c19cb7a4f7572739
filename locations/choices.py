from django.db import models
from django.utils.translation import gettext_lazy as _


class Weekday(models.TextChoices):
    MONDAY = "MON", "Monday"
    TUESDAY = "TUE", "Tuesday"
    WEDNESDAY = "WED", "Wednesday"
    THURSDAY = "THU", "Thursday"
    FRIDAY = "FRI", "Friday"
    SATURDAY = "SAT", "Saturday"
    SUNDAY = "SUN", "Sunday"


SCHEMA_DAY = {
    "MON": "Monday",
    "TUE": "Tuesday",
    "WED": "Wednesday",
    "THU": "Thursday",
    "FRI": "Friday",
    "SAT": "Saturday",
    "SUN": "Sunday",
}


class LevelOfCare(models.TextChoices):
    """Levels of care a licence or accreditation may cover (and a location offer)."""

    OUTPATIENT = "outpatient", _("Outpatient")
    INTENSIVE_OUTPATIENT = "intensive_outpatient", _("Intensive outpatient")
    PARTIAL_HOSPITALIZATION = "partial_hospitalization", _("Partial hospitalization")
    RESIDENTIAL = "residential", _("Residential")
    WITHDRAWAL_MANAGEMENT = "withdrawal_management", _("Withdrawal management")


class CredentialKind(models.TextChoices):
    LICENCE = "licence", "Licence"
    ACCREDITATION = "accreditation", "Accreditation"
    AD_CERTIFICATION = "ad_certification", "Advertising certification"


class CredentialStatus(models.TextChoices):
    ACTIVE = "active", "Active"
    PENDING = "pending", "Pending"
    SUSPENDED = "suspended", "Suspended or withdrawn"


# schema.org credentialCategory for each kind.
SCHEMA_CREDENTIAL_CATEGORY = {
    "licence": "license",
    "accreditation": "accreditation",
    "ad_certification": "certification",
}


class NextAssessment(models.TextChoices):
    """How staff say when the next assessment is (the page shows a date)."""

    TODAY = "today", "Today"
    TOMORROW = "tomorrow", "Tomorrow"
    DATE = "date", "On a date"
