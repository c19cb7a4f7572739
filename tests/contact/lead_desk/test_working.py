"""Working a lead: status, assignee, notes, bulk actions, history and the audit log."""

import json

import pytest
from django.core import mail
from django.urls import reverse
from wagtail.models import ModelLogEntry

from contact import audit
from contact.emails import send_lead_notification
from contact.models import Lead, LeadDeskLogEntry, LeadNote
from demo.factories.leads import ChatRequestFactory, InquiryFactory
from tests.support.leads import CANARY_STRINGS, KIND_FACTORIES


def entries(action, lead=None):
    if action in audit.LEAD_WIDE_ACTIONS:
        return list(LeadDeskLogEntry.objects.filter(action=action))
    queryset = ModelLogEntry.objects.filter(action=action)
    if lead is not None:
        queryset = queryset.filter(object_id=str(lead.pk))
    return list(queryset)


def assert_no_phi(entry):
    text = entry.label + json.dumps(entry.data) + entry.message
    assert [value for value in CANARY_STRINGS if value in text] == []


def test_reviewer_sets_status_and_assignee_and_it_is_recorded(
    desk, lead_reviewer, canary
):
    url = reverse("leads:edit", args=[canary.pk])
    form = desk.get(url).content.decode()
    # Only status and assignee are editable; what the visitor sent is not a field.
    assert 'name="status"' in form and 'name="assignee"' in form
    assert 'name="message"' not in form and 'name="email"' not in form

    response = desk.post(
        url,
        {"status": "contacted", "assignee": lead_reviewer.pk, "message": "tampered"},
    )
    assert response.status_code == 302
    canary.refresh_from_db()
    assert canary.status == "contacted" and canary.assignee == lead_reviewer
    assert canary.message.startswith("CANARY-MESSAGE")

    [entry] = entries(audit.CHANGE, canary)
    assert entry.user == lead_reviewer
    assert entry.label == f"Inquiry #{canary.pk}"
    assert entry.data["changes"] == {
        "status": {"old": "New", "new": "Contacted"},
        "assignee": {"old": None, "new": "reviewer"},
    }
    assert_no_phi(entry)

    history = desk.get(reverse("leads:history", args=[canary.pk]))
    assert "Status: New → Contacted" in history.content.decode()


def test_saving_without_changes_logs_nothing(desk, canary):
    url = reverse("leads:edit", args=[canary.pk])
    desk.post(url, {"status": "new", "assignee": ""})
    assert entries(audit.CHANGE, canary) == []


def test_assignee_must_be_a_lead_reviewer(desk, canary, site_editor):
    url = reverse("leads:edit", args=[canary.pk])
    response = desk.post(url, {"status": "new", "assignee": site_editor.pk})
    assert response.status_code == 200  # form re-rendered with an error
    canary.refresh_from_db()
    assert canary.assignee is None


def test_notes_form_a_timeline_and_are_escaped(desk, lead_reviewer, canary):
    add = reverse("leads:add_note", args=[canary.pk])
    desk.post(add, {"text": "Left a voicemail."})
    desk.post(add, {"text": '<script>alert("x")</script><b>bold</b>'})
    desk.post(add, {"text": "   "})  # blank: nothing stored
    desk.post(
        reverse("leads:edit", args=[canary.pk]),
        {"status": "contacted", "assignee": ""},
    )
    notes = LeadNote.objects.filter(lead=canary)
    assert [note.text for note in notes][0] == "Left a voicemail."
    assert notes.count() == 2 and notes[0].author == lead_reviewer
    assert len(entries(audit.NOTE, canary)) == 2
    for entry in entries(audit.NOTE, canary):
        assert "voicemail" not in entry.label + json.dumps(entry.data)

    page = desk.get(reverse("leads:inspect", args=[canary.pk]))
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
        source_path="javascript:alert(1)",
        first_message="<img src=x onerror=alert(1)> Hello there",
        best_time="Weekday mornings",
        utm_source="spring-flyer",
    )
    text = desk.get(reverse("leads:inspect", args=[lead.pk])).content.decode()
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
    text = desk.get(reverse("leads:inspect", args=[canary.pk])).content.decode()
    assert '<a href="/canary-source-page/">' in text


def test_one_audit_entry_per_view_without_phi(desk, lead_reviewer, canary_of_each_kind):
    canary = canary_of_each_kind
    desk.get(reverse("leads:inspect", args=[canary.pk]))
    [entry] = entries(audit.VIEW, canary)
    assert entry.user == lead_reviewer and entry.label == str(canary)
    assert_no_phi(entry)
    desk.get(reverse("leads:inspect", args=[canary.pk]))
    assert len(entries(audit.VIEW, canary)) == 2


