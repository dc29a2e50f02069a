"""Through a real Celery worker on Redis: a letter reaches the lead and the confirmed partner exactly
once, with its PDF, however often its tasks run; and a letter approved while the broker is down is
sent, once, by the sweep when the broker is back."""

import time

import pytest

from commissioning.audit.models import AuditEntry
from commissioning.common.queue import forget_broker_failure
from commissioning.documents.models import Document, DocumentStatus
from commissioning.documents.tasks import task_render_document
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.tasks import task_send_email, task_send_pending_email
from panels.letters import selectors
from panels.letters.tasks import task_make_letter, task_make_unfinished_letters
from tests.celery_support import wait_for
from tests.panels.letters.helpers import DUE, approve, award, two_proposals

pytestmark = pytest.mark.celery_worker

SETTLE_SECONDS = 3
SUBJECT = "Award letter: Alpha routes into work"
RECIPIENTS = ["contact@alpha.example.org", "partner@alpha.example.org"]


def _letters(smtp):
    return [message for message in smtp.messages if message.subject.strip() == SUBJECT]


def _worker_idle():
    return (
        not Document.objects.filter(status=DocumentStatus.PENDING).exists()
        and not OutgoingEmail.objects.filter(status__in=[EmailStatus.PENDING, EmailStatus.SENDING]).exists()
    )


def _emailed(decision):
    return AuditEntry.objects.filter(action="letters.emailed", round=decision.proposal.round).count()


@pytest.fixture
def alpha_award(real_celery):
    _panel, (alpha, _lead, _partner), _beta, officer = two_proposals()
    decision = award(alpha, amounts_pounds=[100_000, 90_000, 90_000], conditions=[("Sign the agreement", DUE)])
    return decision, officer


def test_letter_reaches_the_consortium_once_through_the_worker(real_celery, alpha_award):
    decision, officer = alpha_award

    approve(decision, by=officer)

    wait_for(lambda: len(_letters(real_celery.smtp)) >= 2, timeout=90, message="both letters at the SMTP sink")
    wait_for(lambda: _emailed(decision) == 1, timeout=30, message="the letter's emailed entry")
    (document,) = selectors.letters_of(decision)
    # Every task runs again (a retry, a duplicate delivery by the broker, the sweeps): nothing more is sent.
    task_make_letter.delay(document_id=document.pk)
    task_make_letter.delay(document_id=document.pk)
    task_render_document.delay(document_id=document.pk)
    for email_id in selectors.letter_emails(document).values_list("pk", flat=True):
        task_send_email.delay(email_id=email_id)
    task_make_unfinished_letters.delay()
    task_send_pending_email.delay()
    time.sleep(SETTLE_SECONDS)

    messages = _letters(real_celery.smtp)
    assert sorted(message.to[0] for message in messages) == RECIPIENTS
    for message in messages:
        (attachment,) = message.message.iter_attachments()
        assert attachment.get_content_type() == "application/pdf"
        assert attachment.get_content()[:5] == b"%PDF-"
    assert _emailed(decision) == 1
    assert AuditEntry.objects.filter(action="letters.prepared", round=decision.proposal.round).count() == 1


def test_letter_approved_while_the_broker_is_down_is_sent_once_by_the_sweep(real_celery, alpha_award):
    decision, officer = alpha_award
    # A worker stopped by the outage in the middle of a task (the specification's PDF) does not recover.
    wait_for(_worker_idle, timeout=60, message="the worker to finish the tasks of setting up the round")
    real_celery.redis.stop()
    try:
        approve(decision, by=officer)  # the approval commits; queueing the letter's task fails quietly
    finally:
        real_celery.redis.start()
        forget_broker_failure()
    (document,) = selectors.letters_of(decision)
    assert selectors.letter_emails(document).count() == 2
    time.sleep(SETTLE_SECONDS)
    assert _letters(real_celery.smtp) == []

    task_make_unfinished_letters.delay()
    task_make_unfinished_letters.delay()

    wait_for(lambda: len(_letters(real_celery.smtp)) >= 2, timeout=90, message="both letters at the SMTP sink")
    wait_for(lambda: _emailed(decision) == 1, timeout=30, message="the letter's emailed entry")
    time.sleep(SETTLE_SECONDS)
    assert sorted(message.to[0] for message in _letters(real_celery.smtp)) == RECIPIENTS
