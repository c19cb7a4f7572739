"""manage.py start_intake_session: the verified staff session deploy/smoke_chat.py
and bench/chat.py drive the staff socket with."""

from io import StringIO

import pytest
from channels.db import database_sync_to_async
from django.conf import settings
from django.core.management import call_command
from django.test import Client
from django.urls import reverse
from django_otp.plugins.otp_totp.models import TOTPDevice

from contact.permissions import LEAD_REVIEWERS
from lantana.core.models import User
from tests.support.chat import asynchronous, staff


def start_intake_session(*args: str) -> list[str]:
    out = StringIO()
    call_command("start_intake_session", *args, stdout=out)
    return out.getvalue().splitlines()


def session_key(cookie: str) -> str:
    name, _, key = cookie.partition("=")
    assert name == settings.SESSION_COOKIE_NAME
    return key


def test_prints_a_verified_lead_reviewers_session(db):
    [cookie] = start_intake_session(
        "smoke-intake", "--first-name", "Robin", "--last-name", "Smoke"
    )
    user = User.objects.get(username="smoke-intake")
    assert (user.first_name, user.last_name) == ("Robin", "Smoke")
    assert list(user.groups.values_list("name", flat=True)) == [LEAD_REVIEWERS]
    client = Client()
    client.cookies[settings.SESSION_COOKIE_NAME] = session_key(cookie)
    # The live panel wants the second step and the lead permission both.
    assert client.get(reverse("contact_live_chat")).status_code == 200


def test_running_again_reuses_the_user_and_device_with_a_new_session(db):
    [first] = start_intake_session("smoke-intake", "--first-name", "Robin")
    [second] = start_intake_session("smoke-intake", "--first-name", "Robin")
    assert first != second
    assert User.objects.filter(username="smoke-intake").count() == 1
    assert TOTPDevice.objects.filter(user__username="smoke-intake").count() == 1


def test_count_makes_numbered_users(db):
    cookies = start_intake_session(
        "bench-intake", "--first-name", "Dana", "--last-name", "Bench", "--count", "3"
    )
    assert len(set(cookies)) == 3
    users = User.objects.filter(username__startswith="bench-intake-")
    assert sorted(users.values_list("username", "first_name", "last_name")) == [
        ("bench-intake-0", "Dana0", "Bench"),
        ("bench-intake-1", "Dana1", "Bench"),
        ("bench-intake-2", "Dana2", "Bench"),
    ]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@asynchronous
async def test_the_staff_socket_accepts_the_session():
    [cookie] = await database_sync_to_async(start_intake_session)("smoke-intake")
    communicator, queue, availability = await staff(session_key(cookie))
    assert (queue["type"], availability["type"]) == ("queue", "availability")
    await communicator.disconnect()
