import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="commissioning.send_email", bind=True, max_retries=5, default_retry_delay=30)
def task_send_email(self, *, email_id):
    from commissioning.outbox.services import send_email_now  # noqa: PLC0415 -- leaf task

    send_email_now(email_id)


@shared_task(name="commissioning.send_pending_email")
def task_send_pending_email():
    from commissioning.outbox.services import send_pending_emails  # noqa: PLC0415 -- leaf task

    return send_pending_emails(older_than_seconds=30)
