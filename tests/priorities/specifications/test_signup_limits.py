"""The sign-up form cannot be used to flood someone's inbox."""

from datetime import timedelta

import pytest
from django.urls import reverse

from commissioning.outbox.models import OutgoingEmail
from priorities.specifications.models import Subscriber
from tests.factories.priorities import PriorityFactory, SubscriberFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _published(round_, officer):
    """Sign-up opens once something of the round is published."""
    published(PriorityFactory(round=round_, issue__round=round_), officer)


def _sign_up(client, round_, email, *, client_address="192.0.2.10"):
    return client.post(
        reverse("mailing_signup", args=[round_.public_key]),
        {"name": "Ann Example", "email": email, "organisation": ""},
        REMOTE_ADDR=client_address,
    )


def _confirmations(email):
    return OutgoingEmail.objects.filter(to_email=email, dedup_key__startswith="mailing:confirm:")


def test_25_sign_ups_for_one_address_send_one_email(client, round_, mailoutbox, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_sign_up(client, round_, "victim@example.org", client_address=f"192.0.2.{n}") for n in range(25)]

    assert [r.status_code for r in responses] == [200] * 25
    assert len(mailoutbox) == 1
    assert mailoutbox[0].to == ["victim@example.org"]
    assert _confirmations("victim@example.org").count() == 1
    assert Subscriber.objects.get(email="victim@example.org").status == "pending"
    page = responses[-1].content.decode()
    assert "If victim@example.org is not on the list yet, we are sending it a link to confirm." in page
    assert "at most once every 15 minutes" in page


def test_link_is_sent_again_after_15_minutes_with_the_same_token(
    client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, round_, "ann@example.org")
    subscriber = Subscriber.objects.get(email="ann@example.org")
    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=subscriber.confirmation_sent_at - timedelta(minutes=14)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, round_, "ann@example.org")
    assert len(mailoutbox) == 1

    Subscriber.objects.filter(pk=subscriber.pk).update(
        confirmation_sent_at=subscriber.confirmation_sent_at - timedelta(minutes=16)
    )
    with django_capture_on_commit_callbacks(execute=True):
        _sign_up(client, round_, "ann@example.org")

    assert len(mailoutbox) == 2
    link = reverse("mailing_confirm", args=[subscriber.token])
    assert link in mailoutbox[0].body and link in mailoutbox[1].body  # one pending confirmation, sent twice


def test_an_address_is_acted_on_at_most_five_times_an_hour(
    client, round_, mailoutbox, django_capture_on_commit_callbacks
):
    for n in range(25):
        with django_capture_on_commit_callbacks(execute=True):
            _sign_up(client, round_, "victim@example.org", client_address=f"198.51.100.{n}")
        # As if every sign-up came more than 15 minutes after the last.
        Subscriber.objects.filter(email="victim@example.org").update(
            confirmation_sent_at=Subscriber.objects.get(email="victim@example.org").confirmation_sent_at
            - timedelta(minutes=16)
        )

    assert len(mailoutbox) == 5


def test_one_client_is_stopped_after_its_hourly_sign_ups(
    client, round_, mailoutbox, settings, django_capture_on_commit_callbacks
):
    settings.MAILING_SIGNUPS_PER_CLIENT_PER_HOUR = 20
    with django_capture_on_commit_callbacks(execute=True):
        responses = [_sign_up(client, round_, f"person{n}@example.org") for n in range(25)]

    assert [r.status_code for r in responses] == [200] * 20 + [429] * 5
    assert len(mailoutbox) == 20
    assert not Subscriber.objects.filter(email="person24@example.org").exists()
    refused = responses[-1].content.decode()
    assert "There have been too many sign-ups from your connection. Try again in an hour." in refused
    assert 'value="person24@example.org"' in refused  # what was typed is kept
    other_client = _sign_up(client, round_, "someone@example.org", client_address="203.0.113.5")
    assert other_client.status_code == 200


def test_page_does_not_tell_whether_an_address_is_on_the_list(client, round_):
    SubscriberFactory(round=round_, email="member@example.org", status="confirmed")

    on_list = _sign_up(client, round_, "member@example.org", client_address="192.0.2.1").content.decode()
    new = _sign_up(client, round_, "new@example.org", client_address="192.0.2.2").content.decode()

    assert on_list.replace("member@example.org", "X") == new.replace("new@example.org", "X")
