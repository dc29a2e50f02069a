"""The receipt PDF ("proposals.receipt"): one a submitted version, read from that version's JSON,
so that it says what was submitted whatever changed since."""

import datetime

from proposals.submission.models import ProposalVersion
from proposals.submission.reading import read_version
from proposals.writing.services import when

RECEIPT_PDF = "proposals.receipt"


def build_receipt_pdf(document):
    version = ProposalVersion.objects.select_related(
        "proposal__round", "proposal__specification", "proposal__lead_organisation", "submitted_by"
    ).get(proposal_id=document.object_id, number=document.version)
    proposal = version.proposal
    round_ = proposal.round
    deadline = version.data.get("proposal", {}).get("deadline")
    return "pdf/proposals/submission/receipt.html", {
        "proposal": proposal,
        "version": version,
        "round": round_,
        "years": round_.years,
        "submitted_at": when(version.submitted_at),
        "deadline": when(datetime.datetime.fromisoformat(deadline)) if deadline else "",
        **read_version(version.data, round_.number_of_years),
    }
