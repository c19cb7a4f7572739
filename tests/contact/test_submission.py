"""The submission path: POST -> one row -> 303 -> a thank-you state; spam, limits, outages."""

import re
import time
import uuid
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client

from contact.models import Lead
from contact.spam import StampState, check_stamp, make_stamp
from contact.templatetags.contact_tags import chat_dialog_url
from tests.support.leads import (
    LEAD_FORMS,
    chat_requests,
    inquiries,
    lead_data,
    leads_from,
)

REFERENCE = re.compile(r"^[2-9A-HJKMNP-Z]{4}-[2-9A-HJKMNP-Z]{4}$")


def thanks_html(client, response) -> str:
    assert response.status_code == 303
    follow = client.get(response["Location"])
    assert follow.status_code == 200
    assert "no-store" in follow["Cache-Control"]
    return follow.content.decode()


def test_an_inquiry_is_stored_and_thanked(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/contact/", lead_data("inquiry"))
    assert response["Location"] == "/contact/?sent=1"
    assert "no-store" in response["Cache-Control"]
    lead = inquiries().get()
    assert lead.phone == "+18435550199"
    assert lead.message == "I would like to know about evening groups."
    assert lead.source_path == "/articles/first-steps/"
    assert lead.consent and not lead.is_spam and not lead.is_urgent
    assert lead.location is None
    assert REFERENCE.match(lead.reference)
    assert lead.notified_at is not None
    assert len(mailoutbox) == 1
    html = thanks_html(client, response)
    assert contact_page.thank_you_heading in html
    assert lead.reference in html
    assert "tel:+18435550134" in html  # the clinic's phone
    assert "tel:988" in html


def test_the_thank_you_state_is_shown_once_then_a_neutral_page(client, contact_page):
    response = client.post("/contact/", lead_data("inquiry", message="overdose"))
    reference = inquiries().get().reference
    first = client.get(response["Location"]).content.decode()
    assert reference in first and contact_page.thank_you_heading in first
    assert "lead-thanks__urgent" in first and 'href="tel:911"' in first
    reloaded = client.get(response["Location"]).content.decode()
    assert reference not in reloaded
    assert contact_page.thank_you_heading not in reloaded
    assert "Your reference is" not in reloaded
    assert "call or text 988, or call 911 in an emergency" not in reloaded
    assert "tel:+18435550134" in reloaded  # the neutral page still gives the phone


def test_a_receipt_nobody_came_to_see_soon_is_not_shown(client, contact_page):
    response = client.post("/contact/", lead_data("inquiry"))
    reference = inquiries().get().reference
    with mock.patch("contact.flow.time.time", return_value=time.time() + 3700):
        assert reference not in client.get(response["Location"]).content.decode()


def test_fixing_an_error_and_resending_quickly_is_not_spam(client, contact_page):
    data = lead_data("inquiry", consent=None)
    html = client.post("/contact/", data).content.decode()
    data["inquiry-stamp"] = re.search(r'name="inquiry-stamp" value="([^"]+)"', html)[1]
    data["inquiry-consent"] = "on"
    assert client.post("/contact/", data).status_code == 303
    assert not inquiries().get().is_spam


def test_the_thank_you_state_without_a_session_has_no_reference(client, contact_page):
    html = client.get("/contact/?sent=1").content.decode()
    # Neutral: nothing says that anyone sent anything; the phone is there.
    assert contact_page.thank_you_heading not in html
    assert "Your reference is" not in html
    assert "tel:+18435550134" in html


def test_a_chat_request_keeps_its_first_message_only(
    client, home, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post("/chat/", lead_data("chat"))
    assert response["Location"] == "/chat/?sent=1"
    lead = chat_requests().get()
    assert lead.first_message == "Can we talk about evening groups?"
    assert lead.best_time == "Weekdays after 6 pm"
    assert lead.message == ""
    assert lead.reference in thanks_html(client, response)


def test_the_location_form_is_routed_to_its_location(client, location):
    page = client.get(location.url)
    assert page.status_code == 200
    assert "id_inquiry-preferred_name" in page.content.decode()
    response = client.post(location.url, lead_data("inquiry"))
    assert response["Location"] == f"{location.url}?sent=1#location-contact"
    assert inquiries().get().location_id == location.pk
    assert inquiries().get().reference in thanks_html(client, response)


def test_the_chat_page_remembers_where_the_visitor_came_from(client, home):
    response = client.get("/chat/", HTTP_REFERER="http://testserver/about/?q=1")
    assert 'value="/about/"' in response.content.decode()


def test_references_are_not_sequential(client, contact_page):
    for _ in range(3):
        client.post("/contact/", lead_data("inquiry"))
    references = list(inquiries().values_list("reference", flat=True))
    assert len(set(references)) == 3
    assert all(REFERENCE.match(reference) for reference in references)


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_the_honeypot_quarantines_and_never_notifies(
    client, lead_pages, django_capture_on_commit_callbacks, mailoutbox, prefix, url
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            url, lead_data(prefix, leave_blank="http://spam.example")
        )
    assert response.status_code == 303  # the same answer a person gets
    lead = leads_from(prefix).get()
    assert lead.is_spam and lead.spam_reason == "honeypot"
    assert lead.notified_at is None
    assert mailoutbox == []


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_a_too_fast_post_is_quarantined_and_never_notified(
    client, lead_pages, django_capture_on_commit_callbacks, mailoutbox, prefix, url
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(url, lead_data(prefix, age=0.5))
    assert response.status_code == 303
    lead = leads_from(prefix).get()
    assert lead.is_spam and lead.spam_reason == "too_fast"
    assert mailoutbox == []


def test_an_expired_stamp_re_renders_with_a_fresh_one(client, contact_page, settings):
    data = lead_data("inquiry", age=settings.LEAD_FORM_MAX_AGE + 60)
    response = client.post("/contact/", data)
    assert response.status_code == 200
    html = response.content.decode()
    assert "press Send once more" in html
    assert inquiries().count() == 0
    fresh = re.search(r'name="inquiry-stamp" value="([^"]+)"', html).group(1)
    assert fresh != data["inquiry-stamp"]
    submission_id = data["inquiry-submission_id"]
    assert f'value="{submission_id}"' in html
    # Sent again straight away by a person: stored, and not taken for a bot.
    data["inquiry-stamp"] = fresh
    assert client.post("/contact/", data).status_code == 303
    assert inquiries().filter(is_spam=False).count() == 1


@pytest.mark.parametrize("stamp", ["", "forged", make_stamp(str(uuid.uuid4()))])
def test_a_missing_or_forged_stamp_re_renders(client, contact_page, stamp):
    response = client.post("/contact/", lead_data("inquiry", stamp=stamp))
    assert response.status_code == 200
    assert "press Send once more" in response.content.decode()
    assert inquiries().count() == 0


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_the_rate_limit_answers_429_with_the_phone_number(
    client, lead_pages, settings, prefix, url
):
    settings.LEAD_RATE_LIMIT = 3
    for _ in range(3):
        assert client.post(url, lead_data(prefix)).status_code == 303
    # Every kind counts towards the one limit, and each form answers it alike.
    for other_prefix, other_url in LEAD_FORMS:
        response = client.post(other_url, lead_data(other_prefix))
        assert response.status_code == 429, other_prefix
        assert "(843) 555-0134" in response.content.decode()
        assert "no-store" in response["Cache-Control"]
    assert leads_from(prefix).count() == Lead.objects.count() == 3
    # Another client is not affected.
    other = client.post(url, lead_data(prefix), REMOTE_ADDR="10.0.0.9")
    assert other.status_code == 303


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_the_rate_limit_window_passes(client, lead_pages, settings, prefix, url):
    settings.LEAD_RATE_LIMIT = 1
    client.post(url, lead_data(prefix))
    leads_from(prefix).update(received_at="2020-01-01T00:00Z")
    assert client.post(url, lead_data(prefix)).status_code == 303


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_the_same_submission_twice_stores_one_row_and_answers_the_same(
    client, lead_pages, django_capture_on_commit_callbacks, mailoutbox, prefix, url
):
    data = lead_data(prefix)
    with django_capture_on_commit_callbacks(execute=True):
        first = client.post(url, data)
        first_html = thanks_html(client, first)
    second_client = Client()  # another browser that learnt the submission id
    with django_capture_on_commit_callbacks(execute=True):
        second = second_client.post(url, data)
    assert second.status_code == 303
    assert second["Location"] == first["Location"]
    lead = leads_from(prefix).get()
    assert lead.reference in first_html
    # The receipt belongs to the session that sent it: the other one learns nothing.
    assert lead.reference not in thanks_html(second_client, second)
    assert len(mailoutbox) == 1


@pytest.mark.parametrize("prefix,url", LEAD_FORMS)
def test_a_double_tap_from_one_browser_shows_the_receipt_in_both_answers(
    lead_pages, prefix, url
):
    # Both posts leave before either answer sets a session: only the browser's
    # CSRF cookie is shared, as in a real double tap or two tabs.
    data = lead_data(prefix)
    answers = []
    for _ in range(2):
        browser = Client()
        browser.cookies["csrftoken"] = "b" * 32
        answers.append((browser, browser.post(url, data)))
    reference = leads_from(prefix).get().reference
    for browser, response in answers:
        assert reference in thanks_html(browser, response)


def test_a_database_outage_answers_503_and_keeps_what_they_typed(client, contact_page):
    data = lead_data("inquiry", message="Please call my sister about Tuesday")
    # Only the lead's transaction fails (patching django.db.transaction itself
    # would also break unrelated code that happens to import during the request).
    with mock.patch("contact.services.transaction") as transaction:
        transaction.atomic.side_effect = OperationalError("could not connect")
        response = client.post("/contact/", data)
    assert response.status_code == 503
    html = response.content.decode()
    assert "was not sent" in html
    assert "Please call my sister about Tuesday" in html
    assert 'value="Sam"' in html
    assert "(843) 555-0134" in html  # CLINIC_FALLBACK_PHONE
    assert "tel:988" in html
    assert "no-store" in response["Cache-Control"]
    assert inquiries().count() == 0
    # It posts back to the same page, ready to try again.
    assert 'action="/contact/"' in html


def test_a_database_outage_on_save_also_answers_503(client, home):
    with mock.patch.object(
        Lead,
        "save",
        side_effect=OperationalError("server closed the connection"),
    ):
        response = client.post("/chat/", lead_data("chat", first_message="hello there"))
    assert response.status_code == 503
    assert "hello there" in response.content.decode()


def test_a_database_outage_before_saving_answers_503(client, home):
    with mock.patch(
        "contact.submission.find_lead", side_effect=OperationalError("gone away")
    ):
        response = client.post("/chat/", lead_data("chat"))
    assert response.status_code == 503


def test_a_missing_csrf_token_gets_a_friendly_403(contact_page):
    # (An inquiry from a cached page is shown again instead: tests/pagecache.)
    client = Client(enforce_csrf_checks=True)
    response = client.post("/chat/", lead_data("chat"))
    assert response.status_code == 403
    html = response.content.decode()
    assert "did not go through" in html
    assert "(843) 555-0134" in html
    assert inquiries().count() == 0


def test_with_a_token_the_csrf_protected_form_works(contact_page):
    client = Client(enforce_csrf_checks=True)
    page = client.get("/chat/").content.decode()
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page).group(1)
    data = {**lead_data("chat"), "csrfmiddlewaretoken": token}
    assert client.post("/chat/", data).status_code == 303
    token = client.get("/chat/session/").json()["csrfToken"]
    data = {**lead_data("inquiry"), "csrfmiddlewaretoken": token}
    assert client.post("/contact/", data).status_code == 303


def test_the_chat_session_endpoint_supplies_what_cached_pages_cannot(home):
    client = Client(enforce_csrf_checks=True)
    response = client.get("/chat/session/")
    assert "no-store" in response["Cache-Control"]
    data = response.json()
    uuid.UUID(data["submissionId"])
    assert check_stamp(data["stamp"], data["submissionId"]) is StampState.TOO_FAST
    post = lead_data("chat", stamp=data["stamp"], submission_id=data["submissionId"])
    post["csrfmiddlewaretoken"] = data["csrfToken"]
    assert client.post("/chat/", post).status_code == 303


def test_ordinary_pages_carry_no_per_visitor_content(client, home):
    response = client.get("/")
    html = response.content.decode()
    assert "<dialog" not in html  # fetched by chat.js once the page has loaded
    assert f'data-chat-dialog="{chat_dialog_url()}"' in html
    assert "csrftoken" not in response.cookies
    assert "sessionid" not in response.cookies
    assert client.get("/").content == response.content  # identical for everyone


def test_the_dialog_is_the_same_for_everyone_and_cached_under_its_version(client, home):
    response = client.get(chat_dialog_url())
    html = response.content.decode()
    assert response.status_code == 200 and "<dialog" in html
    assert "data-chat-dialog" in html and 'id="id_chat-preferred_name"' in html
    assert re.search(r'name="csrfmiddlewaretoken" value=""', html)  # a placeholder
    assert 'name="chat-submission_id"' in html
    assert not re.search(r'name="chat-(submission_id|stamp)" value="[^"]', html)
    assert not response.cookies
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert Client().get(chat_dialog_url()).content == response.content
    # Another version (a page drawn by the release before) is never kept long.
    old = client.get("/chat/dialog/?v=0123456789ab")
    assert old.content == response.content
    assert old["Cache-Control"] == "public, no-cache"
    assert client.post(chat_dialog_url()).status_code == 405


def test_a_database_outage_while_finding_the_page_still_keeps_the_typing(
    client, contact_page
):
    data = lead_data("inquiry", message="Typed before the outage")
    with mock.patch(
        "wagtail.views.Page.route_for_request", side_effect=OperationalError("down")
    ):
        response = client.post("/contact/", data)
    assert response.status_code == 503
    assert "Typed before the outage" in response.content.decode()
    assert response.wsgi_request.sensitive_post_parameters == "__ALL__"
