"""Playwright + Debian's Chromium against pytest-django's live_server, with axe."""

import shutil
from pathlib import Path

import pytest
from axe_playwright_python.sync_playwright import Axe

from contact.chat import services as chat_services
from tests.support.browser import CHROMIUM, CHROMIUM_ARGS, PageChecker, RequestsInFlight
from tests.support.chat import sends_from_any_thread


@pytest.hookimpl(trylast=True)
def pytest_collection_modifyitems(items):
    browser = [item for item in items if "tests/browser/" in str(item.fspath)]
    for item in browser:
        item.add_marker(pytest.mark.browser)
    # Last, after pytest-django's own ordering: Playwright's sync API keeps an event
    # loop running in the main thread for the rest of the session, and async_to_sync
    # (the Channels communicator tests) refuses to run beside it.
    others = [item for item in items if "tests/browser/" not in str(item.fspath)]
    items[:] = others + browser


@pytest.fixture(scope="session")
def browser_type_launch_args(browser_type_launch_args):
    # Fail loudly rather than skip: CI must never pass without the browser tests.
    if not shutil.which(CHROMIUM) and not Path(CHROMIUM).exists():
        pytest.fail(f"Chromium not found at {CHROMIUM}: apt-get install chromium")
    return {
        **browser_type_launch_args,
        "executable_path": CHROMIUM,
        "args": CHROMIUM_ARGS,
    }


@pytest.fixture(autouse=True)
def chat_sends_from_the_test_thread(monkeypatch):
    """Live chat's group sends work from the test's thread too (Playwright's loop
    runs there): tests/support/chat.py sends_from_any_thread."""
    monkeypatch.setattr(chat_services, "async_to_sync", sends_from_any_thread())


@pytest.fixture(scope="session")
def axe():
    return Axe()


@pytest.fixture(scope="session")
def requests_in_flight(live_server):
    server = live_server.thread.httpd
    counter = RequestsInFlight(server.get_app())
    server.set_app(counter)
    return counter


@pytest.fixture
def live_site(
    transactional_db,
    django_db_serialized_rollback,
    live_server,
    requests_in_flight,
    context,
    settings,
):
    """live_server, answering any host. The database starts as migrations left it
    (the tree's root, content types under their ids, groups): serialized_rollback
    restores it after an earlier transactional test emptied it. Before the test's
    flush, the browser closes and the server finishes what it was serving."""
    settings.ALLOWED_HOSTS = ["*"]
    yield live_server
    context.close()
    requests_in_flight.wait()


@pytest.fixture
def form_site(live_site, built_site, settings):
    """The built site (tests/fixtures.py) served live, its forms accepting
    Playwright's instant typing."""
    settings.LEAD_MIN_FILL_SECONDS = 0  # Playwright types faster than any person
    return live_site


@pytest.fixture
def checker(page, live_site, axe):
    return PageChecker(page, live_site, axe)
