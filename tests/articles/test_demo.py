"""Demo articles: idempotent, the social model article as specified, real variety."""

import datetime
import io

import pytest
from django.core.management import call_command
from wagtail.models import Revision

from articles.factories import make_clinician
from articles.models import ArticlePage, Topic
from articles.reviews import reviews_due

from .conftest import soup


@pytest.fixture
def demo(home):
    maya = make_clinician(home, "maya-okafor", "Maya", "Okafor", "LMSW")
    daniel = make_clinician(home, "daniel-reyes", "Daniel", "Reyes", "MD")
    call_command("load_demo", stdout=io.StringIO())
    return maya, daniel


def test_demo_is_idempotent(demo):
    counts = (
        ArticlePage.objects.count(),
        Topic.objects.count(),
        Revision.objects.count(),
    )
    call_command("load_demo", stdout=io.StringIO())
    assert counts == (
        ArticlePage.objects.count(),
        Topic.objects.count(),
        Revision.objects.count(),
    )


def test_demo_has_enough_articles_and_topics(demo, client):
    articles = ArticlePage.objects.live()
    assert articles.count() >= 9
    used = Topic.objects.filter(articles__live=True).distinct()
    assert used.count() >= 4
    for article in articles.select_related("hero_image"):
        assert article.hero_image.description, article.title
        assert article.summary and article.reading_time >= 1
    assert client.get("/articles/?page=2").status_code == 200
    assert any(a.next_review < datetime.date.today() for a in reviews_due())


def test_social_model_article(demo, client):
    maya, daniel = demo
    article = ArticlePage.objects.get(slug="social-model-of-recovery")
    assert article.author == maya and article.reviewer == daniel
    assert article.last_reviewed is not None
    page = soup(client.get(article.url))
    headings = [
        (h.name, h.get_text())
        for h in page.select(".article-body h2, .article-body h3")
    ]
    h2s = [text for level, text in headings if level == "h2"]
    assert h2s[0].startswith("Why the biomedical view")
    assert h2s[-1] == "Bringing it together"
    start = headings.index(("h2", "Five benefits of the social model"))
    benefits = [text for _level, text in headings[start + 1 : start + 6]]
    assert benefits == [
        "1. Recognising the complexity of the problem",
        "2. A strengths-based approach",
        "3. Community and peer support",
        "4. Hope and resilience",
        "5. An inclusive, person-centred approach",
    ]
    assert page.select(".callout") and page.select(".references li")
    assert page.select_one(".byline__review a")["href"] == daniel.url
    assert len(page.select(".related-articles .article-card")) == 3
