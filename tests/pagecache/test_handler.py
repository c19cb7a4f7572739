"""Page-cache hits answered by the WSGI handler before Django's middleware runs."""

import uuid

from django.core.cache import cache
from django.http import HttpResponse
from django.test import Client

from lantana.pagecache import store
from lantana.pagecache.handler import PageCacheWSGIHandler
from tests.support.auth import sign_in
from tests.support.caching import REDIS_DOWN, publish


def without_cache_marker(headers):
    return [(name, value) for name, value in headers if name != "X-Page-Cache"]


def test_a_hit_is_answered_before_django_with_every_header(wsgi, home):
    first = wsgi("/")
    second = wsgi("/")
    assert first.through_django and not first.hit
    assert not second.through_django and second.hit
    assert second.status == first.status == "200 OK"
    assert second.body == first.body
    assert without_cache_marker(second.headers) == without_cache_marker(first.headers)
    for name in (
        "Content-Security-Policy",
        "Permissions-Policy",
        "Cross-Origin-Opener-Policy",
        "X-Content-Type-Options",
        "Referrer-Policy",
        "Content-Length",
    ):
        assert second.header(name), name
    assert (
        second.header("Cache-Control")
        == "public, max-age=0, s-maxage=1, stale-if-error=10"
    )
    assert not second.header("Set-Cookie")


def test_junk_parameters_share_the_entry_and_cannot_grow_it(wsgi, home):
    wsgi("/")
    wsgi("/")
    before = len(cache._cache)
    for _ in range(20):
        answer = wsgi(f"/?x={uuid.uuid4().hex}&utm_source=mail")
        assert answer.hit and not answer.through_django
    assert len(cache._cache) == before


def test_declared_parameters_are_separate_entries(wsgi, make_article):
    for n in range(10):
        make_article(title=f"Reading {n}", days_ago=n)
    wsgi("/articles/")
    assert not wsgi("/articles/?page=2").hit
    second_page = wsgi("/articles/?page=2&x=1")
    assert second_page.hit and not second_page.through_django
    assert b"Reading 9" in second_page.body
    assert b"Reading 9" not in wsgi("/articles/").body


def test_a_session_or_messages_cookie_is_left_to_django(wsgi, home):
    wsgi("/")
    for cookie in ("sessionid=anything", "messages=anything"):
        answer = wsgi("/", HTTP_COOKIE=cookie)
        assert answer.through_django, cookie


def test_a_signed_in_editor_never_gets_a_cached_page(wsgi, home, admin_user):
    wsgi("/")
    editor = sign_in(Client(), admin_user)
    cookie = "; ".join(f"{name}={m.value}" for name, m in editor.cookies.items())
    answer = wsgi("/", HTTP_COOKIE=cookie)
    assert answer.through_django and not answer.hit
    assert "private" in answer.header("Cache-Control")


def test_publishing_reaches_the_early_answers(wsgi, home):
    wsgi("/")
    assert wsgi("/").hit
    home.hero_heading = "A new front door"
    publish(home)
    answer = wsgi("/")
    assert answer.through_django and b"A new front door" in answer.body
    assert not wsgi("/").through_django


def test_a_thank_you_state_is_never_answered_early(wsgi, contact_page):
    wsgi(contact_page.url)
    answer = wsgi(f"{contact_page.url}?sent=1")
    assert answer.through_django and not answer.hit


def test_posts_go_to_django(wsgi, contact_page):
    wsgi(contact_page.url)
    answer = wsgi(contact_page.url, method="POST")
    assert answer.through_django and not answer.hit


def test_a_host_not_allowed_gets_djangos_400(wsgi, home, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    wsgi("/")
    assert wsgi("/").hit
    answer = wsgi("/", HTTP_HOST="elsewhere.example")
    assert answer.through_django and answer.status.startswith("400")


def test_plain_http_is_redirected_when_https_is_required(wsgi, home, settings):
    settings.SECURE_SSL_REDIRECT = True
    wsgi("/", secure=True)
    assert wsgi("/", secure=True).hit
    answer = wsgi("/")
    assert answer.through_django and answer.status.startswith("301")


def test_an_outage_means_rendering(wsgi, home, settings):
    settings.CACHES = REDIS_DOWN
    for _ in range(2):
        answer = wsgi("/")
        assert answer.status == "200 OK" and answer.through_django


def test_with_the_page_cache_off_nothing_is_answered_early(wsgi, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    wsgi("/")
    assert wsgi("/").through_django
    assert not [key for key in cache._cache if ":final:" in key]


def test_an_answer_that_became_personal_is_never_kept(rf, home):
    request = rf.get("/")
    request.page_cache_final_key = "pagecache:final:test"
    response = HttpResponse("hello")
    response.set_cookie("sessionid", "someone")
    store.store_final(request, response)
    assert cache.get("pagecache:final:test") is None


def test_a_page_that_began_a_session_is_not_stored(rf):
    request = rf.get("/")
    request.session = type("Session", (), {"modified": True})()
    assert not store.is_storable(request, HttpResponse("hello"))


def test_gunicorn_serves_the_handler():
    from lantana.wsgi import application

    # Behind the insight beacons' branch (insights/wsgi.py), which passes all else on.
    assert isinstance(application.application, PageCacheWSGIHandler)
    # The worker asks for hits first (lantana/workers.py; tests/pagecache/test_worker_hits.py).
    assert application.final_answer == application.application.final_answer


def test_a_page_kept_only_by_the_middleware_is_answered_early_next(wsgi, client, home):
    client.get("/")  # Django's test client: the middleware's entry only
    first = wsgi("/")
    assert first.through_django and first.hit
    second = wsgi("/")
    assert not second.through_django and second.hit
