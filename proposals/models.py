"""The models of every area of the proposals stage, gathered for Django (the app's models module)."""

from proposals.bidders.models import Bidder
from proposals.review.models import ProposalExport, SimilarProposal
from proposals.submission.models import ProposalVersion
from proposals.writing.models import (
    Attachment,
    BudgetLine,
    Milestone,
    Output,
    Proposal,
    ProposalIndicator,
    ProposalIndicatorTarget,
    ProposalPartner,
    Risk,
    ThemeResponse,
)

__all__ = [
    "Attachment",
    "Bidder",
    "BudgetLine",
    "Milestone",
    "Output",
    "Proposal",
    "ProposalExport",
    "ProposalIndicator",
    "ProposalIndicatorTarget",
    "ProposalPartner",
    "ProposalVersion",
    "Risk",
    "SimilarProposal",
    "ThemeResponse",
]
