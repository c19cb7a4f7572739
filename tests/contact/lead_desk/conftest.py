"""Users in each role and a canary lead whose details must never leak."""

import pytest
from django.contrib.auth.models import Group, Permission

from contact.permissions import get_lead_reviewers_group
from demo.factories.leads import ChatRequestFactory, InquiryFactory
from lantana.core.models import User
from tests.support.auth import sign_in
from tests.support.leads import CANARY, make_user


@pytest.fixture
def lead_reviewer(db):
    user = make_user("reviewer", first_name="Rae", last_name="Viewer")
    user.groups.add(get_lead_reviewers_group())
    return user


@pytest.fixture
def site_editor(db):
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


@pytest.fixture
def desk(client, lead_reviewer):
    """A client signed in as the lead reviewer."""
    sign_in(client, lead_reviewer)
    return client
