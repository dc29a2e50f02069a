import pytest
from django.core import mail as django_mail

from commissioning.enums import EmailStatus
from commissioning.outbox import services as mail
from commissioning.outbox.models import OutgoingEmail


def _queue(round_, key="k1", to="ann@example.org"):
    return mail.queue_email(dedup_key=key, to=to, subject="Hello", text="Body text", html="<p>Body</p>", round_=round_)


@pytest.mark.django_db
def test_queue_email_records_then_sends_once_after_commit(round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        email = _queue(round_)
        assert len(django_mail.outbox) == 0  # nothing leaves before the transaction commits

    email.refresh_from_db()
    assert email.status == EmailStatus.SENT
    assert email.sent_at is not None
    assert [m.to for m in django_mail.outbox] == [["ann@example.org"]]
    assert django_mail.outbox[0].subject == "Hello"
    assert django_mail.outbox[0].alternatives[0][0] == "<p>Body</p>"


@pytest.mark.django_db
def test_queue_email_same_key_twice_sends_once(round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        first = _queue(round_)
        second = _queue(round_)

    assert first.pk == second.pk
    assert OutgoingEmail.objects.count() == 1
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_send_email_now_twice_sends_once(round_):
    email = _queue(round_)  # on_commit never runs inside the test transaction: still pending

    assert mail.send_email_now(email.pk) is True
    assert mail.send_email_now(email.pk) is False
    assert len(django_mail.outbox) == 1


@pytest.mark.django_db
def test_sweep_sends_pending_and_leaves_sending_alone(round_):
    pending = _queue(round_, key="a", to="a@example.org")
    stuck = _queue(round_, key="b", to="b@example.org")
    OutgoingEmail.objects.filter(pk=stuck.pk).update(status=EmailStatus.SENDING)

    sent = mail.send_pending_emails()

    assert sent == 1
    assert [m.to for m in django_mail.outbox] == [["a@example.org"]]
    pending.refresh_from_db()
    stuck.refresh_from_db()
    assert pending.status == EmailStatus.SENT
    assert stuck.status == EmailStatus.SENDING


@pytest.mark.django_db
def test_smtp_failure_leaves_message_pending_with_error(round_, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1  # nothing listens here
    settings.EMAIL_TIMEOUT = 2
    email = _queue(round_)

    assert mail.send_email_now(email.pk) is False

    email.refresh_from_db()
    assert email.status == EmailStatus.PENDING
    assert email.attempts == 1
    assert email.last_error


@pytest.mark.django_db
def test_message_failing_repeatedly_is_marked_failed(round_, settings):
    settings.EMAIL_BACKEND = "django.core.mail.backends.smtp.EmailBackend"
    settings.EMAIL_HOST = "127.0.0.1"
    settings.EMAIL_PORT = 1
    settings.EMAIL_TIMEOUT = 2
    email = _queue(round_)
    OutgoingEmail.objects.filter(pk=email.pk).update(attempts=mail.MAX_ATTEMPTS - 1)

    mail.send_email_now(email.pk)

    email.refresh_from_db()
    assert email.status == EmailStatus.FAILED
