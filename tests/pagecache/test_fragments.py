"""Kept page parts (lantana/core/fragments.py) with the page cache off: every page
is rendered, yet the article's and home page's costly parts are drawn once per
change, and every purge trigger shows the change on the next GET."""

import datetime
import logging
import uuid

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from django.utils import timezone, translation
from wagtail.models import PageViewRestriction

from lantana.core import fragments, generation
from lantana.core.models import SiteSettings
from tests.support.auth import sign_in
from tests.support.caching import TEST_REDIS_URL, publish
from tests.support.languages import spanish_locale, translate


@pytest.fixture(autouse=True)
def fragment_cache_only(settings):
    """After the folder's page_cache_on: whole pages are never cached here, parts are."""
    settings.PAGE_CACHE_SECONDS = 0
    settings.FRAGMENT_CACHE_SECONDS = 3600


def render(url, client=None) -> tuple[bytes, int]:
    """The page's HTML and how many queries rendering it took."""
    client = client or Client()
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    assert response.status_code == 200, url
    assert "X-Page-Cache" not in response.headers  # rendered, not the page cache
    return response.content, len(queries)


def test_kept_parts_give_the_same_html_in_fewer_queries(article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    for url in (article.url, "/"):
        render(url)
        drawn, drawn_queries = render(url)
        settings.FRAGMENT_CACHE_SECONDS = 3600
        render(url)  # keeps the parts
        kept, kept_queries = render(url)
        settings.FRAGMENT_CACHE_SECONDS = 0
        assert kept == drawn
        assert kept_queries < drawn_queries
        assert kept_queries <= 5


def test_turned_off_it_keeps_nothing(article, settings):
    settings.FRAGMENT_CACHE_SECONDS = 0
    render(article.url)  # fills per-process caches (settings, menu)
    _, first = render(article.url)
    _, second = render(article.url)
    assert first == second
    assert not fragments.for_page(article, RequestFactory().get("/"))


class TestPurgeTriggers:
    def test_an_edited_article_shows_the_change(self, article):
        render(article.url)
        article.title = "Finding your feet"
        article.summary = "A new summary."
        publish(article)
        html, _ = render(article.url)
        assert b"Finding your feet" in html and b"A new summary." in html
        assert b"Finding your feet" in render("/")[0]

    def test_a_new_article_reaches_the_home_page_and_its_neighbours(
        self, article, make_article, topic
    ):
        render("/")
        render(article.url)
        make_article(title="Sleep in early recovery", topics=[topic])
        assert b"Sleep in early recovery" in render("/")[0]
        assert b"Sleep in early recovery" in render(article.url)[0]  # Keep reading

    def test_an_unpublished_article_leaves_its_neighbours(
        self, article, make_article, topic
    ):
        other = make_article(title="Sleep in early recovery", topics=[topic])
        assert b"Sleep in early recovery" in render(article.url)[0]
        other.unpublish()
        assert b"Sleep in early recovery" not in render(article.url)[0]
        assert b"Sleep in early recovery" not in render("/")[0]

    def test_an_article_made_private_leaves_its_neighbours(
        self, article, make_article, topic
    ):
        other = make_article(title="Sleep in early recovery", topics=[topic])
        render("/")
        assert b"Sleep in early recovery" in render(article.url)[0]
        restriction = PageViewRestriction.objects.create(
            page=other, restriction_type=PageViewRestriction.PASSWORD, password="x"
        )
        assert b"Sleep in early recovery" not in render(article.url)[0]
        assert b"Sleep in early recovery" not in render("/")[0]
        restriction.delete()
        assert b"Sleep in early recovery" in render(article.url)[0]

    def test_the_authors_change_reaches_the_byline(self, article, clinician):
        render(article.url)
        render("/")
        clinician.last_name = "Okafor-Reyes"
        clinician.title = "Maya Okafor-Reyes"
        publish(clinician)
        assert b"Okafor-Reyes" in render(article.url)[0]
        assert b"Okafor-Reyes" in render("/")[0]  # the team band

    def test_a_renamed_topic(self, article, topic):
        render(article.url)
        topic.name = "Families"
        topic.save()
        assert b"Families" in render(article.url)[0]

    def test_the_clinic_details_inside_the_body(self, article, site):
        render(article.url)
        render("/")
        clinic = SiteSettings.for_site(site)
        clinic.phone = "(843) 555-0777"
        clinic.save()
        # The article's "Need help right now?" and the home hero are kept parts.
        for url in (article.url, "/"):
            html = render(url)[0]
            assert html.count(b"555-0777") >= 2 and b"555-0134" not in html

    def test_an_edited_image(self, make_article, photo):
        article = make_article(title="Finding your footing", hero_image=photo)
        render(article.url)
        photo.description = "Maya in the clinic garden"
        photo.save()
        assert b'alt="Maya in the clinic garden"' in render(article.url)[0]

    def test_a_new_release_draws_them_again(self, article, monkeypatch):
        render(article.url)
        monkeypatch.setattr(fragments, "code_version", lambda: "next-release")
        _, queries = render(article.url)
        assert queries > 5


def test_a_preview_never_uses_or_fills_them(article):
    render(article.url)  # keeps the published parts
    article.title = "An unsaved title"
    preview = article.make_preview_request()
    assert b"An unsaved title" in preview.content
    assert b"An unsaved title" not in render(article.url)[0]


def test_a_signed_in_editor_is_served_the_same_parts(article, admin_user):
    render(article.url)
    html, queries = render(article.url, sign_in(Client(), admin_user))
    assert b"Finding your footing" in html and queries < 20


class TestOutages:
    def test_redis_down_means_drawing_every_time(self, article, settings, caplog):
        settings.CACHES = {
            **settings.KEPT_PARTS_CACHES,
            "default": {
                "BACKEND": "lantana.core.cache.ResilientRedisCache",
                "LOCATION": "redis://127.0.0.1:1/0",  # nothing listens there
                "OPTIONS": {"socket_connect_timeout": 0.2},
            },
        }
        with caplog.at_level(logging.WARNING, logger="lantana.cache"):
            first, _ = render(article.url)
            second, _ = render(article.url)
        assert first == second and b"Finding your footing" in second

    def test_a_failing_cache_of_any_kind_means_drawing(self, article, monkeypatch):
        class Broken:
            def __getattr__(self, name):
                raise ConnectionError("cache unreachable")

        # What the kept parts (and the page cache) call: every cache broken.
        monkeypatch.setattr("lantana.core.cache.caches", {"default": Broken()})
        html, _ = render(article.url)
        assert b"Finding your footing" in html

    def test_with_redis_up_they_are_kept_in_redis(self, article, settings):
        settings.CACHES = {
            **settings.KEPT_PARTS_CACHES,
            "default": {
                "BACKEND": "lantana.core.cache.ResilientRedisCache",
                "LOCATION": TEST_REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            },
        }
        _, drawn_queries = render(article.url)
        kept, kept_queries = render(article.url)
        assert b"Finding your footing" in kept and kept_queries < drawn_queries


@pytest.fixture
def every_page(article, clinician, location, contact_page, home):
    """One of each page type, with its neighbours (cards, bylines, listings)."""
    return [
        "/",
        article.url,
        "/articles/",
        f"/articles/topic/{article.topics.first().slug}/",
        clinician.url,
        "/team/",
        location.url,
        location.get_parent().url,
        contact_page.url,
    ]


@pytest.fixture
def every_page_in_spanish(every_page, article, clinician, location, contact_page):
    """The same page types translated (their parents copied), Spanish words in the
    interface and the switcher pointing back to English."""
    spanish = spanish_locale()
    pages = [
        translate(page, spanish, title=f"{page.title} (es)")
        for page in (article, clinician, location, contact_page)
    ]
    index = pages[0].get_parent()
    return [
        "/es/",
        *(page.url for page in pages),
        index.url,
        f"{index.url}topic/{article.topics.first().slug}/",
        pages[1].get_parent().url,
        pages[2].get_parent().url,
    ]


def draws_the_same_on_and_off(urls, settings):
    for url in urls:
        settings.FRAGMENT_CACHE_SECONDS = 0
        drawn, _ = render(url)
        settings.FRAGMENT_CACHE_SECONDS = 3600
        filled, _ = render(url)
        kept, _ = render(url)
        assert filled == drawn, url
        assert kept == drawn, url


def test_every_page_type_draws_the_same_with_kept_parts_on_and_off(
    every_page, settings
):
    """A value the template uses outside a kept part cannot go missing when the
    parts come from the cache (production) while the tests draw them (off)."""
    draws_the_same_on_and_off(every_page, settings)


def test_every_page_type_in_spanish_draws_the_same_on_and_off(
    every_page, every_page_in_spanish, settings
):
    # English first, so the Spanish pages find English parts kept beside theirs.
    draws_the_same_on_and_off(every_page, settings)
    draws_the_same_on_and_off(every_page_in_spanish, settings)
    html, _ = render("/es/")
    assert b'<html lang="es">' in html and b'<html lang="en">' not in html


def test_a_kept_part_is_used_only_for_its_own_page_and_language(
    article, home, settings
):
    """Parts kept in English never show on the Spanish page, nor the other way."""
    spanish = spanish_locale()
    home_es = translate(home, spanish, hero_heading="La recuperación es posible")
    article_es = translate(article, spanish, title="Encontrar tu camino")
    for _ in range(2):  # the second from kept parts
        english_home, english_article = render("/")[0], render(article.url)[0]
        spanish_home, spanish_article = render("/es/")[0], render(article_es.url)[0]
    assert b"Recovery is possible" in english_home
    assert "La recuperación es posible".encode() in spanish_home
    assert b"La recuperaci" not in english_home
    assert b"Encontrar tu camino" in spanish_article
    assert b"Encontrar tu camino" not in english_article
    assert home_es.url == "/es/"


def test_the_key_moves_with_the_generation_language_and_date(article, monkeypatch):
    with translation.override("en"):
        english = article.cache_key
        generation.bump("test")
        assert article.cache_key != english
        bumped = article.cache_key
        tomorrow = timezone.localdate() + datetime.timedelta(days=1)
        monkeypatch.setattr(timezone, "localdate", lambda: tomorrow)
        assert article.cache_key != bumped
    with translation.override("es"):
        assert article.cache_key not in (english, bumped)


def test_a_restricted_page_keeps_no_parts(article):
    PageViewRestriction.objects.create(
        page=article, restriction_type=PageViewRestriction.LOGIN
    )
    request = RequestFactory().get(article.url)
    assert not fragments.for_page(article, request)
    assert fragments.for_page(article, request).cache == fragments.CACHE_OFF


def test_a_generation_in_doubt_keeps_no_parts(article, monkeypatch):
    request = RequestFactory().get(article.url)
    assert fragments.for_page(article, request)
    monkeypatch.setattr(generation, "current", lambda *args, **kwargs: None)
    assert not fragments.for_page(article, request)


def test_the_costly_values_are_read_only_when_a_part_is_drawn(article, monkeypatch):
    render(article.url)  # keeps the parts
    calls = []
    drawn = type(article).get_costly_context
    monkeypatch.setattr(
        type(article),
        "get_costly_context",
        lambda page, request: calls.append(page.pk) or drawn(page, request),
    )
    render(article.url)
    assert calls == []
    generation.bump("test")
    render(article.url)
    assert calls == [article.pk]  # once, however many parts read them
