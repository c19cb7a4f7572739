import datetime
import os
from dataclasses import dataclass

import pytest
from django.core import signals
from django.db import close_old_connections
from django.test import RequestFactory

from articles.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from contact.factories import ContactPageFactory
from lantana.core.demo_images import draw_portrait, image_file
from lantana.core.factories import ImageFactory
from lantana.pagecache.handler import PageCacheWSGIHandler
from staff.factories import (
    ClinicianLocationFactory,
    ClinicianPageFactory,
    StaffIndexPageFactory,
)

# The Redis database the tests that need a real one may write to (under a random
# key prefix); TEST_REDIS_URL moves it, e.g. when several suites share a server.
TEST_REDIS_URL = os.environ.get("TEST_REDIS_URL", "redis://127.0.0.1:6379/5")


@pytest.fixture(autouse=True)
def page_cache_on(settings):
    # As in production: whole pages and, behind them, the pages' kept parts.
    settings.PAGE_CACHE_SECONDS = 300
    settings.FRAGMENT_CACHE_SECONDS = 3600


def publish(page):
    page.save_revision().publish()
    page.refresh_from_db()
    return page


@pytest.fixture
def articles(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def team(home):
    return StaffIndexPageFactory(parent=home)


@pytest.fixture
def contact_page(home):
    return ContactPageFactory(parent=home)


@pytest.fixture
def photo():
    return ImageFactory(
        description="Portrait placeholder",
        file=image_file(draw_portrait(1, size=(96, 96)), "portrait.jpg"),
    )


@pytest.fixture
def clinician(team, location, photo):
    person = ClinicianPageFactory(
        parent=team, first_name="Maya", last_name="Okafor", photo=photo
    )
    ClinicianLocationFactory(clinician=person, location=location)
    return publish(person)


@pytest.fixture
def topic():
    return TopicFactory(name="Family", slug="family")


@pytest.fixture
def make_article(articles):
    def make(topics=(), days_ago=0, **fields):
        fields.setdefault(
            "publication_date", datetime.date.today() - datetime.timedelta(days_ago)
        )
        article = ArticlePageFactory(parent=articles, **fields)
        article.topics.set(list(topics))
        return publish(article)

    return make


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
