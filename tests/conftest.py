"""The shared fixtures (tests/fixtures.py) for every folder, and the test database's
setup."""

import pytest
from django.db import connections

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
