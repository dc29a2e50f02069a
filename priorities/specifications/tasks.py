"""Background work of the priorities stage. Tasks are thin: ids in, one service call."""

import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="priorities.fan_out_announcement", bind=True, max_retries=5, default_retry_delay=30)
def task_fan_out_announcement(self, *, announcement_id):
    from priorities.specifications.services.mailing import fan_out_announcement  # noqa: PLC0415 -- leaf task

    try:
        return fan_out_announcement(announcement_id)
    except Exception as exc:
        raise self.retry(exc=exc) from exc


@shared_task(name="priorities.fan_out_pending_announcements")
def task_fan_out_pending_announcements():
    from priorities.specifications.services.mailing import (  # noqa: PLC0415 -- leaf task
        fan_out_pending_announcements,
    )

    return fan_out_pending_announcements()
