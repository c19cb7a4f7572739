"""The self-check page and its no-JavaScript result: nothing kept, nothing cached,
no answer in a URL, bad answers a clear 400."""

import itertools
import logging

import pytest
from django.apps import apps
from django.urls import reverse

from demo.factories.selfchecks import SelfCheckPageFactory
from tests.support.selfchecks import AUDIT_C_BANDS, AUDIT_C_POINTS, expected


@pytest.fixture
def check(home):
    return SelfCheckPageFactory(parent=home, instrument="audit-c")


def result_url(page) -> str:
    return reverse("selfchecks:result", args=[page.pk])


def answers(*indexes) -> dict:
    return {f"q{number}": str(index) for number, index in enumerate(indexes, 1)}


def row_counts() -> dict:
    return {model._meta.label: model.objects.count() for model in apps.get_models()}


def test_the_page_shows_the_questions_and_posts_to_the_result(client, check):
    response = client.get(check.url)
    html = response.content.decode()
    assert response.status_code == 200
    assert html.count('type="radio"') == 15
    assert f'action="{result_url(check)}"' in html and 'method="post"' in html
    assert "Bush K" in html  # the instrument is cited on the page
    assert "csrfmiddlewaretoken" not in html  # the page can be cached for everyone


@pytest.mark.django_db
def test_every_audit_c_combination_through_the_no_javascript_result(client, check):
    url = result_url(check)
    for indexes in itertools.product(range(5), repeat=3):
        total, (low, high) = expected(AUDIT_C_POINTS, AUDIT_C_BANDS, indexes)
        response = client.post(url, answers(*indexes))
        assert response.status_code == 200
        assert response.context["result"].score == total
        assert (
            response.context["result"].band.low,
            response.context["result"].band.high,
        ) == (low, high)
        assert (
            f"<strong data-score>{total}</strong> out of 12"
            in response.content.decode()
        )


def test_the_result_stores_nothing_and_is_never_cached(client, check, caplog):
    client.get(check.url)
    before = row_counts()
    caplog.set_level(logging.DEBUG)
    response = client.post(result_url(check), answers(4, 4, 4))
    assert response.status_code == 200
    assert row_counts() == before
    assert response["Cache-Control"] == "private, no-store"
    assert not response.cookies  # no session, no CSRF cookie
    assert not client.cookies
    assert all("q1" not in record.getMessage() for record in caplog.records)
    assert response.wsgi_request.session.modified is False
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_no_answer_in_any_url(client, check):
    response = client.post(result_url(check), answers(1, 2, 3))
    html = response.content.decode()
    assert "?" not in result_url(check)
    # Every link on the result page is free of answers.
    assert "q1=" not in html and "q2=" not in html and "score=" not in html


def test_safety_first_on_a_high_result(client, check):
    html = client.post(result_url(check), answers(4, 4, 4)).content.decode()
    urgent = html.index("data-urgent-box")
    assert urgent < html.index("Your result")
    assert 'href="tel:988"' in html and 'href="tel:911"' in html
    calm = client.post(result_url(check), answers(0, 0, 0)).content.decode()
    assert "data-urgent-box hidden" in calm


def test_talk_to_us_carries_no_answers(client, check, home):
    contact = SelfCheckPageFactory(parent=home, slug="another", title="Another")
    check.talk_to_us_page = contact
    check.save_revision().publish()
    html = client.post(result_url(check), answers(2, 2, 2)).content.decode()
    assert f'href="{contact.url}"' in html


@pytest.mark.parametrize(
    "data",
    [
        {},
        answers(0, 0),
        answers(0, 0, 9),
        {**answers(0, 0, 0), "score": "0"},
        answers(0, 0, "x" * 10000),
    ],
)
def test_bad_answers_get_a_clear_400_and_store_nothing(client, check, data):
    client.get(check.url)  # site settings rows are made on the first visit
    before = row_counts()
    response = client.post(result_url(check), data)
    assert response.status_code == 400
    assert row_counts() == before
    assert response["Cache-Control"] == "private, no-store"
    assert "error-summary" in response.content.decode()


def test_a_missing_answer_keeps_the_others_checked(client, check):
    html = client.post(result_url(check), answers(3, 1)).content.decode()
    assert 'value="3" data-points="3" checked' in html
    assert 'href="#q3">Question 3 has no answer' in html


def test_a_post_from_another_site_is_refused(client, check):
    before = row_counts()
    response = client.post(
        result_url(check), answers(0, 0, 0), headers={"Sec-Fetch-Site": "cross-site"}
    )
    assert response.status_code == 403
    response = client.post(
        result_url(check), answers(0, 0, 0), headers={"Origin": "https://evil.example"}
    )
    assert response.status_code == 403
    assert row_counts() == before
    ok = client.post(
        result_url(check), answers(0, 0, 0), headers={"Sec-Fetch-Site": "same-origin"}
    )
    assert ok.status_code == 200


def test_get_unknown_or_draft_pages_are_refused(client, check):
    assert client.get(result_url(check)).status_code == 405
    assert client.post(reverse("selfchecks:result", args=[999999])).status_code == 404
    check.unpublish()
    assert client.post(result_url(check), answers(0, 0, 0)).status_code == 404


def test_the_page_and_result_query_counts(client, check, django_assert_num_queries):
    client.get(check.url)  # warm the site caches
    # The page (public and live), its view restrictions and the site; the
    # locales and the switcher's translations are kept until the next change:
    # whatever the answers.
    with django_assert_num_queries(3):
        client.post(result_url(check), answers(1, 1, 1))
