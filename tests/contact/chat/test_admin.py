"""The staff side over HTTP: the live panel, its menu item, the transcript on the
lead page, canned replies, and what notify_pending and purge_leads do with chats."""

import io
import uuid
from datetime import timedelta

import pytest
from django.core.management import call_command
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import timezone

from contact.chat import services
from contact.chat.models import CannedReply, ChatConversation, ChatMessage
from contact.models import Lead
from tests.support.auth import sign_in
from tests.support.chat import make_user, start

pytestmark = pytest.mark.django_db


@pytest.fixture
def started(client, dana, home):
    response = start(client)
    return Lead.objects.get(reference=response.json()["reference"])


def test_the_live_panel_carries_what_the_script_starts_with(client, dana, started):
    CannedReply.objects.create(title="Welcome", text="Hi, I'm glad you reached out.")
    staff_client = sign_in(client.__class__(), dana)
    response = staff_client.get(reverse("contact_live_chat"))
    assert response.status_code == 200
    context = response.context
    assert context["socket_path"] == "/ws/chat/staff/"
    assert context["is_available"] is True
    assert context["canned_replies"] == [
        {"title": "Welcome", "text": "Hi, I'm glad you reached out."}
    ]
    assert {c["name"] for c in context["colleagues"]} == {"Dana Pierce"}
    assert context["timeout_minutes"] == 3
    html = response.content.decode()
    assert 'id="canned-replies"' in html
    assert "needs JavaScript" in html
    assert "Live chat (1 waiting)" in html


def test_only_lead_reviewers_reach_the_panel(client, home):
    editor = make_user("eddie", reviewer=False)
    from django.contrib.auth.models import Permission

    editor.user_permissions.add(Permission.objects.get(codename="access_admin"))
    assert client.get(reverse("contact_live_chat")).status_code == 302
    response = sign_in(client, editor).get(reverse("contact_live_chat"))
    assert response.status_code in (302, 403)
    home_page = client.get(reverse("wagtailadmin_home")).content.decode()
    assert "Live chat" not in home_page


def test_the_lead_page_shows_the_transcript_escaped(client, dana, started):
    services.accept(started.pk, dana)
    services.post_message(started.pk, "<script>alert(1)</script> & hi", staff_user=dana)
    response = sign_in(client.__class__(), dana).get(
        reverse("leads:inspect", args=[started.pk])
    )
    html = response.content.decode()
    assert "Chat transcript" in html
    assert "&lt;script&gt;alert(1)&lt;/script&gt; &amp; hi" in html
    assert "<script>alert(1)" not in html
    assert "Dana Pierce" in html
    # Accepting was a change to the lead like any other: it is in the timeline.
    assert "Status: New → In progress" in html


def test_the_lead_page_runs_the_same_queries_however_long_the_chat(
    client, dana, started
):
    services.accept(started.pk, dana)
    staff_client = sign_in(client.__class__(), dana)
    url = reverse("leads:inspect", args=[started.pk])
    staff_client.get(url)

    def count() -> int:
        with CaptureQueriesContext(connection) as queries:
            assert staff_client.get(url).status_code == 200
        return len(queries)

    before = count()
    for number in range(8):
        services.post_message(started.pk, f"reply {number}", staff_user=dana)
    assert count() == before


def test_lead_reviewers_can_edit_canned_replies(client, dana, home):
    staff_client = sign_in(client, dana)
    response = staff_client.get(reverse("wagtailsnippets_contact_cannedreply:add"))
    assert response.status_code == 200
    CannedReply.objects.create(title="B", text="second", sort_order=2)
    CannedReply.objects.create(title="A", text="first", sort_order=1)
    assert [reply["title"] for reply in services.canned_replies()] == ["A", "B"]


def test_notify_pending_times_out_waiting_chats_and_emails_them_once(
    started, mailoutbox
):
    call_command("notify_pending", stdout=io.StringIO())
    assert mailoutbox == []  # still waiting: staff may yet answer
    Lead.objects.filter(pk=started.pk).update(
        received_at=timezone.now() - timedelta(minutes=4)
    )
    call_command("notify_pending", stdout=io.StringIO())
    call_command("notify_pending", stdout=io.StringIO())
    assert len(mailoutbox) == 1
    conversation = ChatConversation.objects.get(lead=started)
    assert conversation.state == "unanswered"
    last = conversation.messages.order_by("-seq").first()
    assert last.sender == "system" and "988" in last.text
    assert "Quincy" not in mailoutbox[0].body and "CANARY" not in mailoutbox[0].body


def test_an_answered_chat_is_never_emailed(started, dana, mailoutbox):
    services.accept(started.pk, dana)
    Lead.objects.filter(pk=started.pk).update(
        received_at=timezone.now() - timedelta(minutes=30)
    )
    call_command("notify_pending", stdout=io.StringIO())
    services.close(started.pk, dana)
    call_command("notify_pending", stdout=io.StringIO())
    assert mailoutbox == []


def test_the_transcript_goes_with_its_lead(started, dana):
    services.accept(started.pk, dana)
    services.post_message(started.pk, "hello", client_id=uuid.uuid4(), staff_user=dana)
    Lead.objects.filter(pk=started.pk).delete()
    assert not ChatConversation.objects.exists()
    assert not ChatMessage.objects.exists()


def test_purge_leads_removes_old_closed_chats_with_their_messages(started, settings):
    Lead.objects.filter(pk=started.pk).update(
        status="closed", closed_at=timezone.now() - timedelta(days=400)
    )
    call_command("purge_leads", stdout=io.StringIO())
    assert not Lead.objects.exists()
    assert not ChatMessage.objects.exists()


def test_the_export_keeps_only_the_first_message(client, dana, started):
    services.accept(started.pk, dana)
    services.post_message(started.pk, "SECOND-MESSAGE-TEXT", staff_user=dana)
    response = sign_in(client.__class__(), dana).get(
        reverse("leads:index") + "?export=csv"
    )
    body = (
        b"".join(response.streaming_content).decode()
        if response.streaming
        else response.content.decode()
    )
    assert "CANARY-FIRST-5521" in body
    assert "SECOND-MESSAGE-TEXT" not in body
