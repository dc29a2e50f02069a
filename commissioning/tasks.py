import logging

from celery import shared_task

from . import documents, mail

logger = logging.getLogger(__name__)


@shared_task(name="commissioning.send_email", bind=True, max_retries=5, default_retry_delay=30)
def task_send_email(self, *, email_id):
    mail.send_email_now(email_id)


@shared_task(name="commissioning.send_pending_email")
def task_send_pending_email():
    return mail.send_pending_emails(older_than_seconds=30)


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
