"""A live chat's lead in Chromium: the transcript on the lead page (escaped),
and the live panel's page for intake, at both widths."""

import uuid

from contact.chat import services
from contact.choices import LeadKind
from contact.models import Lead
from lantana.core.models import User
from tests.support.browser import assert_admin_accessible, log_in, make_people


def a_chat_with_a_transcript(staff) -> Lead:
    lead = Lead(
        kind=LeadKind.LIVE_CHAT,
        preferred_name="Marisol Testcase",
        first_message="Hi, is anyone there? I'd like to ask about the evening group.",
        consent=True,
        submission_id=uuid.uuid4(),
    )
    services.start_chat(lead, "a-session-key")
    services.accept(lead.pk, staff)
    services.post_message(
        lead.pk, "Hi Marisol, I'm Ida. Yes, we run one on Tuesdays.", staff_user=staff
    )
    services.post_message(lead.pk, "Great <b>thanks</b>, can I come next week?")
    services.close(lead.pk, staff)
    return lead


def test_intake_reads_a_live_chat_transcript_on_the_lead_page(checker):
    make_people()
    intake = User.objects.get(username="intake")
    lead = a_chat_with_a_transcript(intake)
    page = checker.page
    log_in(checker, "intake")

    checker.goto(f"/admin/leads/inspect/{lead.pk}/", "desktop")
    transcript = page.inner_text(".lead-transcript")
    assert "Marisol Testcase (visitor)" in transcript
    assert "we run one on Tuesdays" in transcript
    assert "Great <b>thanks</b>" in transcript  # shown as text, not markup
    assert "This chat has ended" in transcript
    assert "Preferred method" not in page.inner_text("main")  # never asked
    assert_admin_accessible(checker, "live chat lead page")
    page.locator("#transcript").scroll_into_view_if_needed()
    checker.screenshot("chat-transcript-desktop")
    checker.goto(f"/admin/leads/inspect/{lead.pk}/", "phone")
    assert_admin_accessible(checker, "live chat lead page on a phone")
    page.locator("#transcript").scroll_into_view_if_needed()
    checker.screenshot("chat-transcript-phone")

    for width in ("desktop", "phone"):
        checker.goto("/admin/chats/", width)
        assert "Live chat" in page.inner_text("main")
        checker.screenshot(f"chat-panel-skeleton-{width}")
    checker.assert_same_origin_only()
