import logging

from celery import shared_task

from commissioning.outbox import services as mail

logger = logging.getLogger(__name__)


@shared_task(
    name="commissioning.render_document", bind=True, max_retries=3, default_retry_delay=10, background_only=True
)
def task_render_document(self, *, document_id):
    from commissioning.documents import services as documents  # noqa: PLC0415 -- leaf task

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
    from commissioning.documents.services import render_pending_documents  # noqa: PLC0415 -- leaf task

    return render_pending_documents()
