"""The beacon endpoint keeps only the documented counts-to-be: no address, no user
agent, no identifier; bad, huge, foreign and flooding beacons get a 4xx.

Every beacon test runs through both entries: the Django view (the test client,
no Redis: rows written at once) and the lean WSGI branch that answers beacons
before the middleware in production (the WSGI application called directly, Redis
as the cache: rows queued, then moved to the table as the roll-up does), and
both must answer and store the same."""

import json
from dataclasses import dataclass

import pytest
import redis
from django.core import signals
from django.core.cache import cache, caches
from django.db import close_old_connections, connection
from django.test import RequestFactory
from django.urls import reverse

from insights import queue
from insights.models import (
    Beacon,
    DailyArrival,
    DailyArticleLead,
    DailyLeadCount,
    DailyPageCount,
    DailyVitals,
)
from insights.wsgi import BeaconWSGIBranch
from lantana.pagecache.handler import PageCacheWSGIHandler
from tests.support.caching import REDIS_DOWN, TEST_REDIS_URL, needs_redis, redis_up

URL = "/insights/beacon/"
CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


@dataclass
class Answer:
    status_code: int
    headers: dict
    through_django: bool


class LeanClient:
    """Requests to the production WSGI application (the beacon branch in front of
    the page-cache handler), called directly; queued beacons are then moved to
    the table, so tests read stored results the same way for both entries."""

    def __init__(self):
        self.application = BeaconWSGIBranch(PageCacheWSGIHandler())
        self.started = 0
        self.answers = []

    def count(self, **kwargs):
        self.started += 1

    def request(self, environ):
        before = self.started
        answer = {}

        def start_response(status, headers, exc_info=None):
            answer.update(status=status, headers=headers)

        result = self.application(environ, start_response)
        b"".join(result)
        if hasattr(result, "close"):
            result.close()
        queue.drain()
        found = Answer(
            int(answer["status"].split()[0]),
            dict(answer["headers"]),
            self.started > before,
        )
        self.answers.append(found)
        return found

    def post(self, path, data, content_type, headers=None, **extra):
        factory = RequestFactory()
        return self.request(
            factory.post(path, data, content_type, headers=headers, **extra).environ
        )

    def get(self, path, **extra):
        return self.request(RequestFactory().get(path, **extra).environ)


@pytest.fixture
def lean_client(db, settings):
    settings.CACHES = {
        "default": {
            "BACKEND": "lantana.core.cache.ResilientRedisCache",
            "LOCATION": TEST_REDIS_URL,
        }
    }
    caches["default"].clear()
    # As Django's test client does: the test's transaction must stay open.
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    client = LeanClient()
    signals.request_started.connect(client.count)
    yield client
    signals.request_started.disconnect(client.count)
    signals.request_started.connect(close_old_connections)
    signals.request_finished.connect(close_old_connections)
    caches["default"].clear()


@pytest.fixture(params=["view", "lean"])
def entry(request, db):
    """The Django test client (the view), or the WSGI application (the branch)."""
    if request.param == "view":
        return request.getfixturevalue("client")
    if not redis_up():
        pytest.skip("no Redis on 127.0.0.1:6379")
    return request.getfixturevalue("lean_client")


def cache_keys() -> str:
    if isinstance(cache._cache, dict):  # LocMemCache
        return " ".join(str(key) for key in cache._cache)
    server = redis.Redis.from_url(TEST_REDIS_URL)
    return " ".join(key.decode() for key in server.keys("*"))


def beacon(client, body, **headers):
    data = body if isinstance(body, str | bytes) else json.dumps(body)
    headers.setdefault("User-Agent", CHROME)
    return client.post(URL, data, content_type="text/plain", headers=headers)


VIEW = {
    "p": "/",
    "t": "home.HomePage",
    "r": "www.google.com",
    "c": "spring",
    "e": [["view"]],
}


def columns(model) -> set[str]:
    with connection.cursor() as cursor:
        description = connection.introspection.get_table_description(
            cursor, model._meta.db_table
        )
    return {column.name for column in description}


def test_the_url_is_ours():
    assert reverse("insights:beacon") == URL


