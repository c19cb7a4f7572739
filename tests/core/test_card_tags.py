"""`{% article_card %}` and `{% clinician_card %}` print exactly what their
templates (components/article_card.html, components/clinician_card.html) draw."""

import pytest
from django.template.loader import render_to_string
from django.test import RequestFactory
from django.utils import translation

from articles.models import ArticlePage
from demo.factories.staff import ClinicianPageFactory
from lantana.core.templatetags.card_tags import (
    article_card,
    clinician_card,
    sibling_url,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def request_(site):
    request = RequestFactory().get("/")
    request._wagtail_site = site
    return request


@pytest.mark.parametrize("language", ["en", "es"])
def test_article_cards_match_their_template(
    make_article, topic, photo, request_, language
):
    make_article(title='Plain & "simple" <b>', summary="A < B & C")
    make_article(title="With a picture", topics=[topic], hero_image=photo)
    with translation.override(language):
        # Under /es/ the topic nobody translated is marked lang="en".
        cards = list(ArticlePage.cards())
        assert {bool(card.hero_image) for card in cards} == {True, False}
        assert {bool(card.topic_name) for card in cards} == {True, False}
        topic_lines = {
            'class="article-card__topic" lang="en"' in article_card(card)
            for card in cards
        }
        assert topic_lines == ({True, False} if language == "es" else {False})
        for card in cards:
            for level in (2, 3):
                drawn = render_to_string(
                    "components/article_card.html",
                    {"article": card, "heading_level": level, "request": request_},
                )
                assert article_card(card, level, request=request_) == drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_clinician_cards_match_their_template(
    clinician, team_index, request_, language
):
    plain = ClinicianPageFactory(
        parent=team_index,
        first_name="Ana <i>",
        last_name="Ruiz & Co",
        slug="ana-ruiz",
        credentials="",
        job_title="Peer & <support>",
        short_bio='Says "hello" & <waves>',
        photo=None,
    )
    with translation.override(language):
        for person in (clinician, plain):
            for level in (2, 3):
                for show_bio in (True, False):
                    drawn = render_to_string(
                        "components/clinician_card.html",
                        {
                            "clinician": person,
                            "heading_level": level,
                            "show_bio": show_bio,
                            "request": request_,
                        },
                    )
                    assert (
                        clinician_card(person, level, show_bio, request=request_)
                        == drawn
                    )


def test_an_untranslated_alias_card_matches_its_template_in_spanish(
    make_article, clinician, request_
):
    """Under /es/ an alias of an English page (alias_of_id set) marks its own words
    lang="en": the cards printed in Python must do what the templates do."""
    make_article(title="Finding your footing")
    (card,) = ArticlePage.cards()
    card.alias_of_id = clinician.alias_of_id = card.pk  # read, never followed
    with translation.override("es"):
        drawn = render_to_string(
            "components/article_card.html", {"article": card, "request": request_}
        )
        assert 'lang="en"' in drawn
        assert article_card(card, request=request_) == drawn
        drawn = render_to_string(
            "components/clinician_card.html",
            {"clinician": clinician, "show_bio": True, "request": request_},
        )
        assert 'lang="en"' in drawn
        assert clinician_card(clinician, show_bio=True, request=request_) == drawn


@pytest.mark.parametrize("language", ["en", "es"])
def test_clinician_card_urls_match_each_page_url(
    clinician, team_index, location_index, request_, language
):
    """A card's link is built once per parent page and request
    (card_tags.sibling_url): it must be the URL Wagtail gives each page, for plain
    slugs, for one reverse() quotes, and under another parent."""
    pages = [clinician]
    for slug in ["ana-ruiz", "b_2", "niño", "zoë-x"]:
        pages.append(ClinicianPageFactory(parent=team_index, slug=slug, photo=None))
    pages.append(ClinicianPageFactory(parent=location_index, slug="odd", photo=None))
    with translation.override(language):
        for _ in range(2):  # the second round reads what the first kept
            for page in pages:
                assert sibling_url(page, request_) == page.get_url(request=request_)
                assert sibling_url(page, None) == page.get_url()
        for page in pages:
            card = clinician_card(page, request=request_)
            assert f'href="{page.get_url(request=request_)}"' in card
