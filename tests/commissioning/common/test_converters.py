"""Tokens in addresses: anything that is not made like a real token is a 404 before any query."""

import pytest
from django.urls import reverse

from tests.factories.priorities import SubscriberFactory

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("token", ["%00", "abc%00def", "a" * 65, "%E2%80%AE", "not.a.token"])
@pytest.mark.parametrize("prefix", ["/mailing-list/confirm/", "/mailing-list/unsubscribe/", "/invitations/"])
def test_a_made_up_token_answers_404_without_touching_the_database(client, django_assert_num_queries, prefix, token):
    with django_assert_num_queries(0):
        response = client.get(f"{prefix}{token}/")

    assert response.status_code == 404


def test_a_real_token_still_opens_its_page(client):
    subscriber = SubscriberFactory()

    response = client.get(reverse("mailing_unsubscribe", args=[subscriber.token]))

    assert response.status_code == 200
    assert subscriber.email in response.content.decode() or "unsubscribe" in response.content.decode().lower()
