"""Midnight: a notice version dated tomorrow takes over when the day begins, in
every layer at once, with nothing saved (issue 20: no layer keeps its own notion of
freshness). The page cache, the notices and the kept parts are all keyed on the
site-wide generation and the day."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from demo.factories.notices import NoticeVersionFactory
from lantana.pagecache import store
from notices.choices import NoticeKind

pytestmark = pytest.mark.django_db

NEW_KIND = "/notices/nondiscrimination/"


def midnight_tonight() -> datetime.datetime:
    tomorrow = timezone.localdate() + datetime.timedelta(days=1)
    return datetime.datetime.combine(
        tomorrow, datetime.time(0), timezone.get_current_timezone()
    )


def test_a_notice_dated_tomorrow_reaches_every_cached_page_at_midnight(wsgi, home):
    NoticeVersionFactory(kind=NoticeKind.WEBSITE_PRIVACY)
    NoticeVersionFactory(
        kind=NoticeKind.NONDISCRIMINATION,
        effective_date=timezone.localdate() + datetime.timedelta(days=1),
    )
    midnight = midnight_tonight()
    with freeze_time(midnight - datetime.timedelta(seconds=2)):
        wsgi("/", secure=True)
        before = wsgi("/", secure=True)
        assert not before.through_django, "the home page was not kept"
        assert NEW_KIND.encode() not in before.body
    with freeze_time(midnight + datetime.timedelta(seconds=1)):
        after = wsgi("/", secure=True)
        assert after.through_django, "yesterday's answer was served after midnight"
        assert NEW_KIND.encode() in after.body
        again = wsgi("/", secure=True)
        assert not again.through_django
        assert NEW_KIND.encode() in again.body


def test_the_day_is_worked_out_again_whenever_the_clock_leaves_it():
    today = store.Today()
    midnight = midnight_tonight()
    with freeze_time(midnight - datetime.timedelta(seconds=1)):
        before = today.read()
        assert before == timezone.localdate().isoformat()
    with freeze_time(midnight):
        assert today.read() == midnight.date().isoformat() != before
    with freeze_time(midnight - datetime.timedelta(days=3)):  # a clock set back
        assert (
            today.read() == (midnight.date() - datetime.timedelta(days=3)).isoformat()
        )


@freeze_time("2026-06-01 02:00:00+00:00")
def test_a_new_time_zone_is_a_new_day_at_once(settings):
    settings.TIME_ZONE = "America/New_York"
    assert store.stamp()[1] == "2026-05-31"
    settings.TIME_ZONE = "Pacific/Kiritimati"
    assert store.stamp()[1] == "2026-06-01"