def test_the_tables_hold_no_identifier(db):
    assert columns(Beacon) == {
        "id",
        "received_at",
        "event",
        "path",
        "page_type",
        "referrer_class",
        "campaign",
        "lead_kind",
        "from_article",
        "lcp_ms",
        "inp_ms",
        "cls_thousandths",
    }
    assert columns(DailyPageCount) == {
        "id",
        "day",
        "path",
        "page_type",
        "views",
        "leads_started",
        "leads_sent",
    }
    assert columns(DailyArrival) == {"id", "day", "referrer_class", "campaign", "views"}
    assert columns(DailyLeadCount) == {
        "id",
        "day",
        "path",
        "lead_kind",
        "started",
        "sent",
    }
    assert columns(DailyArticleLead) == {
        "id",
        "day",
        "article_path",
        "leads_started",
        "leads_sent",
    }
    assert columns(DailyVitals) == {
        "id",
        "day",
        "page_type",
        "metric",
        "samples",
        "good",
        "needs_improvement",
        "poor",
        "buckets",
        "p75",
    }


def test_a_view_is_queued_as_typed_fields_only(entry):
    response = beacon(entry, VIEW, X_Forwarded_For="203.0.113.9")
    assert response.status_code == 204
    row = Beacon.objects.values().get()
    row.pop("id"), row.pop("received_at")
    assert row == {
        "event": "view",
        "path": "/",
        "page_type": "home.HomePage",
        "referrer_class": "search",
        "campaign": "spring",
        "lead_kind": "",
        "from_article": "",
        "lcp_ms": None,
        "inp_ms": None,
        "cls_thousandths": None,
    }
    stored = json.dumps(list(Beacon.objects.values_list()), default=str)
    assert (
        "127.0.0.1" not in stored and "Chrome" not in stored and "google" not in stored
    )


def test_leads_and_speed(entry):
    body = {
        "p": "/contact/",
        "t": "contact.ContactPage",
        "a": "/articles/one/",
        "e": [["lead_started", "inquiry"], ["lead_sent", "chat_request"]],
        "v": {"lcp": 1830, "inp": 120, "cls": 0.02},
    }
    assert beacon(entry, body).status_code == 204
    rows = {row.event: row for row in Beacon.objects.all()}
    assert rows["lead_started"].lead_kind == "inquiry"
    assert rows["lead_started"].from_article == "/articles/one/"
    assert rows["lead_sent"].lead_kind == "chat_request"
    vitals = rows["vitals"]
    assert (vitals.lcp_ms, vitals.inp_ms, vitals.cls_thousandths) == (1830, 120, 20)
    # A form names its kind by its field prefix: "chat" is a chat request.
    beacon(entry, {**body, "e": [["lead_started", "chat"]], "v": {}})
    assert Beacon.objects.filter(
        lead_kind="chat_request", event="lead_started"
    ).exists()


@pytest.mark.parametrize(
    "headers",
    [
        {"DNT": "1"},
        {"Sec-GPC": "1"},
        {"User-Agent": "Googlebot/2.1"},
        {"User-Agent": "Mozilla/5.0 HeadlessChrome/131.0"},
    ],
)
def test_do_not_track_privacy_control_and_bots_count_nothing(entry, headers):
    assert beacon(entry, VIEW, **headers).status_code == 204
    assert not Beacon.objects.exists()


@pytest.mark.parametrize(
    ("body", "status"),
    [
        ("x" * (1024 * 1024), 413),
        ("{not json", 400),
        ("\xff\xfe", 400),
        ("[]", 400),
        ({**VIEW, "ip": "1.2.3.4"}, 400),  # an unknown key
        ({**VIEW, "t": "auth.User"}, 400),  # not a page type
        ({**VIEW, "p": "https://evil.example/"}, 400),
        ({**VIEW, "p": "/" + "a" * 300}, 400),
        ({**VIEW, "e": [["purchase"]]}, 400),
        ({**VIEW, "e": [["lead_sent", "pizza"]]}, 400),
        ({**VIEW, "e": [["view"]] * 9}, 400),
        ({**VIEW, "e": [], "v": {"lcp": -1}}, 400),
        ({**VIEW, "e": [], "v": {"lcp": "fast"}}, 400),
        ({**VIEW, "e": [], "v": {"ttfb": 10}}, 400),
        ({**VIEW, "e": []}, 400),  # nothing reported
        ({**VIEW, "c": "<script>"}, 400),
    ],
)
def test_bad_beacons_are_refused(entry, body, status):
    assert beacon(entry, body).status_code == status
    assert not Beacon.objects.exists()


