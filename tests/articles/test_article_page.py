"""The article page: byline, review line, dates, JSON-LD, Open Graph, query count."""

import datetime
import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.blocks import heading, paragraphs, stream
from demo.factories.articles import ArticlePageFactory, TopicFactory
from demo.factories.core import ImageFactory
from tests.support.html import ok_soup

TODAY = datetime.date.today()


@pytest.fixture
def reviewed_article(make_article, author, reviewing_clinician, topic):
    return make_article(
        title="Talking to your teenager",
        summary="How to start a calm conversation.",
        author=author,
        reviewer=reviewing_clinician,
        hero_image=ImageFactory(description="A quiet street at dawn"),
        publication_date=datetime.date(2026, 3, 2),
        last_reviewed=datetime.date(2026, 4, 10),
        next_review=datetime.date(2099, 4, 10),
        topics=[topic],
    )


def test_byline_review_line_and_dates(
    client, reviewed_article, author, reviewing_clinician
):
    page = ok_soup(client.get(reviewed_article.url))
    byline = page.select_one(".byline")
    assert byline.select_one(".byline__author").get_text(" ", strip=True) == (
        "By Maya Okafor, LMSW"
    )
    assert byline.select_one(".byline__author a")["href"] == author.url
    assert "Published March 2, 2026" in byline.get_text(" ", strip=True)
    review = byline.select_one(".byline__review")
    assert review.get_text(" ", strip=True) == (
        "Clinically reviewed by Daniel Reyes, MD on April 10, 2026"
    )
    assert review.a["href"] == reviewing_clinician.url
    assert review.time["datetime"] == "2026-04-10"


def test_about_the_author_uses_the_clinician_card(client, reviewed_article):
    page = ok_soup(client.get(reviewed_article.url))
    box = page.select_one(".about-author")
    assert box.h2.get_text() == "About the author"
    card = box.select_one(".clinician-card")
    assert "Maya Okafor, LMSW" in card.get_text()
    assert "find their footing" in card.get_text()


def test_a_clinician_in_draft_is_named_but_never_linked(
    client, reviewed_article, author, reviewing_clinician
):
    # An imported author starts as a draft profile: a link would be a 404.
    author.unpublish()
    reviewing_clinician.unpublish()
    page = ok_soup(client.get(reviewed_article.url))
    byline = page.select_one(".byline")
    assert byline.select_one(".byline__author").get_text(" ", strip=True) == (
        "By Maya Okafor, LMSW"
    )
    assert byline.select("a") == []
    assert "Daniel Reyes, MD" in byline.select_one(".byline__review").get_text()
    assert page.select_one(".about-author") is None
    assert page.select_one('meta[property="article:author"]') is None


def test_overdue_article_still_shows_its_real_last_review(client, reviewed_article):
    reviewed_article.next_review = TODAY - datetime.timedelta(days=40)
    reviewed_article.save_revision().publish()
    review = ok_soup(client.get(reviewed_article.url)).select_one(".byline__review")
    assert "on April 10, 2026" in review.get_text(" ", strip=True)


def test_no_review_line_without_a_review_date(
    client, make_article, reviewing_clinician
):
    article = make_article(reviewer=reviewing_clinician, last_reviewed=None)
    page = ok_soup(client.get(article.url))
    assert page.select(".byline__review") == []
    assert "Clinically reviewed" not in page.get_text()


def test_reading_time_counts_body_words(make_article):
    words = " ".join(["recovery"] * 1000)
    article = make_article(body=stream(heading("Long"), paragraphs(words)))
    assert article.reading_time == 5


def structured_data(response) -> dict:
    scripts = ok_soup(response).select('script[type="application/ld+json"]')
    assert len(scripts) == 1
    return json.loads(scripts[0].string)


