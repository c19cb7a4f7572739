"""Users in each role and a canary lead whose details must never leak."""

import pytest

from demo.factories.leads import ChatRequestFactory, InquiryFactory
from lantana.core.models import User
from tests.support.auth import sign_in
from tests.support.leads import CANARY, KIND_FACTORIES, make_canary


@pytest.fixture
def superuser(db):
    return User.objects.create_superuser("boss", "boss@lantana.example", "password")


@pytest.fixture
def canary(location):
    return InquiryFactory(location=location, **CANARY)


@pytest.fixture(params=list(KIND_FACTORIES))
def canary_of_each_kind(request, location):
    """The canary once per kind a public form files (tests/support/leads.py)."""
    return make_canary(request.param, location=location)


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
