"""Ten simultaneous posts of one submission id (a frantic double tap) store one row."""

import re
import threading
import urllib.error
import urllib.parse
import urllib.request

import pytest
from django.db import connection

from tests.support.http import post
from tests.support.leads import chat_requests, inquiries, lead_data


def reference_seen(base: str, location: str, session: str) -> str:
    request = urllib.request.Request(base + location)
    request.add_header("Cookie", f"sessionid={session}")
    html = urllib.request.urlopen(request, timeout=30).read().decode()
    return re.search(r"data-lead-reference>([^<]+)<", html).group(1)


@pytest.mark.skipif(connection.vendor != "postgresql", reason="needs PostgreSQL")
@pytest.mark.parametrize(
    "prefix,path,model",
    [("chat", "/chat/", chat_requests), ("inquiry", "/contact/", inquiries)],
)
def test_ten_concurrent_posts_store_exactly_one_row(
    transactional_db,
    django_db_serialized_rollback,
    live_server,
    contact_page,
    settings,
    prefix,
    path,
    model,
):
    settings.LEAD_RATE_LIMIT = 0
    data = lead_data(prefix)
    barrier = threading.Barrier(10)
    results = []

    def worker():
        barrier.wait()
        results.append(post(live_server.url + path, data))

    threads = [threading.Thread(target=worker) for _ in range(10)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()

    assert model().count() == 1
    assert [status for status, _, _ in results] == [303] * 10
    assert {location for _, location, _ in results} == {f"{path}?sent=1"}
    reference = model().get().reference
    seen = {reference_seen(live_server.url, loc, sess) for _, loc, sess in results}
    assert seen == {reference}


def test_a_sequential_repeat_through_the_server_stores_one_row(
    transactional_db, django_db_serialized_rollback, live_server, contact_page
):
    data = lead_data("chat")
    first = post(live_server.url + "/chat/", data)
    second = post(live_server.url + "/chat/", data)
    assert first[0] == second[0] == 303
    assert chat_requests().count() == 1
