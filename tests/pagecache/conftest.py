from dataclasses import dataclass

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import RequestFactory

from lantana.pagecache.handler import PageCacheWSGIHandler


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    # As in production: whole pages and, behind them, the pages' kept parts.
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 3600


@pytest.fixture
def article(make_article, clinician, topic):
    """A published article by the clinician, in one topic."""
    return make_article(title="Finding your footing", topics=[topic], author=clinician)


@dataclass
class Answer:
    status: str
    headers: list
    body: bytes
    through_django: bool

    def header(self, name):
        return dict(self.headers).get(name)

    @property
    def hit(self):
        return self.header("X-Page-Cache") == "hit"


@pytest.fixture
def wsgi():
    """GET through the production WSGI handler; says whether Django handled it."""
    # As Django's test client does: the test's transaction must stay open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    handlers = []  # made at the first request: middleware reads settings then
    started = []

    def count(**kwargs):
        started.append(1)

    signals.request_started.connect(count)

    def request(path, method="GET", **extra):
        environ = getattr(RequestFactory(), method.lower())(path, **extra).environ
        before = len(started)
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        if not handlers:
            handlers.append(PageCacheWSGIHandler())
        result = handlers[0](environ, start_response)
        body = b"".join(result)
        if hasattr(result, "close"):
            result.close()
        return Answer(answer["status"], answer["headers"], body, len(started) > before)

    yield request
    signals.request_started.disconnect(count)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
