"""A request body larger than MAX_REQUEST_BYTES is refused with 413 before anything reads it."""

import pytest
from django.conf import settings as django_settings
from django.contrib.sessions.models import Session
from django.urls import reverse

from commissioning.accounts.models import User

pytestmark = pytest.mark.django_db

MEGABYTE = 1024 * 1024


def test_an_anonymous_100_mb_upload_is_refused_with_a_plain_page(client, settings):
    settings.MAX_REQUEST_BYTES = 10 * MEGABYTE

    response = client.post(
        reverse("account_signup"),
        data=b"x" * 1024,
        content_type="multipart/form-data; boundary=xyz",
        CONTENT_LENGTH=str(100 * MEGABYTE),  # what it declares; the body is never read
    )

    content = response.content.decode()
    assert response.status_code == 413
    assert response["Content-Type"] == "text/html; charset=utf-8"
    assert "<h1>What you sent is too large</h1>" in content
    assert "The most this site accepts in one go is 10 MB. Nothing was saved." in content
    assert '<html lang="en-GB">' in content
    assert not Session.objects.exists()
    assert not User.objects.exists()


def test_a_body_just_over_the_limit_is_refused_and_one_at_the_limit_is_not(client, settings):
    settings.MAX_REQUEST_BYTES = 2048

    over = client.post(
        reverse("workshop_join"), data=b"code=" + b"A" * 2044, content_type="application/x-www-form-urlencoded"
    )
    at = client.post(
        reverse("workshop_join"), data=b"code=" + b"A" * 2043, content_type="application/x-www-form-urlencoded"
    )

    assert over.status_code == 413
    assert at.status_code == 200
    assert "Join a workshop" in at.content.decode()


def test_django_keeps_form_data_in_memory_only_up_to_the_limit():
    assert django_settings.DATA_UPLOAD_MAX_MEMORY_SIZE <= django_settings.MAX_REQUEST_BYTES
    assert django_settings.FILE_UPLOAD_MAX_MEMORY_SIZE <= django_settings.MAX_REQUEST_BYTES


def test_the_limit_can_be_turned_off(client, settings):
    settings.MAX_REQUEST_BYTES = 0

    response = client.post(reverse("workshop_join"), data={"code": "NOPE2345"})

    assert response.status_code == 200
