"""Availability: "accepting new patients" and the next assessment, as staff last
set them. Shown with how long ago, and only for AVAILABILITY_HOURS after that:
a promise nobody renewed disappears rather than misleads. The page's JSON-LD says
isAcceptingNewPatients exactly when the page shows it."""

import datetime
from dataclasses import dataclass

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext, pgettext

AVAILABILITY_HOURS = 48


@dataclass(frozen=True)
class Availability:
    accepting: bool
    next_assessment_on: datetime.date | None
    updated_at: datetime.datetime

    def next_assessment_label(self, today: datetime.date) -> str:
        day = self.next_assessment_on
        if day is None or day < today:
            return ""
        if day == today:
            return gettext("today")
        if day == today + datetime.timedelta(days=1):
            return gettext("tomorrow")
        # "Friday, December 4" / "viernes, 4 de diciembre": the visitor's language.
        return date_format(day, pgettext("date format", "l, F j"))


def current_availability(location, now=None) -> Availability | None:
    """What the page may say now, or None when it was never set or is stale."""
    now = now or timezone.now()
    updated = location.availability_updated_at
    if updated is None or location.accepting_new_patients is None:
        return None
    if now - updated > datetime.timedelta(hours=AVAILABILITY_HOURS):
        return None
    return Availability(
        accepting=location.accepting_new_patients,
        next_assessment_on=location.next_assessment_on,
        updated_at=updated,
    )
