"""Retention (purge_leads) and the demo leads."""

import io
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.utils import timezone

from contact.choices import LeadStatus
from contact.lead_factories import ChatRequestFactory, InquiryFactory, LeadNoteFactory
from contact.models import ChatRequest, Inquiry, LeadNote


def purge(*args) -> str:
    out = io.StringIO()
    call_command("purge_leads", *args, stdout=out)
    return out.getvalue()


def test_purge_leads_removes_exactly_what_is_due(db, settings):
    settings.LEAD_RETENTION_DAYS = 30
    old = timezone.now() - timedelta(days=31)
    recent = timezone.now() - timedelta(days=29)
    due = [
        InquiryFactory(status=LeadStatus.CLOSED, received=old),
        InquiryFactory(is_spam=True, received=old),
        ChatRequestFactory(status=LeadStatus.CLOSED, received=old),
    ]
    LeadNoteFactory(chat_request=due[2], text="Closed after two calls.")
    kept = [
        InquiryFactory(status=LeadStatus.NEW, received=old),
        InquiryFactory(status=LeadStatus.CONTACTED, received=old),
        InquiryFactory(status=LeadStatus.IN_PROGRESS, received=old),
        InquiryFactory(status=LeadStatus.CLOSED, received=recent),
        InquiryFactory(is_spam=True, received=recent),
        ChatRequestFactory(status=LeadStatus.NEW, received=old),
    ]
    LeadNoteFactory(inquiry=kept[0], text="Still trying to reach them.")

    output = purge("--dry-run")
    assert "3 leads older than 30 days would be removed" in output
    assert Inquiry.objects.count() + ChatRequest.objects.count() == 9

    output = purge()
    assert "3 leads older than 30 days removed" in output
    remaining = {(type(lead), lead.pk) for lead in kept}
    assert {(Inquiry, pk) for pk in Inquiry.objects.values_list("pk", flat=True)} | {
        (ChatRequest, pk) for pk in ChatRequest.objects.values_list("pk", flat=True)
    } == remaining
    assert list(LeadNote.objects.values_list("text", flat=True)) == [
        "Still trying to reach them."
    ]
    assert "0 leads" in purge()


@pytest.fixture
def demo_files(tmp_path, settings):
    settings.DEMO_LOGIN_DIR = tmp_path
    return tmp_path


def test_demo_has_leads_in_every_status_and_an_intake_login(db, demo_files):
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    statuses = set(Inquiry.objects.values_list("status", flat=True)) | set(
        ChatRequest.objects.values_list("status", flat=True)
    )
    assert statuses == set(LeadStatus.values)
    assert Inquiry.objects.filter(is_spam=True).exists()
    output = out.getvalue()
    assert "Lead desk (intake) login: user 'intake' password '" in output
    assert output.index("Admin login") < output.index("Lead desk (intake) login")

    from lantana.core.models import User

    intake = User.objects.get(username="intake")
    assert intake.has_perm("contact.change_inquiry")
    assert not intake.has_perm("contact.delete_inquiry")
    count = Inquiry.objects.count() + ChatRequest.objects.count()

    call_command("load_demo", stdout=io.StringIO())
    assert Inquiry.objects.count() + ChatRequest.objects.count() == count


def test_demo_leaves_a_real_user_called_intake_alone(db, demo_files):
    from django.contrib.auth.models import Group

    from lantana.core.models import User

    real = User.objects.create_user(
        "intake", "intake@clinic.example.org", "their-own-password"
    )
    (demo_files / ".demo-intake-login").write_text("intake stale-password\n")
    out = io.StringIO()
    call_command("load_demo", stdout=out)
    real.refresh_from_db()
    assert real.check_password("their-own-password")
    assert not real.groups.exists()
    assert Group.objects.get(name="Lead reviewers").user_set.count() == 0
    assert "Lead desk (intake) login" not in out.getvalue()
    assert "is not the demo's" in out.getvalue()
    assert not Inquiry.objects.filter(assignee=real).exists()
