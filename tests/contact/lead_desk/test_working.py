"""Working a lead: status, assignee, notes, bulk actions, history and the audit log."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact import audit
from contact.emails import send_lead_notification
from contact.lead_factories import ChatRequestFactory, InquiryFactory
from contact.models import Inquiry, LeadNote
from tests.auth import sign_in

from .conftest import CANARY_STRINGS


@pytest.fixture
def desk(client, reviewer):
    sign_in(client, reviewer)
    return client


def entries(action, lead=None):
    queryset = ModelLogEntry.objects.filter(action=action)
    if lead is not None:
        queryset = queryset.filter(object_id=str(lead.pk))
    return list(queryset)


def assert_no_phi(entry):
    text = entry.label + json.dumps(entry.data) + entry.message
    assert [value for value in CANARY_STRINGS if value in text] == []


def test_reviewer_sets_status_and_assignee_and_it_is_recorded(desk, reviewer, canary):
    url = reverse("lead_inquiries:edit", args=[canary.pk])
    form = desk.get(url).content.decode()
    # Only status and assignee are editable; what the visitor sent is not a field.
    assert 'name="status"' in form and 'name="assignee"' in form
    assert 'name="message"' not in form and 'name="email"' not in form

    response = desk.post(
        url,
        {"status": "contacted", "assignee": reviewer.pk, "message": "tampered"},
    )
    assert response.status_code == 302
    canary.refresh_from_db()
    assert canary.status == "contacted" and canary.assignee == reviewer
    assert canary.message.startswith("CANARY-MESSAGE")

    [entry] = entries(audit.CHANGE, canary)
    assert entry.user == reviewer
    assert entry.label == f"Inquiry #{canary.pk}"
    assert entry.data["changes"] == {
        "status": {"old": "New", "new": "Contacted"},
        "assignee": {"old": None, "new": "reviewer"},
    }
    assert_no_phi(entry)

    history = desk.get(reverse("lead_inquiries:history", args=[canary.pk]))
    assert "Status: New → Contacted" in history.content.decode()


def test_saving_without_changes_logs_nothing(desk, canary):
    url = reverse("lead_inquiries:edit", args=[canary.pk])
    desk.post(url, {"status": "new", "assignee": ""})
    assert entries(audit.CHANGE, canary) == []


def test_assignee_must_be_a_lead_reviewer(desk, canary, editor):
    url = reverse("lead_inquiries:edit", args=[canary.pk])
    response = desk.post(url, {"status": "new", "assignee": editor.pk})
    assert response.status_code == 200  # form re-rendered with an error
    canary.refresh_from_db()
    assert canary.assignee is None


def test_notes_form_a_timeline_and_are_escaped(desk, reviewer, canary):
    add = reverse("lead_inquiries:add_note", args=[canary.pk])
    desk.post(add, {"text": "Left a voicemail."})
    desk.post(add, {"text": '<script>alert("x")</script><b>bold</b>'})
    desk.post(add, {"text": "   "})  # blank: nothing stored
    desk.post(
        reverse("lead_inquiries:edit", args=[canary.pk]),
        {"status": "contacted", "assignee": ""},
    )
    notes = LeadNote.objects.filter(inquiry=canary)
    assert [note.text for note in notes][0] == "Left a voicemail."
    assert notes.count() == 2 and notes[0].author == reviewer
    assert len(entries(audit.NOTE, canary)) == 2
    for entry in entries(audit.NOTE, canary):
        assert "voicemail" not in entry.label + json.dumps(entry.data)

    page = desk.get(reverse("lead_inquiries:inspect", args=[canary.pk]))
    text = page.content.decode()
    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt;&lt;b&gt;bold" in text
    assert '<script>alert("x")' not in text and "<b>bold</b>" not in text
    timeline = text[text.index('id="timeline"') :]
    assert timeline.index("Left a voicemail.") < timeline.index(
        "Status: New → Contacted"
    )


def test_inspect_shows_everything_sent_and_escapes_it(desk, location):
    lead = ChatRequestFactory(
        location=location,
        message="<img src=x onerror=alert(1)>",
        source_path="javascript:alert(1)",
        first_message="Hello there",
        best_time="Weekday mornings",
        utm_source="spring-flyer",
    )
    text = desk.get(reverse("lead_chats:inspect", args=[lead.pk])).content.decode()
    for expected in [
        lead.preferred_name,
        lead.email,
        lead.phone,
        "Hello there",
        "Weekday mornings",
        "spring-flyer",
        "Charleston",
    ]:
        assert expected in text
    assert "<img src=x" not in text and "&lt;img src=x" in text
    assert 'href="javascript:' not in text


def test_source_page_links_only_within_the_site(desk, canary):
    text = desk.get(
        reverse("lead_inquiries:inspect", args=[canary.pk])
    ).content.decode()
    assert '<a href="/canary-source-page/">' in text


def test_one_audit_entry_per_view_without_phi(desk, reviewer, canary):
    desk.get(reverse("lead_inquiries:inspect", args=[canary.pk]))
    [entry] = entries(audit.VIEW, canary)
    assert entry.user == reviewer and entry.label == f"Inquiry #{canary.pk}"
    assert_no_phi(entry)
    desk.get(reverse("lead_inquiries:inspect", args=[canary.pk]))
    assert len(entries(audit.VIEW, canary)) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_audit_entry_per_export_without_phi(desk, reviewer, canary, fmt):
    response = desk.get(f"/admin/leads/inquiries/?q=Zebulon&status=new&export={fmt}")
    assert response.status_code == 200
    b"".join(response.streaming_content)
    [entry] = entries(audit.EXPORT)
    assert entry.user == reviewer
    assert entry.data == {"format": fmt, "rows": 1, "filters": ["search", "status"]}
    assert entry.label == "Inquiry export"
    assert_no_phi(entry)
    assert ModelLogEntry.objects.count() == 1


def bulk_url(action, *leads, model="inquiry"):
    ids = "&".join(f"id={lead.pk}" for lead in leads)
    url = reverse("wagtail_bulk_action", args=["contact", model, action])
    return f"{url}?{ids}&next=/admin/leads/inquiries/"


def test_bulk_set_status_and_assign(desk, reviewer):
    first, second = InquiryFactory.create_batch(2)
    page = desk.get(bulk_url("lead_set_status", first, second))
    assert page.status_code == 200
    assert f"Inquiry #{first.pk}" in page.content.decode()
    assert first.preferred_name not in page.content.decode()

    response = desk.post(
        bulk_url("lead_set_status", first, second), {"status": "closed"}
    )
    assert response.status_code == 302
    assert set(Inquiry.objects.values_list("status", flat=True)) == {"closed"}
    assert len(entries(audit.CHANGE)) == 2

    desk.post(bulk_url("lead_assign", first), {"assignee": reviewer.pk})
    first.refresh_from_db()
    assert first.assignee == reviewer


def test_bulk_mark_spam_and_not_spam_sends_the_missed_notification(
    desk, django_capture_on_commit_callbacks
):
    missed = InquiryFactory(is_spam=True, spam_reason="honeypot", notified_at=None)
    caught = InquiryFactory()

    desk.post(bulk_url("lead_mark_spam", caught))
    caught.refresh_from_db()
    assert caught.is_spam

    with django_capture_on_commit_callbacks(execute=True):
        desk.post(bulk_url("lead_mark_not_spam", missed))
    missed.refresh_from_db()
    assert not missed.is_spam and missed.notified_at is not None
    [message] = mail.outbox
    assert message.subject == f"New inquiry #{missed.pk}"
    assert f"/admin/leads/inquiries/inspect/{missed.pk}/" in message.body
    assert missed.preferred_name not in message.body + message.subject
    assert missed.email not in message.body

    changes = [entry.data["changes"] for entry in entries(audit.CHANGE)]
    assert {"is_spam": {"old": "no", "new": "yes"}} in changes
    assert {"is_spam": {"old": "yes", "new": "no"}} in changes


def test_bulk_action_ids_that_are_not_numbers_answer_404(desk):
    url = reverse("wagtail_bulk_action", args=["contact", "inquiry", "lead_mark_spam"])
    assert desk.get(url + "?id=abc").status_code == 404
    assert desk.get(url + "?id=999999").status_code == 404


def test_notification_sends_once_and_never_for_spam(canary):
    assert send_lead_notification(type(canary), canary.pk) is True
    assert send_lead_notification(type(canary), canary.pk) is False
    spam = InquiryFactory(is_spam=True)
    assert send_lead_notification(Inquiry, spam.pk) is False
    assert len(mail.outbox) == 1
