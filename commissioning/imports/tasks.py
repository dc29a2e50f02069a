import logging

from celery import shared_task

logger = logging.getLogger(__name__)


@shared_task(name="commissioning.run_import", background_only=True)
def task_run_import(*, job_id):
    from commissioning.imports.services import run_import_job  # noqa: PLC0415 -- leaf task

    run_import_job(job_id)


@shared_task(name="commissioning.run_waiting_imports")
def task_run_waiting_imports():
    from commissioning.imports.services import run_waiting_imports  # noqa: PLC0415 -- leaf task

    return run_waiting_imports(older_than_seconds=30)
