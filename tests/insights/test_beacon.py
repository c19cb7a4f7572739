"""The beacon endpoint keeps only the documented counts-to-be: no address, no user
agent, no identifier; bad, huge, foreign and flooding beacons get a 4xx."""

import json

import pytest
from django.core.cache import cache
from django.db import connection
from django.urls import reverse

from insights.models import (
    Beacon,
    DailyArrival,
    DailyArticleLead,
    DailyLeadCount,
    DailyPageCount,
    DailyVitals,
)

URL = "/insights/beacon/"
CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


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


def test_a_view_is_queued_as_typed_fields_only(client, db):
    response = beacon(client, VIEW, X_Forwarded_For="203.0.113.9")
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


def test_leads_and_speed(client, db):
    body = {
        "p": "/contact/",
        "t": "contact.ContactPage",
        "a": "/articles/one/",
        "e": [["lead_started", "inquiry"], ["lead_sent", "chat_request"]],
        "v": {"lcp": 1830, "inp": 120, "cls": 0.02},
    }
    assert beacon(client, body).status_code == 204
    rows = {row.event: row for row in Beacon.objects.all()}
    assert rows["lead_started"].lead_kind == "inquiry"
    assert rows["lead_started"].from_article == "/articles/one/"
    assert rows["lead_sent"].lead_kind == "chat_request"
    vitals = rows["vitals"]
    assert (vitals.lcp_ms, vitals.inp_ms, vitals.cls_thousandths) == (1830, 120, 20)
    # A form names its kind by its field prefix: "chat" is a chat request.
    beacon(client, {**body, "e": [["lead_started", "chat"]], "v": {}})
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
def test_do_not_track_privacy_control_and_bots_count_nothing(client, db, headers):
    assert beacon(client, VIEW, **headers).status_code == 204
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
def test_bad_beacons_are_refused(client, db, body, status):
    assert beacon(client, body).status_code == status
    assert not Beacon.objects.exists()


def test_only_a_post_from_our_own_pages(client, db):
    assert client.get(URL).status_code == 405
    assert beacon(client, VIEW, Sec_Fetch_Site="cross-site").status_code == 403
    assert beacon(client, VIEW, Sec_Fetch_Site="same-origin").status_code == 204


def test_a_flood_from_one_address_is_limited_without_keeping_it(client, db, settings):
    settings.INSIGHTS_BEACON_RATE_LIMIT = (5, 60)
    codes = [beacon(client, VIEW).status_code for _ in range(8)]
    assert codes == [204] * 5 + [429] * 3
    assert Beacon.objects.count() == 5
    # Another address is counted apart.
    other = client.post(
        URL,
        json.dumps(VIEW),
        content_type="text/plain",
        REMOTE_ADDR="198.51.100.7",
        headers={"User-Agent": CHROME},
    )
    assert other.status_code == 204
    # The limiter's keys are keyed hashes: no address in the cache or the tables.
    keys = " ".join(str(key) for key in cache._cache)
    assert "insights:rate:" in keys
    assert "127.0.0.1" not in keys and "198.51.100.7" not in keys
    assert "198.51.100.7" not in json.dumps(
        list(Beacon.objects.values_list()), default=str
    )
