"""Each purge trigger: the next anonymous GET shows the change; unrelated pages stay."""

import pytest
from django.test import Client

from lantana.core.changes import many_changes
from lantana.core.models import NavigationSettings, SiteSettings, StandardPage
from lantana.pagecache import purge as purge_module
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
        assert hit(Client().get(location.url))  # shows nothing of the article

    def test_an_author_taken_off_an_article_loses_it_from_their_profile(
        self, article, clinician, team
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
        navigation = NavigationSettings.for_site(site)
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
        navigation = NavigationSettings.for_site(site)
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
        for url in (location.url, "/team/", article.url):  # cards of her
            fresh(url)
        assert hit(Client().get("/articles/"))  # no card there shows the photo


def test_purge_also_asks_the_front_cache(article, monkeypatch):
    purged = []
    monkeypatch.setattr(
        purge_module, "purge_pages_from_cache", lambda pages: purged.extend(pages)
    )
    article.title = "Finding your feet"
    publish(article)
    assert {page.pk for page in purged} >= {article.pk, article.get_parent().pk}


def test_many_changes_purge_every_site_once_at_the_end(
    article, clinician, home, location, monkeypatch
):
    """An import publishes thousands of pages: nothing is worked out per page
    while it runs (that grew with every article sharing a topic); when it ends,
    every page of the site is purged, in the app and in the front cache."""
    calls = []
    monkeypatch.setattr(purge_module, "showing", lambda obj: calls.append(obj))
    urls = [article.url, "/articles/", "/", clinician.url, location.url]
    warm(*urls)
    with many_changes():
        article.title = "Finding your feet"
        publish(article)
        assert calls == []
        assert hit(Client().get("/articles/"))  # not purged yet
    monkeypatch.undo()
    pages = {url: fresh(url) for url in urls}
    assert b"Finding your feet" in pages["/articles/"]


def test_many_changes_end_with_a_purge_after_an_error(article, monkeypatch):
    warm("/articles/")
    with pytest.raises(RuntimeError), many_changes():
        article.title = "Finding your feet"
        publish(article)
        raise RuntimeError("the import stopped")
    assert b"Finding your feet" in fresh("/articles/")
