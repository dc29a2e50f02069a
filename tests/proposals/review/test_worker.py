"""Through a real Celery worker on Redis: an export asked for on the page is written by the worker,
its progress reaches the page, and the file downloads; a submission's similar proposals are found."""

import csv
import io

import pytest
from django.urls import reverse

from commissioning.enums import Role
from proposals.review.models import ExportStatus, ProposalExport, SimilarProposal
from proposals.writing import events
from tests.celery_support import wait_for
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.proposals import published_specification
from tests.proposals.review.helpers import submitted

pytestmark = pytest.mark.celery_worker

TEXT = "Mentoring young care leavers into apprenticeships with local employers and taster days."


def test_export_and_similar_proposals_through_the_worker(real_celery, client):
    spec = published_specification()
    job_club = OrganisationFactory(name="Foleshill Job Club")
    first = submitted(spec, title="Care leavers into work", activity=TEXT, partners=[job_club], budget={1: 5_000_00})
    second = submitted(spec, title="Apprenticeships for care leavers", activity=TEXT, partners=[job_club])
    officer = person_with_role(spec.round, Role.OFFICER)
    client.force_login(officer)

    response = client.post(reverse("review_exports", args=[spec.round_id]), {"export_format": "csv"})
    events.proposal_changed(second, event=events.SUBMITTED)  # no transaction here: queued at once

    export = ProposalExport.objects.get()
    assert response.url == reverse("review_export", args=[spec.round_id, export.pk])
    wait_for(
        lambda: ProposalExport.objects.filter(pk=export.pk, status=ExportStatus.READY).exists(),
        timeout=90,
        message="the export to be ready",
    )
    wait_for(
        lambda: SimilarProposal.objects.filter(proposal=first, other=second).exists(),
        timeout=90,
        message="the similar proposals to be found",
    )
    page = client.get(reverse("review_export", args=[spec.round_id, export.pk])).content.decode()
    assert "The file is ready" in page
    download = client.get(reverse("review_export_download", args=[spec.round_id, export.pk]))
    rows = list(csv.reader(io.StringIO(b"".join(download.streaming_content).decode("utf-8-sig"))))
    assert sorted(row[1] for row in rows[1:]) == ["Apprenticeships for care leavers", "Care leavers into work"]
    assert SimilarProposal.objects.get(proposal=second).other == first
