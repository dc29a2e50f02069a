"""Queue Celery tasks after the transaction commits, without failing the request
when the broker is down: the database already holds what the task needs, and the
periodic sweeps pick it up once the broker is back."""

import logging

from django.db import transaction

logger = logging.getLogger(__name__)


def _send(task, kwargs):
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - broker errors vary by transport
        logger.warning("could not queue %s(%s): %s; the sweep will pick it up", task.name, kwargs, exc)


def enqueue_on_commit(task, **kwargs):
    transaction.on_commit(lambda: _send(task, kwargs))
