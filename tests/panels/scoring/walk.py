"""Scoring's pages for the walking tests (tests/walking/registry.py).

Each round has a panel for its published specification's priority with the default criteria and an
eligible proposal; in the own round, the panel person chairs the panel and has declared no interest
in it, so they score, moderate and recommend. Officers edit the criteria and read the ranking.
"""

from django.utils import timezone

from panels.membership.enums import MemberRole
from panels.membership.models import Declaration, Panel, PanelMember
from panels.membership.selectors import panel_proposals
from panels.scoring.services import ensure_default_criteria
from proposals.writing.enums import Eligibility, ProposalState
from tests.factories.proposals import ProposalFactory
from tests.walking.registry import OFFICERS, thing, url

CHAIR = {"panel"}


@thing("scoring_panel")
def _panel(world, side):
    spec = world.get(side, "specification")
    panel, _created = Panel.objects.get_or_create(priority=spec.priority, defaults={"round": spec.round})
    ensure_default_criteria(panel)
    return panel


@thing("scoring_proposal")
def _proposal(world, side):
    panel = world.get(side, "scoring_panel")
    proposal = ProposalFactory(
        specification=panel.priority.specification,
        state=ProposalState.SUBMITTED,
        submitted_at=timezone.now(),
        version=1,
        eligibility=Eligibility.ELIGIBLE,
        title=f"Scored proposal of the {side} round",
    )
    if side == "own":
        member, _created = PanelMember.objects.get_or_create(
            panel=panel, user=world.person("panel"), defaults={"role": MemberRole.CHAIR}
        )
        for each in panel_proposals(panel):
            Declaration.objects.get_or_create(member=member, proposal=each, defaults={"has_interest": False})
    return proposal


def _panel_pk(world, side):
    world.get(side, "scoring_proposal")
    return world.get(side, "scoring_panel").pk


url("scoring_list", panel_pk=_panel_pk, allow=OFFICERS | CHAIR)
url("scoring_criteria", panel_pk=_panel_pk, allow=OFFICERS | CHAIR)
url("scoring_criteria_edit", panel_pk=_panel_pk, allow=OFFICERS | CHAIR)
url("scoring_ranking", panel_pk=_panel_pk, allow=OFFICERS | CHAIR)
url("scoring_sheet", proposal_pk="scoring_proposal", allow=CHAIR)
url("scoring_moderation", proposal_pk="scoring_proposal", allow=CHAIR | {"superuser"})
url(
    "scoring_recommendation",
    proposal_pk="scoring_proposal",
    allow=CHAIR | {"superuser"},
    data=lambda world, side: {"kind": "fund", "reasons": "Strong."},
)
