"""Article cards read with SQL written once (articles.models.ArticleCards) are what
ArticlePage.cards() reads: the same articles, order, topic names, hero images and
card renditions, in English and in Spanish."""

import pytest
from django.core.paginator import Paginator
from django.utils import translation
from wagtail.models import PageViewRestriction

from articles.models import ArticlePage
from demo.factories.articles import TopicFactory
from demo.factories.core import ImageFactory
from tests.support.languages import spanish_locale


def as_orm(index, topic=None):
    cards = ArticlePage.cards().child_of(index)
    if topic is not None:
        cards = cards.filter(topics__translation_key=topic.translation_key)
    return list(cards)


def shown(cards):
    return [
        (
            card.pk,
            card.title,
            card.topic_name,
            getattr(card, "topic_language", None),
            card.hero_image_id,
            card.hero_image and card.hero_image.title,
            card.get_deferred_fields(),
        )
        for card in cards
    ]


@pytest.fixture
def articles(article_index, make_article):
    family = TopicFactory(name="Family", slug="family")
    sleep = TopicFactory(name="Sleep", slug="sleep")
    image = ImageFactory()
    made = [
        make_article(title="Both", topics=[sleep, family], hero_image=image),
        make_article(title="Older", topics=[sleep], days_ago=3),
        make_article(title="None"),
        make_article(title="Draft", live=False),
    ]
    private = make_article(title="Private", topics=[family])
    PageViewRestriction.objects.create(page=private, restriction_type="login")
    return made, family


@pytest.mark.parametrize("language", ["en", "es"])
def test_cards_are_the_orms(article_index, articles, language):
    _, family = articles
    spanish = spanish_locale()
    translated = family.copy_for_translation(spanish)
    translated.name = "Familia"
    translated.save()
    with translation.override(language):
        for topic in (None, family):
            cards = article_index.get_cards(topic)
            orm = as_orm(article_index, topic)
            assert cards.count() == len(orm)
            assert shown(cards[0:10]) == shown(orm)
    with translation.override("es"):
        (both,) = [
            card for card in article_index.get_cards()[0:10] if card.title == "Both"
        ]
        assert both.topic_name == "Familia"


def test_a_page_of_cards_has_the_renditions_a_card_shows(
    article_index, articles, client
):
    assert client.get(article_index.url).status_code == 200  # renditions made
    cards = article_index.get_cards()
    (card,) = [card for card in cards[0:10] if card.hero_image_id]
    (orm,) = [card for card in as_orm(article_index) if card.hero_image_id]
    assert sorted(r.pk for r in card.hero_image.prefetched_renditions) == sorted(
        r.pk for r in orm.hero_image.renditions.all()
    )
    assert all(
        r.image is card.hero_image for r in card.hero_image.prefetched_renditions
    )


def test_pages_of_cards_and_an_empty_page_ask_as_a_queryset_does(
    article_index, articles, django_assert_num_queries
):
    paginator = Paginator(article_index.get_cards(), 2)
    assert paginator.count == 3
    assert [c.title for c in paginator.page(2).object_list] == ["Older"]
    with django_assert_num_queries(0):
        assert article_index.get_cards()[0:0] == []
