"""Spam defences that hold, and never hide a crisis."""

import re
import threading

import pytest
from django.db import connection
from django.test import Client

from contact.spam import StampState, check_stamp
from tests.support.http import post as post_over_http
from tests.support.leads import inquiries, lead_data

CRISIS = "I want to end my life"


def posted_stamp(html: str, prefix: str = "inquiry") -> str:
    return re.search(rf'name="{prefix}-stamp" value="([^"]+)"', html)[1]


@pytest.mark.parametrize(
    "overrides,reason",
    [({"leave_blank": "https://me.example"}, "honeypot"), ({"age": 0.5}, "too_fast")],
)
def test_an_urgent_lead_that_trips_a_check_is_notified_and_in_the_inbox(
    client,
    contact_page,
    django_capture_on_commit_callbacks,
    mailoutbox,
    overrides,
    reason,
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/contact/", lead_data("inquiry", message=CRISIS, **overrides)
        )
    assert response.status_code == 303
    lead = inquiries().get()
    assert lead.is_urgent and not lead.is_spam
    assert lead.spam_reason == reason and lead.is_possible_spam
    assert lead.notified_at is not None
    assert mailoutbox[0].subject.startswith("URGENT")


def test_a_bots_immediate_second_post_is_not_stored_as_genuine(client, contact_page):
    data = lead_data("inquiry", stamp="")
    first = client.post("/contact/", data)
    assert first.status_code == 200  # no valid stamp: shown again, nothing stored
    assert inquiries().count() == 0
    fresh = posted_stamp(first.content.decode())
    submission_id = data["inquiry-submission_id"]
    # The fresh stamp is dated now, never backdated past the fill time.
    assert check_stamp(fresh, submission_id) is StampState.TOO_FAST
    data["inquiry-stamp"] = fresh
    assert client.post("/contact/", data).status_code == 303
    lead = inquiries().get()
    assert lead.is_spam and lead.spam_reason == "too_fast"


def test_a_too_fast_invalid_post_earns_no_head_start(client, contact_page):
    data = lead_data("inquiry", age=0.5, consent=None)
    html = client.post("/contact/", data).content.decode()
    stamp = posted_stamp(html)
    assert check_stamp(stamp, data["inquiry-submission_id"]) is StampState.TOO_FAST


def test_the_honeypot_is_one_autofill_and_password_managers_leave_alone(
    client, contact_page
):
    html = client.get("/contact/").content.decode()
    trap = re.search(r'<input[^>]*name="inquiry-leave_blank"[^>]*>', html)[0]
    for attribute in [
        'autocomplete="off"',
        'tabindex="-1"',
        'aria-hidden="true"',
        "data-1p-ignore",
        "data-lpignore",
        "data-bwignore",
    ]:
        assert attribute in trap
    assert not re.search(
        r'name="[^"]*(website|url|email|name|phone)"[^>]*tabindex="-1"', html
    )
    assert 'class="lead-form__trap" aria-hidden="true"' in html


def test_quarantined_posts_never_shut_out_a_real_visitor(
    client, contact_page, settings
):
    settings.LEAD_RATE_LIMIT = 3
    for _ in range(5):  # a bot on the same address, honeypot filled
        response = client.post("/contact/", lead_data("inquiry", leave_blank="x"))
    assert inquiries().filter(is_spam=True).count() == 3  # bots are limited too
    assert response.status_code == 429
    assert client.post("/contact/", lead_data("inquiry")).status_code == 303
    assert inquiries().filter(is_spam=False).count() == 1


def test_visitors_behind_one_trusted_proxy_are_limited_separately(
    contact_page, settings
):
    settings.LEAD_RATE_LIMIT = 2
    settings.TRUSTED_PROXY_COUNT = 1

    def send(forwarded):
        return Client().post(
            "/contact/",
            lead_data("inquiry"),
            REMOTE_ADDR="127.0.0.1",
            HTTP_X_FORWARDED_FOR=forwarded,
        )

    assert [send("203.0.113.5").status_code for _ in range(3)] == [303, 303, 429]
    assert send("198.51.100.7").status_code == 303
    assert send("2001:db8:1:2::1").status_code == 303
    assert send("2001:db8:1:2::99").status_code == 303
    # The same IPv6 /64 is one client.
    assert send("2001:db8:1:2:ffff::1").status_code == 429
    assert inquiries().count() == 5


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
def test_twenty_concurrent_posts_from_one_address_store_at_most_the_limit(
    transactional_db, django_db_serialized_rollback, live_server, contact_page, settings
):
    settings.LEAD_RATE_LIMIT = 5
    barrier = threading.Barrier(20)
    statuses = []

    def worker():
        data = lead_data("inquiry")  # each a different submission
        barrier.wait()
        statuses.append(post_over_http(live_server.url + "/contact/", data)[0])

    threads = [threading.Thread(target=worker) for _ in range(20)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert inquiries().count() == 5
    assert sorted(statuses) == [303] * 5 + [429] * 15
