import logging

from celery import shared_task

from commissioning.documents import services as documents
from commissioning.outbox import services as mail

logger = logging.getLogger(__name__)


@shared_task(name="commissioning.render_document", bind=True, max_retries=3, default_retry_delay=10)
def task_render_document(self, *, document_id):
    try:
        documents.render_document(document_id)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("document %s failed for good", document_id)
            documents.mark_failed(document_id, exc)
            return
        raise self.retry(exc=exc) from exc
    mail.send_pending_emails()  # messages that waited for this PDF


@shared_task(name="commissioning.render_pending_documents")
def task_render_pending_documents():
    return documents.render_pending_documents()
