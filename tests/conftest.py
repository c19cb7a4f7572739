"""Fixtures shared by every test: a site tree built from the same factories as load_demo."""

import time

import pytest
from django.core.cache import cache
from django.core.management.base import CommandError
from django.test import TransactionTestCase

from home.factories import HomePageFactory
from lantana.core.factories import ensure_root, make_site_root
from lantana.core.models import SiteSettings
from locations.factories import (
    LocationIndexPageFactory,
    LocationOperatingHoursFactory,
    LocationPageFactory,
)
from tests.auth import sign_in

_flush_after_test = TransactionTestCase._fixture_teardown


def _flush_once_unlocked(self):
    """A live server thread may still be finishing a request when a browser test
    ends (the page editor's ping or release beacon). On SQLite's shared in-memory
    test database its table lock fails the flush at once instead of waiting, so
    wait for it; the flush runs in a transaction, so a retry starts clean."""
    for attempt in range(50):
        try:
            return _flush_after_test(self)
        except CommandError as error:
            if "locked" not in str(error.__cause__) or attempt == 49:
                raise
            time.sleep(0.1)


TransactionTestCase._fixture_teardown = _flush_once_unlocked


@pytest.fixture(autouse=True)
def _clear_cache():
    cache.clear()
    yield
    cache.clear()


@pytest.fixture(autouse=True)
def _media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"


@pytest.fixture
def admin_client(client, admin_user):
    """pytest-django's admin_client, signed in the way every staff test is."""
    return sign_in(client, admin_user)


@pytest.fixture
def home(db):
    root = ensure_root()
    page = HomePageFactory(parent=root)
    site = make_site_root(page)
    clinic = SiteSettings.for_site(site)
    clinic.phone = "(843) 555-0134"
    clinic.address = "65 Wentworth Street\nCharleston, SC 29401"
    clinic.save()
    return page


@pytest.fixture
def site(home):
    return home.get_site()


@pytest.fixture
def location_index(home):
    return LocationIndexPageFactory(parent=home)


@pytest.fixture
def location(location_index):
    page = LocationPageFactory(
        parent=location_index, title="Charleston", slug="charleston"
    )
    LocationOperatingHoursFactory(location=page, day="MON")
    LocationOperatingHoursFactory(
        location=page, day="SUN", opens=None, closes=None, closed=True
    )
    return page
