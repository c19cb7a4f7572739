import datetime
import os

import pytest

from articles.factories import ArticleIndexPageFactory, ArticlePageFactory, TopicFactory
from contact.factories import ContactPageFactory
from lantana.core.demo_images import draw_portrait, image_file
from lantana.core.factories import ImageFactory
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
