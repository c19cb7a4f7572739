"""What the sockets hear goes out once the rows are stored; a send that fails says
why in the log, without a word of what was being sent."""

import pytest
from redis.exceptions import ConnectionError as RedisConnectionError

from contact.chat import services

TEXT = "CANARY-7731 I have been drinking every night"
EVENT = {"type": "chat.message", "message": {"seq": 2, "text": TEXT}}


class FlakyLayer:
    """A channel layer whose first `failures` sends raise `error`."""

    def __init__(self, error: Exception, failures: int):
        self.error, self.failures, self.sent = error, failures, []

    async def group_send(self, group, message):
        if self.failures:
            self.failures -= 1
            raise self.error
        self.sent.append((group, message))


@pytest.fixture
def use_layer(monkeypatch):
    def use(layer):
        monkeypatch.setattr(services, "get_channel_layer", lambda: layer)
        return layer

    return use


def test_a_dropped_connection_is_tried_again_and_the_message_goes_out(
    use_layer, caplog
):
    layer = use_layer(FlakyLayer(RedisConnectionError("Connection reset"), 1))
    assert services.broadcast([("chat.conv.7", EVENT)]) == 0
    assert layer.sent == [("chat.conv.7", EVENT)]
    assert not caplog.records


def test_a_send_that_keeps_failing_is_logged_with_its_reason(use_layer, caplog):
    layer = use_layer(FlakyLayer(RedisConnectionError("Error 111 connecting"), 2))
    assert services.broadcast([("chat.conv.7", EVENT), ("chat.staff", EVENT)]) == 1
    assert layer.sent == [("chat.staff", EVENT)]
    [record] = caplog.records
    assert record.getMessage() == (
        "Live chat: a chat.message event to chat.conv.7 was not sent "
        "(ConnectionError: Error 111 connecting)"
    )


def test_a_loop_in_the_way_is_named_and_not_retried(use_layer, caplog):
    error = RuntimeError("You cannot use AsyncToSync in the same thread as a loop")
    layer = use_layer(FlakyLayer(error, 1))
    assert services.broadcast([("chat.staff", EVENT)]) == 1
    assert layer.sent == []
    assert "(RuntimeError: You cannot use AsyncToSync" in caplog.text


def test_an_error_that_could_quote_the_event_is_logged_by_class_only(use_layer, caplog):
    use_layer(FlakyLayer(TypeError(f"cannot serialize {EVENT!r}"), 1))
    assert services.broadcast([("chat.conv.7", EVENT)]) == 1
    assert "was not sent (TypeError)" in caplog.text
    assert "CANARY-7731" not in caplog.text
