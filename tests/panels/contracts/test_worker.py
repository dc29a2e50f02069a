"""Through a real Celery worker on Redis: a contract sent renders its PDF and the lead's contact receives it
once, however often the sweeps run."""

import pytest

from commissioning.documents.models import Document, DocumentStatus
from commissioning.outbox.services import send_pending_emails
from panels.contracts import services
from tests.celery_support import wait_for
from tests.panels.contracts.helpers import Setting

pytestmark = pytest.mark.celery_worker


def test_a_sent_contract_reaches_the_lead_once_through_the_worker(real_celery):
    s = Setting()
    before = len(real_celery.smtp.messages)
    services.send_version(s.version, by=s.officer)
    s.version.refresh_from_db()
    wait_for(
        lambda: Document.objects.filter(pk=s.version.document_id, status=DocumentStatus.READY).exists(),
        timeout=90,
        message="the contract's PDF to be rendered",
    )
    wait_for(
        lambda: any("Your contract to accept" in m.subject for m in real_celery.smtp.messages[before:]),
        timeout=60,
        message="the contract's email",
    )
    send_pending_emails()
    send_pending_emails()
    sent = [m for m in real_celery.smtp.messages[before:] if "Your contract to accept" in m.subject]
    assert len(sent) == 1
    assert sent[0].to == [s.proposal.partners.get(is_lead=True).contact_email]
    assert "Mentoring in Hillfields" in sent[0].subject
