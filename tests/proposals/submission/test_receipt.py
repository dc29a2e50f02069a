"""The receipt: its PDF says what was submitted, and its email reaches the lead once, with the PDF."""

import pytest
from django.core import mail

from commissioning.documents.services import render_document
from commissioning.documents.tasks import task_render_document
from commissioning.enums import EmailStatus
from commissioning.outbox.models import OutgoingEmail
from commissioning.outbox.services import send_email_now, send_pending_emails
from commissioning.outbox.tasks import task_send_email
from proposals.submission.selectors import receipt_of
from proposals.submission.services import submit_proposal
from proposals.writing.models import BudgetLine
from proposals.writing.services import when
from tests.pdf import needs_pdftotext, pdf_text

pytestmark = pytest.mark.django_db


def _receipt_email(proposal, number=1):
    return OutgoingEmail.objects.get(dedup_key=f"proposal:{proposal.pk}:v{number}:receipt")


@needs_pdftotext
def test_receipt_pdf_says_what_was_submitted(proposal, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit_proposal(proposal, by=lead)
    version = proposal.versions.get()

    text = pdf_text(render_document(receipt_of(proposal, 1).pk))

    flat = " ".join(text.split())
    for expected in [
        "Receipt for a submitted proposal",
        "Routes into work for young people",
        "Hillfields Youth Trust",
        "Coventry Careers Service",
        "Foleshill Women's Trust",
        f"{when(version.submitted_at)} (UK time)",
        "Amira Khan",
        f"P{proposal.pk}-V1",
        "£120,000",  # each year: three organisations at £40,000
        "£360,000 over three years",
        "constitution.pdf",
        "accounts.pdf",
    ]:
        assert expected in flat, expected


@needs_pdftotext
def test_each_version_keeps_its_own_receipt(proposal, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit_proposal(proposal, by=lead)
        BudgetLine.objects.filter(proposal=proposal, year=1).update(amount_pence=50_000_00)
        submit_proposal(proposal, by=lead)

    first = " ".join(pdf_text(render_document(receipt_of(proposal, 1).pk)).split())
    second = " ".join(pdf_text(render_document(receipt_of(proposal, 2).pk)).split())

    assert "£390,000 over three years" in second
    assert "£360,000 over three years" in first


def test_receipt_email_is_sent_once_with_its_pdf_even_when_tasks_run_again(proposal, lead):
    # The tests run tasks in-process: submitting renders the PDF and sends the message at commit.
    submit_proposal(proposal, by=lead)
    email = _receipt_email(proposal)
    document = receipt_of(proposal, 1)

    # A retried render, a retried send and the sweep all find nothing left to do.
    task_render_document.apply(kwargs={"document_id": document.pk})
    task_send_email.apply(kwargs={"email_id": email.pk})
    send_email_now(email.pk)
    send_pending_emails()

    receipts = [message for message in mail.outbox if message.subject.startswith("Proposal received")]
    assert len(receipts) == 1
    (message,) = receipts
    assert message.to == ["amira@hyt.example.org"]
    assert message.subject == "Proposal received: Routes into work for young people (version 1)"
    ((name, content, mimetype),) = message.attachments
    assert (mimetype, content[:5]) == ("application/pdf", b"%PDF-")
    assert "Dear Amira Khan," in message.body
    assert f"/rounds/{proposal.round_id}/proposals/{proposal.pk}/versions/1/receipt.pdf" in message.body
    email.refresh_from_db()
    assert (email.status, email.attempts) == (EmailStatus.SENT, 1)


def test_receipt_email_waits_for_its_pdf(proposal, lead, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=False):
        submit_proposal(proposal, by=lead)
    email = _receipt_email(proposal)

    assert send_email_now(email.pk) is False  # the PDF is not rendered yet
    render_document(receipt_of(proposal, 1).pk)
    assert send_email_now(email.pk) is True
    assert send_email_now(email.pk) is False
    assert [m.subject for m in mail.outbox if m.subject.startswith("Proposal received")] == [
        "Proposal received: Routes into work for young people (version 1)"
    ]