def test_only_a_post_from_our_own_pages(entry):
    assert entry.get(URL).status_code == 405
    assert beacon(entry, VIEW, Sec_Fetch_Site="cross-site").status_code == 403
    assert beacon(entry, VIEW, Sec_Fetch_Site="same-origin").status_code == 204


def test_a_host_not_ours_is_refused(entry, settings):
    settings.ALLOWED_HOSTS = ["testserver"]
    assert beacon(entry, VIEW, Host="evil.example").status_code == 400
    assert beacon(entry, VIEW).status_code == 204
    assert Beacon.objects.count() == 1


def test_a_flood_from_one_address_is_limited_without_keeping_it(entry, settings):
    settings.INSIGHTS_BEACON_RATE_LIMIT = (5, 60)
    codes = [beacon(entry, VIEW).status_code for _ in range(8)]
    assert codes == [204] * 5 + [429] * 3
    assert Beacon.objects.count() == 5
    # Another address is counted apart.
    other = entry.post(
        URL,
        json.dumps(VIEW),
        content_type="text/plain",
        REMOTE_ADDR="198.51.100.7",
        headers={"User-Agent": CHROME},
    )
    assert other.status_code == 204
    # The limiter's keys are keyed hashes: no address in the cache or the tables.
    keys = cache_keys()
    assert "insights:rate:" in keys
    assert "127.0.0.1" not in keys and "198.51.100.7" not in keys
    assert "198.51.100.7" not in json.dumps(
        list(Beacon.objects.values_list()), default=str
    )


@needs_redis
def test_the_lean_branch_answers_before_django(lean_client):
    # A signed-in editor's browser sends its cookies with the beacon: unread.
    answer = beacon(lean_client, VIEW, Cookie="sessionid=anything; csrftoken=x")
    assert answer.status_code == 204 and not answer.through_django
    assert answer.headers["Cache-Control"] == "no-store"
    assert "Set-Cookie" not in answer.headers
    assert Beacon.objects.get().event == "view"
    # Refusals and drops are answered there too.
    assert not beacon(lean_client, "{not json").through_django
    assert not beacon(lean_client, VIEW, DNT="1").through_django
    assert not beacon(lean_client, VIEW, Sec_Fetch_Site="cross-site").through_django
    assert Beacon.objects.count() == 1


@needs_redis
def test_anything_unusual_goes_on_to_the_view(lean_client, settings):
    # A host not ours: Django refuses it.
    settings.ALLOWED_HOSTS = ["testserver"]
    answer = beacon(lean_client, VIEW, Host="evil.example")
    assert answer.status_code == 400 and answer.through_django
    # Plain HTTP when HTTPS is required: Django redirects it.
    settings.SECURE_SSL_REDIRECT = True
    lean_client.application = BeaconWSGIBranch(PageCacheWSGIHandler())  # reads it
    answer = beacon(lean_client, VIEW)
    assert answer.status_code == 301 and answer.through_django
    settings.SECURE_SSL_REDIRECT = False
    assert not Beacon.objects.exists()


@needs_redis
def test_redis_failing_while_queueing_the_view_writes_the_row(lean_client, monkeypatch):
    def failing(rows):
        raise queue.Unavailable("ConnectionError")

    monkeypatch.setattr(queue, "push_to_redis", failing)
    answer = beacon(lean_client, VIEW)
    assert answer.status_code == 204 and answer.through_django
    # The view read the body the branch had already read.
    assert Beacon.objects.get().path == "/"


@pytest.mark.parametrize(
    "caches_setting", [None, REDIS_DOWN], ids=["no-redis", "redis-down"]
)
def test_no_redis_or_redis_down_goes_on_to_the_view(db, settings, caches_setting):
    if caches_setting:
        settings.CACHES = caches_setting
    signals.request_started.disconnect(close_old_connections)
    signals.request_finished.disconnect(close_old_connections)
    try:
        client = LeanClient()
        signals.request_started.connect(client.count)
        answer = beacon(client, VIEW)
        signals.request_started.disconnect(client.count)
    finally:
        signals.request_started.connect(close_old_connections)
        signals.request_finished.connect(close_old_connections)
    assert answer.status_code == 204 and answer.through_django
    assert Beacon.objects.get().page_type == "home.HomePage"


def test_gunicorn_serves_the_branch():
    from lantana.wsgi import application

    assert isinstance(application, BeaconWSGIBranch)
    assert isinstance(application.application, PageCacheWSGIHandler)
