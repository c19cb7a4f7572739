"""Live chat fixtures: a fresh channel layer, staff taking chats, a started chat."""

import pytest
from channels.layers import get_channel_layer

from contact.models import Lead
from tests.support.chat import in_own_thread, make_user, start


@pytest.fixture(autouse=True)
def _fresh_layer():
    layer = get_channel_layer()
    in_own_thread(layer.flush)
    yield
    in_own_thread(layer.flush)


@pytest.fixture
def lee(db):
    return make_user("lee", first_name="Lee", last_name="Marsh")


@pytest.fixture
def chat(client, dana):
    """A started chat: the visitor's client, token and lead pk."""
    response = start(client)
    assert response.status_code == 201, response.content
    data = response.json()
    lead = Lead.objects.get(reference=data["reference"])
    return {
        "client": client,
        "token": data["token"],
        "lead": lead,
        "conversation_pk": lead.conversation.pk,
        "data": data,
    }
