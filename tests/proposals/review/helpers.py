"""Submitted proposals with consortia and budgets, as the review finds them."""

from django.utils import timezone

from proposals.writing.enums import CostCategory, ProposalState
from proposals.writing.models import BudgetLine
from tests.factories.proposals import ProposalFactory, ProposalPartnerFactory


def submitted(specification=None, *, budget=None, partners=(), **fields):
    """A submitted proposal; ``budget`` maps a year to the pence its lead asks for that year (staff costs)."""
    kwargs = {"specification": specification} if specification is not None else {}
    proposal = ProposalFactory(
        state=ProposalState.SUBMITTED, submitted_at=timezone.now(), version=1, **kwargs, **fields
    )
    lead = proposal.partners.get(is_lead=True)
    for year, pence in (budget or {}).items():
        BudgetLine.objects.create(
            proposal=proposal, partner=lead, year=year, category=CostCategory.STAFF, amount_pence=pence
        )
    for organisation in partners:
        ProposalPartnerFactory(proposal=proposal, organisation=organisation)
    return proposal
