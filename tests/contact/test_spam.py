"""The signed stamp and the client key behind the spam defences."""

import time

from django.test import RequestFactory

from contact.spam import StampState, check_stamp, client_key, make_stamp


def test_the_stamp_checks_its_age_and_its_submission(settings):
    now = time.time()
    stamp = make_stamp("abc", now=now)
    assert check_stamp(stamp, "abc", now=now + 1) is StampState.TOO_FAST
    assert check_stamp(stamp, "abc", now=now + 30) is StampState.OK
    assert (
        check_stamp(stamp, "abc", now=now + settings.LEAD_FORM_MAX_AGE + 1)
        is StampState.EXPIRED
    )
    assert check_stamp(stamp, "other", now=now + 30) is StampState.INVALID
    assert check_stamp(stamp + "x", "abc", now=now + 30) is StampState.INVALID


def test_the_client_key_is_a_keyed_hash_of_the_address(settings):
    factory = RequestFactory()
    one = client_key(factory.get("/", REMOTE_ADDR="192.0.2.7"))
    assert len(one) == 32 and "192.0.2.7" not in one
    assert one == client_key(factory.get("/", REMOTE_ADDR="192.0.2.7"))
    assert one != client_key(factory.get("/", REMOTE_ADDR="192.0.2.8"))


def test_behind_a_trusted_proxy_the_forwarded_client_counts(settings):
    factory = RequestFactory()
    settings.TRUSTED_PROXY_COUNT = 0
    direct = client_key(factory.get("/", REMOTE_ADDR="192.0.2.7"))
    settings.TRUSTED_PROXY_COUNT = 1
    proxied = factory.get(
        "/", REMOTE_ADDR="127.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.9, 192.0.2.7"
    )
    assert client_key(proxied) == direct