@pytest.mark.parametrize("fmt", ["csv", "xlsx"])
def test_one_audit_entry_per_export_without_phi(
    desk, lead_reviewer, canary_of_each_kind, fmt
):
    canary = canary_of_each_kind
    response = desk.get(f"/admin/leads/?q=Zebulon&status=new&export={fmt}")
    assert response.status_code == 200
    exported = b"".join(response.streaming_content)
    assert b"MEMBERCANARY5150" not in exported and b"1961-03-14" not in exported
    [entry] = entries(audit.EXPORT)
    assert entry.user == lead_reviewer
    assert entry.data == {
        "format": fmt,
        "rows": 1,
        "filters": ["search", "status"],
        "leads": [canary.pk],
    }
    assert entry.label == "Lead export"
    assert_no_phi(entry)
    assert LeadDeskLogEntry.objects.count() == 1
    assert not ModelLogEntry.objects.exists()


def bulk_url(action, *leads, model="lead"):
    ids = "&".join(f"id={lead.pk}" for lead in leads)
    url = reverse("wagtail_bulk_action", args=["contact", model, action])
    return f"{url}?{ids}&next=/admin/leads/"


def test_bulk_set_status_and_assign(desk, lead_reviewer):
    first, second = InquiryFactory.create_batch(2)
    page = desk.get(bulk_url("lead_set_status", first, second))
    assert page.status_code == 200
    assert f"Inquiry #{first.pk}" in page.content.decode()
    assert first.preferred_name not in page.content.decode()

    response = desk.post(
        bulk_url("lead_set_status", first, second), {"status": "closed"}
    )
    assert response.status_code == 302
    assert set(Lead.objects.values_list("status", flat=True)) == {"closed"}
    assert len(entries(audit.CHANGE)) == 2

    desk.post(bulk_url("lead_assign", first), {"assignee": lead_reviewer.pk})
    first.refresh_from_db()
    assert first.assignee == lead_reviewer


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
    assert f"/admin/leads/inspect/{missed.pk}/" in message.body
    assert missed.preferred_name not in message.body + message.subject
    assert missed.email not in message.body

    changes = [entry.data["changes"] for entry in entries(audit.CHANGE)]
    assert {"is_spam": {"old": "no", "new": "yes"}} in changes
    assert {"is_spam": {"old": "yes", "new": "no"}} in changes


def test_bulk_action_ids_that_are_not_numbers_answer_404(desk):
    url = reverse("wagtail_bulk_action", args=["contact", "lead", "lead_mark_spam"])
    assert desk.get(url + "?id=abc").status_code == 404
    assert desk.get(url + "?id=999999").status_code == 404


def test_a_bulk_action_with_a_stale_id_changes_nothing(desk):
    kept, gone = InquiryFactory.create_batch(2)
    url = bulk_url("lead_set_status", kept, gone)
    Lead.objects.filter(pk=gone.pk).delete()
    assert desk.post(url, {"status": "closed"}).status_code == 404
    kept.refresh_from_db()
    assert kept.status == "new"
    assert entries(audit.CHANGE) == []


def test_notification_sends_once_never_for_spam_and_without_phi(
    canary_of_each_kind,
):
    canary = canary_of_each_kind
    assert send_lead_notification(canary.pk) is True
    assert send_lead_notification(canary.pk) is False
    spam = KIND_FACTORIES[canary.kind](is_spam=True)
    assert send_lead_notification(spam.pk) is False
    [sent] = mail.outbox
    alternatives = getattr(sent, "alternatives", [])
    text = sent.subject + sent.body + "".join(str(a) for a in alternatives)
    assert [value for value in CANARY_STRINGS if value in text] == []
    assert f"#{canary.pk}" in sent.subject


def select_all_url(action, query):
    url = reverse("wagtail_bulk_action", args=["contact", "lead", action])
    return f"{url}?{query}&id=all&next=/admin/leads/"


