import datetime

import pytest
from bs4 import BeautifulSoup

from articles.factories import (
    ArticleIndexPageFactory,
    ArticlePageFactory,
    TopicFactory,
    make_clinician,
)
from articles.models import ArticleRelatedLink


@pytest.fixture
def article_index(home):
    return ArticleIndexPageFactory(parent=home)


@pytest.fixture
def author(home):
    return make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")


@pytest.fixture
def reviewer(home):
    return make_clinician(home, "daniel-reyes", "Daniel", "Reyes", "MD")


@pytest.fixture
def make_article(article_index):
    """A published article with topics and chosen related articles."""

    def make(topics=(), related=(), days_ago=0, live=True, **fields):
        fields.setdefault(
            "publication_date", datetime.date.today() - datetime.timedelta(days_ago)
        )
        article = ArticlePageFactory(parent=article_index, **fields)
        article.topics.set(list(topics))
        for position, other in enumerate(related):
            article.related_links.add(
                ArticleRelatedLink(article=other, sort_order=position)
            )
        revision = article.save_revision()
        if live:
            revision.publish()
        else:
            article.unpublish()
        article.refresh_from_db()
        return article

    return make


@pytest.fixture
def topic():
    return TopicFactory(name="Family", slug="family")


def soup(response) -> BeautifulSoup:
    assert response.status_code == 200, response.status_code
    return BeautifulSoup(response.content, "html.parser")
