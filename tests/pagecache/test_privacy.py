"""Private pages and documents are never cached by any layer, whatever the query string.

Each privacy option (signed-in staff, a group, a password made in code) on a page
and on a document collection, asked anonymously and by someone allowed in, through
the middleware, the production WSGI handler (Redis and each worker's memory) and
the kept parts. nginx obeys the same `private, no-store` (tests/deploy/).
"""

import uuid

import pytest
from django.contrib.auth.models import Group
from django.core.files.base import ContentFile
from django.test import Client
from wagtail.documents import get_document_model
from wagtail.models import Collection, CollectionViewRestriction, PageViewRestriction

from demo.factories.core import StandardPageFactory
from lantana.core import fragments
from tests.support.auth import sign_in
from tests.support.caching import TEST_REDIS_URL, hit, publish

VARIANTS = ["", "?page=1", "?q=sleep", "?x=1", "?page=2&q=a"]
OPTIONS = ["login", "groups", "password"]
SECRET = "CANARY-CACHE-9312"


@pytest.fixture
def redis_cache(settings):
    settings.CACHES = {
        **settings.KEPT_PARTS_CACHES,
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
            "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
        },
    }


@pytest.fixture
def members(db):
    return Group.objects.create(name="Clinical team")


def restrict(restriction_model, members, option, **target):
    restriction = restriction_model.objects.create(
        restriction_type=option,
        password="a-long-shared-secret" if option == "password" else "",
        **target,
    )
    if option == "groups":
        restriction.groups.add(members)
    return restriction


@pytest.fixture(params=OPTIONS)
def private_page(request, home, members):
    page = StandardPageFactory(parent=home, title=SECRET, slug="handbook")
    restrict(PageViewRestriction, members, request.param, page=page)
    return page


@pytest.fixture
def member(admin_user, members):
    admin_user.groups.add(members)
    return sign_in(Client(), admin_user)


def assert_never_kept(response):
    assert (
        "no-store" in response["Cache-Control"]
        or "private" in response["Cache-Control"]
    )
    assert not hit(response)


class TestPages:
    @pytest.mark.parametrize("variant", VARIANTS)
    def test_the_middleware_never_stores_or_serves_them(self, private_page, variant):
        url = private_page.url + variant
        for _ in range(2):
            response = Client().get(url)
            assert response.status_code in (200, 302)
            assert "no-store" in response["Cache-Control"]
            assert not hit(response)

    def test_an_allowed_visitor_never_fills_a_cache(self, private_page, member):
        if private_page.get_view_restrictions().get().restriction_type == "password":
            pytest.skip("a page password is passed through a session, as a member")
        for variant in VARIANTS:
            response = member.get(private_page.url + variant)
            assert response.status_code == 200 and SECRET.encode() in response.content
            assert "no-store" in response["Cache-Control"]
            anonymous = Client().get(private_page.url + variant)
            assert SECRET.encode() not in anonymous.content

    @pytest.mark.parametrize("variant", VARIANTS)
    def test_the_wsgi_handler_and_worker_memory_never_answer_them(
        self, private_page, wsgi, redis_cache, variant
    ):
        for _ in range(3):
            answer = wsgi(private_page.url + variant)
            assert answer.through_django and not answer.hit
            assert "no-store" in answer.header("Cache-Control")

    def test_a_public_page_made_private_leaves_every_layer_at_once(
        self, home, wsgi, redis_cache, members
    ):
        page = StandardPageFactory(parent=home, title=SECRET, slug="soon-private")
        for variant in VARIANTS:
            wsgi(page.url + variant)
            assert wsgi(page.url + variant).hit
        restrict(PageViewRestriction, members, "login", page=page)
        for variant in VARIANTS:
            answer = wsgi(page.url + variant)
            assert not answer.hit and SECRET.encode() not in answer.body

    def test_kept_parts_are_never_used_for_them(self, home, members, settings, rf):
        settings.PAGE_CACHE_SECONDS = 0
        page = StandardPageFactory(parent=home, title=SECRET, slug="parts")
        request = rf.get(page.url)
        assert fragments.for_page(page, request)
        restrict(PageViewRestriction, members, "groups", page=page)
        assert not fragments.for_page(page, rf.get(page.url))

    def test_a_page_below_a_private_one_is_private_too(self, private_page):
        child = StandardPageFactory(parent=private_page, title="Below", slug="below")
        publish(child)
        for _ in range(2):
            response = Client().get(child.url + "?page=1")
            assert "no-store" in response["Cache-Control"] and not hit(response)


@pytest.fixture(params=OPTIONS)
def private_document(request, members):
    collection = Collection.get_first_root_node().add_child(
        name=f"Private {uuid.uuid4()}"
    )
    restrict(CollectionViewRestriction, members, request.param, collection=collection)
    return get_document_model().objects.create(
        title="Handbook",
        collection=collection,
        file=ContentFile(SECRET.encode(), name="handbook.txt"),
    )


class TestDocuments:
    @pytest.mark.parametrize("variant", VARIANTS)
    def test_never_stored_or_served_from_a_cache(
        self, private_document, wsgi, redis_cache, variant
    ):
        url = private_document.url + variant
        for _ in range(3):
            answer = wsgi(url)
            assert answer.through_django and not answer.hit
            assert SECRET.encode() not in answer.body
            control = answer.header("Cache-Control") or ""
            assert "private" in control or "no-store" in control, control

    def test_an_allowed_reader_gets_it_privately(self, private_document, member):
        if (
            private_document.collection.get_view_restrictions().get().restriction_type
            == ("password")
        ):
            pytest.skip("a collection password is passed through a session")
        response = member.get(private_document.url)
        assert response.status_code == 200
        assert SECRET.encode() in b"".join(response.streaming_content)
        control = response["Cache-Control"]
        assert "private" in control or "no-store" in control, control
        assert not hit(Client().get(private_document.url))
