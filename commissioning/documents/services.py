"""PDF documents: requested in a request, rendered by WeasyPrint in a Celery task.

This is the one module that imports WeasyPrint, lazily, so web start-up stays fast.
"""

import logging

from django.conf import settings
from django.contrib.contenttypes.models import ContentType
from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import timezone

from commissioning import registry
from commissioning.common.queue import enqueue_on_commit
from commissioning.documents.models import Document, DocumentStatus
from commissioning.documents.tasks import task_render_document

logger = logging.getLogger(__name__)


def html_to_pdf(html, *, base_url=None):
    from weasyprint import HTML  # slow import (most of a second): never at web start-up

    return HTML(string=html, base_url=base_url or str(settings.BASE_DIR)).write_pdf()


def request_document(*, subject, kind, title, version=1):
    """The Document for ``subject`` at ``version``, queued for rendering if new."""
    content_type = ContentType.objects.get_for_model(subject)
    document, created = Document.objects.get_or_create(
        kind=kind,
        content_type=content_type,
        object_id=subject.pk,
        version=version,
        defaults={"round": _round_of(subject), "title": title},
    )
    if created:
        enqueue_on_commit(task_render_document, document_id=document.pk)
    return document


def _round_of(subject):
    """The round a document's subject belongs to (the subject itself when it is a round)."""
    round_model = Document._meta.get_field("round").related_model
    return subject if isinstance(subject, round_model) else getattr(subject, "round", None)


def latest_document(subject, kind):
    return (
        Document.objects.filter(
            kind=kind, content_type=ContentType.objects.get_for_model(subject), object_id=subject.pk
        )
        .order_by("-version")
        .first()
    )


def render_document(document_id):
    """Render one document if not yet ready. Safe to run twice: a ready document is left alone."""
    with transaction.atomic():
        document = Document.objects.select_for_update().filter(pk=document_id).first()
        if document is None or document.status == DocumentStatus.READY:
            return document
        template_name, context = registry.build_document(document)
        # The PDF carries the name of the partnership whose round it belongs to; the installation's
        # name only for a document of no round.
        partnership_name = str(document.round.partnership) if document.round_id else settings.PARTNERSHIP_NAME
        html = render_to_string(template_name, {"partnership_name": partnership_name, "document": document, **context})
        pdf = html_to_pdf(html)
        document.file.save(
            f"{document.kind}-{document.object_id}-v{document.version}.pdf", ContentFile(pdf), save=False
        )
        document.status = DocumentStatus.READY
        document.rendered_at = timezone.now()
        document.error = ""
        document.save()
    return document


def mark_failed(document_id, error):
    Document.objects.filter(pk=document_id).update(status=DocumentStatus.FAILED, error=str(error)[:2000])


def render_pending_documents():
    """The sweep for documents whose task never ran (broker down when requested)."""
    ids = list(Document.objects.filter(status=DocumentStatus.PENDING).values_list("pk", flat=True))
    for pk in ids:
        try:
            render_document(pk)
        except Exception as exc:
            logger.exception("document %s failed", pk)
            mark_failed(pk, exc)
    return len(ids)
