"""RSS and Atom feeds list the latest live articles and parse."""

import feedparser

from demo.factories.articles import TopicFactory
from tests.support.languages import spanish_locale, translate


def test_rss_feed_parses_and_lists_latest_live_articles(client, make_article, author):
    topic = TopicFactory(name="Recovery")
    make_article(title="Older", days_ago=3, summary="Older summary")
    make_article(title="Newest", days_ago=0, author=author, topics=[topic])
    make_article(title="Unpublished", live=False)
    response = client.get("/feeds/articles/rss/")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/rss+xml")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "rss20"
    assert [entry.title for entry in feed.entries] == ["Newest", "Older"]
    newest = feed.entries[0]
    assert newest.link == "http://localhost/articles/newest/"
    assert newest.tags[0].term == "Recovery"
    assert feed.entries[1].summary == "Older summary"


def test_atom_feed_parses(client, make_article):
    make_article(title="An article")
    response = client.get("/feeds/articles/atom/")
    feed = feedparser.parse(response.content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.version == "atom10"
    assert [entry.title for entry in feed.entries] == ["An article"]


def test_feed_limits_to_twenty(client, make_article):
    for n in range(22):
        make_article(title=f"A{n}", days_ago=n)
    feed = feedparser.parse(client.get("/feeds/articles/rss/").content)
    assert len(feed.entries) == 20
    assert feed.entries[0].title == "A0"


def test_each_language_has_its_own_feed(client, make_article, home):
    english = make_article(title="Finding your footing", days_ago=1)
    make_article(title="Only in English", days_ago=0)
    translate(english, spanish_locale(), title="Encontrar su equilibrio")
    feed = feedparser.parse(client.get("/es/feeds/articles/rss/").content)
    assert not feed.bozo, feed.bozo_exception
    assert feed.feed.language == "es"
    assert feed.feed.title == "Lantana Recovery: artículos"
    assert [entry.title for entry in feed.entries] == ["Encontrar su equilibrio"]
    assert feed.entries[0].link.startswith("http://localhost/es/")
    english_feed = feedparser.parse(client.get("/feeds/articles/rss/").content)
    assert english_feed.feed.language == "en"
    assert [e.title for e in english_feed.entries] == [
        "Only in English",
        "Finding your footing",
    ]


def test_spanish_feed_names_topics_in_spanish(client, make_article, home):
    recovery = TopicFactory(name="Recovery", slug="recovery")
    family = TopicFactory(name="Family", slug="family")
    english = make_article(title="Finding your footing", topics=[recovery, family])
    spanish = spanish_locale()
    translate(english, spanish, title="Encontrar su equilibrio")
    translated = recovery.copy_for_translation(spanish)
    translated.name, translated.slug = "Recuperación", "recuperacion"
    translated.save()
    for url in ("/es/feeds/articles/rss/", "/es/feeds/articles/atom/"):
        feed = feedparser.parse(client.get(url).content)
        # Family has no Spanish name yet: its English one stands in.
        assert {tag.term for tag in feed.entries[0].tags} == {"Recuperación", "Family"}
    english_feed = feedparser.parse(client.get("/feeds/articles/rss/").content)
    assert {tag.term for tag in english_feed.entries[0].tags} == {"Recovery", "Family"}
