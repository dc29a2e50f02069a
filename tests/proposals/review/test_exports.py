"""Exports of the proposal list: made by a task with its progress, downloaded by officers only."""

import csv
import io

import pytest
from django.urls import reverse
from openpyxl import load_workbook

from commissioning.enums import Role
from proposals.review.models import ExportStatus, ProposalExport
from proposals.review.services import request_export, run_waiting_exports
from tests.factories.commissioning import person_with_role
from tests.factories.proposals import bidder_person, published_specification
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec():
    return published_specification()


@pytest.fixture
def officer(spec):
    return person_with_role(spec.round, Role.OFFICER, full_name="Olive Officer")


def download(client, export):
    response = client.get(reverse("review_export_download", args=[export.round_id, export.pk]))
    return response, b"".join(response.streaming_content)


def test_csv_export_has_each_years_request_and_the_total(client, spec, officer, django_capture_on_commit_callbacks):
    submitted(spec, title="=HYPERLINK(evil)", budget={1: 100_000_00, 2: 25_000_50})
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("review_exports", args=[spec.round_id]), {"export_format": "csv"})

    export = ProposalExport.objects.get()
    assert response.url == reverse("review_export", args=[spec.round_id, export.pk])
    assert (export.status, export.rows_done, export.rows_total) == (ExportStatus.READY, 1, 1)
    answer, body = download(client, export)
    assert answer["Cache-Control"] == "private, no-store"
    assert answer["Content-Disposition"].startswith('attachment; filename="proposals-')
    rows = list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))
    years = spec.round.years
    assert rows[0][7:10] == [
        f"Requested in {years[0].label} (£)",
        f"Requested in {years[1].label} (£)",
        f"Requested in {years[2].label} (£)",
    ]
    assert rows[1][1] == "'=HYPERLINK(evil)"
    assert rows[1][7:] == ["100000", "25000.5", "0", "125000.5", "0"]


def test_excel_export_is_a_workbook_with_the_same_rows(client, spec, officer, django_capture_on_commit_callbacks):
    submitted(spec, title="Youth into work", budget={1: 100_000_00})
    client.force_login(officer)

    with django_capture_on_commit_callbacks(execute=True):
        client.post(reverse("review_exports", args=[spec.round_id]), {"export_format": "xlsx"})

    export = ProposalExport.objects.get()
    _answer, body = download(client, export)
    sheet = load_workbook(io.BytesIO(body), read_only=True).active
    rows = [list(row) for row in sheet.iter_rows(values_only=True)]
    assert rows[1][1] == "Youth into work"
    assert rows[1][7] == 100000
    assert len(rows) == 2


def test_progress_page_polls_until_ready_then_offers_the_download(client, spec, officer):
    submitted(spec)
    export = request_export(spec.round, export_format="csv", by=officer)  # not committed: still waiting
    client.force_login(officer)
    url = reverse("review_export", args=[spec.round_id, export.pk])

    waiting = client.get(url).content.decode()
    fragment = client.get(url, headers={"HX-Request": "true"}).content.decode()
    run_waiting_exports(older_than_seconds=0)
    ready = client.get(url).content.decode()

    assert "The file is waiting to be prepared." in waiting
    assert 'hx-trigger="every 2s"' in waiting
    assert "Refresh this page to see how far it has got" in waiting
    assert fragment.startswith('<div id="export-progress"')
    assert "<html" not in fragment
    assert "The file is ready" in ready
    assert "hx-trigger" not in ready
    assert reverse("review_export_download", args=[spec.round_id, export.pk]) in ready


def test_an_export_not_ready_is_not_downloaded(client, spec, officer):
    export = ProposalExport.objects.create(round=spec.round, format="csv")
    client.force_login(officer)

    assert client.get(reverse("review_export_download", args=[spec.round_id, export.pk])).status_code == 404


def test_exports_are_not_found_for_a_bidder_or_another_rounds_officer(
    client, spec, officer, django_capture_on_commit_callbacks
):
    proposal = submitted(spec)
    with django_capture_on_commit_callbacks(execute=True):
        export = request_export(spec.round, export_format="csv", by=officer)
    bidder = bidder_person(spec.round, proposal.lead_organisation)
    elsewhere = published_specification()
    stranger = person_with_role(elsewhere.round, Role.OFFICER)

    for person in (bidder, stranger):
        client.force_login(person)
        assert client.get(reverse("review_export", args=[spec.round_id, export.pk])).status_code == 404
        assert client.get(reverse("review_export_download", args=[spec.round_id, export.pk])).status_code == 404
        # The other round's officer with their own round's id: still not found.
        assert client.get(reverse("review_export_download", args=[elsewhere.round_id, export.pk])).status_code == 404
        client.post(reverse("review_exports", args=[spec.round_id]), {"export_format": "csv"})
    assert ProposalExport.objects.count() == 1


def test_a_bad_format_is_refused_with_a_message(client, spec, officer):
    client.force_login(officer)

    response = client.post(reverse("review_exports", args=[spec.round_id]), {"export_format": "pdf"})

    assert response.status_code == 200
    assert "Select the file format from the list" in response.content.decode()
    assert not ProposalExport.objects.exists()
