import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="panels.make_letter", bind=True, max_retries=5, default_retry_delay=30, background_only=True)
def task_make_letter(self, *, document_id):
    """Render one letter and send it; tried again while a message is still on its way (another worker
    holds it, or the mail server refused it), so that the "emailed" entry follows the last message."""
    from commissioning.documents.models import Document  # noqa: PLC0415 -- leaf task
    from panels.letters import services  # noqa: PLC0415 -- leaf task

    document = Document.objects.filter(pk=document_id).first()
    if document is None:
        logger.warning("letter %s is gone", document_id)
        return
    try:
        document = services.make_letter(document)
    except Exception as exc:
        if self.request.retries >= self.max_retries:
            logger.exception("letter %s failed for good", document_id)
            from commissioning.documents.services import mark_failed  # noqa: PLC0415 -- leaf task

            mark_failed(document_id, exc)
            return
        raise self.retry(exc=exc) from exc
    if services.letter_in_flight(document) and self.request.retries < self.max_retries:
        raise self.retry()


@shared_task(name="panels.make_unfinished_letters")
def task_make_unfinished_letters():
    """The beat's sweep: letters whose task never ran (the broker was down) or stopped short."""
    from panels.letters.services import make_unfinished_letters  # noqa: PLC0415 -- leaf task

    return make_unfinished_letters()
