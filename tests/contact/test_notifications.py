"""Staff hear about each lead once, with a link and no detail; a mail outage loses nothing."""

import io
from unittest import mock

import pytest
from django.core.management import CommandError, call_command
from django_tasks.signals import task_enqueued

from contact.crisis import mentions_crisis
from contact.emails import admin_url
from contact.models import Lead
from tests.support.leads import (
    LEAD_FORMS,
    MESSAGE_FIELDS,
    chat_requests,
    inquiries,
    lead_data,
    leads_from,
)


@pytest.fixture
def enqueued():
    calls = []

    def record(sender, task_result, **kwargs):
        calls.append((task_result.task.name, task_result.args, task_result.kwargs))

    task_enqueued.connect(record)
    yield calls
    task_enqueued.disconnect(record)


def post(client, url, prefix, capture, **overrides):
    with capture(execute=True):
        return client.post(url, lead_data(prefix, **overrides))


def test_the_email_says_only_kind_number_and_link(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox, enqueued
):
    post(client, "/chat/", "chat", django_capture_on_commit_callbacks)
    lead = chat_requests().get()
    (mail,) = mailoutbox
    assert mail.subject == f"New chat request #{lead.pk}"
    assert mail.to == ["intake@lantana.example"]
    link = admin_url(lead)
    assert link.startswith("http://testserver/admin/")
    assert link.endswith(f"/inspect/{lead.pk}/")
    assert link in mail.body
    assert enqueued == [("notify_new_lead", [lead.pk], {})]


def test_inquiry_subject_and_admin_link(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox
):
    post(client, "/contact/", "inquiry", django_capture_on_commit_callbacks)
    lead = inquiries().get()
    assert mailoutbox[0].subject == f"New inquiry #{lead.pk}"
    assert admin_url(lead) in mailoutbox[0].body


def test_the_admin_link_follows_the_lead_desk_urls(contact_page):
    lead = Lead(pk=42)
    found = "/admin/leads/inquiries/inspect/42/"
    with mock.patch("contact.emails.reverse", return_value=found) as reverse:
        assert admin_url(lead) == "http://testserver" + found
    reverse.assert_called_with("leads:inspect", args=[42])


def test_a_failing_mail_backend_keeps_the_lead_and_notify_pending_sends_it_once(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.EMAIL_BACKEND = "tests.contact.mail.FailingBackend"
    response = post(client, "/contact/", "inquiry", django_capture_on_commit_callbacks)
    assert response.status_code == 303
    lead = inquiries().get()
    assert lead.notified_at is None
    assert mailoutbox == []

    # Still down: the command reports the failure and leaves the lead pending.
    with pytest.raises(CommandError):
        call_command("notify_pending", stdout=io.StringIO(), stderr=io.StringIO())
    lead.refresh_from_db()
    assert lead.notified_at is None

    settings.EMAIL_BACKEND = "django.core.mail.backends.locmem.EmailBackend"
    out = io.StringIO()
    call_command("notify_pending", stdout=out)
    assert "Sent 1 notification" in out.getvalue()
    assert len(mailoutbox) == 1
    assert mailoutbox[0].subject == f"New inquiry #{lead.pk}"
    lead.refresh_from_db()
    assert lead.notified_at is not None

    call_command("notify_pending", stdout=io.StringIO())  # cron runs it again
    assert len(mailoutbox) == 1


def test_notify_pending_skips_spam_and_already_notified_leads(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox
):
    post(client, "/contact/", "inquiry", django_capture_on_commit_callbacks)
    post(client, "/chat/", "chat", django_capture_on_commit_callbacks, leave_blank="x")
    assert len(mailoutbox) == 1
    call_command("notify_pending", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    assert chat_requests().get().notified_at is None


def test_without_recipients_nothing_is_marked_notified(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox, settings
):
    settings.LEAD_NOTIFY_EMAILS = []
    post(client, "/contact/", "inquiry", django_capture_on_commit_callbacks)
    assert mailoutbox == []
    assert inquiries().get().notified_at is None


@pytest.mark.parametrize(
    "text",
    [
        "I have been thinking about suicide",
        "My son overdosed last night",
        "I don’t want to live anymore",
        "i want to KILL MYSELF",
        "She is not safe at home with him",
        "worried about self-harm",
    ],
)
def test_crisis_phrases_are_recognised(text):
    assert mentions_crisis(text)


@pytest.mark.parametrize(
    "text",
    [
        "I would like to know about evening groups.",
        "Does insurance cover the day program?",
        "My husband drinks too much and I am worried.",
        "",
    ],
)
def test_ordinary_messages_are_not_urgent(text):
    assert not mentions_crisis(text)


@pytest.mark.parametrize(
    "prefix,url,field",
    [(prefix, url, MESSAGE_FIELDS[prefix]) for prefix, url in LEAD_FORMS],
)
def test_a_crisis_mention_flags_urgent_and_leads_the_thank_you_with_988(
    client,
    lead_pages,
    django_capture_on_commit_callbacks,
    mailoutbox,
    prefix,
    url,
    field,
):
    response = post(
        client,
        url,
        prefix,
        django_capture_on_commit_callbacks,
        **{field: "I keep thinking I want to end my life"},
    )
    lead = leads_from(prefix).get()
    assert lead.is_urgent
    assert mailoutbox[0].subject == f"URGENT: New {lead.spec.label.lower()} #{lead.pk}"
    assert "end my life" not in mailoutbox[0].body
    html = client.get(response["Location"]).content.decode()
    thanks = html[html.index("data-lead-thanks") :]
    urgent = thanks.index("lead-thanks__urgent")
    for href in ('href="tel:988"', 'href="sms:988"', 'href="tel:911"'):
        assert urgent < thanks.index(href) < thanks.index(lead.reference)
    assert urgent < thanks.index("<h")  # before the thank-you heading and anything else
    assert urgent < thanks.index(lead.reference)


def test_an_ordinary_message_keeps_the_ordinary_thank_you(
    client, contact_page, django_capture_on_commit_callbacks, mailoutbox
):
    response = post(client, "/contact/", "inquiry", django_capture_on_commit_callbacks)
    assert not inquiries().get().is_urgent
    assert not mailoutbox[0].subject.startswith("URGENT")
    html = client.get(response["Location"]).content.decode()
    assert "call or text 988, or call 911 in an emergency" not in html
