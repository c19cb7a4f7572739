"""When an answer is owed: a number of business days (Monday to Friday, in the
clinic's time zone) after a lead was received. Public holidays are not counted
out: the date errs early, never late."""

import datetime

from django.utils import timezone


def add_business_days(day: datetime.date, days: int) -> datetime.date:
    """`days` weekdays after `day` (a Friday request plus 3 is Wednesday)."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if day.weekday() < 5:
            days -= 1
    return day


def due_on(received_at: datetime.datetime, business_days: int) -> datetime.date:
    return add_business_days(timezone.localdate(received_at), business_days)


def due_level(due: datetime.date, today: datetime.date | None = None) -> str:
    """ "red" once the due date has passed, "amber" on the due date itself."""
    today = today or timezone.localdate()
    if today > due:
        return "red"
    if today == due:
        return "amber"
    return ""
