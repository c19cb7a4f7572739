"""Which address a request came from, with 0, 1 and 2 trusted proxies."""

import pytest
from django.test import RequestFactory

from lantana.core.client_address import get_client_address, get_client_network

factory = RequestFactory()


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return factory.get("/", **extra)


def test_with_no_trusted_proxy_the_socket_address_counts_and_the_header_is_ignored(
    settings,
):
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_address(request_from("192.0.2.7")) == "192.0.2.7"
    spoofed = request_from("192.0.2.7", forwarded="203.0.113.1")
    assert get_client_address(spoofed) == "192.0.2.7"


def test_behind_one_proxy_the_rightmost_forwarded_address_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_address(request_from("127.0.0.1", "192.0.2.7")) == "192.0.2.7"
    # A client that sends its own X-Forwarded-For only adds entries on the left.
    spoofed = request_from("127.0.0.1", "203.0.113.1, 10.9.9.9, 192.0.2.7")
    assert get_client_address(spoofed) == "192.0.2.7"


def test_behind_two_proxies_the_second_from_the_right_counts(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    request = request_from("10.0.0.2", "203.0.113.1, 192.0.2.7, 10.0.0.1")
    assert get_client_address(request) == "192.0.2.7"


def test_too_few_hops_fall_back_to_the_socket_address(settings):
    settings.TRUSTED_PROXY_COUNT = 2
    assert get_client_address(request_from("10.0.0.2", "192.0.2.7")) == "10.0.0.2"
    assert get_client_address(request_from("10.0.0.2")) == "10.0.0.2"


@pytest.mark.parametrize(
    "forwarded", ["unknown", "not-an-ip", "192.0.2.7; rm -rf /", "<script>", ""]
)
def test_junk_in_the_header_is_never_taken_for_an_address(settings, forwarded):
    settings.TRUSTED_PROXY_COUNT = 1
    assert get_client_address(request_from("127.0.0.1", forwarded)) in {"", "127.0.0.1"}


def test_addresses_are_normalised(settings):
    settings.TRUSTED_PROXY_COUNT = 1
    assert (
        get_client_address(request_from("127.0.0.1", "[2001:db8::1]")) == "2001:db8::1"
    )
    settings.TRUSTED_PROXY_COUNT = 0
    assert get_client_address(request_from("::ffff:192.0.2.7")) == "192.0.2.7"


def test_ipv6_clients_are_counted_per_64_and_ipv4_per_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0
    one = get_client_network(request_from("2001:db8:1:2::1"))
    two = get_client_network(request_from("2001:db8:1:2:ffff::9"))
    other = get_client_network(request_from("2001:db8:1:3::1"))
    assert one == two == "2001:db8:1:2::/64"
    assert other != one
    assert get_client_network(request_from("192.0.2.7")) == "192.0.2.7"
    assert get_client_network(request_from("192.0.2.8")) == "192.0.2.8"
