"""Which Wagtail site answers a request, found from the cache (site_cache.py)."""

import pytest
from django.db import connection
from django.test import Client, RequestFactory
from django.test.utils import CaptureQueriesContext
from wagtail.models import Site

from demo.factories.core import ensure_root
from demo.factories.home import HomePageFactory
from lantana.core.site_cache import get_sites, match_site


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
    from lantana.core import site_cache

    class Broken:
        def __getattr__(self, name):
            raise ConnectionError("cache unreachable")

    monkeypatch.setattr(site_cache, "cache", Broken())
    assert Client().get("/").status_code == 200
