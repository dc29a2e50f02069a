"""Through a real Celery worker on Redis: the receipt reaches the lead exactly once, with its PDF."""

import time

import pytest

from commissioning.documents.tasks import task_render_document
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.tasks import task_send_email
from proposals.submission.selectors import receipt_of
from proposals.submission.services import submit_proposal
from tests.celery_support import wait_for
from tests.factories.commissioning import OrganisationFactory
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.helpers import complete_proposal

pytestmark = pytest.mark.celery_worker

SETTLE_SECONDS = 3
SUBJECT = "Proposal received: Routes into work for young people (version 1)"


@pytest.fixture
def ready_proposal(transactional_db):
    specification = published_specification()
    organisation = OrganisationFactory(name="Hillfields Youth Trust")
    lead = bidder_person(specification.round, organisation, full_name="Amira Khan", email="amira@hyt.example.org")
    return complete_proposal(specification, lead_person=lead, lead_organisation=organisation), lead


def _receipts(smtp):
    return [message for message in smtp.messages if message.subject.strip() == SUBJECT]


def test_receipt_reaches_the_lead_once_with_its_pdf_through_the_worker(real_celery, ready_proposal):
    proposal, lead = ready_proposal

    submit_proposal(proposal, by=lead)

    wait_for(lambda: _receipts(real_celery.smtp), timeout=90, message="the receipt at the SMTP sink")
    email = OutgoingEmail.objects.get(dedup_key=f"proposal:{proposal.pk}:v1:receipt")
    wait_for(
        lambda: OutgoingEmail.objects.filter(pk=email.pk, status=EmailStatus.SENT).exists(),
        timeout=30,
        message="the receipt to be marked sent",
    )
    # The tasks run again (a retry, a duplicate delivery by the broker): nothing more is sent.
    task_render_document.delay(document_id=receipt_of(proposal, 1).pk)
    task_send_email.delay(email_id=email.pk)
    time.sleep(SETTLE_SECONDS)

    (message,) = _receipts(real_celery.smtp)
    assert message.to == ["amira@hyt.example.org"]
    attachments = list(message.message.iter_attachments())
    assert [part.get_content_type() for part in attachments] == ["application/pdf"]
    assert attachments[0].get_content()[:5] == b"%PDF-"
    assert "Dear Amira Khan," in message.body
