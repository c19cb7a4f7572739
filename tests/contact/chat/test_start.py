"""POST /chat/live/ and /chat/session/'s "live": JSON answers, never a 500."""

from datetime import timedelta
from unittest import mock

import pytest
from django.db import OperationalError
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from contact.chat.models import ChatAvailability, ChatMessage, ConversationState
from contact.choices import LeadKind
from contact.models import Lead
from tests.support.chat import FIRST, NAME, live_data, start

pytestmark = pytest.mark.django_db


def test_starting_stores_a_waiting_live_chat_lead_and_answers_a_token(
    client, dana, mailoutbox
):
    response = start(client)
    assert response.status_code == 201
    assert (
        "no-store" in response["Cache-Control"]
        or "no-cache" in response["Cache-Control"]
    )
    data = response.json()
    assert set(data) == {"token", "reference", "socket"}
    assert data["socket"] == "/ws/chat/"
    lead = Lead.objects.get()
    assert (lead.kind, lead.reference, lead.status) == (
        LeadKind.LIVE_CHAT,
        data["reference"],
        "new",
    )
    assert (lead.preferred_name, lead.first_message) == (NAME, FIRST)
    assert lead.conversation.state == ConversationState.WAITING
    assert list(ChatMessage.objects.values_list("seq", "sender", "text")) == [
        (1, "visitor", FIRST)
    ]
    # The token is not the secret the database keeps.
    assert lead.conversation.secret_hash not in data["token"]
    # A waiting chat is not emailed; only one nobody answers is.
    assert mailoutbox == []
    assert lead.notified_at is None


@pytest.mark.parametrize(
    ("overrides", "field"),
    [
        ({"preferred_name": ""}, "preferred_name"),
        ({"preferred_name": "x" * 81}, "preferred_name"),
        ({"first_message": "   "}, "first_message"),
        ({"first_message": "x" * 1001}, "first_message"),
        ({"first_message": "hi\x00"}, "first_message"),
        ({"consent": None}, "consent"),
        ({"lead_for": "stranger"}, "lead_for"),
    ],
)
def test_bad_input_gets_400_with_a_message_per_field(client, dana, overrides, field):
    response = start(client, **overrides)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert list(errors) == [field]
    assert all(len(message) > 10 for message in errors[field])
    assert not Lead.objects.exists()


def test_a_stale_form_is_asked_again_not_stored(client, dana):
    response = start(client, age=60 * 60 * 13)
    assert response.status_code == 400
    assert response.json()["error"] == "stale"
    assert not Lead.objects.exists()


def test_nobody_available_answers_409_with_the_phone(client, dana):
    ChatAvailability.objects.update(seen_at=timezone.now() - timedelta(seconds=91))
    response = start(client)
    assert response.status_code == 409
    assert response.json() == {"error": "unavailable", "phone": "(843) 555-0134"}
    assert not Lead.objects.exists()


def test_the_per_address_rate_limit_answers_429(client, dana, settings):
    settings.LEAD_RATE_LIMIT = 2
    assert start(client).status_code == 201
    assert start(client).status_code == 201
    response = start(client)
    assert response.status_code == 429
    assert response.json()["error"] == "rate_limited"
    assert response.json()["phone"]
    assert Lead.objects.count() == 2


def test_a_database_outage_answers_503_with_the_phone(client, dana):
    with mock.patch(
        "contact.chat.views.start_chat", side_effect=OperationalError("down")
    ):
        response = start(client)
    assert response.status_code == 503
    assert response.json() == {"error": "unavailable", "phone": "(843) 555-0134"}


def test_a_double_submit_returns_the_same_chat_once(client, dana):
    data = live_data()
    first = client.post(reverse("contact:live_start"), data)
    again = client.post(reverse("contact:live_start"), data)
    assert first.status_code == again.status_code == 201
    assert first.json() == again.json()
    assert Lead.objects.count() == 1


def test_a_submission_replayed_from_another_browser_gets_nothing(client, dana):
    data = live_data()
    first = client.post(reverse("contact:live_start"), data)
    replay = Client().post(reverse("contact:live_start"), data)
    assert first.status_code == 201
    assert replay.status_code == 403
    assert "token" not in replay.json() and "reference" not in replay.json()
    assert Lead.objects.count() == 1


def test_a_bot_is_quarantined_and_its_chat_never_reaches_staff(client, dana):
    response = start(client, leave_blank="http://spam.example")
    assert response.status_code == 201
    lead = Lead.objects.get()
    assert lead.is_spam and lead.spam_reason == "honeypot"
    assert lead.conversation.state == ConversationState.ENDED


def test_a_crisis_in_the_first_message_marks_it_urgent(client, dana):
    start(client, first_message="I want to end my life")
    assert Lead.objects.get().is_urgent


def test_get_is_not_allowed(client):
    assert client.get(reverse("contact:live_start")).status_code == 405


def test_session_says_whether_anyone_is_taking_chats(client, dana):
    assert client.get(reverse("contact:chat_session")).json()["live"] is True
    ChatAvailability.objects.update(is_available=False)
    assert client.get(reverse("contact:chat_session")).json()["live"] is False


def test_nothing_typed_reaches_the_log(client, dana, caplog):
    caplog.set_level("DEBUG")
    start(client)
    start(client, first_message="x" * 2000)
    for secret in ("Quincy", "Canary", "CANARY", "drinking"):
        assert secret not in caplog.text


def test_a_post_without_its_csrf_token_answers_json(dana):
    client = Client(enforce_csrf_checks=True)
    response = client.post(reverse("contact:live_start"), live_data())
    assert response.status_code == 403
    assert response.json() == {"error": "csrf", "phone": "(843) 555-0134"}
    assert not Lead.objects.exists()


@pytest.mark.parametrize(
    "first_message",
    [
        "😭" * 200,
        "I want to dіe Я хочу умереть أريد أن أموت",
        "\u202eI want to die\u202c",
        "\u200b\u200b\u200b",
        "x" * 100_000,
    ],
    ids=["emoji", "mixed-script", "rtl-override", "zero-width", "100-kb"],
)
def test_odd_first_messages_never_answer_500(client, dana, first_message):
    response = start(client, first_message=first_message)
    assert response.status_code in {201, 400}
    if response.status_code == 201 and "die" in first_message:
        assert Lead.objects.get().is_urgent
