"""Each purge trigger: the next anonymous GET of every page shows the change.

One rule (lantana/core/generation.py): any change retires every cached page, so
these tests also warm pages that show nothing of the change, and find them drawn
afresh too; no relation can be forgotten.
"""

import pytest
from django.test import Client
from wagtail.models import Collection

from demo.factories.articles import TopicFactory
from lantana.core.changes import many_changes
from lantana.core.models import SiteSettings, SiteWording, StandardPage
from tests.support.caching import hit, publish


def warm(*urls):
    visitor = Client()
    for url in urls:
        visitor.get(url)
        assert hit(visitor.get(url)), url


def fresh(url) -> bytes:
    response = Client().get(url)
    assert not hit(response), f"{url} still came from the cache"
    return response.content


class TestPages:
    def test_publishing_an_article_purges_it_its_listings_and_its_author(
        self, article, clinician, home, location
    ):
        urls = [article.url, "/articles/", "/", clinician.url]
        warm(*urls, location.url)
        article.title = "Finding your feet"
        publish(article)
        for url in urls:
            assert b"Finding your feet" in fresh(url)
        fresh(location.url)  # shows nothing of the article, drawn afresh all the same

    def test_an_author_taken_off_an_article_loses_it_from_their_profile(
        self, article, clinician
    ):
        warm(clinician.url)
        article.author = None
        publish(article)
        assert b"Finding your footing" not in fresh(clinician.url)

    def test_unpublishing_removes_it_everywhere(self, article):
        warm(article.url, "/articles/")
        article.unpublish()
        assert Client().get(article.url).status_code == 404
        assert b"Finding your footing" not in fresh("/articles/")

    def test_moving_a_page_purges_the_site(self, article, home, clinician):
        other = StandardPage(title="Elsewhere", slug="elsewhere")
        home.add_child(instance=other)
        warm("/", clinician.url)
        article.move(other, pos="last-child")
        article.refresh_from_db()
        fresh("/")
        fresh(clinician.url)

    def test_deleting_a_page_purges_its_listings(self, article):
        warm("/articles/", "/")
        article.delete()
        assert b"Finding your footing" not in fresh("/articles/")
        assert b"Finding your footing" not in fresh("/")

    def test_a_clinicians_change_reaches_locations_and_their_articles(
        self, article, clinician, location
    ):
        warm(location.url, article.url, "/team/")
        clinician.last_name = "Okafor-Reyes"
        clinician.title = "Maya Okafor-Reyes"
        publish(clinician)
        for url in (location.url, article.url, "/team/"):
            assert b"Okafor-Reyes" in fresh(url)

    def test_a_page_in_the_main_menu_purges_every_page(self, home, location, site):
        about = StandardPage(title="About us", slug="about")
        home.add_child(instance=about)
        navigation = SiteWording.get_default()
        navigation.main_menu = [("link", {"page": about, "url": "", "label": ""})]
        navigation.save()
        warm("/", location.url)
        about.title = "Who we are"
        publish(about)
        assert b"Who we are" in fresh(location.url)


class TestSnippetsAndSettings:
    def test_saving_a_topic(self, article, topic):
        warm(article.url, "/articles/")
        topic.name = "Families"
        topic.save()
        assert b"Families" in fresh(article.url)
        assert b"Families" in fresh("/articles/")

    def test_saving_the_clinic_details_purges_every_page(self, article, site):
        warm("/", article.url)
        clinic = SiteSettings.for_site(site)
        clinic.phone = "(843) 555-0777"
        clinic.save()
        assert b"555-0777" in fresh("/")
        assert b"555-0777" in fresh(article.url)

    def test_saving_the_main_menu(self, article, site):
        warm(article.url)
        navigation = SiteWording.get_default()
        navigation.main_menu = [
            ("link", {"page": None, "url": "/help/", "label": "Get help now"})
        ]
        navigation.save()
        assert b"Get help now" in fresh(article.url)

    def test_saving_an_image_purges_the_pages_that_show_it(
        self, clinician, photo, location, article
    ):
        warm(clinician.url, location.url, "/team/", "/articles/")
        photo.description = "Maya in the clinic garden"
        photo.save()
        assert b"Maya in the clinic garden" in fresh(clinician.url)
        for url in (location.url, "/team/", article.url, "/articles/"):
            fresh(url)


class TestEverythingElse:
    """Changes no per-relation rule ever listed: a new snippet, a collection."""

    def test_a_new_topic(self, article):
        warm(article.url, "/")
        TopicFactory(name="Sleep", slug="sleep")
        fresh(article.url)
        fresh("/")

    def test_a_new_collection(self, article):
        warm(article.url)
        Collection.get_first_root_node().add_child(name="Handouts")
        fresh(article.url)

    def test_a_draft_leaves_the_cache_alone(self, article):
        warm(article.url)
        article.title = "Not yet"
        article.save_revision()
        response = Client().get(article.url)
        assert hit(response) and b"Not yet" not in response.content


def test_many_changes_retire_every_page_once_at_the_end(article, clinician, location):
    """An import publishes thousands of pages: one new generation when it ends."""
    urls = [article.url, "/articles/", "/", clinician.url, location.url]
    warm(*urls)
    with many_changes():
        article.title = "Finding your feet"
        publish(article)
        assert hit(Client().get("/articles/"))  # not yet
    pages = {url: fresh(url) for url in urls}
    assert b"Finding your feet" in pages["/articles/"]


def test_many_changes_end_with_a_new_generation_after_an_error(article):
    warm("/articles/")
    with pytest.raises(RuntimeError), many_changes():
        article.title = "Finding your feet"
        publish(article)
        raise RuntimeError("the import stopped")
    assert b"Finding your feet" in fresh("/articles/")
