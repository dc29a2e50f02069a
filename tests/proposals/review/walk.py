"""The officers' review pages for the walking tests (tests/walking/registry.py).

Each round has a submitted proposal answering its published specification, and a finished export
of its proposal list.
"""

from django.core.files.base import ContentFile
from django.utils import timezone

from proposals.review.models import ExportFormat, ExportStatus, ProposalExport
from proposals.writing.enums import ProposalState
from tests.factories.proposals import ProposalFactory
from tests.walking.registry import OFFICERS, thing, url


@thing("reviewed_proposal")
def _submitted_proposal(world, side):
    return ProposalFactory(
        specification=world.get(side, "specification"),
        state=ProposalState.SUBMITTED,
        submitted_at=timezone.now(),
        version=1,
        title=f"Proposal of the {side} round",
    )


@thing("proposal_export")
def _proposal_export(world, side):
    export = ProposalExport.objects.create(
        round=world.round(side), format=ExportFormat.CSV, status=ExportStatus.READY, rows_done=1, rows_total=1
    )
    export.file.save(f"proposals-{side}.csv", ContentFile(b"Reference,Title\r\n"))
    return export


def _eligibility_data(world, side):
    return {"decision": "no", "reason": "Outside the area."}


url("review_proposals", allow=OFFICERS)
url("review_specification_proposals", specification_pk="specification", allow=OFFICERS)
url("review_proposal", pk="reviewed_proposal", allow=OFFICERS)
url("review_eligibility", pk="reviewed_proposal", allow=OFFICERS, data=_eligibility_data)
url("review_exports", allow=OFFICERS, data=lambda world, side: {"export_format": "csv"})
url("review_export", pk="proposal_export", allow=OFFICERS)
url("review_export_download", pk="proposal_export", allow=OFFICERS)
