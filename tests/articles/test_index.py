"""The article index: cards newest first, topic filter, pagination, empty state, 404s."""

from articles.models import ArticleIndexPage
from demo.factories.articles import TopicFactory
from tests.support.html import ok_soup


def card_titles(response):
    return [
        h.get_text(strip=True) for h in ok_soup(response).select(".article-card__title")
    ]


def test_cards_newest_first_with_summary_topic_and_reading_time(
    client, article_index, make_article, topic
):
    make_article(title="Older", days_ago=10, topics=[topic])
    make_article(title="Newer", days_ago=1)
    make_article(title="Draft", live=False)
    response = client.get(article_index.url)
    assert card_titles(response) == ["Newer", "Older"]
    card = ok_soup(response).select(".article-card")[1]
    assert card.select_one(".article-card__topic").get_text() == "Family"
    assert "min read" in card.select_one(".article-card__meta").get_text()
    assert card.select_one(".article-card__summary").get_text()


def test_topic_filter_has_clean_urls(client, article_index, make_article, topic):
    make_article(title="About family", topics=[topic])
    make_article(title="About something else", topics=[TopicFactory(name="Sleep")])
    response = client.get("/articles/topic/family/")
    assert card_titles(response) == ["About family"]
    page = ok_soup(response)
    assert page.h1.get_text() == "Family"
    current = page.select_one('.topic-filter a[aria-current="page"]')
    assert current["href"] == "/articles/topic/family/"
    links = [a["href"] for a in page.select(".topic-filter a")]
    assert links == ["/articles/", "/articles/topic/family/", "/articles/topic/sleep/"]


def test_unknown_topic_and_bad_page_numbers_are_404s(
    client, article_index, make_article
):
    make_article(title="Only one")
    assert client.get("/articles/topic/no-such-topic/").status_code == 404
    assert client.get("/articles/?page=2").status_code == 404
    assert client.get("/articles/?page=0").status_code == 404
    assert client.get("/articles/?page=abc").status_code == 404
    assert client.get("/articles/?page=99999999999999999999").status_code == 404
    assert client.get("/articles/topic/%3Cscript%3E/").status_code == 404


def test_pagination(client, article_index, make_article):
    for n in range(ArticleIndexPage.per_page + 2):
        make_article(title=f"Article {n:02}", days_ago=n)
    first = client.get("/articles/")
    assert len(card_titles(first)) == ArticleIndexPage.per_page
    assert ok_soup(first).select_one('a[rel="next"]')["href"] == "?page=2"
    second = client.get("/articles/?page=2")
    per_page = ArticleIndexPage.per_page
    assert card_titles(second) == [f"Article {n:02}" for n in (per_page, per_page + 1)]
    assert "Page 2 of 2" in ok_soup(second).get_text()


def test_empty_state(client, article_index, topic):
    page = ok_soup(client.get("/articles/"))
    assert page.select(".article-card") == []
    assert page.select_one(".empty-state h2").get_text() == "No articles here yet"
    filtered = ok_soup(client.get("/articles/topic/family/"))
    assert "We have not written about family yet" in filtered.get_text()


def test_home_page_band_shows_latest_three(client, home, article_index, make_article):
    for n in range(4):
        make_article(title=f"Home article {n}", days_ago=n)
    page = ok_soup(client.get("/"))
    band = page.select_one('[aria-labelledby="articles-heading"]')
    assert [h.get_text(strip=True) for h in band.select(".article-card__title")] == [
        "Home article 0",
        "Home article 1",
        "Home article 2",
    ]
    assert band.select_one(".band__more a")["href"] == "/articles/"


def test_canonical_url_names_the_topic_and_page(
    client, article_index, make_article, topic
):
    for n in range(ArticleIndexPage.per_page + 1):
        make_article(title=f"A{n}", topics=[topic])

    def canonical(url):
        return ok_soup(client.get(url)).select_one('link[rel="canonical"]')["href"]

    assert canonical("/articles/") == "http://localhost/articles/"
    assert (
        canonical("/articles/topic/family/")
        == "http://localhost/articles/topic/family/"
    )
    assert canonical("/articles/topic/family/?page=2") == (
        "http://localhost/articles/topic/family/?page=2"
    )
