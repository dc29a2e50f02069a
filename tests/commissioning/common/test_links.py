"""Links in emails start from SITE_URL when it is set, or else from the address the browser used
(scheme, host and port), never a guessed port; emails name the partnership."""

import re

import pytest
from django.core import mail
from django.core.cache import cache
from django.urls import reverse

from commissioning.enums import Role
from priorities.specifications.models import Question
from priorities.specifications.services import clarifications
from tests.factories.commissioning import PASSWORD, UserFactory, person_with_role
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db

HOST = "calls.example.org:8443"


@pytest.fixture(autouse=True)
def _site(settings):
    # allauth counts confirmation emails per address in the cache, which outlives a test.
    cache.clear()
    settings.ALLOWED_HOSTS = ["calls.example.org", "testserver"]
    settings.PARTNERSHIP_NAME = "Coventry Partnership"
    settings.SITE_URL = ""


def links(text):
    return re.findall(r"https?://[^\s\"<>]+", text)


def sign_up(client, email="new.person@example.org", **extra):
    return client.post(
        reverse("account_signup"),
        {"email": email, "password1": "a-long-passphrase", "password2": "a-long-passphrase"},
        **extra,
    )


def test_account_signup_email_names_the_partnership_and_links_to_the_host_and_port_used(
    client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, HTTP_HOST=HOST)

    sent = mail.outbox[-1]
    assert sent.to == ["new.person@example.org"]
    assert "Hello from Coventry Partnership!" in sent.body
    assert "Hello from !" not in sent.body
    assert "Thank you for using Coventry Partnership!" in sent.body
    confirm = [link for link in links(sent.body) if "/accounts/confirm-email/" in link]
    assert len(confirm) == 1
    assert confirm[0].startswith(f"http://{HOST}/accounts/confirm-email/")


def test_account_signup_email_links_to_site_url_when_it_is_set(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://commissioning.example.org/"

    with django_capture_on_commit_callbacks(execute=True):
        sign_up(client, HTTP_HOST=HOST)

    body = mail.outbox[-1].body
    confirm = [link for link in links(body) if "/accounts/confirm-email/" in link]
    assert confirm and confirm[0].startswith("https://commissioning.example.org/accounts/confirm-email/")
    assert HOST not in body
    assert ":8000" not in body


def test_password_reset_link_follows_site_url(client, settings, django_capture_on_commit_callbacks):
    settings.SITE_URL = "https://commissioning.example.org"
    UserFactory(email="olive@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": "olive@example.org"}, HTTP_HOST=HOST)

    reset = [link for link in links(mail.outbox[-1].body) if "/accounts/password/reset/key/" in link]
    assert len(reset) == 1
    assert reset[0].startswith("https://commissioning.example.org/accounts/password/reset/key/")


def test_mailing_list_confirmation_names_the_partnership_and_links_to_the_host_used(
    client, round_, officer, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=False):
        published(PriorityFactory(round=round_, issue__round=round_), officer)
    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("mailing_signup", args=[round_.public_key]),
            {"name": "Sam Smith", "email": "sam@example.org", "organisation": ""},
            HTTP_HOST=HOST,
        )

    sent = mail.outbox[-1]
    assert sent.to == ["sam@example.org"]
    assert f"Confirm that you want {round_.partnership} to email you the calls for proposals" in sent.body
    assert sent.body.rstrip().endswith(str(round_.partnership))
    confirm = [link for link in links(sent.body) if "/mailing-list/confirm/" in link]
    assert len(confirm) == 1
    assert confirm[0].startswith(f"http://{HOST}/mailing-list/confirm/")


def test_answer_emails_recorded_after_the_request_keep_its_host_and_port(
    client, round_, officer, django_capture_on_commit_callbacks
):
    """The answer's emails are recorded by a task once the request is over: the announcement kept the address."""
    priority = PriorityFactory(round=round_, issue__round=round_, title="Jobs and skills")
    with django_capture_on_commit_callbacks(execute=True):
        spec = published(priority, officer)
    bidder = person_with_role(round_, Role.BIDDER)
    question = clarifications.ask_question(spec, by=bidder, text="Can partners be in two bids?")
    mail.outbox.clear()
    client.login(email=officer.email, password=PASSWORD)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(
            reverse("question_answer", args=[round_.pk, question.pk]),
            {"text": question.text, "answer": "Yes, in up to two."},
            HTTP_HOST=HOST,
        )

    assert Question.objects.get(pk=question.pk).answer == "Yes, in up to two."
    answer_emails = [m for m in mail.outbox if m.to == [bidder.email]]
    assert len(answer_emails) == 1
    spec_link = f"http://{HOST}" + reverse("specification_public", args=[round_.public_key, priority.pk])
    assert spec_link in answer_emails[0].body
    assert all(link.startswith(f"http://{HOST}/") for link in links(answer_emails[0].body))
