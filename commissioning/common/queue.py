"""Queue Celery tasks after the transaction commits, without failing the request
when the broker is down: the database already holds what the task needs, and the
periodic sweeps pick it up once the broker is back.

Slow work (rendering a PDF, importing a long file) never runs inside a request. Its tasks are
declared with ``background_only=True``: when Celery runs tasks in-process because no broker is
configured, they are left to the sweeps (``manage.py run_background_work``) unless
RUN_SLOW_TASKS_IN_PROCESS says otherwise (the tests do). When the broker cannot be reached, one
failed attempt is enough: for the next half-minute this process does not try again, so that a
request queueing several tasks waits for the broker once, not once per task.
"""

import logging
import time

from django.conf import settings
from django.db import transaction

logger = logging.getLogger(__name__)

BROKER_RETRY_SECONDS = 30
_broker_down_until = 0.0


def _send(task, kwargs):
    global _broker_down_until
    if task.app.conf.task_always_eager:
        if getattr(task, "background_only", False) and not settings.RUN_SLOW_TASKS_IN_PROCESS:
            logger.info("%s(%s) left to the sweep: no broker is configured", task.name, kwargs)
            return
    elif time.monotonic() < _broker_down_until:
        logger.warning("not queueing %s(%s): the broker was unreachable moments ago; the sweep will", task.name, kwargs)
        return
    try:
        task.apply_async(kwargs=kwargs, retry=False)
    except Exception as exc:  # noqa: BLE001 - broker errors vary by transport
        _broker_down_until = time.monotonic() + BROKER_RETRY_SECONDS
        logger.warning("could not queue %s(%s): %s; the sweep will pick it up", task.name, kwargs, exc)


def forget_broker_failure():
    """Try the broker again at the next task (after it is known to be back)."""
    global _broker_down_until
    _broker_down_until = 0.0


def enqueue_on_commit(task, **kwargs):
    transaction.on_commit(lambda: _send(task, kwargs))
