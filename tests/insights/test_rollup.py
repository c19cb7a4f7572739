"""The roll-up folds the raw queue into daily counts and empties it; cached pages
still carry the beacon; retention keeps two years of days and one day of queue."""

import json
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from demo.factories.articles import ArticleIndexPageFactory, ArticlePageFactory
from demo.factories.contact import ContactPageFactory
from insights.models import (
    Beacon,
    DailyArrival,
    DailyArticleLead,
    DailyLeadCount,
    DailyPageCount,
    DailyVitals,
)
from insights.rollup import purge_old_aggregates, rollup
from insights.vitals import LCP

URL = "/insights/beacon/"
CHROME = (
    "Mozilla/5.0 (Linux; Android 14) AppleWebKit/537.36 (KHTML, like Gecko) "
    "Chrome/131.0 Mobile Safari/537.36"
)


@pytest.fixture
def pages(home):
    index = ArticleIndexPageFactory(parent=home, slug="articles")
    article = ArticlePageFactory(parent=index, slug="one")
    contact = ContactPageFactory(parent=home, slug="contact")
    return {"article": article, "contact": contact}


def send(client, body):
    response = client.post(
        URL, json.dumps(body), content_type="text/plain", headers={"User-Agent": CHROME}
    )
    assert response.status_code == 204


def test_views_arrivals_leads_and_conversion_per_day(client, pages, settings):
    settings.INSIGHTS_BEACON_RATE_LIMIT = (1000, 60)
    article = {"p": "/articles/one/", "t": "articles.ArticlePage"}
    for referrer in (
        "www.google.com",
        "www.google.co.uk",
        "l.facebook.com",
        "",
        "testserver",
    ):
        send(client, {**article, "r": referrer, "e": [["view"]]})
    send(client, {**article, "r": "news.example", "c": "spring", "e": [["view"]]})
    contact = {"p": "/contact/", "t": "contact.ContactPage", "a": "/articles/one/"}
    send(client, {**contact, "e": [["lead_started", "inquiry"]]})
    send(client, {**contact, "e": [["lead_sent", "inquiry"]]})
    send(client, {"p": "/forged/", "t": "core.StandardPage", "e": [["view"]]})
    assert rollup() == 9
    assert not Beacon.objects.exists()
    today = timezone.localdate()
    page = DailyPageCount.objects.get(path="/articles/one/")
    assert (page.day, page.page_type, page.views) == (today, "articles.ArticlePage", 6)
    assert not DailyPageCount.objects.filter(path="/forged/").exists()
    arrivals = {
        (a.referrer_class, a.campaign): a.views for a in DailyArrival.objects.all()
    }
    assert arrivals == {
        ("search", ""): 2,
        ("social", ""): 1,
        ("direct", ""): 1,
        ("other", "spring"): 1,
    }
    lead = DailyLeadCount.objects.get()
    assert (lead.path, lead.lead_kind, lead.started, lead.sent) == (
        "/contact/",
        "inquiry",
        1,
        1,
    )
    conversion = DailyArticleLead.objects.get()
    assert (conversion.article_path, conversion.leads_started) == ("/articles/one/", 1)
    # A second run adds to the same day's rows.
    send(client, {**article, "e": [["view"]]})
    rollup()
    assert DailyPageCount.objects.get(path="/articles/one/").views == 7


def test_speed_per_page_type_as_p75_and_buckets(client, pages, settings):
    settings.INSIGHTS_BEACON_RATE_LIMIT = (1000, 60)
    for lcp in (1000, 1200, 2000, 3000):  # p75 falls in the 2000 bucket
        send(
            client,
            {
                "p": "/articles/one/",
                "t": "articles.ArticlePage",
                "v": {"lcp": lcp, "cls": 0.3},
            },
        )
    rollup()
    row = DailyVitals.objects.get(metric="lcp")
    assert (row.page_type, row.samples, row.p75) == ("articles.ArticlePage", 4, 2000)
    assert (row.good, row.needs_improvement, row.poor) == (3, 1, 0)
    assert sum(row.buckets) == 4 and len(row.buckets) == len(LCP.edges) + 1
    cls = DailyVitals.objects.get(metric="cls")
    assert (cls.poor, cls.p75) == (4, 300)


def test_the_queue_never_keeps_a_day(db):
    Beacon.objects.create(
        received_at=timezone.now() - timedelta(days=1, minutes=1),
        event="view",
        path="/",
        page_type="home.HomePage",
    )
    rollup()
    assert not Beacon.objects.exists() and not DailyPageCount.objects.exists()


def test_daily_rows_are_kept_two_years(db, settings):
    today = timezone.localdate()
    settings.INSIGHTS_RETENTION_DAYS = 730
    DailyPageCount.objects.create(
        day=today - timedelta(days=731), path="/", page_type="x.Y"
    )
    DailyPageCount.objects.create(
        day=today - timedelta(days=729), path="/a/", page_type="x.Y"
    )
    assert purge_old_aggregates(today) == 1
    assert list(DailyPageCount.objects.values_list("path", flat=True)) == ["/a/"]
    call_command("rollup_insights", stdout=open("/dev/null", "w"))  # noqa: SIM115


def test_cached_pages_still_carry_the_beacon(client, home, settings):
    settings.PAGE_CACHE_SECONDS = 300
    client.get("/")
    cached = client.get("/")
    assert cached.headers.get("X-Page-Cache") == "hit"
    html = cached.content.decode()
    assert 'data-insights-beacon="/insights/beacon/"' in html
    assert 'data-page-type="home.HomePage"' in html
