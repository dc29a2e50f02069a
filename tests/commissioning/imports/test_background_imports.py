"""Long CSV imports run in a background task; short ones stay in the request."""

import datetime
import uuid
from datetime import timedelta

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from django.utils import timezone

from commissioning.audit.models import AuditEntry
from commissioning.enums import Role
from commissioning.imports.models import ImportJob, ImportStatus
from commissioning.imports.services import run_import_job, run_waiting_imports
from priorities.specifications.models import Subscriber
from tests.factories.commissioning import (
    PASSWORD,
    IndicatorFactory,
    StrategicOutcomeFactory,
    person_with_role,
)

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _short_limit(settings):
    settings.CSV_IMPORT_IN_REQUEST_MAX_ROWS = 5


def _file(n, *, bad_row=None):
    lines = ["name,email,organisation"]
    for i in range(n):
        email = "not-an-email" if bad_row == i + 2 else f"person{i}@example.org"
        lines.append(f"Person {i},{email},Org {i}")
    return "\n".join(lines) + "\n"


def _post(client, round_, text):
    return client.post(
        reverse("mailing_import", args=[round_.pk]),
        {"file": SimpleUploadedFile("list.csv", text.encode(), content_type="text/csv")},
    )


@pytest.fixture
def signed_in(client, officer):
    client.login(email=officer.email, password=PASSWORD)
    return client


def test_small_import_is_written_in_the_request(signed_in, round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(signed_in, round_, _file(5))

    assert response.status_code == 302
    assert response.url == reverse("mailing_list", args=[round_.pk])
    assert Subscriber.objects.filter(partnership=round_.partnership).count() == 5
    assert not ImportJob.objects.exists()
    assert callbacks == []


def test_large_import_goes_through_the_task(signed_in, round_, officer, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True) as callbacks:
        response = _post(signed_in, round_, _file(40))

    job = ImportJob.objects.get()
    assert len(callbacks) == 1
    assert response.status_code == 302
    assert response.url == reverse("mailing_import", args=[round_.pk]) + f"?job={job.pk}"
    assert job.status == ImportStatus.IMPORTED
    assert job.created_by == officer and job.round == round_
    assert job.text == ""  # the file is not kept once imported
    assert (job.rows_total, job.rows_checked) == (40, 40)
    assert Subscriber.objects.filter(partnership=round_.partnership, status="confirmed").count() == 40
    entry = AuditEntry.objects.get(action="mailing.imported")
    assert entry.actor == officer and entry.after["created"] == 40

    page = signed_in.get(response.url).content.decode()
    assert "File imported" in page
    assert "40 rows (40 added, 0 updated, 0 unchanged)" in page
    assert 'href="{}"'.format(reverse("mailing_list", args=[round_.pk])) in page


def test_progress_page_while_the_import_waits(signed_in, round_):
    response = _post(signed_in, round_, _file(12))  # the task is queued on commit, which never comes here
    job = ImportJob.objects.get()
    assert job.status == ImportStatus.WAITING and job.text.startswith("name,email")

    page = signed_in.get(response.url).content.decode()

    assert "list.csv (12 rows) is waiting to be imported." in page
    assert f'hx-get="{response.url}"' in page and 'hx-trigger="every 2s"' in page
    assert f'<a class="govuk-link" href="{response.url}">Refresh this page' in page
    assert "htmx.min.js" in page
    assert not Subscriber.objects.exists()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.CHECKING, rows_checked=6)
    fragment = signed_in.get(response.url, headers={"HX-Request": "true"})
    assert "Checking the rows: 6 of 12." in fragment.content.decode()
    assert "<html" not in fragment.content.decode()

    ImportJob.objects.filter(pk=job.pk).update(status=ImportStatus.WAITING)
    run_import_job(job.pk)
    finished = signed_in.get(response.url, headers={"HX-Request": "true"})
    assert finished.headers["HX-Refresh"] == "true"
    assert Subscriber.objects.count() == 12


def test_large_import_with_a_bad_row_writes_nothing(signed_in, round_, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        response = _post(signed_in, round_, _file(40, bad_row=31))

    job = ImportJob.objects.get()
    assert job.status == ImportStatus.REFUSED
    assert job.problems == [[31, "email", "Enter a valid email address."]]
    assert not Subscriber.objects.exists()
    assert not AuditEntry.objects.filter(action="mailing.imported").exists()

    page = signed_in.get(response.url).content.decode()
    assert "The file was not imported: 1 problem was found. Nothing was changed." in page
    assert '<td class="govuk-table__cell">31</td>' in page
    assert "Enter a valid email address." in page
    assert 'id="id_file"' in page  # the form to upload a corrected file


def test_import_job_is_seen_only_by_who_uploaded_it(client, signed_in, round_):
    response = _post(signed_in, round_, _file(12))
    other_officer = person_with_role(round_, Role.OFFICER)
    client.logout()
    client.login(email=other_officer.email, password=PASSWORD)

    assert client.get(response.url).status_code == 404
    url = reverse("mailing_import", args=[round_.pk])
    assert client.get(f"{url}?job={uuid.uuid4()}").status_code == 404
    assert client.get(f"{url}?job=%00not-a-uuid").status_code == 404
    job = ImportJob.objects.get()
    client.logout()
    client.login(email=job.created_by.email, password=PASSWORD)
    assert client.get(response.url).status_code == 200
    evidence_url = reverse("evidence_import_issues", args=[round_.pk])
    assert client.get(f"{evidence_url}?job={job.pk}").status_code == 404  # another import's page


def test_sweep_runs_imports_whose_task_never_ran(round_, officer):
    text = _file(8)
    job = ImportJob.objects.create(
        importer="priorities.specifications.csv_imports.SubscriberImport",
        round=round_,
        created_by=officer,
        filename="list.csv",
        text=text,
        rows_total=8,
    )
    assert run_waiting_imports(older_than_seconds=30) == 0  # just queued: its task may still come
    ImportJob.objects.filter(pk=job.pk).update(created_at=timezone.now() - timedelta(minutes=2))

    assert run_waiting_imports(older_than_seconds=30) == 1

    job.refresh_from_db()
    assert job.status == ImportStatus.IMPORTED
    assert Subscriber.objects.count() == 8
    assert run_import_job(job.pk) is None  # a second run leaves a finished job alone
    assert AuditEntry.objects.filter(action="mailing.imported").count() == 1


def test_job_naming_something_else_than_an_import_fails_cleanly(round_, officer):
    job = ImportJob.objects.create(
        importer="django.contrib.auth.models.User", round=round_, created_by=officer, filename="x.csv", text="a\n1\n"
    )

    run_import_job(job.pk)

    job.refresh_from_db()
    assert job.status == ImportStatus.FAILED
    assert "Nothing was changed" in job.message


def test_reading_dates_survive_the_round_trip_through_the_job(round_, officer):
    indicator = IndicatorFactory(outcome=StrategicOutcomeFactory(round=round_, code="O1"), code="WK1")
    text = "indicator_code,date,area,value\n" + "".join(f"WK1,{2000 + i}-03-31,,{i}\n" for i in range(10))
    job = ImportJob.objects.create(
        importer="commissioning.plan.csv_imports.ReadingImport",
        round=round_,
        created_by=officer,
        filename="readings.csv",
        text=text,
        rows_total=10,
    )

    run_import_job(job.pk)

    assert indicator.readings.get(date=datetime.date(2009, 3, 31)).value == 9
