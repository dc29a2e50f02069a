"""A long import run by a real Celery worker on Redis and PostgreSQL (see tests/celery_support.py)."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from commissioning.imports.models import ImportJob, ImportStatus
from priorities.specifications.models import Subscriber
from tests.celery_support import wait_for
from tests.factories.commissioning import PASSWORD, RoundFactory, person_with_role

pytestmark = pytest.mark.celery_worker


def _status(job):
    job.refresh_from_db()
    return job.status


def test_long_import_is_run_by_the_worker(real_celery, client, settings):
    settings.CSV_IMPORT_IN_REQUEST_MAX_ROWS = 100
    round_ = RoundFactory()
    officer = person_with_role(round_, Role.OFFICER)
    client.login(email=officer.email, password=PASSWORD)
    text = "name,email,organisation\n" + "".join(f"Person {n},person{n}@example.org,\n" for n in range(3000))

    response = client.post(
        reverse("mailing_import", args=[round_.pk]),
        {"file": SimpleUploadedFile("list.csv", text.encode(), content_type="text/csv")},
    )

    assert response.status_code == 302
    job = ImportJob.objects.get()
    wait_for(lambda: _status(job) == ImportStatus.IMPORTED, message="the worker to import the file")
    assert Subscriber.objects.filter(partnership=round_.partnership).count() == 3000
    assert AuditEntry.objects.get(action="mailing.imported").after["created"] == 3000
    assert job.text == ""
    page = client.get(response.url).content.decode()
    assert "File imported" in page and "3000 rows (3000 added" in page
