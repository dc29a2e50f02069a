import uuid

from django.conf import settings
from django.http import Http404
from django.shortcuts import redirect, render
from django_htmx.http import HttpResponseClientRefresh

from commissioning.common.csv_import.engine import RowError
from commissioning.common.csv_import.views import CsvImportView, UploadForm
from commissioning.imports import selectors, services
from commissioning.imports.models import ImportStatus


class BackgroundCsvImportView(CsvImportView):
    """An upload page whose long files are imported by a background task.

    A file of up to ``CSV_IMPORT_IN_REQUEST_MAX_ROWS`` rows is imported at once, as before. A longer
    one is kept as an import job and the page moves to ``?job=<id>``: how far the check has gone
    (htmx asks again every two seconds; without JavaScript a link reloads it), then the outcome,
    with the row-by-row report of a refused file.
    """

    progress_template_name = "includes/csv_import_progress.html"
    progress_fragment_name = "includes/_csv_import_progress.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(background_rows=settings.CSV_IMPORT_IN_REQUEST_MAX_ROWS, **kwargs)

    def import_file(self, upload):
        importer = self.get_importer()
        filename, text = importer.read(upload)
        rows = importer.count_rows(text)
        if rows <= settings.CSV_IMPORT_IN_REQUEST_MAX_ROWS:
            return self.imported(importer.run_text(text, filename).message)
        job = services.start_import(importer, filename=filename, text=text, rows=rows)
        return redirect(f"{self.request.path}?job={job.pk}")

    def get(self, request, *args, **kwargs):
        if "job" in request.GET:
            return self.show_job(request.GET["job"])
        return super().get(request, *args, **kwargs)

    def get_job(self, job_id):
        try:
            job_id = uuid.UUID(job_id)
        except ValueError:
            raise Http404 from None
        job = selectors.import_job_for(
            self.request.user,
            job_id,
            importer=services.importer_path(self.importer_class),
            round_=getattr(self, "round", None),
        )
        if job is None:
            raise Http404
        return job

    def show_job(self, job_id):
        job = self.get_job(job_id)
        if self.request.htmx:
            if job.finished:
                return HttpResponseClientRefresh()
            context = {"job": job, "job_url": self.request.get_full_path()}
            return render(self.request, self.progress_fragment_name, context)
        if job.status in (ImportStatus.REFUSED, ImportStatus.FAILED):
            errors = [RowError(row, column, message) for row, column, message in job.problems]
            return self.render(UploadForm(), refused=job.message, errors=errors, filename=job.filename)
        return render(
            self.request,
            self.progress_template_name,
            self.get_context_data(job=job, job_url=self.request.get_full_path(), success_url=self.get_success_url()),
        )
