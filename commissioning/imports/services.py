"""Starting a background import and running it: the file is checked with nothing locked, then
written in one short transaction (all or nothing), exactly as an import in the request is."""

import logging
from datetime import timedelta

from django.db.models import Q
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.translation import gettext as _

from commissioning.common.csv_import.engine import CsvImport
from commissioning.common.errors import ImportRefused
from commissioning.common.queue import enqueue_on_commit
from commissioning.imports.models import ImportJob, ImportStatus
from commissioning.imports.tasks import task_run_import

logger = logging.getLogger(__name__)

# A job claimed this long ago by a worker that then died is taken up again.
STALE_AFTER = timedelta(minutes=15)


def importer_path(importer_class):
    return f"{importer_class.__module__}.{importer_class.__qualname__}"


def start_import(importer, *, filename, text, rows):
    """Keep an uploaded file for its background import and queue the task.

    Side effects: the job is stored; the task is queued after commit (the sweep runs it if the
    broker is down).
    """
    job = ImportJob.objects.create(
        importer=importer_path(type(importer)),
        round=importer.round,
        created_by=importer.by,
        filename=filename[:255],
        text=text,
        rows_total=rows,
    )
    enqueue_on_commit(task_run_import, job_id=str(job.pk))
    return job


def _claim(job_id):
    """Take the job for this worker; False when another has it or it has finished."""
    now = timezone.now()
    claimable = Q(status=ImportStatus.WAITING) | Q(
        status__in=[ImportStatus.CHECKING, ImportStatus.WRITING], started_at__lt=now - STALE_AFTER
    )
    return bool(
        ImportJob.objects.filter(claimable, pk=job_id).update(
            status=ImportStatus.CHECKING, started_at=now, rows_checked=0
        )
    )


def _finish(job_id, status, *, message, problems=()):
    ImportJob.objects.filter(pk=job_id).update(
        status=status,
        message=str(message),
        problems=[[p.row, str(p.column), str(p.message)] for p in problems],
        text="",
        finished_at=timezone.now(),
    )


def _importer_class(path):
    importer_class = import_string(path)
    if not (isinstance(importer_class, type) and issubclass(importer_class, CsvImport)):
        raise TypeError(f"{path} is not a CSV import")
    return importer_class


def run_import_job(job_id):
    """Check and write one job's file. Safe to run twice: a job already taken is left alone.

    Side effects: what the import writes (its records and its audit entry), the job's progress and
    outcome; the file's text is dropped once the job has finished.
    """
    if not _claim(job_id):
        return None
    job = ImportJob.objects.select_related("round", "created_by").get(pk=job_id)

    def progress(checked, total):
        status = ImportStatus.WRITING if checked >= total else ImportStatus.CHECKING
        ImportJob.objects.filter(pk=job_id).update(rows_checked=checked, status=status)

    try:
        importer = _importer_class(job.importer)(by=job.created_by, round_=job.round)
        result = importer.run_text(job.text, job.filename, progress=progress)
    except ImportRefused as refused:
        _finish(job_id, ImportStatus.REFUSED, message=refused.message, problems=refused.details)
    except Exception:
        logger.exception("import %s failed", job_id)
        _finish(
            job_id,
            ImportStatus.FAILED,
            message=_("The import failed because of a problem on our side. Nothing was changed; try again later."),
        )
    else:
        _finish(job_id, ImportStatus.IMPORTED, message=result.message)
    return ImportJob.objects.get(pk=job_id)


def run_waiting_imports(*, older_than_seconds=30):
    """The sweep for jobs whose task never ran (broker down when the file was uploaded) or whose worker died."""
    now = timezone.now()
    ids = list(
        ImportJob.objects.filter(
            Q(status=ImportStatus.WAITING, created_at__lt=now - timedelta(seconds=older_than_seconds))
            | Q(status__in=[ImportStatus.CHECKING, ImportStatus.WRITING], started_at__lt=now - STALE_AFTER)
        ).values_list("pk", flat=True)
    )
    for pk in ids:
        run_import_job(pk)
    return len(ids)
