"""Related articles: chosen first, then shared topics to three; never self or drafts."""

from django.db import connection
from django.test.utils import CaptureQueriesContext

from demo.factories.articles import TopicFactory
from tests.support.languages import spanish_locale, translate


def titles(articles):
    return [article.title for article in articles]


def test_chosen_first_then_most_shared_topics_to_three(make_article):
    family, alcohol, sleep = (
        TopicFactory(name=n) for n in ("Family", "Alcohol", "Sleep")
    )
    chosen = make_article(title="Chosen, no shared topic")
    one_shared_new = make_article(title="One shared, newer", topics=[family])
    make_article(title="One shared, older", topics=[alcohol], days_ago=30)
    two_shared = make_article(title="Two shared", topics=[family, alcohol], days_ago=60)
    make_article(title="Unrelated", topics=[sleep])
    article = make_article(title="Main", topics=[family, alcohol], related=[chosen])
    assert titles(article.get_related_articles()) == [
        "Chosen, no shared topic",
        "Two shared",
        "One shared, newer",
    ]
    assert one_shared_new in article.get_related_articles()
    assert two_shared in article.get_related_articles()


def test_chosen_keep_their_order_and_all_are_shown(make_article):
    picks = [make_article(title=f"Pick {n}") for n in range(4)]
    article = make_article(title="Main", related=list(reversed(picks)))
    assert titles(article.get_related_articles()) == [
        "Pick 3",
        "Pick 2",
        "Pick 1",
        "Pick 0",
    ]


def test_never_itself_or_an_unpublished_article(make_article):
    family = TopicFactory(name="Family")
    draft = make_article(title="Draft", topics=[family], live=False)
    article = make_article(title="Main", topics=[family], related=[draft])
    article.related_links.create(article=article, sort_order=5)
    make_article(title="Live", topics=[family])
    assert titles(article.get_related_articles()) == ["Live"]
    assert draft not in article.get_related_articles()


def test_no_topics_and_no_choices_gives_nothing(make_article):
    make_article(title="Other")
    assert make_article(title="Main").get_related_articles() == []


def test_one_query_per_list_whatever_the_number_of_candidates(make_article):
    family = TopicFactory(name="Family")
    article = make_article(title="Main", topics=[family])
    for n in range(12):
        make_article(title=f"Candidate {n}", topics=[family])
    with CaptureQueriesContext(connection) as queries:
        related = article.get_related_articles()
    assert len(related) == 3
    # The editor's choices, the private sections and the list: one query.
    assert len(queries) == 1


def test_never_an_article_in_another_language(make_article):
    family = TopicFactory(name="Family")
    other = make_article(title="Sleep in early recovery", topics=[family])
    article = make_article(title="Main", topics=[family])
    assert titles(article.get_related_articles()) == ["Sleep in early recovery"]
    translate(other, spanish_locale(), title="Dormir en la recuperación")
    assert titles(article.get_related_articles()) == ["Sleep in early recovery"]
