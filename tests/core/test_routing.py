"""Routing below a site's root (lantana.core.routing.route_from_site_root): the
root's own row is never read, and view restrictions come with the pages on the way."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from wagtail.models import PageViewRestriction

from demo.factories.core import StandardPageFactory
from home.models import HomePage


def sql_during(client, url):
    with CaptureQueriesContext(connection) as queries:
        response = client.get(url)
    return response, [query["sql"] for query in queries]


@pytest.fixture
def section(home):
    section = StandardPageFactory(parent=home, title="About", slug="about")
    page = StandardPageFactory(parent=section, title="Our story", slug="story")
    return section, page


def test_a_page_below_the_root_is_served_without_the_roots_own_row(client, section):
    client.get("/about/story/")  # warm per-process caches
    response, sql = sql_during(client, "/about/story/")
    assert response.status_code == 200
    assert response.context["page"] == section[1]
    assert not [q for q in sql if HomePage._meta.db_table in q]
    # Public: the restriction check asked nothing of its own.
    assert not [
        q for q in sql if q.startswith('SELECT "wagtailcore_pageviewrestriction"')
    ]


def test_the_root_url_is_still_the_home_page(client, home):
    response = client.get("/")
    assert response.status_code == 200
    assert response.context["page"] == home.specific


@pytest.mark.parametrize("restricted", ["section", "page"])
def test_a_restriction_on_the_way_still_keeps_the_page_private(
    client, section, restricted
):
    target = section[0] if restricted == "section" else section[1]
    PageViewRestriction.objects.create(page=target, restriction_type="login")
    response = client.get("/about/story/")
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_a_restriction_on_the_site_root_reaches_every_page(client, home, section):
    PageViewRestriction.objects.create(page=home, restriction_type="login")
    assert client.get("/about/story/").status_code == 302
    assert client.get("/").status_code == 302


def test_unknown_paths_answer_404(client, section):
    assert client.get("/about/nothing-here/").status_code == 404
    assert client.get("/nothing/").status_code == 404


@pytest.mark.parametrize("restricted", ["section", "page"])
def test_an_alias_keeps_its_sources_restriction(client, home, section, restricted):
    other = StandardPageFactory(parent=home, title="Elsewhere", slug="elsewhere")
    section[1].create_alias(parent=other, update_slug="story-alias")
    source = section[0] if restricted == "section" else section[1]
    if restricted == "section":
        # The section's own alias, on the way to the page.
        section[0].create_alias(parent=other, update_slug="about-alias")
    PageViewRestriction.objects.create(page=source, restriction_type="login")
    url = (
        "/elsewhere/about-alias/"
        if restricted == "section"
        else "/elsewhere/story-alias/"
    )
    response = client.get(url)
    assert response.status_code == 302
    assert "login" in response["Location"]


def test_the_page_served_is_its_specific_row_with_what_routing_read(client, section):
    response = client.get("/about/story/")
    page = response.context["page"]
    assert type(page) is type(section[1])
    assert page.body == section[1].body
    assert page.first_published_at == section[1].first_published_at
    assert [p.pk for p in page.route_ancestors] == [
        section[0].get_parent().pk,
        section[0].pk,
    ]


def test_an_unpublished_page_on_the_way_answers_404(client, section):
    section[1].unpublish()
    assert client.get("/about/story/").status_code == 404
    assert client.get("/about/").status_code == 200
