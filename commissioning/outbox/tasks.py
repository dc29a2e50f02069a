import logging

from celery import shared_task

from commissioning.outbox import services as mail

logger = logging.getLogger(__name__)


@shared_task(name="commissioning.send_email", bind=True, max_retries=5, default_retry_delay=30)
def task_send_email(self, *, email_id):
    mail.send_email_now(email_id)


@shared_task(name="commissioning.send_pending_email")
def task_send_pending_email():
    return mail.send_pending_emails(older_than_seconds=30)
