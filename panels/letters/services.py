"""Making and sending letters.

``queue_letter`` runs inside the transaction that approves a decision: it records the letter's
Document (pending) and one outbox message per recipient with the PDF attached, and queues the
letter's task after commit. ``make_letter`` does the work, synchronously (the task calls it; so may
the demo's seeder): it renders the PDF, writes "letter prepared" once, sends the letter's messages
and writes "letter emailed" once every one has gone. Each step is safe to repeat: the Document and
the messages are unique by their keys, rendering leaves a ready document alone, sending claims a
message first, and each audit entry is written under the document's row lock only if absent.
"""

import logging

from django.contrib.contenttypes.models import ContentType
from django.db import transaction
from django.db.models import CharField, Exists, OuterRef
from django.db.models.functions import Cast
from django.urls import reverse
from django.utils.translation import gettext_lazy as _

from commissioning.audit.models import AuditEntry
from commissioning.audit.services import audit
from commissioning.common.errors import InvalidTransition
from commissioning.common.links import absolute_url
from commissioning.common.queue import enqueue_on_commit
from commissioning.documents import services as documents
from commissioning.documents.models import Document, DocumentStatus
from commissioning.enums import EmailStatus
from commissioning.outbox.services import queue_email, send_email_now
from panels.decisions.enums import DecisionStatus
from panels.decisions.models import Decision
from panels.letters import selectors
from panels.letters.documents import KIND, letter_title
from panels.letters.tasks import task_make_letter

logger = logging.getLogger(__name__)

PREPARED = "letters.prepared"
EMAILED = "letters.emailed"


def queue_letter(decision, *, by=None):
    """The approved ``decision``'s letter at its version: the Document and its messages recorded (once),
    the letter's task queued after commit. Call inside the approving transaction."""
    with transaction.atomic():
        document = _record_letter(decision)
        enqueue_on_commit(task_make_letter, document_id=document.pk)
    return document


class NotApproved(ValueError):
    """A letter is made only from an approved decision."""


def _record_letter(decision, *, check_approved=False):
    """The letter of ``decision`` at its version, and its messages, recorded once. The approval
    announces itself (``queue_letter``); anyone else (the demo's seeder) is checked."""
    proposal = decision.proposal
    if check_approved and decision.status != DecisionStatus.APPROVED:
        raise NotApproved(f"Decision {decision.pk} is not approved: it has no letter.")
    document, _created = Document.objects.get_or_create(
        kind=KIND,
        content_type=ContentType.objects.get_for_model(Decision),
        object_id=decision.pk,
        version=decision.version,
        defaults={"round": proposal.round, "title": letter_title(decision)[:300]},
    )
    _record_emails(decision, document)
    return document


def _record_emails(decision, document):
    proposal = decision.proposal
    url = absolute_url(reverse("letter_detail", args=[proposal.round_id, proposal.pk]))
    for partner in selectors.recipients(proposal):
        queue_email(
            dedup_key=f"letter:{document.pk}:{partner.contact_email.strip().lower()}"[:255],
            to=partner.contact_email,
            template="emails/panels/letters/letter",
            context={
                "proposal": proposal,
                "decision": decision,
                "funded": decision.is_funded,
                "contact_name": partner.contact_name,
                "organisation_name": partner.organisation_name,
                "letter_url": url,
            },
            round_=proposal.round,
            attachment=document,
        )


def make_letter(decision_or_document):
    """Render the letter, send its messages and write its audit entries; return its Document.

    Given a decision (the demo's seeder), the letter of its current version is recorded first if it
    is not yet. Safe to run any number of times, at once or one after another: nothing is sent twice.
    Returns the document; ``letter_is_sent(document)`` says whether every message has gone.
    """
    if isinstance(decision_or_document, Decision):
        with transaction.atomic():
            decision = Decision.objects.select_related("proposal__round").get(pk=decision_or_document.pk)
            document = _record_letter(decision, check_approved=True)
    else:
        document = decision_or_document
    document = documents.render_document(document.pk)
    if document is None or document.status != DocumentStatus.READY:
        return document
    _note(document, PREPARED, after={"version": document.version})
    for email_id in selectors.letter_emails(document).filter(status=EmailStatus.PENDING).values_list("pk", flat=True):
        send_email_now(email_id)
    if letter_is_sent(document):
        recipients = list(selectors.letter_emails(document).values_list("to_email", flat=True))
        _note(document, EMAILED, after={"recipients": recipients, "version": document.version})
    return document


def letter_is_sent(document):
    emails = selectors.letter_emails(document)
    return emails.exists() and not emails.exclude(status=EmailStatus.SENT).exists()


def letter_in_flight(document):
    """Whether a message of the letter is still to be sent or being sent."""
    return selectors.letter_emails(document).filter(status__in=[EmailStatus.PENDING, EmailStatus.SENDING]).exists()


def _note(document, action, *, after):
    """Write ``action`` for ``document`` unless it is already written (under the document's row lock)."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().select_related("round").get(pk=document.pk)
        written = AuditEntry.objects.filter(
            action=action,
            content_type=ContentType.objects.get_for_model(Document),
            object_id=str(locked.pk),
        ).exists()
        if not written:
            audit(action, by=None, round_=locked.round, obj=locked, after=after)
    return not written


class LetterOutdated(InvalidTransition):
    default_message = _(
        "The decision has changed since this letter was asked for: a new letter is made when the change is approved."
    )


def remake_letter(document, *, by):
    """An officer asks again for a letter that could not be prepared. Side effects: the audit entry
    ("letters.remade") and the letter's task, queued after commit."""
    with transaction.atomic():
        locked = Document.objects.select_for_update().select_related("round").get(pk=document.pk)
        if locked.status != DocumentStatus.FAILED:
            return locked
        decision = Decision.objects.get(pk=locked.object_id)
        if decision.version != locked.version or decision.status != DecisionStatus.APPROVED:
            raise LetterOutdated
        locked.status, locked.error = DocumentStatus.PENDING, ""
        locked.save(update_fields=["status", "error"])
        audit("letters.remade", by=by, round_=locked.round, obj=locked, after={"version": locked.version})
        enqueue_on_commit(task_make_letter, document_id=locked.pk)
    return locked


def unfinished_letters():
    """Letters not yet emailed to everyone: pending documents, or ready ones without their "emailed" entry."""
    emailed = AuditEntry.objects.filter(
        action=EMAILED,
        content_type=ContentType.objects.get_for_model(Document),
        object_id=Cast(OuterRef("pk"), CharField()),
    )
    return (
        Document.objects.filter(kind=KIND).exclude(status=DocumentStatus.FAILED).exclude(Exists(emailed)).order_by("pk")
    )


def make_unfinished_letters():
    """The sweep: finish every letter whose task never ran or stopped short. Returns how many it looked at."""
    letters = list(unfinished_letters())
    for document in letters:
        try:
            make_letter(document)
        except Exception as exc:
            logger.exception("letter %s could not be made", document.pk)
            documents.mark_failed(document.pk, exc)
    return len(letters)
