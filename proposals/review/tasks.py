"""Background work of the officers' review. Tasks are thin: ids in, one service call."""

import logging

from celery import shared_task

from commissioning.rounds.models import Round

logger = logging.getLogger(__name__)


@shared_task(name="proposals.find_similar_proposals")
def task_find_similar_proposals(*, round_id):
    from proposals.review.services import find_similar_proposals  # noqa: PLC0415 -- leaf task

    round_ = Round.objects.filter(pk=round_id).first()
    if round_ is None:
        logger.info("round %s is gone: no similar proposals to find", round_id)
        return None
    return find_similar_proposals(round_)


@shared_task(name="proposals.run_export", background_only=True)
def task_run_export(*, export_id):
    from proposals.review.services import run_export  # noqa: PLC0415 -- leaf task

    run_export(export_id)


@shared_task(name="proposals.run_waiting_exports")
def task_run_waiting_exports():
    from proposals.review.services import run_waiting_exports  # noqa: PLC0415 -- leaf task

    return run_waiting_exports(older_than_seconds=30)
