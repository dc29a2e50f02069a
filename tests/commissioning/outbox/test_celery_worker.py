"""Mail through a real Celery worker on Redis to an SMTP server (see tests/celery_support.py)."""

import re
import time
from datetime import timedelta

import pytest
from django.urls import reverse
from django.utils import timezone

from commissioning.celery import app as celery_app
from commissioning.enums import EmailStatus, Role
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.tasks import task_send_email, task_send_pending_email
from commissioning.rounds import services
from tests.celery_support import wait_for
from tests.factories.commissioning import RoundFactory, person_with_role

pytestmark = pytest.mark.celery_worker

# Long enough for a second send to have arrived if the outbox let one through.
SETTLE_SECONDS = 2


def _invite(round_, officer, email="new.partner@example.org"):
    return services.invite_person(round_, by=officer, email=email, role=Role.BOARD, full_name="Nia Partner")


def _status(email):
    email.refresh_from_db()
    return email.status


@pytest.fixture
def officer_and_round(transactional_db):
    round_ = RoundFactory(name="Neighbourhood renewal round")
    return person_with_role(round_, Role.OFFICER, full_name="Olive Officer"), round_


def test_invitation_email_delivered_once_through_the_worker(real_celery, officer_and_round, settings):
    officer, round_ = officer_and_round
    settings.SITE_URL = "https://commissioning.example.org"

    invitation = _invite(round_, officer)

    messages = real_celery.smtp.received(1)
    email = OutgoingEmail.objects.get(dedup_key=f"invitation:{invitation.pk}")
    wait_for(lambda: _status(email) == EmailStatus.SENT, message="the outbox row to be marked sent")
    time.sleep(SETTLE_SECONDS)
    assert len(real_celery.smtp.messages) == 1
    message = messages[0]
    assert message.to == ["new.partner@example.org"]
    assert message.subject == "You are invited to Neighbourhood renewal round"
    assert message.message_id
    link = "https://commissioning.example.org" + reverse("invitation_accept", args=[invitation.token])
    assert link in message.body
    assert "Olive Officer has invited you to Neighbourhood renewal round" in message.body
    assert email.attempts == 1
    assert email.sent_at is not None


def test_invitation_made_during_broker_outage_is_sent_by_the_sweep_once_redis_is_back(real_celery, officer_and_round):
    officer, round_ = officer_and_round
    real_celery.redis.stop()

    invitation = _invite(round_, officer)

    email = OutgoingEmail.objects.get(dedup_key=f"invitation:{invitation.pk}")
    assert invitation.pk is not None
    assert email.status == EmailStatus.PENDING
    assert real_celery.smtp.messages == []

    real_celery.redis.restart()
    # The beat schedule's sweep leaves messages younger than 30 seconds to their own task.
    OutgoingEmail.objects.filter(pk=email.pk).update(created_at=timezone.now() - timedelta(minutes=5))
    task_send_pending_email.delay()

    messages = real_celery.smtp.received(1, timeout=30)
    wait_for(lambda: _status(email) == EmailStatus.SENT, message="the outbox row to be marked sent")
    task_send_pending_email.delay()
    time.sleep(SETTLE_SECONDS)
    assert len(real_celery.smtp.messages) == 1
    assert messages[0].to == ["new.partner@example.org"]
    assert messages[0].subject == "You are invited to Neighbourhood renewal round"


def test_send_task_queued_twice_for_one_message_sends_one_email(real_celery, officer_and_round):
    officer, round_ = officer_and_round
    real_celery.redis.stop()
    invitation = _invite(round_, officer)
    email = OutgoingEmail.objects.get(dedup_key=f"invitation:{invitation.pk}")
    real_celery.redis.restart()

    task_send_email.delay(email_id=email.pk)
    task_send_email.delay(email_id=email.pk)

    real_celery.smtp.received(1)
    wait_for(lambda: _status(email) == EmailStatus.SENT, message="the outbox row to be marked sent")
    time.sleep(SETTLE_SECONDS)
    assert [m.to for m in real_celery.smtp.messages] == [["new.partner@example.org"]]
    assert email.attempts == 1


def test_worker_dying_mid_send_never_sends_the_message_twice(real_celery, officer_and_round):
    officer, round_ = officer_and_round
    real_celery.smtp.holding.set()
    invitation = _invite(round_, officer)
    email = OutgoingEmail.objects.get(dedup_key=f"invitation:{invitation.pk}")
    assert real_celery.smtp.held.wait(timeout=60), "the worker never reached the SMTP server"

    real_celery.worker.kill()  # the server has the message; the worker never hears that it was taken
    real_celery.smtp.released.set()
    real_celery.worker.start()
    task_send_email.delay(email_id=email.pk)  # as if the broker gave the task to the new worker
    task_send_pending_email.delay()  # and the sweep ran
    for name in ("send_email", "send_pending_email"):
        finished = re.compile(rf"Task commissioning\.{name}\[[^\]]+\] succeeded")
        wait_for(lambda done=finished: done.search(real_celery.worker.log()), message=f"the new worker to run {name}")
    time.sleep(SETTLE_SECONDS)

    assert [m.to for m in real_celery.smtp.messages] == [["new.partner@example.org"]]
    # Not known to be sent, so not marked sent: the send log shows it for an officer to check.
    assert _status(email) == EmailStatus.SENDING
    assert email.attempts == 1


def test_tasks_from_this_process_go_to_the_private_redis_even_with_a_broker_in_the_environment(real_celery):
    with celery_app.connection_for_write() as connection:
        address = (connection.transport_cls, connection.hostname, connection.port)

    assert address == ("redis", "127.0.0.1", real_celery.redis.port)
