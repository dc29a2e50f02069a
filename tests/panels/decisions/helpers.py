"""A round at decisions and award: one panel, eligible proposals with budgets and recommendations, two
officers, the specification's maximum and the round's money set by the test."""

from dataclasses import dataclass

from commissioning.enums import Role, Stage
from commissioning.funding.models import FundingKind
from commissioning.organisations.models import Organisation
from commissioning.rounds.models import Round
from panels.scoring.enums import RecommendationKind
from panels.scoring.models import Recommendation
from priorities.specifications.models import Specification
from tests.factories.commissioning import OrganisationFactory, person_with_role
from tests.factories.decisions import FundingSourceFactory
from tests.factories.panels import PanelFactory, eligible_proposal
from tests.panels.scoring.helpers import budget

POUND = 100


@dataclass
class AwardRound:
    round: object
    panel: object
    specification: object
    proposals: list
    officer: object
    second: object

    @property
    def years(self):
        return list(self.round.years)


def award_round(
    *, proposals=1, asked=(40_000, 40_000, 40_000), maximum=(100_000, 100_000, 100_000), budget_pounds=None
):
    """``asked``, ``maximum`` and ``budget_pounds`` in pounds a year (three years)."""
    panel = PanelFactory()
    round_ = panel.round
    updates = {"stage": Stage.AWARD}
    if budget_pounds is not None:
        updates["annual_budget_pence"] = budget_pounds * POUND
    Round.objects.filter(pk=round_.pk).update(**updates)
    round_.refresh_from_db()
    specification = panel.priority.specification
    Specification.objects.filter(pk=specification.pk).update(allocations_pence=[m * POUND for m in maximum])
    specification.refresh_from_db()
    made = []
    for n in range(1, proposals + 1):
        proposal = eligible_proposal(panel, title=f"Proposal {n}")
        budget(proposal, *(a * POUND for a in asked))
        Recommendation.objects.create(
            proposal=proposal, kind=RecommendationKind.FUND, reasons=f"The panel liked proposal {n}."
        )
        made.append(proposal)
    officer = person_with_role(round_, Role.OFFICER, full_name="Olive Officer")
    second = person_with_role(round_, Role.OFFICER, full_name="Sam Second")
    return AwardRound(round_, panel, specification, made, officer, second)


def _agency(name):
    return Organisation.objects.filter(name=name).first() or OrganisationFactory(name=name)


def pooled(round_, pounds, name="Coventry Pooled Fund"):
    return FundingSourceFactory(
        round=round_,
        organisation=_agency(name),
        kind=FundingKind.POOLED,
        amounts_pence=[pounds * POUND] * round_.number_of_years,
    )


def aligned(round_, pounds, name="Coventry Health Board"):
    return FundingSourceFactory(
        round=round_,
        organisation=_agency(name),
        kind=FundingKind.ALIGNED,
        amounts_pence=[pounds * POUND] * round_.number_of_years,
    )
