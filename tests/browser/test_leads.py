"""The lead desk in Chromium: an intake reviewer works a lead; an editor sees none."""

from datetime import timedelta

from django.utils import timezone

from contact.models import Lead, LeadNote
from demo.factories.leads import ChatRequestFactory, InquiryFactory
from tests.support.browser import assert_admin_accessible, log_in, make_people


def test_intake_works_one_inbox_and_an_editor_sees_nothing(checker):
    make_people()
    now = timezone.now()
    routine = InquiryFactory(
        preferred_name="Routine Person", received=now - timedelta(hours=30)
    )
    lead = ChatRequestFactory(
        preferred_name="Marisol Testcase",
        first_message="Please call me about the evening group.",
        phone="+18435550188",
        is_urgent=True,
        received=now - timedelta(hours=3),
    )
    ChatRequestFactory(
        preferred_name="Chatty Person", received=now - timedelta(minutes=20)
    )
    done = InquiryFactory(status="closed", preferred_name="Already Done")
    page = checker.page

    # 1. The dashboard tells intake what is waiting.
    log_in(checker, "intake")
    assert "3 new leads waiting, 1 urgent" in page.inner_text("#lead-desk-content")
    assert_admin_accessible(checker, "admin dashboard")
    checker.screenshot("leads-dashboard-desktop")

    # 2. One inbox: the urgent chat first, then the oldest.
    page.click("text=Open new leads")
    page.wait_for_url("**/admin/leads/?status=new")
    rows = page.locator("#listing-results tbody tr")
    assert rows.count() == 3
    assert f"Chat request #{lead.pk}" in rows.nth(0).inner_text()
    assert "URGENT" in rows.nth(0).inner_text()
    assert f"Inquiry #{routine.pk}" in rows.nth(1).inner_text()
    assert page.locator(".lead-waiting--red").count() == 1  # 30 hours
    assert page.locator(".lead-waiting--amber").count() == 1  # 3 hours
    assert_admin_accessible(checker, "inbox")
    checker.screenshot("leads-inbox-desktop")

    # 3. Filtered to chat requests.
    checker.goto("/admin/leads/?kind=chat_request", "desktop")
    rows = page.locator("#listing-results tbody tr")
    assert rows.count() == 2
    assert "Routine Person" not in page.content()
    assert_admin_accessible(checker, "inbox filtered to chat requests")
    checker.screenshot("leads-inbox-chats-desktop")

    # 4. The lead itself, with a phone link to tap.
    page.click(f"text=Chat request #{lead.pk}")
    page.wait_for_url(f"**/inspect/{lead.pk}/")
    main = page.inner_text("main")
    assert "Marisol Testcase" in main and "evening group" in main
    phone = page.locator('a[href="tel:+18435550188"]')
    assert phone.inner_text() == "(843) 555-0188"
    assert_admin_accessible(checker, "lead page")
    checker.screenshot("leads-inspect-desktop")

    # 5. Status and assignee in one step, from the keyboard.
    page.select_option("#id_status", "contacted")
    page.select_option("#id_assignee", label="intake")
    page.focus("button:has-text('Save status and assignee')")
    with page.expect_navigation():
        page.keyboard.press("Enter")
    assert page.url.endswith(f"/inspect/{lead.pk}/")
    lead.refresh_from_db()
    assert lead.status == "contacted" and lead.assignee.username == "intake"

    # 6. A note for the next shift.
    page.fill("#id_text", "Spoke with her; <b>call back</b> Thursday.")
    page.click("button:has-text('Add note')")
    page.wait_for_url(f"**/inspect/{lead.pk}/#timeline")
    timeline = page.inner_text(".lead-timeline")
    assert "Status: New → Contacted" in timeline
    assert "<b>call back</b>" in timeline  # shown as text, not markup
    assert LeadNote.objects.filter(lead=lead).count() == 1
    assert_admin_accessible(checker, "lead page with a note")
    checker.screenshot("leads-timeline-desktop")

    # 7. Export what is in the inbox.
    export = page.request.get(checker.base + "/admin/leads/?export=csv")
    assert export.status == 200
    assert "Marisol Testcase" in export.text() and "(843) 555-0188" in export.text()

    # 8. The default inbox is the work queue: the closed lead is one filter away.
    checker.goto("/admin/leads/", "desktop")
    assert page.locator(f"input[data-object-id='{done.pk}']").count() == 0
    assert page.locator(f"input[data-object-id='{routine.pk}']").count() == 1
    assert_admin_accessible(checker, "default inbox")
    checker.screenshot("leads-inbox-default-desktop")
    checker.goto("/admin/leads/?status=closed", "desktop")
    rows = page.locator("#listing-results tbody tr")
    assert rows.count() == 1 and f"Inquiry #{done.pk}" in rows.nth(0).inner_text()

    # 9. Bulk: tick a lead, assign it from the footer.
    page.check(f"input[data-object-id='{done.pk}']")
    page.click("a.bulk-action-btn:has-text('Assign')")
    page.wait_for_url("**/bulk/**")
    page.select_option("#id_assignee", label="intake")
    page.click("button[type=submit]:has-text('Assign')")
    page.wait_for_url("**/admin/leads/**")
    done.refresh_from_db()
    assert done.assignee.username == "intake"
    checker.goto("/admin/leads/", "phone")
    assert_admin_accessible(checker, "default inbox on a phone")
    checker.screenshot("leads-inbox-phone")
    checker.assert_same_origin_only()

    # 10. An editor finds no trace of leads.
    log_in(checker, "editor")
    content = page.content()
    assert "Leads" not in content and "lead-desk" not in content
    checker.screenshot("leads-editor-dashboard-desktop")
    # A lead's page answers an editor as if the lead did not exist.
    response = checker.goto(f"/admin/leads/inspect/{lead.pk}/", "desktop")
    assert response.status == 404
    assert "Marisol" not in page.content()
    assert Lead.objects.filter(pk=lead.pk, status="contacted").exists()
