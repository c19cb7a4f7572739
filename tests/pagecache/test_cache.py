"""The anonymous page cache: what it keeps, for whom, and under which key."""

import logging
import uuid

import pytest
from django.core.cache import cache
from django.test import Client

from contact.models import Lead
from tests.support.auth import sign_in
from tests.support.caching import REDIS_DOWN, TEST_REDIS_URL, hit, publish
from tests.support.leads import lead_data


def entries() -> int:
    return len(cache._cache)  # LocMemCache: every stored key


def test_a_second_anonymous_visit_is_served_from_the_cache(client, home):
    first = client.get("/")
    second = client.get("/")
    assert first.status_code == second.status_code == 200
    assert not hit(first) and hit(second)
    assert second.content == first.content
    assert second["Cache-Control"] == "public, max-age=0, s-maxage=1, stale-if-error=10"
    assert "Set-Cookie" not in second.headers


def test_the_cache_can_be_turned_off(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 0
    client.get("/")
    response = client.get("/")
    assert not hit(response)
    assert "private" in response["Cache-Control"]


def test_unknown_query_parameters_share_the_plain_pages_entry(client, home):
    client.get("/")
    response = client.get("/?utm_source=mail&x=1")
    assert hit(response)


def test_a_flood_of_random_parameters_neither_grows_nor_bypasses_it(client, home):
    client.get("/")
    before = entries()
    for _ in range(50):
        assert hit(client.get(f"/?x={uuid.uuid4().hex}"))
    assert entries() == before


def test_declared_parameters_key_separate_entries(client, make_article):
    for n in range(10):
        make_article(title=f"Reading {n}", days_ago=n)
    first = client.get("/articles/")
    second = client.get("/articles/?page=2")
    assert not hit(second)
    assert b"Reading 9" in second.content and b"Reading 9" not in first.content
    assert hit(client.get("/articles/?page=2&x=1"))
    assert hit(client.get("/articles/?x=1"))


def test_errors_are_never_cached(client, home):
    assert client.get("/no-such-page/").status_code == 404
    assert not hit(client.get("/no-such-page/"))


def test_a_signed_in_editor_never_gets_a_cached_page(client, home, admin_user):
    client.get("/")  # stored for visitors
    editor = sign_in(Client(), admin_user)
    response = editor.get("/")
    assert response.status_code == 200 and not hit(response)
    assert "private" in response["Cache-Control"]


def test_a_signed_in_editor_never_poisons_the_cache(client, home, admin_user):
    editor = sign_in(Client(), admin_user)
    editor.get("/")  # the editor's own view, with the user bar
    editor.get("/")
    response = client.get("/")
    assert not hit(response)
    assert b"wagtail-userbar" not in response.content
    assert hit(client.get("/"))


def test_a_visitor_with_a_session_is_served_but_never_stored(client, home):
    session = Client()
    session.cookies["sessionid"] = "anything"
    assert not hit(session.get("/"))
    assert not hit(client.get("/"))  # the session visitor stored nothing
    assert hit(session.get("/"))


class TestFormsOnCachedPages:
    def test_the_blank_form_is_cached_without_a_token_stamp_or_id(
        self, client, contact_page
    ):
        client.get(contact_page.url)
        response = client.get(contact_page.url)
        assert hit(response)
        html = response.content.decode()
        assert 'name="csrfmiddlewaretoken" value=""' in html
        assert 'name="inquiry-stamp" id="id_inquiry-stamp"' in html
        assert 'name="inquiry-stamp" value=' not in html
        assert 'name="inquiry-submission_id" value=' not in html
        assert "data-lead-session" in html

    def test_a_form_error_is_never_cached_for_another_visitor(
        self, client, contact_page
    ):
        client.get(contact_page.url)
        data = lead_data("inquiry", preferred_name="", phone="", email="")
        error = client.post(contact_page.url, data)
        assert error.status_code == 400 and "no-store" in error["Cache-Control"]
        other = Client().get(contact_page.url)
        assert hit(other)
        # The markup, not the name: the inlined stylesheet and script name it too.
        assert b"data-error-summary>" not in other.content

    def test_a_thank_you_state_is_never_cached(self, client, contact_page):
        client.get(contact_page.url)
        sent = client.post(contact_page.url, lead_data("inquiry"))
        assert sent.status_code == 303
        thanks = client.get(sent["Location"])
        assert not hit(thanks) and b"data-lead-thanks>" in thanks.content
        assert "no-store" in thanks["Cache-Control"]
        stranger = Client().get(sent["Location"])
        assert not hit(stranger) and b"data-lead-thanks>" in stranger.content
        assert b"data-lead-thanks>" not in Client().get(contact_page.url).content

    def test_a_page_that_used_a_csrf_token_is_never_stored(self, client, home):
        response = client.get("/chat/")
        assert 'name="csrfmiddlewaretoken" value="' in response.content.decode()
        assert not hit(client.get("/chat/"))
        assert "no-store" in client.get("/chat/session/")["Cache-Control"]

    def test_the_location_page_form_is_cacheable_too(self, client, location):
        client.get(location.url)
        response = client.get(location.url)
        assert hit(response)
        assert b'name="csrfmiddlewaretoken" value=""' in response.content


class TestFormsWithoutJavaScript:
    """A cached form posted without a token is shown again, as typed, with one."""

    @pytest.fixture
    def no_js(self):
        return Client(enforce_csrf_checks=True)

    def test_the_first_send_shows_the_form_again_with_a_token(
        self, no_js, contact_page, soup_form
    ):
        no_js.get(contact_page.url)
        data = lead_data("inquiry", preferred_name="Jordan")
        data.update({"inquiry-submission_id": "", "inquiry-stamp": ""})
        response = no_js.post(contact_page.url, data)
        assert response.status_code == 200
        assert "no-store" in response["Cache-Control"]
        html = response.content.decode()
        assert 'value="Jordan"' in html
        assert "press Send once more" in html
        assert soup_form(response)["csrfmiddlewaretoken"]
        assert not Lead.objects.exists()

    def test_the_second_send_goes_through(self, no_js, contact_page, soup_form):
        no_js.get(contact_page.url)
        data = lead_data("inquiry", preferred_name="Jordan")
        data.update({"inquiry-submission_id": "", "inquiry-stamp": ""})
        again = soup_form(no_js.post(contact_page.url, data))
        response = no_js.post(contact_page.url, again)
        assert response.status_code == 303
        assert Lead.objects.get().preferred_name == "Jordan"

    def test_a_post_from_another_site_is_still_refused(self, no_js, contact_page):
        data = lead_data("inquiry")
        response = no_js.post(
            contact_page.url, data, headers={"Origin": "https://evil.example"}
        )
        assert response.status_code == 403
        assert not Lead.objects.exists()


@pytest.fixture
def soup_form():
    from bs4 import BeautifulSoup

    def read(response) -> dict:
        form = BeautifulSoup(response.content, "html.parser").select_one(
            "form[data-lead-form]"
        )
        data = {}
        for field in form.select("input, textarea, select"):
            name = field.get("name")
            if not name:
                continue
            if field.name == "textarea":
                data[name] = field.text
            elif field.get("type") in ("checkbox", "radio"):
                if field.has_attr("checked"):
                    data[name] = field.get("value", "on")
            elif field.name == "select":
                chosen = field.select_one("option[selected]")
                data[name] = chosen.get("value") if chosen else ""
            else:
                data[name] = field.get("value", "")
        return data

    return read


class TestOutages:
    def test_redis_down_means_rendering_logged_once(
        self, client, home, settings, caplog
    ):
        settings.CACHES = REDIS_DOWN
        with caplog.at_level(logging.WARNING, logger="lantana.cache"):
            assert client.get("/").status_code == 200
            assert client.get("/").status_code == 200
        outages = [r for r in caplog.records if r.name == "lantana.cache"]
        assert len(outages) == 1

    def test_with_redis_up_it_serves_from_redis(self, client, home, settings):
        settings.CACHES = {
            **settings.KEPT_PARTS_CACHES,
            "default": {
                "BACKEND": "lantana.core.cache.ResilientRedisCache",
                "LOCATION": TEST_REDIS_URL,
                "KEY_PREFIX": f"test-{uuid.uuid4().hex[:8]}",
            },
        }
        client.get("/")
        assert hit(client.get("/"))


def test_publishing_is_seen_at_once(client, home):
    client.get("/")
    home.hero_heading = "A new front door"
    publish(home)
    response = client.get("/")
    assert not hit(response) and b"A new front door" in response.content
