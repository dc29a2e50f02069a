"""With the shared cache unreachable, signing in and joining a workshop still work, limits are
counted in this process instead, the failure is logged, and no page answers 500.

The cache points at a real closed port on loopback: Redis is not mocked, it is not there.
"""

import logging
import shutil
import socket

import pytest
from django.core.cache import cache
from django.test import Client
from django.urls import reverse
from redis import Redis

from commissioning.common import cache as fallback_cache
from priorities.workshop import services
from tests.celery_support import RedisServer, skip_or_fail
from tests.factories.commissioning import PASSWORD, UserFactory
from tests.priorities.workshop.helpers import seat, workshop_with_issues

pytestmark = pytest.mark.django_db

WRONG_PASSWORD_MESSAGE = "The email address and/or password you specified are not correct."
RATE_LIMIT_MESSAGE = "Too many failed login attempts. Try again later."


def closed_loopback_port():
    """A port on loopback that nothing listens on: bound once by us to pick it, then closed."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


@pytest.fixture(autouse=True)
def unreachable_cache(settings):
    port = closed_loopback_port()
    settings.CACHES = {
        "default": {
            "BACKEND": "commissioning.common.cache.FallbackRedisCache",
            "LOCATION": f"redis://:secret-password@127.0.0.1:{port}/1",
            "KEY_PREFIX": "commissioning",
            "OPTIONS": {"socket_connect_timeout": 1.0, "socket_timeout": 1.0},
        }
    }
    return port


def sign_in(client, email, password=PASSWORD):
    return client.post(reverse("account_login"), {"login": email, "password": password})


def test_signing_in_works_and_the_failure_is_logged_without_the_password(client, caplog, unreachable_cache):
    user = UserFactory(email="olive@example.org")

    with caplog.at_level(logging.ERROR, logger="commissioning.cache"):
        response = sign_in(client, "olive@example.org")

    assert response.status_code == 302
    assert int(client.session["_auth_user_id"]) == user.pk
    messages = [record.getMessage() for record in caplog.records if record.name == "commissioning.cache"]
    assert len(messages) == 1, "logged once, not on every cache call"
    assert f"redis://127.0.0.1:{unreachable_cache}/1 cannot be reached" in messages[0]
    assert "secret-password" not in messages[0]


def test_wrong_passwords_are_still_limited_per_account_in_this_process(client):
    UserFactory(email="olive@example.org")
    for _ in range(5):
        assert WRONG_PASSWORD_MESSAGE in sign_in(client, "olive@example.org", "guess-again-123").content.decode()

    response = sign_in(Client(), "olive@example.org")

    assert response.status_code == 200
    assert RATE_LIMIT_MESSAGE in response.content.decode()


def test_joining_a_workshop_with_a_code_works(client, round_, officer):
    workshop = workshop_with_issues(round_)
    me = services.issue_join_code(seat(workshop), by=officer)

    wrong = client.post(reverse("workshop_join"), {"code": "WRONG234"})
    response = client.post(reverse("workshop_join"), {"code": me.join_code}, follow=True)

    assert "That code does not match" in wrong.content.decode()
    assert response.status_code == 200
    assert f"You are voting as {me.user}" in response.content.decode()


def test_wrong_join_codes_are_still_counted_in_this_process(client, settings, round_):
    settings.FAILURES_PER_CLIENT = 3
    for _ in range(3):
        Client().post(reverse("workshop_join"), {"code": "WRONG234"})

    response = client.post(reverse("workshop_join"), {"code": "WRONG234"})

    assert "Too many wrong codes" in response.content.decode()


@pytest.mark.parametrize(
    "url_name", ["home", "account_login", "account_signup", "workshop_join", "account_reset_password"]
)
def test_pages_answer_without_the_cache(client, url_name):
    assert client.get(reverse(url_name)).status_code == 200


def test_signed_in_pages_and_signing_out_answer_without_the_cache(client, round_, officer):
    client.force_login(officer)

    assert client.get(reverse("round_detail", args=[round_.pk])).status_code == 200
    assert client.post(reverse("account_logout")).status_code == 302


def test_the_cache_api_answers_from_memory_while_redis_is_down():
    assert cache.add("counter", 0, 60) is True
    assert cache.incr("counter") == 1
    assert cache.get("counter") == 1
    cache.set_many({"a": 1, "b": 2})
    assert cache.get_many(["a", "b"]) == {"a": 1, "b": 2}
    cache.delete("a")
    assert cache.has_key("a") is False
    assert cache.get_or_set("c", 3) == 3


def test_the_cache_goes_back_to_redis_when_it_answers_again(settings, tmp_path, monkeypatch, caplog):
    if shutil.which("redis-server") is None:
        skip_or_fail("redis-server is not installed.")
    monkeypatch.setattr(fallback_cache, "RETRY_AFTER_SECONDS", 0)
    server = RedisServer(tmp_path)
    server.start()
    try:
        settings.CACHES = {
            "default": {
                "BACKEND": "commissioning.common.cache.FallbackRedisCache",
                "LOCATION": f"redis://127.0.0.1:{server.port}/1",
                "KEY_PREFIX": "commissioning",
                "OPTIONS": {"socket_connect_timeout": 1.0, "socket_timeout": 1.0},
            }
        }
        redis = Redis(host="127.0.0.1", port=server.port, db=1)
        cache.set("shared", "in redis", 60)
        assert redis.exists(cache.make_and_validate_key("shared"))

        server.stop()
        with caplog.at_level(logging.ERROR, logger="commissioning.cache"):
            cache.set("while-down", "in memory", 60)
            assert cache.get("while-down") == "in memory"
        assert any("cannot be reached" in record.getMessage() for record in caplog.records)

        server.start()
        cache.set("after", "in redis again", 60)

        assert redis.get(cache.make_and_validate_key("after")) is not None
        assert cache.get("after") == "in redis again"
    finally:
        server.stop()
