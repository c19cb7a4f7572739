"""Users in each role and a canary lead whose details must never leak."""

import pytest
from django.contrib.auth.models import Group, Permission

from contact.lead_factories import ChatRequestFactory, InquiryFactory
from contact.permissions import get_lead_reviewers_group
from lantana.core.models import User

CANARY = {
    "preferred_name": "Zebulon Canary",
    "email": "zebulon.canary@example.org",
    "phone": "+18435559876",
    "message": "CANARY-MESSAGE-7731 please call after work",
    "source_path": "/canary-source-page/",
    "utm_campaign": "canary-campaign-42",
}
CANARY_STRINGS = [*CANARY.values(), "Zebulon", "5559876"]


def make_user(username, **extra):
    return User.objects.create_user(
        username, f"{username}@lantana.example", "password", **extra
    )


@pytest.fixture
def reviewer(db):
    user = make_user("reviewer", first_name="Rae", last_name="Viewer")
    user.groups.add(get_lead_reviewers_group())
    return user


@pytest.fixture
def editor(db):
    """An editor with admin access, as Wagtail's default Editors group has."""
    group, _ = Group.objects.get_or_create(name="Editors")
    group.permissions.add(
        Permission.objects.get(
            content_type__app_label="wagtailadmin", codename="access_admin"
        )
    )
    user = make_user("editor")
    user.groups.add(group)
    return user


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("boss", "boss@lantana.example", "password")


@pytest.fixture
def canary(location):
    return InquiryFactory(location=location, **CANARY)


@pytest.fixture
def canary_chat(location):
    return ChatRequestFactory(
        location=location,
        first_message="CANARY-CHAT-5150",
        **CANARY | {"email": "zebulon.chat@example.org"},
    )


def body(response) -> bytes:
    if getattr(response, "streaming", False):
        return b"".join(response.streaming_content)
    return response.content


def leaked(response) -> list[str]:
    text = body(response).decode("utf-8", errors="replace")
    return [value for value in CANARY_STRINGS if value in text]
