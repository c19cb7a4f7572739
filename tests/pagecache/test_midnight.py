"""Midnight: a notice version dated tomorrow takes over when the day begins, in
every layer at once, with nothing saved (issue 20: no layer keeps its own notion of
freshness). The page cache, the notices and the kept parts are all keyed on the
site-wide generation and the day."""

import datetime

import pytest
from django.utils import timezone
from freezegun import freeze_time

from demo.factories.notices import NoticeVersionFactory
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
