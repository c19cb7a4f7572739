"""The shared fixtures (tests/fixtures.py) for every folder, and the test database's
setup."""

from pathlib import Path

import pytest
from django.conf import settings
from django.db import connections
from django.utils import translation

pytest_plugins = ["tests.fixtures"]


@pytest.fixture(scope="session")
def django_db_setup(django_db_setup):
    """pytest-django's setup, with the serialized database it made visible from every
    context. Django keeps it on the connection, and connections are per context:
    once Playwright's sync API runs, a browser test's fixtures get connections that
    lack it, and serialized_rollback would restore nothing (no tree root, no groups)
    after an earlier transactional test emptied the database."""
    for alias in connections:
        contents = getattr(connections[alias], "_test_serialized_contents", None)
        if contents is not None:
            type(connections[alias])._test_serialized_contents = contents


def pytest_sessionfinish(session):
    """Django deleted the SQLite test database (lantana/settings/test.py); its
    write-ahead files stay while a thread still holds a connection (the browser
    tests' servers' threads)."""
    name = settings.DATABASES["default"].get("TEST", {}).get("NAME")
    if name and not Path(name).exists():
        for suffix in ("-wal", "-shm"):
            Path(name + suffix).unlink(missing_ok=True)


@pytest.fixture(autouse=True)
def _default_language():
    """Each test starts in the default language, whatever a request served in this
    thread before it (a Spanish page through an in-process handler) activated."""
    translation.activate(settings.LANGUAGE_CODE)
    yield
    translation.deactivate()
