"""Messages carrying a secret lose their body once sent and are never shown with it."""

import re

import pytest
from django.urls import reverse

from commissioning.enums import EmailStatus, Role
from commissioning.outbox import services as mail
from commissioning.outbox.models import OutgoingEmail
from commissioning.rounds import services as rounds
from priorities.specifications.models import Subscriber
from tests.factories.commissioning import PASSWORD, UserFactory
from tests.factories.priorities import PriorityFactory
from tests.priorities.specifications.helpers import published

pytestmark = pytest.mark.django_db


def _row_text(email):
    """Every stored value of the outbox row, as one string to search for a secret."""
    return " ".join(str(getattr(email, f.attname)) for f in OutgoingEmail._meta.fields)


def test_password_reset_link_is_sent_then_removed_from_the_outbox(
    client, mailoutbox, django_capture_on_commit_callbacks
):
    user = UserFactory(email="reset.me@example.org")

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("account_reset_password"), {"email": user.email})

    assert len(mailoutbox) == 1
    link = re.search(r"https?://\S+/password/reset/key/\S+", mailoutbox[0].body).group(0)
    email = OutgoingEmail.objects.get(to_email=user.email)
    assert email.secret and email.status == EmailStatus.SENT
    assert (email.body_text, email.body_html) == ("", "")
    assert link.split("/key/")[1].strip("/") not in _row_text(email)
    assert email.subject  # what was sent, and when, stays readable


def test_invitation_link_is_sent_then_removed_from_the_outbox(
    client, round_, officer, mailoutbox, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        invitation = rounds.invite_person(round_, by=officer, email="new@example.org", role=Role.BOARD)

    assert invitation.token in mailoutbox[0].body
    email = OutgoingEmail.objects.get(to_email="new@example.org")
    assert email.secret and (email.body_text, email.body_html) == ("", "")
    assert invitation.token not in _row_text(email)

    client.login(email=officer.email, password=PASSWORD)
    page = client.get(reverse("round_outbox", args=[round_.pk])).content.decode()
    assert "new@example.org" in page  # the officer still sees that it went
    assert invitation.token not in page


def test_mailing_list_confirmation_link_is_removed_once_sent(
    client, round_, officer, mailoutbox, django_capture_on_commit_callbacks
):
    published(PriorityFactory(round=round_, issue__round=round_), officer)  # sign-up opens with the call
    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("mailing_signup", args=[round_.public_key]), {"name": "Ann", "email": "ann@example.org"})

    token = Subscriber.objects.get(email="ann@example.org").token
    assert token in [m for m in mailoutbox if m.to == ["ann@example.org"]][0].body
    email = OutgoingEmail.objects.get(to_email="ann@example.org")
    assert email.secret and token not in _row_text(email)


def test_secret_message_given_up_loses_its_body(round_, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1  # nothing listens here
    settings.EMAIL_TIMEOUT = 2
    email = mail.queue_email(
        dedup_key="s1", to="a@example.org", subject="Code", text="Your code is 123456", secret=True
    )
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=mail.MAX_ATTEMPTS - 1)

    mail.send_email_now(email.pk)

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
    assert "123456" not in _row_text(email)


def test_ordinary_message_keeps_its_body(round_):
    email = mail.queue_email(dedup_key="o1", to="a@example.org", subject="News", text="The call is open.")

    mail.send_email_now(email.pk)

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT and email.body_text == "The call is open."


def test_admin_never_shows_a_secret_body(client):
    admin = UserFactory(is_staff=True, is_superuser=True)
    secret = mail.queue_email(dedup_key="s2", to="a@example.org", subject="Reset", text="RESET-LINK-abc", secret=True)
    ordinary = mail.queue_email(dedup_key="o2", to="b@example.org", subject="News", text="ORDINARY-BODY")
    client.force_login(admin)

    secret_page = client.get(reverse("admin:commissioning_outgoingemail_change", args=[secret.pk]))
    ordinary_page = client.get(reverse("admin:commissioning_outgoingemail_change", args=[ordinary.pk]))
    listing = client.get(reverse("admin:commissioning_outgoingemail_changelist"))

    assert secret_page.status_code == 200 and "Reset" in secret_page.content.decode()
    assert "RESET-LINK-abc" not in secret_page.content.decode()
    assert "ORDINARY-BODY" in ordinary_page.content.decode()
    assert "RESET-LINK-abc" not in listing.content.decode()
    edit = client.post(reverse("admin:commissioning_outgoingemail_change", args=[secret.pk]), {"body_text": "x"})
    assert edit.status_code == 403
