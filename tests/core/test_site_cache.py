"""Which Wagtail site answers a request, found from the cache (site_cache.py)."""

import threading

import pytest
from django.core.cache import cache
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction, Site

from demo.factories.core import StandardPageFactory, ensure_root
from demo.factories.home import HomePageFactory
from lantana.core import site_cache
from lantana.core.models import SiteSettings
from lantana.core.site_cache import get_sites, match_site
from tests.support.languages import spanish_locale, translate


@pytest.fixture
def sites(home):
    """The default site (the home fixture's), plus two more on other hosts/ports."""
    root = ensure_root()
    other = HomePageFactory(parent=root, title="Other clinic", slug="other")
    Site.objects.create(hostname="other.example", port=80, root_page=other)
    Site.objects.create(hostname="other.example", port=8080, root_page=other)
    Site.objects.create(hostname="third.example", port=80, root_page=other)
    return Site.objects.all()


@pytest.mark.parametrize(
    "host",
    [
        "testserver",
        "other.example",
        "other.example:8080",
        "other.example:9000",
        "third.example",
        "unknown.example",
        "unknown.example:8080",
    ],
)
def test_it_chooses_the_site_wagtail_would(sites, host):
    request = RequestFactory().get("/", HTTP_HOST=host)
    assert match_site(get_sites(), request) == Site._find_for_request(request)


def test_no_query_for_the_site_on_a_warm_request(home):
    Client().get("/")
    with CaptureQueriesContext(connection) as queries:
        Client().get("/")
    assert not any('FROM "wagtailcore_site"' in q["sql"] for q in queries)


def test_a_new_site_answers_at_once(home):
    Client().get("/", HTTP_HOST="new.example")  # the default site answers
    root = ensure_root()
    other = HomePageFactory(parent=root, title="Second clinic", slug="second")
    Site.objects.create(hostname="new.example", port=80, root_page=other)
    response = Client().get("/", HTTP_HOST="new.example")
    assert response.status_code == 200
    assert response.context["page"].pk == other.pk


def test_a_cache_outage_falls_back_to_wagtails_lookup(home, monkeypatch):
    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("cache unreachable")

    monkeypatch.setattr(site_cache, "cache", Broken())
    assert Client().get("/").status_code == 200


class TestLanguagesKeptUntilTheNextChange:
    """The site root in each language and each page's translations are read once
    per change (routing.localized_root, languages): never stale after one."""

    def test_a_new_translation_reaches_the_switcher(self, client, home):
        translate(home, spanish_locale())
        about = StandardPageFactory(parent=home, title="About", slug="about")
        assert b'href="/es/" hreflang="es"' in client.get("/about/").content
        translate(about, spanish_locale(), title="Sobre", slug="sobre")
        html = client.get("/about/").content
        assert b'href="/es/sobre/" hreflang="es"' in html
        assert b'hreflang="es" href="http://localhost/es/sobre/"' in html

    def test_a_withdrawn_translation_leaves_the_switcher(self, client, home):
        translate(home, spanish_locale())
        about = StandardPageFactory(parent=home, title="About", slug="about")
        about_es = translate(about, spanish_locale(), title="Sobre", slug="sobre")
        assert b'href="/es/sobre/"' in client.get("/about/").content
        about_es.unpublish()
        assert b'href="/es/sobre/"' not in client.get("/about/").content

    def test_the_spanish_root_follows_its_publication(self, client, home):
        # Without a live Spanish home, Wagtail serves the English one at /es/.
        assert home.hero_heading.encode() in client.get("/es/").content
        home_es = translate(home, spanish_locale(), hero_heading="Hola")
        assert b"Hola" in client.get("/es/").content
        home_es.unpublish()
        html = client.get("/es/").content
        assert b"Hola" not in html and home.hero_heading.encode() in html

    def test_a_restriction_on_the_root_is_read(self, client, home):
        assert client.get("/").status_code == 200
        PageViewRestriction.objects.create(
            page=home, restriction_type=PageViewRestriction.LOGIN
        )
        assert client.get("/").status_code == 302  # to the sign-in page

    def test_a_restriction_on_an_aliased_source_is_read(self, client, home):
        translate(home, spanish_locale())
        about = StandardPageFactory(parent=home, title="About", slug="about")
        home_es = home.get_translation(spanish_locale())
        about.create_alias(parent=home_es, update_locale=spanish_locale())
        assert client.get("/es/about/").status_code == 200
        PageViewRestriction.objects.create(
            page=about, restriction_type=PageViewRestriction.LOGIN
        )
        assert client.get("/es/about/").status_code == 302

    def test_the_search_filter_reads_the_kept_locales(self, client, home):
        translate(home, spanish_locale())
        client.get("/es/search/?q=x")
        with CaptureQueriesContext(connection) as queries:
            client.get("/es/search/?q=x")
        assert not any("wagtailcore_locale" in q["sql"] for q in queries)

    def test_an_article_says_its_own_language(self, client, home, make_article):
        article = make_article(title="Finding your footing")
        translate(home, spanish_locale())
        article_es = translate(article, spanish_locale(), title="Encontrar tu camino")
        assert b'"inLanguage": "en"' in client.get(article.url).content
        assert b'"inLanguage": "es"' in client.get(article_es.url).content


