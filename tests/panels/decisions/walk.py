"""Decisions' pages for the walking tests (tests/walking/registry.py).

Each round is at decisions and award, with a panel for a published specification and an eligible
proposal, a pooled funding source and an approved decision to fund the proposal. In the own round the
bidder's organisation leads the proposal (it reads the decision) and the sponsor acts for the funding
agency (it follows what the agency's money pays for).
"""

from django.utils import timezone

from commissioning.enums import Role, Stage
from commissioning.funding.models import FundingKind, FundingSource
from commissioning.rounds.models import Round, RoundRole
from panels.decisions.enums import DecisionKind, DecisionStatus
from panels.decisions.models import Decision, DecisionFunding
from tests.factories.commissioning import OrganisationFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.factories.proposals import published_specification
from tests.proposals.writing.walk import _bidding_organisation
from tests.walking.registry import OFFICERS, thing, url


@thing("decisions_source")
def _source(world, side):
    round_ = world.round(side)
    source = FundingSource.objects.create(
        round=round_,
        organisation=OrganisationFactory(name=f"Pooled fund of the {side} round"),
        kind=FundingKind.POOLED,
        amounts_pence=[round_.annual_budget_pence] * round_.number_of_years,
    )
    if side == "own":
        RoundRole.objects.filter(round=round_, user=world.person("sponsor")).update(organisation=source.organisation)
    return source


@thing("decisions_proposal")
def _proposal(world, side):
    round_ = world.round(side)
    panel = PanelFactory(specification=published_specification(round_))
    proposal = eligible_proposal(
        panel, lead_organisation=_bidding_organisation(world, side), title=f"Decided proposal of the {side} round"
    )
    Round.objects.filter(pk=round_.pk).update(stage=Stage.AWARD)
    round_.stage = Stage.AWARD
    source = world.get(side, "decisions_source")
    decision = Decision.objects.create(
        proposal=proposal,
        kind=DecisionKind.FUND,
        reasons="A strong partnership.",
        feedback="Keep residents at the centre.",
        amounts_pence=[1_000_00] * round_.number_of_years,
        status=DecisionStatus.APPROVED,
        decided_at=timezone.now(),
        approved_at=timezone.now(),
    )
    for year in range(1, round_.number_of_years + 1):
        DecisionFunding.objects.create(decision=decision, source=source, year=year, amount_pence=1_000_00)
    return proposal


def _round_with_decision(world, side):
    world.get(side, "decisions_proposal")
    return world.round(side).pk


def _decision_form(world, side):
    return {
        "kind": "fund",
        "reasons": "Strong.",
        "change_reason": "Less money.",
        "amount_1": "1",
        "amount_2": "1",
        "amount_3": "1",
    }


url("decisions_list", round_pk=_round_with_decision, allow=OFFICERS)
url("decisions_csv", round_pk=_round_with_decision, allow=OFFICERS)
url(
    "decisions_settings",
    round_pk=_round_with_decision,
    allow=OFFICERS,
    data=lambda world, side: {"approver_kind": "board_chair", "board_chair": world.person(Role.BOARD.value).pk},
)
url("decisions_agency", round_pk=_round_with_decision, allow=OFFICERS | {Role.SPONSOR.value})
url("decisions_record", proposal_pk="decisions_proposal", allow=OFFICERS, data=_decision_form)
url("decisions_approve", proposal_pk="decisions_proposal", allow=OFFICERS)
url("decisions_bidder", proposal_pk="decisions_proposal", allow={Role.BIDDER.value})
