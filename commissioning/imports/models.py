import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class ImportStatus(models.TextChoices):
    WAITING = "waiting", _("Waiting to start")
    CHECKING = "checking", _("Checking the rows")
    WRITING = "writing", _("Saving the records")
    IMPORTED = "imported", _("Imported")
    REFUSED = "refused", _("Not imported")
    FAILED = "failed", _("Failed")


FINISHED = (ImportStatus.IMPORTED, ImportStatus.REFUSED, ImportStatus.FAILED)


class ImportJob(models.Model):
    """One uploaded file waiting for, or done with, its background import.

    The file's text is kept here, out of public storage, until the import has finished; its
    random id is the only way to its page, and only for the person who uploaded it.
    """

    id = models.UUIDField(primary_key=True, default=uuid.uuid4, editable=False)
    importer = models.CharField(max_length=200)
    round = models.ForeignKey("Round", on_delete=models.CASCADE, null=True, blank=True, related_name="import_jobs")
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="import_jobs")
    filename = models.CharField(max_length=255)
    text = models.TextField(blank=True)
    status = models.CharField(max_length=10, choices=ImportStatus.choices, default=ImportStatus.WAITING)
    rows_total = models.PositiveIntegerField(default=0)
    rows_checked = models.PositiveIntegerField(default=0)
    message = models.TextField(blank=True)
    problems = models.JSONField(default=list, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    started_at = models.DateTimeField(null=True, blank=True)
    finished_at = models.DateTimeField(null=True, blank=True)

    class Meta:
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"])]

    def __str__(self):
        return f"{self.filename} ({self.get_status_display()})"

    @property
    def finished(self):
        return self.status in FINISHED

    @property
    def percent_checked(self):
        return min(100, round(100 * self.rows_checked / self.rows_total)) if self.rows_total else 0