def test_select_all_under_a_status_filter_changes_only_the_filtered_rows(desk):
    InquiryFactory.create_batch(3, status="contacted")
    ChatRequestFactory.create_batch(2, status="contacted")
    InquiryFactory.create_batch(4, status="new")
    InquiryFactory(status="contacted", is_spam=True)  # quarantined: not listed
    assert Lead.objects.filter(status="closed").count() == 0

    url = select_all_url("lead_set_status", "status=contacted")
    page = desk.get(url)
    assert page.status_code == 200
    assert len(page.context["items"]) == 5
    assert desk.post(url, {"status": "closed"}).status_code == 302

    assert Lead.objects.filter(status="closed").count() == 5
    assert Lead.objects.filter(status="new").count() == 4
    assert Lead.objects.filter(status="contacted", is_spam=True).count() == 1
    assert Lead.objects.filter(status="closed", closed_at__isnull=False).count() == 5


def test_select_all_honours_the_search_too(desk):
    InquiryFactory(preferred_name="Rowan Search")
    ChatRequestFactory(preferred_name="Rowan Other")
    InquiryFactory.create_batch(3, preferred_name="Someone Else")
    url = select_all_url("lead_set_status", "q=rowan&kind=chat_request")
    assert desk.post(url, {"status": "contacted"}).status_code == 302
    assert list(
        Lead.objects.filter(status="contacted").values_list("preferred_name", flat=True)
    ) == ["Rowan Other"]


def test_select_all_with_a_hand_edited_filter_changes_nothing(desk):
    InquiryFactory.create_batch(2)
    url = select_all_url("lead_set_status", "status=bogus")
    assert desk.post(url, {"status": "closed"}).status_code == 404
    assert not Lead.objects.filter(status="closed").exists()


def test_a_bulk_change_racing_a_notification_keeps_notified_at_and_sends_once(
    desk, django_capture_on_commit_callbacks
):
    lead = InquiryFactory(notified_at=None)
    from contact.admin.bulk_actions import SetStatusBulkAction

    stale = list(Lead.objects.filter(pk=lead.pk))  # loaded before the worker ran
    assert send_lead_notification(lead.pk) is True  # the worker sends and stamps
    SetStatusBulkAction.execute_action(stale, changes={"status": "contacted"})
    lead.refresh_from_db()
    assert lead.status == "contacted"
    assert lead.notified_at is not None
    assert send_lead_notification(lead.pk) is False  # notify_pending: nothing left
    assert len(mail.outbox) == 1


def test_triage_from_the_lead_page_in_one_step(desk, lead_reviewer, canary):
    page = desk.get(reverse("leads:inspect", args=[canary.pk])).content.decode()
    edit = reverse("leads:edit", args=[canary.pk])
    assert f'action="{edit}"' in page
    assert 'name="status"' in page and 'name="assignee"' in page
    response = desk.post(edit, {"status": "in_progress", "assignee": lead_reviewer.pk})
    assert response.status_code == 302
    assert response["Location"] == reverse("leads:inspect", args=[canary.pk])
    canary.refresh_from_db()
    assert (canary.status, canary.assignee) == ("in_progress", lead_reviewer)


def test_the_lead_page_links_phone_and_email_and_hides_keys(desk, canary):
    Lead.objects.filter(pk=canary.pk).update(client_key="k" * 32, receipt_key="r" * 32)
    text = desk.get(reverse("leads:inspect", args=[canary.pk])).content.decode()
    assert 'href="tel:+18435559876"' in text
    assert "(843) 555-9876" in text
    assert 'href="mailto:zebulon.canary@example.org"' in text
    assert "k" * 32 not in text and "r" * 32 not in text
    assert "Client key" not in text


@pytest.mark.parametrize(
    "source", ["/\\evil.example/x", "//evil.example/x", "https://evil.example/"]
)
def test_an_off_site_source_is_never_a_link(desk, source):
    lead = InquiryFactory(source_path=source)
    text = desk.get(reverse("leads:inspect", args=[lead.pk])).content.decode()
    assert "evil.example" in text
    assert 'href="/\\' not in text and 'href="//' not in text
    assert 'href="https://evil' not in text


def test_a_chat_lead_page_shows_only_chat_fields(desk):
    lead = ChatRequestFactory(first_message="Hello tonight", best_time="Late")
    text = desk.get(reverse("leads:inspect", args=[lead.pk])).content.decode()
    assert "Hello tonight" in text and "Late" in text
    assert ">Message<" not in text


def test_a_search_is_audited_without_its_term(desk, lead_reviewer, canary):
    response = desk.get("/admin/leads/?q=Zebulon")
    assert response.status_code == 200
    [entry] = entries(audit.SEARCH)
    assert entry.user == lead_reviewer
    assert_no_phi(entry)
    assert "Zebulon" not in entry.label + json.dumps(entry.data)
    desk.get("/admin/leads/")  # no search, no entry
    assert len(entries(audit.SEARCH)) == 1
