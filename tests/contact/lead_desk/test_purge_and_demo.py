"""Retention (purge_leads), the stale review, and the demo leads."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from contact import audit
from contact.choices import LeadStatus
from contact.models import Lead, LeadDeskLogEntry, LeadNote, LeadRateLimitLock
from demo.factories.leads import InquiryFactory, LeadNoteFactory
from tests.support.auth import sign_in
from tests.support.leads import CANARY_STRINGS, KIND_FACTORIES


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_leads", *args, stdout=out)
    return out.getvalue()


@pytest.fixture
def retention(settings):
    settings.LEAD_RETENTION_DAYS = 30
    settings.LEAD_STALE_DAYS = 60
    settings.LEAD_STALE_PURGE_DAYS = 400
    settings.LEAD_RATE_LIMIT_WINDOW = 3600
    return settings


@pytest.mark.parametrize("kind", list(KIND_FACTORIES))
def test_purge_leads_removes_exactly_what_is_due_per_status_and_clock(
    db, retention, kind
):
    now = timezone.now()
    days = lambda n: now - timedelta(days=n)  # noqa: E731
    lead = KIND_FACTORIES[kind]
    due = [
        # Closed 31 days ago, although received long before.
        lead(status=LeadStatus.CLOSED, received=days(300), closed=days(31)),
        lead(is_spam=True, received=days(31)),
        lead(status=LeadStatus.CLOSED, received=days(40)),
        # Open and untouched past the longer limit, in any open status.
        lead(status=LeadStatus.NEW, received=days(401)),
        lead(status=LeadStatus.IN_PROGRESS, received=days(500)),
        lead(status=LeadStatus.CONTACTED, received=days(401)),
    ]
    LeadNoteFactory(lead=due[2], text="Closed after two calls.")
    kept = [
        # Received long ago but closed recently: the clock runs from closing.
        lead(status=LeadStatus.CLOSED, received=days(300), closed=days(5)),
        lead(is_spam=True, received=days(29)),
        # Open, old, but someone worked it recently.
        lead(status=LeadStatus.CONTACTED, received=days(500), touched=days(10)),
        # Stale (past LEAD_STALE_DAYS) but not yet past the purge limit: for review.
        lead(status=LeadStatus.NEW, received=days(100)),
        lead(status=LeadStatus.NEW, received=days(1)),
    ]
    LeadNoteFactory(lead=kept[2], text="Still trying to reach them.")
    before = Lead.objects.count()

    output = purge("--dry-run")
    assert "6 leads would be removed" in output
    assert Lead.objects.count() == before
    assert not LeadDeskLogEntry.objects.filter(action=audit.PURGE).exists()

    output = purge()
    assert "6 leads removed" in output
    assert "1 open leads untouched for 60 days wait for review" in output
    assert set(Lead.objects.values_list("pk", flat=True)) == {lead.pk for lead in kept}
    assert list(LeadNote.objects.values_list("text", flat=True)) == [
        "Still trying to reach them."
    ]
    [entry] = LeadDeskLogEntry.objects.filter(action=audit.PURGE)
    assert entry.data == {
        "closed": 2,
        "spam": 1,
        "stale": 3,
        "notes": 1,
        "client_keys": 0,
    }
    assert entry.user is None
    assert "0 leads removed" in purge()
    assert LeadDeskLogEntry.objects.filter(action=audit.PURGE).count() == 2


def test_purge_leads_clears_client_keys_once_the_window_passed(db, retention):
    now = timezone.now()
    old = InquiryFactory(client_key="a" * 32, receipt_key="b" * 32)
    recent = InquiryFactory(client_key="c" * 32, receipt_key="d" * 32)
    Lead.objects.filter(pk=old.pk).update(received_at=now - timedelta(hours=2))
    LeadRateLimitLock.objects.create(
        client_key="a" * 32, locked_at=now - timedelta(hours=2)
    )
    LeadRateLimitLock.objects.create(client_key="c" * 32)
    purge()
    old.refresh_from_db()
    recent.refresh_from_db()
    assert (old.client_key, old.receipt_key) == ("", "")
    assert (recent.client_key, recent.receipt_key) == ("c" * 32, "d" * 32)
    assert list(LeadRateLimitLock.objects.values_list("client_key", flat=True)) == [
        "c" * 32
    ]
    [entry] = LeadDeskLogEntry.objects.filter(action=audit.PURGE)
    assert entry.data["client_keys"] == 1


def test_the_purge_entry_carries_counts_only(db, retention, canary_of_each_kind):
    canary = canary_of_each_kind
    Lead.objects.filter(pk=canary.pk).update(
        status=LeadStatus.CLOSED, closed_at=timezone.now() - timedelta(days=99)
    )
    purge()
    [entry] = LeadDeskLogEntry.objects.filter(action=audit.PURGE)
    text = entry.label + str(entry.data) + entry.message
    assert [value for value in CANARY_STRINGS if value in text] == []
    assert entry.message.startswith("Purged 1 closed")


def test_stale_open_leads_are_listed_for_review(client, lead_reviewer, retention):
    now = timezone.now()
    stale = InquiryFactory(received=now - timedelta(days=61))
    InquiryFactory(received=now - timedelta(days=61), status=LeadStatus.CLOSED)
    InquiryFactory(received=now - timedelta(days=61), touched=now)
    InquiryFactory()
    sign_in(client, lead_reviewer)
    response = client.get("/admin/leads/?stale=stale")
    assert [lead.pk for lead in response.context["page_obj"].object_list] == [stale.pk]


def test_staff_activity_restarts_the_stale_clock_and_closing_starts_retention(
    client, lead_reviewer, retention
):
    from django.urls import reverse

    lead = InquiryFactory(received=timezone.now() - timedelta(days=90))
    sign_in(client, lead_reviewer)
    client.post(reverse("leads:add_note", args=[lead.pk]), {"text": "Called."})
    lead.refresh_from_db()
    assert timezone.now() - lead.last_activity_at < timedelta(minutes=5)
    assert lead.closed_at is None
    client.post(reverse("leads:edit", args=[lead.pk]), {"status": "closed"})
    lead.refresh_from_db()
    assert lead.closed_at is not None
    client.post(reverse("leads:edit", args=[lead.pk]), {"status": "in_progress"})
    lead.refresh_from_db()
    assert lead.closed_at is None  # reopened: the retention clock stops