def test_json_ld_has_medical_web_page_article_and_breadcrumbs(client, reviewed_article):
    data = structured_data(client.get(reviewed_article.url))
    nodes = {node["@type"]: node for node in data["@graph"]}
    webpage, article, crumbs = (
        nodes["MedicalWebPage"],
        nodes["Article"],
        nodes["BreadcrumbList"],
    )
    assert webpage["lastReviewed"] == "2026-04-10"
    assert webpage["reviewedBy"]["@type"] == "Person"
    assert webpage["reviewedBy"]["name"] == "Daniel Reyes"
    assert article["headline"] == "Talking to your teenager"
    assert article["description"] == "How to start a calm conversation."
    assert article["image"].startswith("http://localhost/")
    assert article["datePublished"] == "2026-03-02"
    assert article["dateModified"]
    assert article["author"] == {
        "@type": "Person",
        "name": "Maya Okafor",
        "url": "http://localhost/team/maya-okafor/",
        "jobTitle": "Primary Therapist",
        "honorificSuffix": "LMSW",
    }
    assert article["publisher"]["@type"] == "Organization"
    assert article["publisher"]["name"] == "Lantana Recovery"
    assert [item["name"] for item in crumbs["itemListElement"]] == [
        "Lantana Recovery",
        "Articles",
        "Talking to your teenager",
    ]
    assert [item["position"] for item in crumbs["itemListElement"]] == [1, 2, 3]


def test_json_ld_escapes_markup_in_titles(client, make_article):
    article = make_article(title="</script><b>Hi</b>", summary="<img src=x>")
    response = client.get(article.url)
    assert b"</script><b>" not in response.content
    data = structured_data(response)
    assert data["@graph"][1]["headline"] == "</script><b>Hi</b>"


def test_open_graph_article_tags_and_meta_description(client, reviewed_article):
    page = ok_soup(client.get(reviewed_article.url))

    def meta(prop):
        return [m["content"] for m in page.select(f'meta[property="{prop}"]')]

    assert meta("og:type") == ["article"]
    assert meta("article:published_time") == ["2026-03-02"]
    assert meta("article:author") == ["http://localhost/team/maya-okafor/"]
    assert meta("article:tag") == ["Family"]
    assert meta("og:image")[0].endswith(".jpg")
    assert meta("og:description") == ["How to start a calm conversation."]
    description = page.select_one('meta[name="description"]')["content"]
    assert description == "How to start a calm conversation."


def test_feed_links_are_in_the_head(client, reviewed_article):
    page = ok_soup(client.get(reviewed_article.url))
    types = {
        link["type"]: link["href"] for link in page.select("head link[rel=alternate]")
    }
    assert types == {
        "application/rss+xml": "/feeds/articles/rss/",
        "application/atom+xml": "/feeds/articles/atom/",
    }


def article_with(count, make_article, author, reviewing_clinician, article_index):
    topics = [TopicFactory(name=f"Topic {count}-{n}") for n in range(count)]
    others = [
        ArticlePageFactory(parent=article_index, title=f"Other {count}-{n}")
        for n in range(count)
    ]
    for other in others:
        other.hero_image = ImageFactory()
        other.save_revision().publish()
    images = [ImageFactory() for _ in range(count)]
    body = [heading("Start"), paragraphs("Words.")] + [
        ("image", {"image": image.pk, "alt_text": "", "caption": "A picture"})
        for image in images
    ]
    return make_article(
        author=author,
        reviewer=reviewing_clinician,
        last_reviewed=TODAY,
        hero_image=ImageFactory(),
        topics=topics,
        related=others,
        body=stream(*body),
    )


def count_queries(client, url) -> int:
    assert client.get(url).status_code == 200  # warm renditions and caches
    with CaptureQueriesContext(connection) as queries:
        assert client.get(url).status_code == 200
    return len(queries)


def test_query_count_does_not_grow_with_topics_related_or_images(
    client, make_article, author, reviewing_clinician, article_index
):
    none = article_with(0, make_article, author, reviewing_clinician, article_index)
    ten = article_with(10, make_article, author, reviewing_clinician, article_index)
    assert len(ok_soup(client.get(ten.url)).select(".related-articles li")) == 10
    assert len(ok_soup(client.get(ten.url)).select(".article-body figure")) == 10
    assert count_queries(client, none.url) == count_queries(client, ten.url)
