"""When an answer is owed: a number of business days (Monday to Friday, in the
clinic's time zone, less the US federal holidays as observed) after a lead was
received. The holidays are the eleven of 5 U.S.C. 6103(a); one falling on a
Saturday is observed the Friday before, on a Sunday the Monday after (as federal
offices observe them; Executive Order 11582). A day the clinic closes for any
other reason still counts: the date errs early, never late."""

import calendar
import datetime
import functools

from django.utils import timezone

# (month, day) of the holidays on a fixed date, with the first year each applies.
FIXED_HOLIDAYS = {
    (1, 1): 1870,  # New Year's Day
    (6, 19): 2021,  # Juneteenth National Independence Day
    (7, 4): 1870,  # Independence Day
    (11, 11): 1938,  # Veterans Day
    (12, 25): 1870,  # Christmas Day
}
MONDAY, THURSDAY = 0, 3
# (month, weekday, n): the nth such weekday of the month; n = -1 is the last.
WEEKDAY_HOLIDAYS = (
    (1, MONDAY, 3),  # Birthday of Martin Luther King, Jr.
    (2, MONDAY, 3),  # Washington's Birthday
    (5, MONDAY, -1),  # Memorial Day
    (9, MONDAY, 1),  # Labor Day
    (10, MONDAY, 2),  # Columbus Day
    (11, THURSDAY, 4),  # Thanksgiving Day
)


def nth_weekday(year: int, month: int, weekday: int, n: int) -> datetime.date:
    days = [
        week[weekday]
        for week in calendar.monthcalendar(year, month)
        if week[weekday] != 0
    ]
    return datetime.date(year, month, days[n - 1 if n > 0 else n])


def observed(day: datetime.date) -> datetime.date:
    if day.weekday() == 5:
        return day - datetime.timedelta(days=1)
    if day.weekday() == 6:
        return day + datetime.timedelta(days=1)
    return day


@functools.cache
def federal_holidays(year: int) -> frozenset[datetime.date]:
    """The days federal offices are closed for a holiday in `year`: a New Year's
    Day on a Saturday is observed on December 31 of the year before."""
    days = {nth_weekday(year, *rule) for rule in WEEKDAY_HOLIDAYS}
    for candidate in (year, year + 1):
        for (month, day), since in FIXED_HOLIDAYS.items():
            if candidate >= since:
                days.add(observed(datetime.date(candidate, month, day)))
    return frozenset(day for day in days if day.year == year)


def is_business_day(day: datetime.date) -> bool:
    return day.weekday() < 5 and day not in federal_holidays(day.year)


def add_business_days(day: datetime.date, days: int) -> datetime.date:
    """`days` business days after `day` (a Friday request plus 3 is Wednesday;
    one on the Wednesday before Thanksgiving is due the Tuesday after)."""
    while days > 0:
        day += datetime.timedelta(days=1)
        if is_business_day(day):
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
