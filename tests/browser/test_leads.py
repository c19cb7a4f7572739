"""The lead desk in Chromium: an intake reviewer works a lead; an editor sees none."""

from datetime import timedelta

from django.contrib.auth.models import Group, Permission
from django.utils import timezone

from contact.lead_factories import ChatRequestFactory, InquiryFactory
from contact.models import Inquiry, LeadNote
from contact.permissions import get_lead_reviewers_group
from lantana.core.models import User
from tests.auth import sign_in_browser

PASSWORD = "a-long-test-password"  # noqa: S105


def make_people():
    reviewer = User.objects.create_user(
        "intake", "intake@lantana.example", PASSWORD, first_name="Ida"
    )
    reviewer.groups.add(get_lead_reviewers_group())
    editors, _ = Group.objects.get_or_create(name="Editors")
    editors.permissions.add(Permission.objects.get(codename="access_admin"))
    editor = User.objects.create_user("editor", "editor@lantana.example", PASSWORD)
    editor.groups.add(editors)


def log_in(checker, username):
    sign_in_browser(checker, username, PASSWORD)


def assert_accessible(checker, context):
    """axe on an admin page, less one issue in Wagtail's own markup: its
    "There is 1 match" heading carries role="alert" (minor, best practice)."""
    checker.settle()
    violations = [
        (violation["id"], [node["target"] for node in violation["nodes"]])
        for violation in checker.axe.run(checker.page).response["violations"]
        if violation["id"] != "aria-allowed-role"
        or any(node["target"] != ['h2[role="alert"]'] for node in violation["nodes"])
    ]
    assert violations == [], f"axe violations on the {context}: {violations}"


def test_reviewer_works_a_lead_and_editor_sees_nothing(checker):
    make_people()
    lead = InquiryFactory(
        preferred_name="Marisol Testcase",
        message="Please call me about the evening group.",
        is_urgent=True,
        received=timezone.now() - timedelta(hours=3),
    )
    done = InquiryFactory(status="closed", preferred_name="Already Done")
    ChatRequestFactory(preferred_name="Chatty Person")
    page = checker.page

    # 1. The dashboard tells the reviewer what is waiting.
    log_in(checker, "intake")
    assert "2 new leads waiting" in page.inner_text("#lead-desk-content")
    assert_accessible(checker, "admin dashboard")
    checker.screenshot("leads-dashboard-desktop")

    # 2. The inbox, filtered to new inquiries.
    page.click("text=Open new inquiries")
    page.wait_for_url("**/admin/leads/inquiries/?status=new")
    rows = page.locator("#listing-results tbody tr")
    assert rows.count() == 1
    assert "URGENT" in rows.first.inner_text()
    assert_accessible(checker, "inbox")
    checker.screenshot("leads-inbox-desktop")

    # 3. The lead itself.
    page.click(f"text=Inquiry #{lead.pk}")
    page.wait_for_url(f"**/inspect/{lead.pk}/")
    assert "Marisol Testcase" in page.inner_text("main")
    checker.screenshot("leads-inspect-desktop")

    # 4. Set it to contacted.
    page.click("text=Change status or assignee")
    page.select_option("#id_status", "contacted")
    page.click("button[type=submit]:has-text('Save')")
    page.wait_for_url(f"**/inspect/{lead.pk}/")
    lead.refresh_from_db()
    assert lead.status == "contacted"

    # 5. A note for the next shift.
    page.fill("#id_text", "Spoke with her; <b>call back</b> Thursday.")
    page.click("button:has-text('Add note')")
    page.wait_for_url(f"**/inspect/{lead.pk}/#timeline")
    timeline = page.inner_text(".lead-timeline")
    assert "Status: New → Contacted" in timeline
    assert "<b>call back</b>" in timeline  # shown as text, not markup
    assert LeadNote.objects.filter(inquiry=lead).count() == 1
    assert_accessible(checker, "lead page")
    checker.screenshot("leads-timeline-desktop")

    # 6. Export what is in the inbox.
    export = page.request.get(checker.base + "/admin/leads/inquiries/?export=csv")
    assert export.status == 200
    assert "Marisol Testcase" in export.text()
    # 7. Bulk: tick a lead, assign it from the footer.
    checker.goto("/admin/leads/inquiries/", "desktop")
    page.check(f"input[data-object-id='{done.pk}']")
    page.click("a.bulk-action-btn:has-text('Assign')")
    page.wait_for_url("**/bulk/**")
    page.select_option("#id_assignee", label="intake")
    page.click("button[type=submit]:has-text('Assign')")
    page.wait_for_url("**/admin/leads/inquiries/")
    done.refresh_from_db()
    assert done.assignee.username == "intake"
    checker.goto("/admin/leads/inquiries/", "phone")
    checker.screenshot("leads-inbox-phone")
    checker.assert_same_origin_only()

    # 8. An editor finds no trace of leads.
    log_in(checker, "editor")
    content = page.content()
    assert "Leads" not in content and "lead-desk" not in content
    checker.screenshot("leads-editor-dashboard-desktop")
    checker.goto(f"/admin/leads/inquiries/inspect/{lead.pk}/", "desktop")
    assert "Marisol" not in page.content()
    assert "/admin/leads/" not in page.url
    assert Inquiry.objects.filter(pk=lead.pk, status="contacted").exists()
