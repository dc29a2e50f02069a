"""A panel ready to score: default criteria, a chair and two members who declared no interest."""

from dataclasses import dataclass

from panels.membership.enums import MemberRole
from panels.scoring.selectors import criteria_of
from panels.scoring.services import ensure_default_criteria, save_scores
from proposals.writing.enums import CostCategory
from proposals.writing.models import BudgetLine
from tests.factories.panels import PanelFactory, PanelMemberFactory, declare, eligible_proposal
from tests.factories.proposals import ProposalPartnerFactory


@dataclass
class ScoringPanel:
    panel: object
    proposals: list
    chair: object
    first: object
    second: object

    @property
    def criteria(self):
        return criteria_of(self.panel)


def scoring_panel(*, proposals=1, panel=None):
    panel = panel or PanelFactory()
    ensure_default_criteria(panel)
    made = [eligible_proposal(panel, title=f"Proposal {n}") for n in range(1, proposals + 1)]
    chair = PanelMemberFactory(panel=panel, role=MemberRole.CHAIR, user__full_name="Chloe Chair")
    first = PanelMemberFactory(panel=panel, user__full_name="Fay First")
    second = PanelMemberFactory(panel=panel, user__full_name="Sam Second")
    for member in (chair, first, second):
        for proposal in made:
            declare(member, proposal)
    return ScoringPanel(panel=panel, proposals=made, chair=chair, first=first, second=second)


def every_criterion(criteria, value, comment=""):
    return {criterion.pk: (value, comment) for criterion in criteria}


def submitted(member, proposal, values):
    """``member``'s submitted sheet with ``values`` (one score a criterion, in order)."""
    criteria = criteria_of(member.panel)
    scores = {c.pk: (v, "") for c, v in zip(criteria, values, strict=True)}
    return save_scores(member, proposal, scores, by=member.user, submit=True)[0]


def budget(proposal, *amounts_pence):
    """One staff line a year for ``proposal``'s lead partner, year 1 first."""
    partner = ProposalPartnerFactory(proposal=proposal)
    for year, amount in enumerate(amounts_pence, start=1):
        BudgetLine.objects.create(
            proposal=proposal, partner=partner, year=year, category=CostCategory.STAFF, amount_pence=amount
        )
