"""Which address counts as the client's: the connection's, or a trusted proxy's header."""

import pytest
from django.test import RequestFactory

from commissioning.common.client import client_address
from commissioning.common.ratelimit import client_of


def request_from(remote, forwarded=None):
    extra = {"REMOTE_ADDR": remote}
    if forwarded is not None:
        extra["HTTP_X_FORWARDED_FOR"] = forwarded
    return RequestFactory().get("/", **extra)


def test_without_a_trusted_proxy_the_header_is_ignored(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from("192.0.2.1", "203.0.113.9")) == "192.0.2.1"


@pytest.mark.parametrize(
    ("proxies", "forwarded", "expected"),
    [
        (1, "203.0.113.9", "203.0.113.9"),
        (1, "6.6.6.6, 203.0.113.9", "203.0.113.9"),  # the client wrote the first entry itself
        (2, "6.6.6.6, 203.0.113.9, 198.51.100.1", "203.0.113.9"),
        (2, "203.0.113.9", "203.0.113.9"),
        (1, "2001:db8::1", "2001:db8::1"),
        (1, "not-an-address", "192.0.2.1"),
        (1, "", "192.0.2.1"),
    ],
)
def test_with_trusted_proxies_the_client_is_counted_from_the_right(settings, proxies, forwarded, expected):
    settings.TRUSTED_PROXY_COUNT = proxies

    assert client_address(request_from("192.0.2.1", forwarded)) == expected


def test_a_missing_remote_address_is_still_an_address(settings):
    settings.TRUSTED_PROXY_COUNT = 0

    assert client_address(request_from("")) == "unknown"


def test_limits_per_client_elsewhere_count_the_same_address(settings):
    settings.TRUSTED_PROXY_COUNT = 1

    assert client_of(request_from("10.0.0.2", "203.0.113.9")) == "203.0.113.9"