class CountingCache:
    """The cache, with each call's name and first argument noted."""

    def __init__(self):
        self.calls = []

    def __getattr__(self, name):
        method = getattr(cache, name)

        def call(*args, **kwargs):
            self.calls.append((name, args[0] if args else None))
            return method(*args, **kwargs)

        return call

    def reads(self) -> list:
        return [call for call in self.calls if call[0] in ("get", "get_many")]


class TestTheChromeReadOncePerRequest:
    """A page reads its chrome (site_cache.read) in one round trip, with its site,
    its root and its languages: each key once, the rest with the first."""

    def test_a_page_reads_each_key_once_in_three_round_trips(
        self, client, home, monkeypatch
    ):
        about = StandardPageFactory(parent=home, title="About", slug="about")
        client.get(about.url)  # keeps everything
        counting = CountingCache()
        monkeypatch.setattr(site_cache, "cache", counting)
        assert client.get(about.url).status_code == 200
        # The sites; the site root with the menu, wording, clinic details, locales,
        # notices and consent; the page's translations.
        assert [name for name, _keys in counting.reads()] == [
            "get",
            "get_many",
            "get_many",
        ]
        keys = [
            key
            for name, keys in counting.reads()
            for key in ([keys] if name == "get" else keys)
        ]
        assert len(keys) == len(set(keys))
        assert not [call for call in counting.calls if call[0] == "set"]

    def test_a_change_within_the_request_is_read_afresh(self, site):
        with site_cache.reading_once(site.pk):
            assert SiteSettings.for_site(site).phone == "(843) 555-0134"
            clinic = SiteSettings.objects.get(site=site)
            clinic.phone = "(843) 555-0199"
            clinic.save()  # a new generation: new keys
            assert SiteSettings.for_site(site).phone == "(843) 555-0199"

    def test_nothing_read_outlives_the_request(self, client, site):
        client.get("/")
        key = site_cache.setting_key(SiteSettings._meta.label_lower, site.pk)
        cache.set(key, SiteSettings(site=site, phone="kept elsewhere"))
        assert SiteSettings.for_site(site).phone == "kept elsewhere"

    def test_each_request_reads_for_itself(self, site):
        """asgiref's Local: another thread (or ASGI request) has its own reads."""
        key = site_cache.setting_key(SiteSettings._meta.label_lower, site.pk)
        cache.delete(key)
        seen = []
        with site_cache.reading_once(site.pk):
            assert site_cache.read(key) is None
            cache.set(key, "written meanwhile")
            assert site_cache.read(key) is None  # read once, in this request
            thread = threading.Thread(target=lambda: seen.append(site_cache.read(key)))
            thread.start()
            thread.join()
        assert seen == ["written meanwhile"]
        assert site_cache.read(key) == "written meanwhile"
