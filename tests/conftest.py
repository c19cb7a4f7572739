"""Fixtures shared by every test: a site tree built from the same factories as load_demo."""

import pytest
from django.core.cache import cache

from home.factories import HomePageFactory
from lantana.core.factories import ensure_root, make_site_root
from lantana.core.models import SiteSettings
from locations.factories import (
    LocationIndexPageFactory,
    LocationOperatingHoursFactory,
    LocationPageFactory,
)
from tests.auth import sign_in


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


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's setup, with the serialized database it made visible from every
    context. Django keeps it on the connection, and connections are per context:
    once Playwright's sync API runs, a browser test's fixtures get connections that
    lack it, and serialized_rollback would restore nothing (no tree root, no groups)
    after an earlier transactional test emptied the database."""
    from django.db import connections

    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents
